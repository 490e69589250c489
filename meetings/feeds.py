"""Calendar subscriptions (iCalendar feeds) that Outlook and Google Calendar poll.

A personal feed holds the meetings the user is invited to or whose group they sit in, and
the deadlines of the action items they answer for; a group feed holds the group's meetings
and the deadlines of its open items. The address carries a random secret; only its hash is
stored. Making a new address for the same feed revokes the old one.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.models import User
from meetings import action_selectors, invitations
from meetings.action_selectors import ItemFilters
from meetings.models import ActionItem, CalendarFeed, Meeting
from projects import permissions
from projects.models import GroupMembership, ProjectGroup

# Calendars need no distant past; the feed stays small and quick for clients polling it.
HISTORY = datetime.timedelta(days=365)
MAX_ITEMS = 2000


@transaction.atomic
def calendar_feed_create(
    *, user: User, group: ProjectGroup | None = None
) -> tuple[CalendarFeed, str]:
    """A new secret address; the previous one for the same feed stops working."""
    for old in CalendarFeed.objects.active().filter(user=user, group=group).select_for_update():
        _revoke(old)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(user=user, group=group, token_hash=CalendarFeed.hash(token))
    feed.full_clean()
    feed.save()
    return feed, token


def _revoke(feed: CalendarFeed) -> None:
    feed.revoked_at = timezone.now()
    feed.save()


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed) -> CalendarFeed:
    if feed.revoked_at is None:
        _revoke(feed)
    return feed


def feed_url(token: str) -> str:
    return f"{settings.PORTAL_URL}{reverse('meetings:calendar_feed', args=[token])}"


def find_feed(token: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.active()
        .select_related("user", "group__project")
        .filter(token_hash=CalendarFeed.hash(token), user__is_active=True)
        .first()
    )


# --- The calendar ---------------------------------------------------------


def _meetings(feed: CalendarFeed):
    user = feed.user
    visible = permissions.meetings_for_user(user).filter(starts_at__gte=timezone.now() - HISTORY)
    if feed.group is not None:
        mine = visible.filter(Q(group=feed.group) | Q(also_for=feed.group))
    else:
        seats = GroupMembership.objects.current().filter(person__user=user).values("group_id")
        mine = visible.filter(Q(participants__person__user=user) | Q(group_id__in=seats))
    return (
        Meeting.objects.filter(id__in=mine.values("id"))
        .select_related("group")
        .order_by("starts_at", "pk")
    )


def _items(feed: CalendarFeed):
    user = feed.user
    if feed.group is not None:
        items = action_selectors.register_items(
            user, project=feed.group.project, group=feed.group, filters=ItemFilters()
        ).filter(status__in=ActionItem.OPEN_STATUSES)
    else:
        items = action_selectors.my_open_items(user, filters=ItemFilters())
    return items.filter(deadline__isnull=False)[:MAX_ITEMS]


def _meeting_event(meeting: Meeting, now) -> Event:
    if meeting.date_only:
        day = timezone.localtime(meeting.starts_at).date()
        start, end = day, day + datetime.timedelta(days=1)
    else:
        ends_at = meeting.ends_at or meeting.starts_at + invitations.LENGTH_WHEN_NO_END
        start, end = meeting.starts_at.astimezone(datetime.UTC), ends_at.astimezone(datetime.UTC)
    event = Event.new(
        uid=f"{meeting.ical_uid}@samarbeid",
        sequence=meeting.ical_sequence,
        stamp=now,
        start=start,
        end=end,
        summary=f"{meeting.title} ({meeting.group.name})",
        location=invitations.location(meeting) or None,
        status="CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED",
    )
    event.add("url", f"{settings.PORTAL_URL}{meeting.get_absolute_url()}")
    return event


def _item_event(item: ActionItem, now, *, group_feed: bool) -> Event:
    case = item.case
    # A group feed goes to whatever service polls it, shared like a calendar: of an exempt
    # case it carries the number and public title, and nothing of the item's text.
    hidden = group_feed and case.exempt_from_public
    what = _("action item in %(case)s") % {"case": case.label} if hidden else item
    title = case.public_title if group_feed else case.title
    # An all-day event on the deadline: VTODO is not shown by Google Calendar or Outlook.com.
    event = Event.new(
        uid=f"actionitem-{item.pk}@samarbeid",
        stamp=now,
        start=item.deadline,
        end=item.deadline + datetime.timedelta(days=1),
        summary=_("Deadline: %(item)s") % {"item": what},
        description=f"{case.label} {title}, {case.group.name}",
    )
    event.add(
        "url", f"{settings.PORTAL_URL}{reverse('meetings:action_item_detail', args=[item.pk])}"
    )
    event.add("transp", "TRANSPARENT")
    return event


def build_feed(feed: CalendarFeed) -> bytes:
    now = timezone.now()
    name = feed.group.name if feed.group is not None else _("My meetings and deadlines")
    calendar = Calendar()
    calendar.add("prodid", invitations.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Samarbeid: {name}")
    # How often clients should poll; Outlook and Google decide for themselves, others follow.
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for meeting in _meetings(feed):
        calendar.add_component(_meeting_event(meeting, now))
    for item in _items(feed):
        calendar.add_component(_item_event(item, now, group_feed=feed.group is not None))
    return calendar.to_ical()
