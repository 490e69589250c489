"""Reads for the action-item dashboard and registers: a fixed number of queries per page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case as When_
from django.db.models import (
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from meetings.models import ActionItem, ActionItemUpdate
from projects import permissions
from projects.models import Organisation, Person, Project, ProjectGroup

OPEN = ActionItem.OPEN_STATUSES
# What "due soon" means on the dashboard: the same horizon as the e-mail reminder.
RECENTLY_CLOSED_DAYS = 30
RECENTLY_CLOSED_LIMIT = 10


class Urgency:
    OVERDUE, SOON, LATER = 0, 1, 2


@dataclass(frozen=True)
class ItemFilters:
    """What a list of action items is narrowed to; every field optional."""

    project: Project | None = None
    group: ProjectGroup | None = None
    status: str = ""
    municipality: Organisation | None = None
    person: Person | None = None
    overdue: bool = False
    meeting_id: int | None = None
    deadline_from: datetime.date | None = None
    deadline_to: datetime.date | None = None

    def apply(self, items: QuerySet, today: datetime.date) -> QuerySet:
        if self.project is not None:
            items = items.filter(case__group__project=self.project)
        if self.group is not None:
            items = items.filter(case__group=self.group)
        if self.status:
            items = items.filter(status=self.status)
        if self.municipality is not None:
            named = ActionItem.responsible_people.through.objects.filter(
                person__organisation=self.municipality
            ).values("actionitem_id")
            items = items.filter(Q(responsible_organisation=self.municipality) | Q(id__in=named))
        if self.person is not None:
            items = items.filter(
                id__in=ActionItem.responsible_people.through.objects.filter(
                    person=self.person
                ).values("actionitem_id")
            )
        if self.overdue:
            items = items.filter(status__in=OPEN, deadline__lt=today)
        if self.meeting_id:
            items = items.filter(case__meeting_id=self.meeting_id)
        if self.deadline_from:
            items = items.filter(deadline__gte=self.deadline_from)
        if self.deadline_to:
            items = items.filter(deadline__lte=self.deadline_to)
        return items


def _for_rows(items: QuerySet) -> QuerySet:
    """What a row shows: its case, meeting, group and project, responsible people, last note."""
    # The newest note per item in one query for the page (a window function), rather than a
    # subquery per row that PostgreSQL would run for every row before sorting.
    latest = ActionItemUpdate.objects.order_by("item_id", "-at", "-id")
    return items.select_related(
        "case__meeting", "case__group__project", "responsible_organisation", "responsible_group"
    ).prefetch_related(
        Prefetch("responsible_people", queryset=Person.objects.order_by("name")),
        Prefetch("updates", queryset=latest[:1], to_attr="latest_updates"),
    )


def urgency(today: datetime.date) -> When_:
    soon = today + datetime.timedelta(days=settings.ACTION_ITEM_REMINDER_DAYS)
    return When_(
        When(deadline__lt=today, then=Value(Urgency.OVERDUE)),
        When(deadline__lte=soon, then=Value(Urgency.SOON)),
        default=Value(Urgency.LATER),
        output_field=IntegerField(),
    )


def responsible_ids(user) -> list[int]:
    """The ids as a list (one query, each part by an index): PostgreSQL then fetches the rows
    by primary key, where as a subquery it scanned every open item of the portal to join them.
    """
    return [next(iter(row.values())) for row in permissions.responsible_action_item_ids(user)]


def my_open_items(
    user, *, filters: ItemFilters, today: datetime.date | None = None, ids: list[int] | None = None
) -> QuerySet:
    """Open items the user answers for, in visible projects: overdue, due soon, later, undated."""
    today = today or timezone.localdate()
    items = ActionItem.objects.filter(
        id__in=ids if ids is not None else responsible_ids(user),
        case__group__project_id__in=permissions.visible_project_ids(user),
        status__in=OPEN,
    )
    items = filters.apply(items, today)
    return _for_rows(items.annotate(urgency=urgency(today))).order_by(
        "urgency", F("deadline").asc(nulls_last=True), "id"
    )


def my_recently_closed(
    user, *, filters: ItemFilters, today: datetime.date | None = None, ids: list[int] | None = None
):
    today = today or timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
    items = ActionItem.objects.filter(
        id__in=ids if ids is not None else responsible_ids(user),
        case__group__project_id__in=permissions.visible_project_ids(user),
        status__in=(ActionItem.Status.DONE, ActionItem.Status.CANCELLED),
        updated_at__gte=since,
    )
    items = filters.apply(items, today)
    return _for_rows(items).order_by("-updated_at", "-id")[:RECENTLY_CLOSED_LIMIT]


def register_items(
    user, *, project: Project, group: ProjectGroup | None, filters: ItemFilters, today=None
) -> QuerySet:
    """Every item of a project (or one group of it) that the user may see, newest deadline last."""
    today = today or timezone.localdate()
    if permissions.sees_every_action_item(user, group=group, project=project):
        items = ActionItem.objects.all()
    else:
        items = permissions.action_items_for_user(user)
    if group is not None:
        items = items.filter(case__group=group)
    else:
        items = items.filter(case__group__project=project)
    items = filters.apply(items, today)
    return _for_rows(items).order_by(F("deadline").asc(nulls_last=True), "id")


def counts_by_status(items: QuerySet) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included, in one query."""
    found = dict(
        items.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(value, label, found.get(value, 0)) for value, label in ActionItem.Status.choices]


def person_open_items(user, person: Person) -> QuerySet:
    """Open items naming ``person``, among those ``user`` may see (the person page)."""
    items = permissions.action_items_for_user(user).filter(
        status__in=OPEN,
        id__in=ActionItem.responsible_people.through.objects.filter(person=person).values(
            "actionitem_id"
        ),
    )
    return _for_rows(items).order_by(F("deadline").asc(nulls_last=True), "id")
