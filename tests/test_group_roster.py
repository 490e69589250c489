"""A group's roster kept by its own secretary: add, add several, edit, end; deputies.

Posted as the browser sends the page (tests/browser_forms.py), as the steering group's
secretary, who holds manage_members on that group and nothing more.
"""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from projects import membership_services, services
from projects.models import GroupMembership, ProjectGroup
from samarbeid.conflicts import EditConflict
from tests.browser_forms import parse_forms, submission, type_into
from tests.conftest import build_world
from tests.factories import PersonFactory


def the_form(html, field):
    (form,) = [f for f in parse_forms(html) if field in f.field_names()]
    return form


def fill_and_send(client, url, values, *, field, press=None):
    """GET the page, type ``values`` into its form (the one with ``field``), submit it."""
    page = client.get(url)
    assert page.status_code == 200
    form = type_into(the_form(page.content.decode(), field), values)
    return client.post(url, submission(form, today=timezone.localdate(), press=press).data)


def send_add(client, group, values):
    return fill_and_send(
        client, group_url(group, "membership_add"), values, field="new_person_name"
    )


def send_edit(client, seat, values):
    url = group_url(seat.group, "membership_edit", seat.pk)
    return fill_and_send(client, url, values, field="seen_updated_at")


def group_url(group, name, *args):
    return reverse(f"projects:{name}", args=[group.project.slug, group.pk, *args])


@pytest.fixture
def secretary(world, client_for):
    return client_for(world.users["secretary"])


@pytest.fixture
def member_seat(world):
    return world.steering_group.memberships.get(person__user=world.users["member"])


def test_secretary_adds_a_member_to_her_group(world, secretary):
    group = world.steering_group
    kari = PersonFactory(name="Kari Nordmann", organisation=world.grue)
    response = send_add(
        secretary, group, {"person": str(kari.pk), "role": "member", "start_date": "2026-01-01"}
    )
    assert response.status_code == 302
    seat = group.memberships.get(person=kari)
    assert (seat.role, seat.organisation) == ("member", world.grue)


def test_secretary_adds_several_after_a_preview(world, secretary):
    group = world.steering_group
    url = group_url(group, "members_add")
    preview = fill_and_send(secretary, url, {"lines": "Nina Nyvik\nNils Nyhus"}, field="lines")
    assert preview.status_code == 200
    form = the_form(preview.content.decode(), "lines")
    saved = secretary.post(url, submission(form, today=timezone.localdate(), press="confirm").data)
    assert saved.status_code == 302
    names = set(group.memberships.values_list("person__name", flat=True))
    assert {"Nina Nyvik", "Nils Nyhus"} <= names


def test_secretary_ends_a_membership(world, secretary, member_seat):
    response = fill_and_send(
        secretary,
        group_url(world.steering_group, "membership_end", member_seat.pk),
        {"end_date": "2026-02-28"},
        field="end_date",
    )
    assert response.status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.end_date == datetime.date(2026, 2, 28)


def test_secretary_may_not_rename_her_group_or_keep_another_groups_roster(world, secretary):
    steering, working = world.steering_group, world.working_group
    assert secretary.get(group_url(steering, "group_edit")).status_code == 404
    assert secretary.get(group_url(steering, "mandate_revise")).status_code == 404
    kari = PersonFactory(name="Kari Nordmann", organisation=world.grue)
    response = secretary.post(
        group_url(working, "membership_add"), {"person": kari.pk, "role": "member"}
    )
    assert response.status_code == 404
    assert not working.memberships.exists()


def test_a_member_gets_404_on_the_roster(world, client_for, member_seat):
    client = client_for(world.users["member"])
    group = world.steering_group
    assert client.get(group_url(group, "membership_add")).status_code == 404
    assert client.get(group_url(group, "membership_edit", member_seat.pk)).status_code == 404


def test_secretary_edits_role_organisation_and_dates_with_history(world, secretary, member_seat):
    before = member_seat.history.count()
    response = send_edit(
        secretary,
        member_seat,
        {
            "role": "leader",
            "organisation": str(world.valer.pk),
            "start_date": "2025-01-01",
            "end_date": "2027-12-31",
        },
    )
    assert response.status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.role == "leader" and member_seat.organisation == world.valer
    assert (member_seat.start_date, member_seat.end_date) == (
        datetime.date(2025, 1, 1),
        datetime.date(2027, 12, 31),
    )
    assert member_seat.history.count() == before + 1
    assert member_seat.history.first().history_user == world.users["secretary"]


def test_an_end_before_the_start_is_refused_in_norwegian(world, secretary, member_seat):
    response = send_edit(
        secretary, member_seat, {"start_date": "2026-05-01", "end_date": "2026-04-01"}
    )
    assert response.status_code == 200
    assert "Sluttdatoen er før startdatoen." in response.content.decode()
    member_seat.refresh_from_db()
    assert member_seat.end_date is None


def test_an_edit_that_overlaps_the_persons_other_seat_is_refused(world, secretary, member_seat):
    group = world.steering_group
    services.group_membership_end(membership=member_seat, end_date=datetime.date(2025, 12, 31))
    later = services.group_membership_add(
        group=group,
        person=member_seat.person,
        role="leader",
        start_date=datetime.date(2026, 1, 1),
    )
    url = group_url(group, "membership_edit", member_seat.pk)
    response = fill_and_send(secretary, url, {"end_date": "2026-06-30"}, field="seen_updated_at")
    assert response.status_code == 200
    assert "har et annet sete i gruppen i denne perioden" in response.content.decode()
    member_seat.refresh_from_db()
    assert member_seat.end_date == datetime.date(2025, 12, 31)
    # Ending the later seat's predecessor earlier is no clash.
    response = fill_and_send(secretary, url, {"end_date": "2025-06-30"}, field="seen_updated_at")
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.end_date is None


def test_a_stale_edit_gets_409_and_overwrites_nothing(world, secretary, member_seat):
    url = group_url(world.steering_group, "membership_edit", member_seat.pk)
    form = type_into(
        the_form(secretary.get(url).content.decode(), "seen_updated_at"), {"note": "Mine"}
    )
    membership_services.group_membership_update(
        membership=GroupMembership.objects.get(pk=member_seat.pk),
        changes={"note": "Theirs"},
        seen_updated_at=member_seat.updated_at,
    )
    response = secretary.post(url, submission(form, today=timezone.localdate()).data)
    assert response.status_code == 409
    assert "Mine" in response.content.decode()
    member_seat.refresh_from_db()
    assert member_seat.note == "Theirs"


def test_seated_person_ids_leaves_out_the_seat_named(world, member_seat):
    from projects import selectors

    group = world.steering_group
    assert member_seat.person_id in selectors.seated_person_ids(group)
    assert member_seat.person_id not in selectors.seated_person_ids(group, exclude_seat=member_seat)


# --- Deputies ------------------------------------------------------------


def add_deputy(client, world, member_seat, name="Vera Vara"):
    vera = PersonFactory(name=name, organisation=world.grue)
    response = send_add(
        client,
        world.steering_group,
        {"person": str(vera.pk), "role": "deputy", "stands_in_for": str(member_seat.pk)},
    )
    return vera, response


def test_secretary_adds_a_personal_deputy_shown_beside_the_member(world, secretary, member_seat):
    vera, response = add_deputy(secretary, world, member_seat)
    assert response.status_code == 302
    seat = world.steering_group.memberships.get(person=vera)
    assert (seat.role, seat.stands_in_for) == ("deputy", member_seat)
    page = secretary.get(world.steering_group.get_absolute_url()).content.decode()
    assert "Vara: Vera Vara" in page


def test_a_general_deputy_of_an_organisation_is_named_so(world, secretary):
    grete = PersonFactory(name="Grete Grue", organisation=world.grue)
    response = send_add(
        secretary, world.steering_group, {"person": str(grete.pk), "role": "deputy"}
    )
    assert response.status_code == 302
    page = secretary.get(world.steering_group.get_absolute_url()).content.decode()
    assert "Vara for Grue kommune" in page


def test_standing_in_needs_the_deputy_role(world, secretary, member_seat):
    vera = PersonFactory(name="Vera Vara", organisation=world.grue)
    response = send_add(
        secretary,
        world.steering_group,
        {"person": str(vera.pk), "role": "member", "stands_in_for": str(member_seat.pk)},
    )
    assert response.status_code == 200
    assert "Bare en vara trer inn for et annet medlem." in response.content.decode()
    assert not world.steering_group.memberships.filter(person=vera).exists()


def test_a_general_deputy_without_an_organisation_is_refused(world, secretary):
    nobody = PersonFactory(name="Uten Org", organisation=None)
    services.group_membership_add(group=world.working_group, person=nobody, role="member")
    response = send_add(
        secretary, world.steering_group, {"person": str(nobody.pk), "role": "deputy"}
    )
    assert response.status_code == 200
    assert "Velg medlemmet varaen trer inn for" in response.content.decode()
    assert not world.steering_group.memberships.filter(person=nobody).exists()


def test_a_member_with_deputies_cannot_be_made_a_deputy(world, secretary, member_seat):
    add_deputy(secretary, world, member_seat)
    response = send_edit(
        secretary, member_seat, {"role": "deputy", "organisation": str(world.grue.pk)}
    )
    assert response.status_code == 200
    member_seat.refresh_from_db()
    assert member_seat.role == "member"


def test_editing_a_deputy_whose_member_left_keeps_whom_they_stood_in_for(
    world, secretary, member_seat
):
    vera, _response = add_deputy(secretary, world, member_seat)
    services.group_membership_end(membership=member_seat, end_date=datetime.date(2025, 1, 1))
    deputy = world.steering_group.memberships.get(person=vera)
    response = send_edit(secretary, deputy, {"note": "Til valget"})
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert (deputy.note, deputy.stands_in_for) == ("Til valget", member_seat)


def test_several_general_deputies_at_once(world, secretary):
    group = world.steering_group
    url = group_url(group, "members_add")
    values = {
        "lines": "Vera Vara\nVidar Vara",
        "role": "deputy",
        "organisation": str(world.grue.pk),
    }
    preview = fill_and_send(secretary, url, values, field="lines")
    form = the_form(preview.content.decode(), "lines")
    saved = secretary.post(url, submission(form, today=timezone.localdate(), press="confirm").data)
    assert saved.status_code == 302
    deputies = group.memberships.filter(role="deputy")
    assert {(d.person.name, d.organisation, d.stands_in_for) for d in deputies} == {
        ("Vera Vara", world.grue, None),
        ("Vidar Vara", world.grue, None),
    }


def test_a_deputy_is_not_invited_but_offered_when_the_member_sends_regrets(
    world, secretary, member_seat
):
    from meetings import services as meeting_services
    from meetings.models import Participant

    vera, _response = add_deputy(secretary, world, member_seat)
    meeting = meeting_services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    invited = set(meeting.participants.values_list("person_id", flat=True))
    assert member_seat.person_id in invited and vera.pk not in invited
    meeting_services.participant_set(
        meeting=meeting,
        person=member_seat.person,
        attendance=Participant.Attendance.ABSENT,
        organisation=member_seat.organisation,
    )
    url = reverse("meetings:participants", args=[meeting.pk])
    page = secretary.get(url).content.decode()
    assert "Vera Vara, personlig vara for" in page
    (call_in,) = [
        form
        for form in parse_forms(page)
        if any(c.name == "person" and c.attrs.get("value") == str(vera.pk) for c in form.controls)
    ]
    response = secretary.post(url, submission(call_in, today=timezone.localdate()).data)
    assert response.status_code == 302
    called = meeting.participants.get(person=vera)
    assert called.attendance == Participant.Attendance.SUBSTITUTE
    assert called.substitute_for == member_seat.person
    # Counted once as a substitute; the member stays absent; the deputy is offered no more.
    attendance = dict(meeting.participants.values_list("person_id", "attendance"))
    assert attendance[member_seat.person_id] == Participant.Attendance.ABSENT
    assert "personlig vara for" not in secretary.get(url).content.decode()


# --- On PostgreSQL, committed -------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_edit_locks_and_commits_in_autocommit(postgres, client_for):
    """In autocommit, as in production: the edit's row locks need its own transaction."""
    world = build_world()
    seat = world.steering_group.memberships.get(person__user=world.users["member"])
    client = client_for(world.users["secretary"])
    response = send_edit(client, seat, {"role": "observer"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.role == "observer"
    with pytest.raises(EditConflict):
        membership_services.group_membership_update(
            membership=seat, changes={"role": "member"}, seen_updated_at=None
        )


@pytest.mark.django_db(transaction=True)
def test_an_edit_waits_for_a_batch_and_sees_the_seat_it_made(postgres):
    """A batch holds the group's row while it seats Kari from 1 July; an edit stretching her
    earlier seat past that date waits for the batch, then refuses: no double seat."""
    world = build_world()
    group = world.steering_group
    kari = PersonFactory(name="Kari Nordmann", organisation=world.grue)
    earlier = services.group_membership_add(
        group=group, person=kari, role="member", end_date=datetime.date(2026, 6, 30)
    )
    locked, failures = threading.Event(), []

    def batch():
        try:
            with transaction.atomic():
                ProjectGroup.objects.select_for_update(no_key=True).filter(pk=group.pk).values_list(
                    "pk"
                ).get()
                services.group_membership_add(
                    group=group, person=kari, role="leader", start_date=datetime.date(2026, 7, 1)
                )
                locked.set()
                time.sleep(0.5)
        except Exception as error:  # reported to the test below
            failures.append(error)
            locked.set()
        finally:
            connection.close()

    thread = threading.Thread(target=batch)
    thread.start()
    assert locked.wait(10)
    with pytest.raises(ValidationError):
        membership_services.group_membership_update(
            membership=GroupMembership.objects.get(pk=earlier.pk),
            changes={"end_date": None},
            seen_updated_at=earlier.updated_at,
        )
    thread.join(10)
    assert not failures
    earlier.refresh_from_db()
    assert earlier.end_date == datetime.date(2026, 6, 30)
    assert group.memberships.filter(person=kari).count() == 2
