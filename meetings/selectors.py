"""Reads for the meeting pages, each a fixed number of queries whatever the data."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet, Subquery
from django.utils import timezone

from meetings import decision_links
from meetings.models import (
    ActionItem,
    ActionItemUpdate,
    Attachment,
    Case,
    CaseComment,
    Meeting,
    MinutesEvent,
    Participant,
)
from projects import permissions
from projects.models import ProjectGroup


def group_meetings(user, group: ProjectGroup) -> QuerySet[Meeting]:
    return (
        permissions.meetings_for_user(user)
        .filter(group=group)
        .select_related("group")
        .order_by("-starts_at", "-pk")
    )


def agenda(meeting: Meeting, *, with_comments: bool, with_confidential: bool = False) -> list[Case]:
    attachments = Attachment.objects.order_by("uploaded_at", "id")
    prefetches = [
        Prefetch(
            "action_items",
            queryset=ActionItem.objects.select_related(
                "responsible_organisation", "responsible_group"
            )
            .prefetch_related("responsible_people")
            .order_by("id"),
        ),
        # Confidential attachments only for the group's insiders (meetings.attachments).
        Prefetch(
            "attachments",
            queryset=attachments if with_confidential else attachments.filter(confidential=False),
        ),
    ]
    if with_comments:
        prefetches.append(
            Prefetch("comments", queryset=CaseComment.objects.select_related("author"))
        )
    cases = list(
        meeting.cases.select_related("approves_minutes_of", "postponed_from")
        .prefetch_related(
            *prefetches,
            "established_groups__project",
            # The reverse relation from agreements, which depend on meetings (not the reverse).
            "agreement_decisions__agreement",
            "council_decisions__municipality",
            "council_decisions__project",
        )
        .order_by("position", "number")
    )
    for case in cases:
        case.decision_links = decision_links.links_of(case, with_urls=True)
    return cases


def decision_label(meeting: Meeting) -> str:
    """The group's label for a case's decision, as these minutes use it.

    Drafts follow the group. Approved minutes are locked, and their archive copy may be filed
    later: they keep the label in force when they were approved, so the page, both archive
    copies and a publication of them read the same heading until they are reopened.
    """
    group = meeting.group
    if not meeting.is_locked:
        return group.decision_label
    approvals = (MinutesEvent.Kind.APPROVED, MinutesEvent.Kind.AUTO_APPROVED)
    approval = meeting.events.filter(kind__in=approvals).order_by("-at", "-id").values("at")[:1]
    then = (
        group.history.filter(history_date__lte=Subquery(approval))
        .order_by("-history_date", "-history_id")
        .values_list("decision_label", flat=True)
        .first()
    )
    return then or group.decision_label


def decision_heading(meeting: Meeting) -> str:
    return ProjectGroup.decision_heading(decision_label(meeting))


def participants_by_attendance(meeting: Meeting) -> dict[str, list[Participant]]:
    """Who attended, as minutes list them; the secretary is named as such, not as present."""
    groups = {value: [] for value, _label in Participant.Attendance.choices}
    for participant in meeting.participants.select_related(
        "person", "organisation", "substitute_for"
    ).order_by("person__name"):
        if is_the_secretary(participant, meeting):
            continue
        groups[participant.attendance].append(participant)
    return groups


def is_the_secretary(participant: Participant, meeting: Meeting) -> bool:
    return (
        participant.person_id == meeting.secretary_id
        and participant.attendance == Participant.Attendance.PRESENT
    )


def open_action_items(group: ProjectGroup) -> QuerySet[ActionItem]:
    """The group's open items, for review when the next meeting is prepared."""
    return (
        ActionItem.objects.filter(case__group=group, status__in=ActionItem.OPEN_STATUSES)
        .select_related("case__meeting")
        .prefetch_related("responsible_people")
        # Overdue first, items without a deadline last.
        .order_by(F("deadline").asc(nulls_last=True), "id")
    )


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The group's next meeting after this one, for the end of the minutes."""
    return (
        Meeting.objects.filter(group_id=meeting.group_id, starts_at__gt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "pk")
        .first()
    )


def queued_cases(group: ProjectGroup) -> QuerySet[Case]:
    return group.cases.filter(meeting__isnull=True).order_by("id")


def current_members(group: ProjectGroup):
    """Who a new meeting will invite."""
    from projects.models import GroupMembership

    return (
        GroupMembership.objects.current()
        .without_deputies()
        .filter(group=group)
        .select_related("person", "organisation")
        .order_by("person__name")
    )


@dataclass(frozen=True)
class DeputyOffer:
    """A deputy the secretary may call in for an invited member."""

    member: Participant
    deputy: object  # the deputy's GroupMembership
    personal: bool  # the member's own deputy, not a general one of the organisation


def deputies_to_call_in(meeting: Meeting) -> list[DeputyOffer]:
    """The group's deputies on the meeting's day beside the invited members they stand in for.

    A member's personal deputy comes first, then the general deputies of the organisation the
    member represents; members who sent regrets come first. Two queries.
    """
    from projects.models import GroupMembership

    on = timezone.localtime(meeting.starts_at).date()
    taking_part = {p.person_id: p for p in meeting.participants.select_related("person")}
    deputies = [
        seat
        for seat in GroupMembership.objects.current(on=on)
        .filter(group_id=meeting.group_id, role=GroupMembership.Role.DEPUTY)
        .select_related("person", "organisation", "stands_in_for")
        .order_by("person__name")
        if seat.person_id not in taking_part
    ]
    offers = []
    for member in taking_part.values():
        if member.attendance not in (Participant.Attendance.PRESENT, Participant.Attendance.ABSENT):
            continue
        for seat in deputies:
            personal = seat.stands_in_for_id is not None
            if personal and seat.stands_in_for.person_id == member.person_id:
                offers.append(DeputyOffer(member, seat, True))
            elif not personal and member.organisation_id == seat.organisation_id:
                offers.append(DeputyOffer(member, seat, False))
    absent_first = Participant.Attendance.ABSENT
    return sorted(
        offers,
        key=lambda o: (o.member.attendance != absent_first, o.member.person.name, not o.personal),
    )


def followed_up_in(meeting, *, with_exempt: bool) -> QuerySet[ActionItemUpdate]:
    """Status changes and notes recorded during the meeting, for its minutes."""
    updates = ActionItemUpdate.objects.filter(meeting=meeting)
    if not with_exempt:
        updates = updates.exclude(item__case__exempt_from_public=True)
    return updates.select_related("item__case").order_by("at", "id")


def establishing_cases(user, group: ProjectGroup) -> list[Case]:
    """The cases whose decision set the group up, of meetings the user may see."""
    return list(
        Case.objects.filter(
            established_groups=group,
            meeting__in=permissions.meetings_for_user(user).values("id"),
        )
        .select_related("meeting__group")
        .order_by("meeting__starts_at", "number")
    )


def cases_by_council_decision(user, decision_ids) -> dict[int, list[Case]]:
    """For each council decision, the cases referring to it that the user may see; one query."""
    links = (
        Case.council_decisions.through.objects.filter(
            councildecision_id__in=list(decision_ids),
            case__meeting__in=permissions.meetings_for_user(user).values("id"),
        )
        .select_related("case__meeting__group")
        .order_by("case__meeting__starts_at", "case__number")
    )
    found: dict[int, list[Case]] = {}
    for link in links:
        found.setdefault(link.councildecision_id, []).append(link.case)
    return found
