"""A meeting of VÅG's steering group with action items answered for in each way."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from meetings import services
from meetings.models import ActionItem


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@dataclass
class Items:
    meeting: object
    personal: ActionItem
    organisation: ActionItem
    group: ActionItem
    other_municipality: ActionItem
    other_project: ActionItem


def build_items(world) -> Items:
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2026, 10, 20, 11)),
    )
    case = services.case_add(meeting=meeting, title="Budsjett 2027")
    member = world.users["member"].person
    other_meeting = services.meeting_plan(
        group=world.other_group,
        title="Bodø styringsgruppe",
        starts_at=timezone.make_aware(datetime.datetime(2026, 10, 21, 11)),
    )
    other_case = services.case_add(meeting=other_meeting, title="Bodø-sak")
    return Items(
        meeting=meeting,
        personal=services.action_item_add(
            case=case,
            description="Merete sjekker dette",
            responsible_people=[member],
            deadline=days(30),
        ),
        organisation=services.action_item_add(
            case=case,
            description="Grue kommune melder inn behov",
            responsible_organisation=world.grue,
            deadline=days(-3),
        ),
        group=services.action_item_add(
            case=case,
            description="Styringsgruppen forankrer budsjettet",
            responsible_group=world.steering_group,
            deadline=days(3),
        ),
        other_municipality=services.action_item_add(
            case=case,
            description="Åsnes kommune leverer tall",
            responsible_organisation=world.asnes,
            deadline=days(1),
        ),
        other_project=services.action_item_add(
            case=other_case,
            description="Bodø følger opp",
            responsible_organisation=world.bodo,
            deadline=days(1),
        ),
    )
