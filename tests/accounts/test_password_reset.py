"""Glemt passordet?: a link by e-mail through the outbox, the same answer for any address."""

import pytest
from django.core import mail
from django.urls import reverse

from samarbeid.outbox.models import OutboxMessage
from tests.accounts.helpers import link_in
from tests.outbox_helpers import deliver_waiting as deliver

TASK = "accounts.tasks.send_password_reset"


@pytest.fixture
def member(world):
    user = world.users["member"]
    user.email = "Medlem@Grue.kommune.example"
    user.set_password("gammelt-passord-123")
    user.save()
    return user


def ask(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_login_page_links_to_the_reset_page(client, db):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page
    assert "Glemt passordet?" in page


def test_the_reset_page_is_norwegian(client, db):
    page = client.get(reverse("password_reset")).content.decode()
    assert "Glemt passord" in page and "Send lenken" in page


def test_a_known_address_records_one_email_and_the_request_sends_nothing(client, member):
    response = ask(client, "medlem@grue.kommune.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    # Recorded for the worker; nothing was sent inside the request.
    assert OutboxMessage.objects.filter(task=TASK, args=[member.pk]).count() == 1
    assert mail.outbox == []
    assert deliver(TASK) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Medlem@Grue.kommune.example"]
    assert "nytt passord" in message.subject
    assert "3 dager" in message.body and member.username in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, member):
    known = ask(client, "medlem@grue.kommune.example")
    unknown = ask(client, "ingen@grue.kommune.example")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert OutboxMessage.objects.filter(task=TASK).count() == 1
    done = client.get(reverse("password_reset_done")).content.decode()
    assert "Hvis adressen hører til en brukerkonto" in done


def test_asking_again_and_again_sends_one_email(client, member):
    for _ in range(5):
        ask(client, "medlem@grue.kommune.example")
    deliver(TASK)
    assert len(mail.outbox) == 1


def test_a_broken_address_is_refused_in_norwegian(client, member):
    response = ask(client, "ikke en adresse")
    assert response.status_code == 200
    assert "Oppgi en gyldig e-postadresse" in response.content.decode()
    too_long = ask(client, "a" * 300 + "@example.com")
    assert too_long.status_code == 200
    assert not OutboxMessage.objects.filter(task=TASK).exists()


def test_following_the_link_sets_the_password_once(client, member):
    ask(client, "medlem@grue.kommune.example")
    deliver(TASK)
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "nytt-langt-passord-42", "new_password2": "nytt-langt-passord-42"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    member.refresh_from_db()
    assert member.check_password("nytt-langt-passord-42")
    assert client.login(username=member.username, password="nytt-langt-passord-42")
    client.logout()
    # Spent: the same link answers that it is no longer valid.
    again = client.get(link, follow=True).content.decode()
    assert "Lenken virker ikke lenger" in again


def test_a_forged_token_opens_nothing(client, member):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(member.pk))
    url = reverse("password_reset_confirm", args=[uid, "c0ffee-0123456789abcdef"])
    page = client.get(url, follow=True).content.decode()
    assert "Lenken virker ikke lenger" in page
    assert "new_password1" not in page


def test_the_mismatched_passwords_are_refused_in_norwegian(client, member):
    ask(client, "medlem@grue.kommune.example")
    deliver(TASK)
    form = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "nytt-langt-passord-42", "new_password2": "noe-annet-helt-42"},
    )
    assert response.status_code == 200
    assert "passordfeltene" in response.content.decode().lower()
    member.refresh_from_db()
    assert member.check_password("gammelt-passord-123")


def test_an_inactive_user_or_one_without_password_login_gets_nothing(client, member, world):
    member.set_unusable_password()
    member.last_login = member.date_joined
    member.save()
    other = world.users["reader"]
    other.email = "leser@grue.kommune.example"
    other.is_active = False
    other.save()
    ask(client, "medlem@grue.kommune.example")
    ask(client, "leser@grue.kommune.example")
    assert not OutboxMessage.objects.filter(task=TASK).exists()


def test_a_reset_recorded_for_a_user_deactivated_since_sends_nothing(client, member):
    ask(client, "medlem@grue.kommune.example")
    member.is_active = False
    member.save()
    deliver(TASK)
    assert mail.outbox == []
