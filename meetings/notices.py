"""What the meetings app tells people by e-mail, through notifications.notify_once.

Each notice has a key naming its object and occasion, so a retried task or a second beat
run finds it recorded and sends nothing again:

- ``actionitem:<id>:assigned``: you were made responsible;
- ``actionitem:<id>:due:<deadline>``: the deadline is ACTION_ITEM_REMINDER_DAYS or fewer
  days away (a moved deadline is a new occasion);
- ``actionitem:<id>:overdue:<deadline>``: the deadline passed (looked for during
  OVERDUE_WINDOW days, so a first run does not mail years of old minutes);
- ``minutes:<meeting>:<event id>``: minutes sent for comments, approved or published.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import ActionItem, Meeting, MinutesEvent
from notifications.models import Kind
from notifications.services import notify_once
from projects.models import GroupMembership

OVERDUE_WINDOW = datetime.timedelta(days=14)
MINUTES_KINDS = {
    MinutesEvent.Kind.SENT_FOR_COMMENTS: Kind.MINUTES_FOR_COMMENTS,
    MinutesEvent.Kind.APPROVED: Kind.MINUTES_APPROVED,
    MinutesEvent.Kind.AUTO_APPROVED: Kind.MINUTES_APPROVED,
    MinutesEvent.Kind.PUBLISHED: Kind.MINUTES_APPROVED,
}


def responsible_users(item: ActionItem, *, on: datetime.date | None = None) -> list[User]:
    """Who answers for the item and gets its e-mails.

    Named people with a login; everyone with a seat today in a named group; whoever holds a
    named role in the group the item's case belongs to; for a named
    organisation, its people who sit in the group the item's case belongs to (the whole
    municipality is not mailed), and whoever represents it there whatever their employer. A
    deputy's seat counts for none of these.
    """
    # Deputies answer for nothing until they are called in to a meeting.
    seats = GroupMembership.objects.current(on=on).without_deputies()
    in_group = seats.filter(group_id=item.responsible_group_id).values("person_id")
    of_organisation = Q(pk__in=[])
    if item.responsible_organisation_id:
        in_case_group = seats.filter(group_id=item.case.group_id)
        representing = in_case_group.filter(organisation_id=item.responsible_organisation_id)
        of_organisation = Q(
            organisation_id=item.responsible_organisation_id,
            person__in=in_case_group.values("person_id"),
        ) | Q(person__in=representing.values("person_id"))
    in_role = seats.filter(group_id=item.case.group_id, role=item.responsible_role or None)
    return list(
        User.objects.filter(
            Q(person__action_items=item)
            | Q(person__in=in_group)
            | Q(person__in=in_role.values("person_id"))
            | of_organisation,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def _item_text(item: ActionItem) -> str:
    deadline = f"{item.deadline:%d.%m.%Y}" if item.deadline else _("no deadline")
    return _(
        "%(description)s\n\nDeadline: %(deadline)s\n"
        "From: %(case)s %(title)s, %(group)s (%(project)s)"
    ) % {
        "description": item.description,
        "deadline": deadline,
        "case": item.case.label,
        "title": item.case.title,
        "group": item.case.group.name,
        "project": item.case.group.project,
    }


def _notify_item(item, kind, key, subject, *, send_now) -> int:
    url = reverse("meetings:action_item_detail", args=[item.pk])
    sent = 0
    for user in responsible_users(item):
        notice = notify_once(
            recipient=user,
            kind=kind,
            key=key,
            subject=subject,
            body=_item_text(item),
            url=url,
            send_now=send_now,
        )
        sent += notice is not None
    return sent


def _items():
    return ActionItem.objects.select_related("case__group__project")


def action_item_assigned(*, item_id: int) -> int:
    """Tell those responsible for a new item; the number of notices recorded."""
    item = _items().filter(pk=item_id).first()
    if item is None or not item.is_open:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("You are responsible: %(item)s") % {"item": item}
        return _notify_item(
            item, Kind.ASSIGNED, f"actionitem:{item.pk}:assigned", subject, send_now=True
        )


def action_item_reminders(*, today: datetime.date | None = None) -> int:
    """Deadlines coming up and deadlines just passed (beat, every morning)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.ACTION_ITEM_REMINDER_DAYS)
    open_items = _items().filter(status__in=ActionItem.OPEN_STATUSES).order_by("deadline", "id")
    recorded = 0
    with translation.override(settings.LANGUAGE_CODE):
        for item in open_items.filter(deadline__range=(today, soon)):
            subject = _("Deadline %(date)s: %(item)s") % {
                "date": f"{item.deadline:%d.%m.%Y}",
                "item": item,
            }
            key = f"actionitem:{item.pk}:due:{item.deadline:%Y-%m-%d}"
            recorded += _notify_item(item, Kind.DEADLINE_SOON, key, subject, send_now=True)
        for item in open_items.filter(deadline__lt=today, deadline__gte=today - OVERDUE_WINDOW):
            subject = _("Overdue since %(date)s: %(item)s") % {
                "date": f"{item.deadline:%d.%m.%Y}",
                "item": item,
            }
            key = f"actionitem:{item.pk}:overdue:{item.deadline:%Y-%m-%d}"
            recorded += _notify_item(item, Kind.OVERDUE, key, subject, send_now=True)
    return recorded


def minutes_recipients(meeting: Meeting) -> list[User]:
    """Those who took part (invited) and the group's members today, with a login."""
    seats = GroupMembership.objects.current().filter(group=meeting.group).values("person_id")
    return list(
        User.objects.filter(
            Q(person__participations__meeting=meeting) | Q(person__in=seats), is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def minutes_event(*, event_id: int) -> int:
    """Tell the group about minutes sent for comments, approved or published."""
    event = MinutesEvent.objects.select_related("meeting__group__project").filter(pk=event_id)
    event = event.first()
    if event is None or event.kind not in MINUTES_KINDS:
        return 0
    meeting = event.meeting
    with translation.override(settings.LANGUAGE_CODE):
        if event.kind == MinutesEvent.Kind.SENT_FOR_COMMENTS:
            subject = _("Minutes for comments: %(meeting)s") % {"meeting": meeting}
            facts = {"meeting": meeting, "group": meeting.group.name}
            if meeting.comment_deadline:
                facts["date"] = f"{meeting.comment_deadline:%d.%m.%Y}"
                body = _(
                    "The minutes of %(meeting)s (%(group)s) are out for comments until %(date)s."
                )
            else:
                body = _("The minutes of %(meeting)s (%(group)s) are out for comments.")
            body = body % facts
        else:
            subject = _("Minutes %(step)s: %(meeting)s") % {
                "step": event.get_kind_display().lower(),
                "meeting": meeting,
            }
            body = _("The minutes of %(meeting)s (%(group)s): %(step)s.") % {
                "meeting": meeting,
                "group": meeting.group.name,
                "step": event.get_kind_display().lower(),
            }
        recorded = 0
        for user in minutes_recipients(meeting):
            notice = notify_once(
                recipient=user,
                kind=MINUTES_KINDS[event.kind],
                key=f"minutes:{meeting.pk}:{event.pk}",
                subject=subject,
                body=body,
                url=meeting.get_absolute_url(),
                send_now=True,
            )
            recorded += notice is not None
    return recorded
