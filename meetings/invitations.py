"""Meeting invitations (innkalling): an iCalendar request per version, e-mailed once per address.

Calendar programs match an update to the invitation they hold by UID and keep the highest
SEQUENCE. So a meeting keeps its UID for life, and its sequence goes up with every change a
calendar shows (time, place) and with a cancellation. Each (meeting, address, sequence,
method) is one InvitationDelivery row, claimed before the e-mail goes and stamped after it:
a retried or doubled task finds the stamp and sends nothing twice.
"""

from __future__ import annotations

import datetime
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from accounts.models import User
from meetings import numbering
from meetings.models import InvitationDelivery, Meeting
from projects.models import Person
from samarbeid.conflicts import WorkflowError
from samarbeid.outbox.services import enqueue

Method = InvitationDelivery.Method
PRODID = "-//Samarbeid//Meetings//NB"
# What a calendar shows of the meeting: a change to any of these is a new version.
CALENDAR_FIELDS = ("starts_at", "ends_at", "room", "address", "video_link")
# Calendars show an event without an end as lasting no time at all.
LENGTH_WHEN_NO_END = datetime.timedelta(hours=1)


# --- The calendar ---------------------------------------------------------


def recipients(meeting: Meeting) -> list[tuple[str, Person]]:
    """(address, person) for everyone invited who has an e-mail address, once per address.

    Those who sent apologies or come as guests are included: the invitation is in their
    calendar too, and an update or a cancellation must reach them.
    """
    found: dict[str, tuple[str, Person]] = {}
    participants = (
        meeting.participants.select_related("person")
        .exclude(person__email="")
        .order_by("person__name", "id")
    )
    for participant in participants:
        address = participant.person.email.strip()
        found.setdefault(address.lower(), (address, participant.person))
    return list(found.values())


def calendar_facts(meeting: Meeting) -> tuple:
    """The values whose change makes a new version of a sent invitation (see meeting_update)."""
    return tuple(getattr(meeting, field) for field in CALENDAR_FIELDS)


def location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.room, meeting.address) if part) or meeting.video_link


def agenda_lines(meeting: Meeting) -> list[str]:
    """“Sak 1/22 Godkjenning av innkalling og saksliste”, one line per case."""
    return [f"{case.label} {case.title}" for case in meeting.cases.order_by("position", "number")]


def _organizer(meeting: Meeting) -> vCalAddress:
    # Replies (RSVP) go to the organizer: the secretary when we know their address.
    secretary = meeting.secretary
    if secretary is not None and secretary.email:
        return vCalAddress.new(secretary.email.strip(), cn=secretary.name)
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return vCalAddress.new(address, cn=name or None)


def build_calendar(meeting: Meeting, method: str) -> bytes:
    """The meeting's current version as an iTIP message (RFC 5546): a VCALENDAR, one VEVENT."""
    if method not in Method.values:
        raise ValueError(f"Unknown iTIP method {method!r}")
    description = "\n".join(agenda_lines(meeting))
    if meeting.video_link and meeting.video_link != location(meeting):
        description = f"{description}\n\n{_('Video meeting')}: {meeting.video_link}".strip()
    if meeting.date_only:
        # An all-day event: the day is known, the time is not.
        day = timezone.localtime(meeting.starts_at).date()
        start, end = day, day + datetime.timedelta(days=1)
    else:
        ends_at = meeting.ends_at or meeting.starts_at + LENGTH_WHEN_NO_END
        # UTC: every calendar program reads it the same way, Outlook included.
        start, end = meeting.starts_at.astimezone(datetime.UTC), ends_at.astimezone(datetime.UTC)
    event = Event.new(
        uid=f"{meeting.ical_uid}@samarbeid",
        sequence=meeting.ical_sequence,
        stamp=timezone.now(),
        start=start,
        end=end,
        summary=meeting.title,
        location=location(meeting) or None,
        description=description or None,
        organizer=_organizer(meeting),
        attendees=[
            vCalAddress.new(
                address,
                cn=person.name,
                role="REQ-PARTICIPANT",
                partstat="NEEDS-ACTION",
                rsvp=True,
            )
            for address, person in recipients(meeting)
        ],
        status="CANCELLED" if method == Method.CANCEL else "CONFIRMED",
    )
    # Not Calendar.new(): it adds a calendar-level UID that older Outlook versions trip over.
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event)
    return calendar.to_ical()


# --- Services -------------------------------------------------------------


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _lock_fresh(meeting: Meeting) -> None:
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
    meeting.refresh_from_db()


def _invited(meeting: Meeting) -> bool:
    return InvitationDelivery.objects.filter(meeting=meeting).exists()


def _queue(meeting: Meeting, method: str, reason: str = "") -> None:
    # One message per meeting, version and method: sending the same version twice is one send.
    enqueue(
        "meetings.tasks.send_invitations",
        meeting.pk,
        meeting.ical_sequence,
        method,
        reason,
        key=f"invitation:{meeting.pk}:{meeting.ical_sequence}:{method}",
    )


@transaction.atomic
def meeting_invite(*, meeting: Meeting, by: User) -> Meeting:
    """Queue the current version of the invitation; whoever already has it gets nothing again."""
    _lock_fresh(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise WorkflowError(_("Only a planned meeting can be sent out."))
    if not recipients(meeting):
        raise WorkflowError(_("Nobody invited to the meeting has an e-mail address."))
    numbering.number_agenda(meeting)
    _queue(meeting, Method.REQUEST)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    """Cancel a planned meeting; whoever had the invitation gets a cancellation with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    _lock_fresh(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise WorkflowError(_("The meeting is already cancelled."))
    if meeting.status != Meeting.Status.PLANNED:
        raise WorkflowError(_("A meeting that has been held cannot be cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    # A new version even if nothing went out: an invitation still queued is then outdated.
    meeting.ical_sequence += 1
    _save(meeting)
    if _invited(meeting):
        _queue(meeting, Method.CANCEL, reason.strip())
    return meeting


@transaction.atomic
def invitation_version_bump(meeting: Meeting) -> bool:
    """After a change of time or place: a new version, sent to those who had the invitation.

    meeting_update calls it when calendar_facts() changed. Before the first invitation it
    does nothing: the first one will carry the new time and place.
    """
    # The lock orders this against a sending task claiming its deliveries (invitations_send).
    sequence = (
        Meeting.objects.select_for_update()
        .filter(pk=meeting.pk)
        .values_list("ical_sequence", flat=True)
        .get()
    )
    if meeting.status != Meeting.Status.PLANNED or not _invited(meeting):
        return False
    meeting.ical_sequence = sequence + 1
    _save(meeting)
    _queue(meeting, Method.REQUEST)
    return True


# --- Sending (the body of meetings.tasks.send_invitations) ----------------


def _is_current(sequence: int, method: str, *, ical_sequence: int, status: str) -> bool:
    """An outdated task finds a newer version, whose own task sends it."""
    cancelled = status == Meeting.Status.CANCELLED
    return sequence == ical_sequence and cancelled == (method == Method.CANCEL)


def _claim(meeting_id: int, sequence: int, method: str) -> tuple[Meeting, list] | None:
    """Create the delivery rows of this version, if it is still the current one.

    Under the meeting's lock, so a move or a cancellation either sees the rows (and sends
    a new version) or commits first (and this task finds itself outdated).
    """
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("group", "secretary")
            .filter(pk=meeting_id)
            .first()
        )
        if meeting is None or not _is_current(
            sequence, method, ical_sequence=meeting.ical_sequence, status=meeting.status
        ):
            return None
        people = recipients(meeting)
        # Insert-if-absent on the unique key: a doubled task finds the rows the other made.
        # A delivery log without history, so a bulk write is fine.
        InvitationDelivery.objects.bulk_create(
            [
                InvitationDelivery(
                    meeting=meeting, email=address.lower(), sequence=sequence, method=method
                )
                for address, _person in people
            ],
            ignore_conflicts=True,
        )
    return meeting, people


def _message(meeting, method, address, person, calendar, reason, connection) -> EmailMessage:
    sequence = meeting.ical_sequence
    changed = (
        method == Method.REQUEST
        and InvitationDelivery.objects.filter(
            meeting=meeting,
            email=address.lower(),
            method=Method.REQUEST,
            sequence__lt=sequence,
            sent_at__isnull=False,
        ).exists()
    )
    if method == Method.CANCEL:
        subject, template = _("Cancelled: %(meeting)s"), "meetings/email/cancellation.txt"
    elif changed:
        subject, template = _("Changed invitation: %(meeting)s"), "meetings/email/invitation.txt"
    else:
        subject, template = _("Invitation: %(meeting)s"), "meetings/email/invitation.txt"
    context = {
        "meeting": meeting,
        "person": person,
        "changed": changed,
        "location": location(meeting),
        "agenda": agenda_lines(meeting),
        "reason": reason,
    }
    secretary = meeting.secretary
    message = EmailMessage(
        subject=subject % {"meeting": meeting},
        body=render_to_string(template, context),
        to=[address],
        reply_to=[secretary.email] if secretary is not None and secretary.email else None,
        connection=connection,
    )
    # iMIP (RFC 6047), shaped as Outlook sends it: multipart/alternative with the text and a
    # text/calendar part whose Content-Type carries the method, or Outlook shows a plain file.
    message.mixed_subtype = "alternative"
    part = MIMEText(calendar.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method, requote=False)
    part.set_param("name", "invite.ics")
    message.attach(part)
    return message


def _send_once(meeting, address, person, method, calendar, reason, connection) -> bool:
    sequence = meeting.ical_sequence
    with transaction.atomic():
        # The row lock makes a doubled task wait here until this one has sent and stamped.
        delivery = InvitationDelivery.objects.select_for_update().get(
            meeting=meeting, email=address.lower(), sequence=sequence, method=method
        )
        if delivery.sent_at is not None:
            return False
        # Moved or cancelled while we were sending: the newer version's task takes over.
        now = Meeting.objects.filter(pk=meeting.pk).values("ical_sequence", "status").get()
        if not _is_current(sequence, method, **now):
            return False
        connection.open()
        connection.send_messages(
            [_message(meeting, method, address, person, calendar, reason, connection)]
        )
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
    return True


def invitations_send(*, meeting_id: int, sequence: int, method: str, reason: str = "") -> int:
    """E-mail one version of the invitation to each recipient who has not had it; the count sent.

    Safe to run again and to run twice at once. An e-mail that went out just before a crash,
    before its stamp was saved, is the one case that can be sent again on retry.
    """
    if method not in Method.values:
        raise ValueError(f"Unknown iTIP method {method!r}")
    claimed = _claim(meeting_id, sequence, method)
    if claimed is None:
        return 0
    meeting, people = claimed
    sent = 0
    # The e-mail is in the portal's language, whatever the worker's locale.
    with translation.override(settings.LANGUAGE_CODE):
        calendar = build_calendar(meeting, method)
        connection = get_connection()
        try:
            for address, person in people:
                sent += _send_once(meeting, address, person, method, calendar, reason, connection)
        finally:
            connection.close()
    return sent
