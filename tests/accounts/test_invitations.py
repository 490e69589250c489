"""Gi tilgang til portalen: a seated person gets a user and an e-mail to choose a password."""

import threading

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.db import connection
from django.urls import reverse

from accounts import invitations
from accounts.models import User
from projects import permissions, services
from projects.models import GroupMembership
from samarbeid.outbox.models import OutboxMessage
from tests import outbox_helpers
from tests.accounts.helpers import link_in
from tests.conftest import build_world, require_real_service
from tests.outbox_helpers import deliver_waiting as deliver

TASK = "accounts.tasks.send_invitation"


@pytest.fixture
def kari(world):
    """A member of VÅG's steering group from Grue, with an address and no login."""
    person = services.person_create(
        name="Kari Nordmann", organisation=world.grue, email="Kari.Nordmann@grue.kommune.example"
    )
    services.group_membership_add(group=world.steering_group, person=person, role="member")
    return person


def invite_url(person):
    return reverse("accounts:person_invite", args=[person.pk])


@pytest.mark.parametrize("role", ["portal_admin", "project_admin", "secretary"])
def test_who_runs_the_group_gives_access(world, client_for, kari, role):
    client = client_for(world.users[role])
    page = client.get(invite_url(kari)).content.decode()
    assert "Gi tilgang til portalen" in page and "kari.nordmann@grue.kommune.example" in page
    response = client.post(invite_url(kari))
    assert response.status_code == 302
    kari.refresh_from_db()
    user = kari.user
    assert user.username == "kari.nordmann@grue.kommune.example"
    assert user.email == "Kari.Nordmann@grue.kommune.example"
    assert user.organisation == world.grue
    assert (user.first_name, user.last_name) == ("Kari", "Nordmann")
    assert not user.has_usable_password()
    # Her seat grants what it should at once: she takes part in the steering group.
    assert permissions.has_group_perm(user, permissions.TAKE_PART, world.steering_group)
    assert list(user.groups.all()) == [permissions.organisation_auth_group(world.grue)]
    # Recorded for the worker, not sent in the request.
    assert mail.outbox == []
    assert OutboxMessage.objects.filter(task=TASK).count() == 1
    followed = client.get(response["Location"]).content.decode()
    assert "Kari.Nordmann@grue.kommune.example" in followed


@pytest.mark.parametrize("role", ["member", "reader", "director", "outsider"])
def test_others_get_404(world, client_for, kari, role):
    client = client_for(world.users[role])
    assert client.get(invite_url(kari)).status_code == 404
    assert client.post(invite_url(kari)).status_code == 404
    kari.refresh_from_db()
    assert kari.user is None


def test_anonymous_is_sent_to_log_in(client, kari):
    response = client.post(invite_url(kari))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_seat_that_has_ended_gives_the_secretary_no_say(world, client_for, kari):
    import datetime

    seat = GroupMembership.objects.get(person=kari)
    services.group_membership_end(membership=seat, end_date=datetime.date(2020, 1, 1))
    assert client_for(world.users["secretary"]).get(invite_url(kari)).status_code == 404
    assert client_for(world.users["portal_admin"]).get(invite_url(kari)).status_code == 200


def test_the_email_has_the_link_and_following_it_sets_the_password_and_logs_in(
    world, client_for, kari, client
):
    client_for(world.users["secretary"]).post(invite_url(kari))
    assert deliver(TASK) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Kari.Nordmann@grue.kommune.example"]
    assert "tilgang til Samarbeid" in message.subject
    assert "kari.nordmann@grue.kommune.example" in message.body
    assert "3 dager" in message.body
    client.logout()
    link = link_in(message)
    form = client.get(link, follow=True)
    page = form.content.decode()
    assert "Velkommen til Samarbeid" in page and "new_password1" in page
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "et-langt-passord-77", "new_password2": "et-langt-passord-77"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    kari.refresh_from_db()
    assert kari.user.check_password("et-langt-passord-77")
    assert client.session[SESSION_KEY] == str(kari.user.pk)
    client.logout()
    assert "Lenken virker ikke lenger" in client.get(link, follow=True).content.decode()
    # Taken up: the invitation is not sent again, not even by a late delivery.
    assert invitations.invitation_problem(kari) is not None


def test_a_reset_link_does_not_open_the_invitation_page(world, client_for, kari, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    client_for(world.users["portal_admin"]).post(invite_url(kari))
    kari.refresh_from_db()
    client.logout()
    uid = urlsafe_base64_encode(force_bytes(kari.user.pk))
    token = default_token_generator.make_token(kari.user)
    url = reverse("accounts:invitation_accept", args=[uid, token])
    assert "Lenken virker ikke lenger" in client.get(url, follow=True).content.decode()


def test_without_an_email_address_the_page_says_so_and_nothing_is_made(world, client_for, kari):
    kari.email = ""
    kari.save()
    client = client_for(world.users["secretary"])
    page = client.get(invite_url(kari)).content.decode()
    assert "har ingen e-postadresse" in page and "Gi tilgang</button>" not in page
    response = client.post(invite_url(kari), follow=True)
    assert "har ingen e-postadresse" in response.content.decode()
    assert not User.objects.filter(username__icontains="kari").exists()
    assert not OutboxMessage.objects.filter(task=TASK).exists()


def test_an_address_another_user_has_is_refused(world, client_for, kari):
    reader = world.users["reader"]
    reader.email = "kari.nordmann@GRUE.kommune.example"
    reader.save()
    response = client_for(world.users["project_admin"]).post(invite_url(kari), follow=True)
    assert "allerede brukt av en annen bruker" in response.content.decode()
    kari.refresh_from_db()
    assert kari.user is None


def test_someone_with_access_already_is_told_so(world, client_for):
    member_person = world.users["member"].person
    response = client_for(world.users["secretary"]).post(invite_url(member_person), follow=True)
    assert "har allerede tilgang" in response.content.decode()


def test_an_invitation_not_taken_up_can_be_sent_again(world, client_for, kari):
    client = client_for(world.users["secretary"])
    client.post(invite_url(kari))
    page = client.get(invite_url(kari)).content.decode()
    assert "Send invitasjonen på nytt" in page
    client.post(invite_url(kari))
    assert User.objects.filter(person=kari).count() == 1
    deliver(TASK)
    assert len(mail.outbox) == 2
    # Both links work until one is used.
    assert link_in(mail.outbox[0]) and link_in(mail.outbox[1])


def test_next_goes_back_only_within_the_portal(world, client_for, kari):
    client = client_for(world.users["portal_admin"])
    back = reverse("projects:detail", args=[world.project.slug])
    assert client.post(invite_url(kari), {"next": back})["Location"] == back
    other = client.post(invite_url(kari), {"next": "https://evil.example/"})
    assert other["Location"] == invite_url(kari)


@pytest.mark.django_db(transaction=True)
def test_two_admins_inviting_at_once_make_one_user(monkeypatch):
    """The person's row is locked: the second waits, then finds the invitation pending."""
    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    held = outbox_helpers.hold(monkeypatch, TASK)
    world = build_world()
    person = services.person_create(
        name="Per Hansen", organisation=world.valer, email="per.hansen@valer.kommune.example"
    )
    services.group_membership_add(group=world.steering_group, person=person, role="member")
    barrier = threading.Barrier(2)
    errors = []

    def invite(by):
        try:
            barrier.wait(timeout=5)
            invitations.account_invite(person=person, by=by)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=invite, args=(world.users[role],))
        for role in ("portal_admin", "project_admin")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert User.objects.filter(email__iexact="per.hansen@valer.kommune.example").count() == 1
    person.refresh_from_db()
    assert person.user is not None
    # The first made the user and its invitation; the second sent it again.
    assert [args[0] for args in held] == [person.user_id, person.user_id]
