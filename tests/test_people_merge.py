"""Merging duplicate people (people_views.person_merge, people_services.person_merge) and a
person leaving their organisation (person_leave), through the views as the roles that use them.
"""

import datetime

import pytest
from django.urls import reverse

from agreements.models import AgreementParty
from meetings import services as meeting_services
from meetings.models import Participant
from projects import permissions, services
from projects.models import GroupMembership, Person
from tests.agreements.helpers import blank_agreement
from tests.conftest import build_world
from tests.factories import PersonFactory

JAN = datetime.date(2025, 1, 1)


def merge_url(person):
    return reverse("people:merge", args=[person.pk])


def leave_url(person):
    return reverse("people:leave", args=[person.pk])


def plan_meeting(group, **kwargs):
    return meeting_services.meeting_plan(
        group=group,
        title="Styringsgruppemøte",
        starts_at=datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC),
        **kwargs,
    )


def take_part(meeting, person):
    return meeting_services.participant_set(meeting=meeting, person=person, attendance="present")


def duplicates(world):
    """The member's person (with a login and a seat) and a duplicate named in minutes."""
    keep = world.users["member"].person
    duplicate = PersonFactory(
        name=keep.name, organisation=world.grue, email="dublett@grue.kommune.no", phone="123"
    )
    return keep, duplicate


def everything_naming(duplicate, world):
    """Seat, minutes (participant, chair), an action item and a signature name the duplicate."""
    old_seat = services.group_membership_add(
        group=world.working_group, person=duplicate, role="member", start_date=JAN
    )
    meeting = plan_meeting(world.working_group, chair=duplicate)
    take_part(meeting, duplicate)
    item = meeting_services.action_item_add(
        case=meeting.cases.first(), description="Følge opp", responsible_people=[duplicate]
    )
    agreement = blank_agreement(world)
    party = agreement.parties.get(organisation=world.grue)
    party.signatory = duplicate
    party.save()
    return old_seat, meeting, item, party


def test_project_admin_merges_and_everything_moves_to_the_kept_person(world, client_for):
    keep, duplicate = duplicates(world)
    old_seat, meeting, item, party = everything_naming(duplicate, world)
    client = client_for(world.users["project_admin"])
    assert duplicate.name in client.get(merge_url(keep)).content.decode()
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    old_seat.refresh_from_db()
    meeting.refresh_from_db()
    party.refresh_from_db()
    assert old_seat.person == keep
    assert meeting.chair == keep
    assert Participant.objects.filter(meeting=meeting, person=keep).exists()
    assert list(item.responsible_people.all()) == [keep]
    assert party.signatory == keep
    keep.refresh_from_db()
    # The kept person had no e-mail address nor phone: they take the duplicate's.
    assert (keep.email, keep.phone) == ("dublett@grue.kommune.no", "123")
    # History is kept: the deleted person's rows, and the seat's move.
    assert duplicate.history.model.objects.filter(id=duplicate.pk, history_type="-").exists()
    assert old_seat.history.first().history_user == world.users["project_admin"]
    # The seat moved to a person with a login: the grant follows.
    member = world.users["member"]
    assert permissions.has_group_perm(member, permissions.TAKE_PART, world.working_group)


def test_keeping_the_other_person_moves_the_login(world, client_for):
    keep, duplicate = duplicates(world)
    client = client_for(world.users["portal_admin"])
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "other"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.user == world.users["member"]
    assert not Person.objects.filter(pk=keep.pk).exists()
    assert duplicate.memberships.filter(group=world.steering_group).exists()


def test_overlapping_seats_in_one_group_are_refused_and_nothing_moves(world, client_for):
    keep, duplicate = duplicates(world)
    services.group_membership_add(group=world.steering_group, person=duplicate, role="member")
    client = client_for(world.users["project_admin"])
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Begge personene har plass samtidig i Styringsgruppe" in html
    assert Person.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.memberships.count() == 1


def test_seats_one_after_the_other_in_one_group_merge(world, client_for):
    keep, duplicate = duplicates(world)
    seat = keep.memberships.get()
    services.group_membership_end(membership=seat, end_date=datetime.date(2024, 12, 31))
    services.group_membership_add(
        group=world.steering_group, person=duplicate, role="leader", start_date=JAN
    )
    client = client_for(world.users["project_admin"])
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    assert response.status_code == 302
    assert keep.memberships.filter(group=world.steering_group).count() == 2


def test_both_in_one_meetings_minutes_is_refused_by_name(world, client_for):
    keep, duplicate = duplicates(world)
    meeting = plan_meeting(world.steering_group)
    take_part(meeting, duplicate)
    assert Participant.objects.filter(meeting=meeting, person=keep).exists()
    client = client_for(world.users["project_admin"])
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    assert response.status_code == 200
    assert "Begge personene står i" in response.content.decode()
    assert Participant.objects.filter(meeting=meeting).count() >= 2
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_project_admin_may_not_merge_someone_also_in_another_project(world, client_for):
    keep, duplicate = duplicates(world)
    services.group_membership_add(group=world.other_group, person=duplicate, role="member")
    client = client_for(world.users["project_admin"])
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    assert response.status_code == 200
    assert "finnes også i prosjekter du ikke leder" in response.content.decode()
    assert Person.objects.filter(pk=duplicate.pk).exists()
    # The duplicate's own merge page is closed to them.
    assert client.get(merge_url(duplicate)).status_code == 404


def test_two_logins_are_refused(world, client_for):
    keep = world.users["member"].person
    other = world.users["secretary"].person
    other.name = keep.name  # offered as a likely duplicate
    other.save()
    client = client_for(world.users["portal_admin"])
    response = client.post(merge_url(keep), {"other": other.pk, "keep": "this"})
    assert "Begge personene har innlogging" in response.content.decode()
    assert Person.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_refused_merge_on_postgresql_leaves_everything_as_it_was(client):
    world = build_world()
    keep, duplicate = duplicates(world)
    old_seat, meeting, item, party = everything_naming(duplicate, world)
    # Both in one meeting's minutes: refused, and whatever moved before the refusal (the
    # relations are moved one by one) is undone with it.
    take_part(meeting, keep)
    client.force_login(world.users["project_admin"])
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    assert response.status_code == 200
    old_seat.refresh_from_db()
    meeting.refresh_from_db()
    party.refresh_from_db()
    assert (old_seat.person, meeting.chair, party.signatory) == (duplicate, duplicate, duplicate)
    assert list(item.responsible_people.all()) == [duplicate]
    assert Person.objects.filter(pk=duplicate.pk).exists()
    # And once the minutes are put right, the same merge goes through in one step.
    Participant.objects.get(meeting=meeting, person=duplicate).delete()
    response = client.post(merge_url(keep), {"other": duplicate.pk, "keep": "this"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert AgreementParty.objects.filter(signatory=keep).exists()


# --- Leaving an organisation ----------------------------------------------


def test_leaving_ends_seats_and_seats_the_successor_from_the_next_day(world, client_for):
    person = world.users["member"].person
    seat = person.memberships.get()
    colleague = PersonFactory(name="Lise Berg", organisation=world.grue)
    client = client_for(world.users["project_admin"])
    html = client.get(leave_url(person)).content.decode()
    assert "slutter i Grue kommune" in html
    assert "Lise Berg" in html
    response = client.post(
        leave_url(person),
        {
            "end_date": "2026-06-30",
            "new_organisation": world.valer.pk,
            f"successor_{seat.pk}": colleague.pk,
        },
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == datetime.date(2026, 6, 30)
    successor = GroupMembership.objects.get(person=colleague)
    assert (successor.start_date, successor.replaces, successor.role) == (
        datetime.date(2026, 7, 1),
        seat,
        seat.role,
    )
    assert successor.organisation == seat.organisation
    person.refresh_from_db()
    assert person.organisation == world.valer


def test_a_successor_already_seated_refuses_the_whole_leaving(world, client_for):
    person = world.users["member"].person
    seat = person.memberships.get()
    already = world.users["secretary"].person
    already.organisation = world.grue
    already.save()
    client = client_for(world.users["project_admin"])
    response = client.post(
        leave_url(person), {"end_date": "2026-06-30", f"successor_{seat.pk}": already.pk}
    )
    assert response.status_code == 200
    assert "har allerede en plass i Styringsgruppe" in response.content.decode()
    seat.refresh_from_db()
    person.refresh_from_db()
    assert seat.end_date is None
    assert person.organisation == world.grue


def test_a_successor_from_another_organisation_is_not_offered(world, client_for):
    person = world.users["member"].person
    seat = person.memberships.get()
    stranger = PersonFactory(name="Ola Bodø", organisation=world.bodo)
    client = client_for(world.users["project_admin"])
    response = client.post(
        leave_url(person), {"end_date": "2026-06-30", f"successor_{seat.pk}": stranger.pk}
    )
    assert response.status_code == 200
    seat.refresh_from_db()
    assert seat.end_date is None


def test_leaving_without_a_date_is_a_form_error(world, client_for):
    person = world.users["member"].person
    client = client_for(world.users["project_admin"])
    response = client.post(leave_url(person), {"end_date": "31.02.2026"})
    assert response.status_code == 200
    assert person.memberships.get().end_date is None


def test_seats_in_groups_the_user_does_not_run_stay(world, client_for):
    person = world.users["member"].person
    other_seat = services.group_membership_add(
        group=world.other_group, person=person, role="member"
    )
    client = client_for(world.users["project_admin"])
    # A group of a project the admin cannot see is not even named.
    html = client.get(leave_url(person)).content.decode()
    assert "Bodø styringsgruppe" not in html
    response = client.post(leave_url(person), {"end_date": "2026-06-30"})
    assert response.status_code == 302
    other_seat.refresh_from_db()
    assert other_seat.end_date is None
    assert person.memberships.get(group=world.steering_group).end_date == datetime.date(2026, 6, 30)


def test_a_person_without_likely_duplicates_is_told_so(world, client_for):
    lonely = PersonFactory(name="Eneste Person", organisation=None)
    client = client_for(world.users["portal_admin"])
    html = client.get(merge_url(lonely)).content.decode()
    assert "det finnes ikke noe duplikat å slå sammen" in html
    response = client.post(merge_url(lonely), {"keep": "this"})
    assert response.status_code == 200
    assert Person.objects.filter(pk=lonely.pk).exists()
