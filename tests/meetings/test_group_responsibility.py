"""An item given to a group reaches its members, on "Mine oppfølgingspunkter" and by e-mail;
its deputies answer for nothing until they are called in."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import notices
from projects import services as project_services
from tests import outbox_helpers
from tests.factories import PersonFactory, UserFactory
from tests.meetings.action_fixtures import build_items

URL = reverse("meetings:my_action_items")


@pytest.fixture
def items(world, monkeypatch):
    outbox_helpers.hold(
        monkeypatch,
        "meetings.tasks.notify_action_item_assigned",
        "meetings.tasks.notify_minutes_event",
    )
    return build_items(world)


def seated(world, username, **seat):
    user = UserFactory(username=username, organisation=world.grue)
    person = PersonFactory(name=username.title(), organisation=world.grue)
    project_services.person_link_user(person=person, user=user)
    project_services.group_membership_add(group=world.steering_group, person=person, **seat)
    return user


def listed(client_for, user):
    response = client_for(user).get(URL)
    assert response.status_code == 200
    return {item.pk for item in response.context["page"].object_list}


def test_a_new_member_of_the_group_sees_and_is_reminded_of_its_item(
    world, items, client_for, settings, django_capture_on_commit_callbacks
):
    newcomer = seated(world, "nykommer", role="member")
    assert items.group.pk in listed(client_for, newcomer)
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    reminded = [m for m in mail.outbox if newcomer.email in m.to]
    assert [m.subject for m in reminded if "Styringsgruppen forankrer" in m.subject]


def test_a_deputy_of_the_group_is_neither_listed_nor_reminded(
    world, items, client_for, settings, django_capture_on_commit_callbacks
):
    member_seat = world.steering_group.memberships.get(person__user=world.users["member"])
    deputy = seated(world, "vara", role="deputy", stands_in_for=member_seat)
    assert items.group.pk not in listed(client_for, deputy)
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    assert not [
        m for m in mail.outbox if "Styringsgruppen forankrer" in m.subject and deputy.email in m.to
    ]
    assert deputy not in notices.responsible_users(items.group)
    assert world.users["member"] in notices.responsible_users(items.group)


def test_whoever_represents_the_organisation_in_the_group_answers_for_its_item(
    world, items, client_for, settings, django_capture_on_commit_callbacks
):
    # A consultant employed in Våler sits for Grue: Grue's item is theirs; Åsnes' is not.
    consultant = UserFactory(username="konsulent", organisation=world.valer)
    person = PersonFactory(name="Konsulent", organisation=world.valer)
    project_services.person_link_user(person=person, user=consultant)
    project_services.group_membership_add(
        group=world.steering_group, person=person, role="member", organisation=world.grue
    )
    mine = listed(client_for, consultant)
    assert items.organisation.pk in mine and items.other_municipality.pk not in mine
    assert consultant in notices.responsible_users(items.organisation)
    assert consultant not in notices.responsible_users(items.other_municipality)
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    assert [m for m in mail.outbox if consultant.email in m.to and "Grue kommune" in m.subject]


def test_an_item_for_the_leader_follows_whoever_leads_the_group(
    world, items, client_for, settings, django_capture_on_commit_callbacks
):
    leader = seated(world, "leder", role="leader")
    case = items.group.case
    secretary = client_for(world.users["secretary"])
    url = reverse("meetings:action_item_create", args=[case.meeting_id, case.pk])
    offered = dict(
        choice
        for label, group in secretary.get(url).context["form"].fields["responsible_body"].choices
        if isinstance(group, list)
        for choice in group
    )
    assert offered["role:leader"] == "Leder (Leder)"
    assert "role:member" not in offered and "role:deputy" not in offered
    response = secretary.post(
        url, {"description": "Kalle inn til dialogmøte", "responsible_body": "role:leader"}
    )
    assert response.status_code == 302
    item = case.action_items.get(description="Kalle inn til dialogmøte")
    assert item.responsible_role == "leader" and item.responsible_names == ["Leder"]
    page = secretary.get(case.meeting.get_absolute_url()).content.decode()
    assert re.search(r"Kalle inn til dialogmøte</td>\s*<td>Leder</td>", page)

    assert item.pk in listed(client_for, leader)
    assert item.pk not in listed(client_for, world.users["member"])
    assert notices.responsible_users(item) == [leader]

    # A new leader takes the seat over: the item is theirs now, no longer the old one's.
    seat = world.steering_group.memberships.get(person__user=leader)
    successor = seated(
        world, "etterfolger", role="leader", replaces=seat, start_date=timezone.localdate()
    )
    assert item.pk in listed(client_for, successor)
    assert item.pk not in listed(client_for, leader)
    assert notices.responsible_users(item) == [successor]
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    item.deadline = timezone.localdate()
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    reminded = {a for m in mail.outbox if "Kalle inn til dialogmøte" in m.body for a in m.to}
    assert successor.email in reminded and leader.email not in reminded
