"""Imported Word minutes become a meeting: one transaction, through the services, or nothing.

``word_import`` reads the file; this module matches the names it found to people of the
project and writes the meeting, its attendance, its cases with their own numbers, their
decisions and action items, and keeps the original file as an attachment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from meetings import attachments, numbering, services
from meetings.models import Meeting
from meetings.word_import import Minutes, RecognisedCase
from projects import services as project_services
from projects.models import GroupMembership, Organisation, Person, ProjectGroup
from projects.selectors import people_for_project

ALL = "alle"

# Where an uploaded Word file waits between the preview and the import.
STORAGE_FOLDER = "ordimport"


@dataclass
class CaseChoice:
    """What the secretary kept of a recognised case: whether it is one, its number, title and
    whether it is exempt from public access (with its legal basis)."""

    include: bool
    title: str
    number: int | None
    year: int | None
    exempt: bool = False
    legal_basis: str = ""


@dataclass(frozen=True)
class Responsible:
    """Who a name in the "Ansvar" column is: a member, an organisation, the group, or text."""

    person: Person | None = None
    organisation: Organisation | None = None
    group: ProjectGroup | None = None
    note: str = ""

    @property
    def matched(self) -> bool:
        return self.note == ""


def match_responsible(group: ProjectGroup, text: str) -> Responsible:
    name = " ".join(text.split())
    if not name:
        return Responsible(note="")
    if name.lower() == ALL:
        return Responsible(group=group)
    members = Person.objects.filter(
        pk__in=GroupMembership.objects.filter(group=group).values("person_id")
    )
    person = members.filter(name__iexact=name).first()
    if person is not None:
        return Responsible(person=person)
    organisation = Organisation.objects.filter(
        pk__in=group.project.participations.values("organisation_id"), name__iexact=name
    ).first()
    if organisation is not None:
        return Responsible(organisation=organisation)
    return Responsible(note=name[:200])


def _person(group: ProjectGroup, name: str) -> Person:
    """The project's person of that name, or a new one: old minutes name people once."""
    found = people_for_project(group.project).filter(name__iexact=name).first()
    return found or project_services.person_create(name=name[:200])


def _starts(
    minutes: Minutes, day: datetime.date
) -> tuple[datetime.datetime, datetime.datetime | None]:
    start = minutes.starts.value
    starts_at = timezone.make_aware(datetime.datetime.combine(day, start or datetime.time(0)))
    end = minutes.ends.value
    ends_at = None
    if start and end and end > start:
        ends_at = timezone.make_aware(datetime.datetime.combine(day, end))
    return starts_at, ends_at


@transaction.atomic
def minutes_import(
    *,
    group: ProjectGroup,
    minutes: Minutes,
    title: str,
    day: datetime.date,
    cases: list[CaseChoice],
    upload: File,
    original_name: str,
    key: str,
    by: User,
) -> Meeting:
    """Make the meeting the secretary checked; ``key`` (the preview's token) makes it once.

    A second import of the same preview, sent twice or from two tabs at once, fails the
    unique key: the caller finds the first meeting with ``imported_meeting``.
    """
    starts_at, ends_at = _starts(minutes, day)
    place = minutes.place.value or ""
    meeting = services.meeting_plan(
        group=group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        room=place[:200],
        date_only=minutes.starts.value is None,
        standing_cases=False,
        invite_members=False,
        status=Meeting.Status.HELD,
        imported_from=original_name[:200],
        # The first row written: a concurrent import of the same key waits here for the first
        # to commit, then fails the unique key, and its transaction leaves nothing.
        import_key=key,
        secretary=_person(group, minutes.secretary) if minutes.secretary else None,
    )
    _attendance(meeting, minutes)
    # Numbers as written are taken first, so a case without one gets a number after them.
    for choice in cases:
        if choice.include and choice.number is not None:
            numbering.claim_case_number(group, choice.year or meeting.year, choice.number)
    for recognised, choice in zip(minutes.cases, cases, strict=True):
        if choice.include:
            _case(meeting, recognised, choice)
    # Imported minutes have been read outside the portal: their numbers are settled.
    numbering.number_agenda(meeting)
    # Last: storage is not transactional, and nothing after this can fail and leave the bytes.
    attachments.attachment_add(meeting=meeting, upload=upload, by=by)
    return meeting


def imported_meeting(group: ProjectGroup, key: str) -> Meeting | None:
    return Meeting.objects.filter(group=group, import_key=key).first() if key else None


def _attendance(meeting: Meeting, minutes: Minutes) -> None:
    seen = {meeting.secretary_id}
    for attendee in minutes.attendees:
        person = _person(meeting.group, attendee.name)
        if person.pk in seen:
            continue
        seen.add(person.pk)
        substitute_for = None
        if attendee.substitute_for:
            substitute_for = _person(meeting.group, attendee.substitute_for)
        services.participant_set(
            meeting=meeting,
            person=person,
            attendance=attendee.attendance,
            role=attendee.note[:100] if attendee.attendance != "guest" else "",
            substitute_for=substitute_for,
            note=attendee.note[:300] if attendee.attendance == "guest" else "",
        )


def _case(meeting: Meeting, recognised: RecognisedCase, choice: CaseChoice) -> None:
    fields = {
        "kind": recognised.kind,
        "presenter": recognised.presenter[:200],
        "notes": recognised.notes_html,
        "decision": recognised.decision_html,
        "exempt_from_public": choice.exempt,
        "legal_basis": choice.legal_basis if choice.exempt else "",
    }
    if choice.number is not None:
        case = services.case_add_as_written(
            meeting=meeting,
            title=choice.title,
            number=choice.number,
            year=choice.year or meeting.year,
            **fields,
        )
    else:
        case = services.case_add(meeting=meeting, title=choice.title, **fields)
    for row in recognised.actions:
        responsible = match_responsible(meeting.group, row.responsible)
        services.action_item_add(
            case=case,
            description=row.description,
            responsible_people=[responsible.person] if responsible.person else None,
            responsible_organisation=responsible.organisation,
            responsible_group=responsible.group,
            responsible_note=responsible.note,
            deadline=row.deadline,
            deadline_as_written=row.deadline_text[:50],
            notify=False,
        )


def forget_abandoned_uploads(*, older_than: datetime.timedelta) -> int:
    """Delete Word files left waiting by a preview nobody imported (the session ended first).

    Only the uploader's session knows a waiting file's name, so once every session that could
    hold it has expired, nobody can import it any more: it is deleted, never kept unseen.
    """
    try:
        _folders, names = default_storage.listdir(STORAGE_FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    deleted = 0
    for name in names:
        path = f"{STORAGE_FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    return deleted
