"""Reads for the project pages, each a fixed number of queries whatever the data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from projects import permissions
from projects.models import (
    GroupMembership,
    GroupSeatPlan,
    Organisation,
    Person,
    ProgressActivity,
    ProgressEntry,
    Project,
    ProjectGroup,
)


def projects_for_list(user: User) -> QuerySet[Project]:
    """The project list and the home page: archived projects are listed apart."""
    return (
        permissions.projects_for_user(user)
        .filter(archived_on__isnull=True)
        .select_related("parent")
        .order_by("name")
    )


def archived_projects_for_list(user: User) -> QuerySet[Project]:
    return (
        permissions.projects_for_user(user)
        .filter(archived_on__isnull=False)
        .select_related("parent")
        .order_by("-archived_on", "name")
    )


def my_memberships(user: User) -> QuerySet[GroupMembership]:
    """The user's current seats, in groups of projects they can still see."""
    return (
        GroupMembership.objects.current()
        .filter(person__user=user, group__in=permissions.groups_for_user(user))
        .select_related("group__project")
        .order_by("group__project__name", "group__name")
    )


def subprojects_for(user: User, project: Project) -> QuerySet[Project]:
    return permissions.projects_for_user(user).filter(parent=project).order_by("name")


def people_for_project(project: Project) -> QuerySet[Person]:
    """The people a form of the project may offer: those who work in one of its participating
    organisations, or who already appear in it (a seat in one of its groups, a place in one of
    its meetings' minutes: a guest named on the spot can be chosen again next time).

    The portal's register of people is national: offering all of it would show a secretary the
    staff of every municipality and let them put anyone in their minutes. Forms use this as
    their queryset, so a person from outside given by hand is refused as an invalid choice.
    """
    from meetings.models import Participant

    seated = GroupMembership.objects.filter(group__project=project).values("person_id")
    in_minutes = Participant.objects.filter(meeting__group__project=project).values("person_id")
    return (
        Person.objects.filter(
            Q(organisation__in=project.participations.values("organisation_id"))
            | Q(id__in=seated)
            | Q(id__in=in_minutes)
        )
        .select_related("organisation")
        .order_by("name")
    )


def seated_person_ids(
    group: ProjectGroup,
    *,
    on: datetime.date | None = None,
    until: datetime.date | None = None,
    exclude_seat: GroupMembership | None = None,
) -> set[int]:
    """People whose seat in the group lasts to ``on`` (today if not given) or starts later:
    a seat from ``on`` would seat them twice.

    ``until`` bounds the new seat, so a seat starting after it does not clash;
    ``exclude_seat`` leaves out the seat being edited, or the one a new seat replaces.
    """
    on = on or timezone.localdate()
    seats = group.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    if until is not None:
        seats = seats.filter(Q(start_date__isnull=True) | Q(start_date__lte=until))
    if exclude_seat is not None:
        seats = seats.exclude(pk=exclude_seat.pk)
    return set(seats.values_list("person_id", flat=True))


def groups_for_project(project: Project) -> QuerySet[ProjectGroup]:
    return project.groups.order_by("kind", "name")


@dataclass
class ProgressRow:
    activity: ProgressActivity
    cells: list[tuple[Organisation, ProgressEntry | None]]


def progress_matrix(project: Project, columns: list[Organisation]) -> list[ProgressRow]:
    """Activity × participating municipality, as the project plan's flow chart."""
    activities = (
        ProgressActivity.objects.filter(project=project)
        .select_related("phase")
        .prefetch_related(
            Prefetch("entries", queryset=ProgressEntry.objects.select_related("decision"))
        )
    )
    rows = []
    for activity in activities:
        by_organisation = {entry.organisation_id: entry for entry in activity.entries.all()}
        rows.append(
            ProgressRow(
                activity=activity,
                cells=[(org, by_organisation.get(org.pk)) for org in columns],
            )
        )
    return rows


# How minutes list a group: its leader first, the secretary last among the members.
ROLE_ORDER = [
    GroupMembership.Role.LEADER,
    GroupMembership.Role.MEMBER,
    GroupMembership.Role.CHIEF_UNION_REPRESENTATIVE,
    GroupMembership.Role.UNION_REPRESENTATIVE,
    GroupMembership.Role.SAFETY_REPRESENTATIVE,
    GroupMembership.Role.OBSERVER,
    GroupMembership.Role.DEPUTY,
    GroupMembership.Role.SECRETARY,
]


def group_page_memberships(group: ProjectGroup):
    """Current and earlier members; one query, split and ordered in Python.

    A current deputy of a current member is listed under that member (``member.deputies_now``)
    rather than as a row of their own; a general deputy, or one whose member has left, keeps
    a row.
    """
    today = timezone.localdate()
    memberships = sorted(
        group.memberships.select_related(
            "person", "organisation", "replaces__person", "stands_in_for__person"
        ),
        key=lambda m: (ROLE_ORDER.index(m.role), m.person.name),
    )
    current = [m for m in memberships if m.is_current(today)]
    current_ids = {m.pk for m in current}
    for seat in current:
        seat.deputies_now = [d for d in current if d.stands_in_for_id == seat.pk]
    current = [m for m in current if m.stands_in_for_id not in current_ids]
    former = sorted(
        (m for m in memberships if m.end_date is not None and m.end_date < today),
        key=lambda m: m.end_date,
        reverse=True,
    )
    upcoming = [m for m in memberships if m.start_date is not None and m.start_date > today]
    return current, former, upcoming


def has_public_minutes(project: Project) -> bool:
    from meetings.models import Meeting

    return Meeting.objects.published().filter(group__project=project).exists()


@dataclass
class SeatPlanRow:
    plan: GroupSeatPlan
    filled: int

    @property
    def open(self) -> int:
        return max(self.plan.seats - self.filled, 0)


def seat_plan_rows(group: ProjectGroup, current: list[GroupMembership]) -> list[SeatPlanRow]:
    """The group's stated composition, each line with how many of its seats are taken today.

    A line for an organisation counts the current seats of that role from it; a line for any
    organisation counts the others of that role, so no seat is counted on two lines.
    """
    plans = list(group.seat_plan.select_related("organisation"))
    named = {(plan.role, plan.organisation_id) for plan in plans if plan.organisation_id}

    def counts_for(plan, seat):
        if seat.role != plan.role:
            return False
        if plan.organisation_id:
            return seat.organisation_id == plan.organisation_id
        return (seat.role, seat.organisation_id) not in named

    return [
        SeatPlanRow(plan=plan, filled=sum(1 for seat in current if counts_for(plan, seat)))
        for plan in plans
    ]
