"""Every write to meetings, cases, action items and the minutes workflow goes through here."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings import invitations, numbering, published, selectors
from meetings.models import (
    ActionItem,
    ActionItemUpdate,
    Case,
    CaseComment,
    Meeting,
    MinutesEvent,
    Participant,
    PublishedMinutes,
)
from meetings.richtext import sanitise_checked
from projects.models import GroupMembership, Organisation, Person, ProjectGroup
from samarbeid.conflicts import WorkflowError, ensure_unchanged
from samarbeid.outbox.services import enqueue
from search.indexing import forget, index_object


def _save(instance):
    instance.full_clean()
    instance.save()
    index_object(instance)
    return instance


def _ensure_editable(meeting: Meeting) -> None:
    """Refuse changes to approved minutes, judged by the row as it is now, locked.

    The lock makes an approval and an edit arriving together happen one after the other.
    """
    status = (
        Meeting.objects.select_for_update()
        .filter(pk=meeting.pk)
        .values_list("minutes_status", flat=True)
        .get()
    )
    if status == Meeting.MinutesStatus.APPROVED:
        raise WorkflowError(_("The minutes are approved and locked. Reopen them to change them."))


# --- Case numbers ---------------------------------------------------------


# --- Meetings -------------------------------------------------------------


@transaction.atomic
def meeting_plan(
    *,
    group: ProjectGroup,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    room: str = "",
    address: str = "",
    video_link: str = "",
    secretary: Person | None = None,
    chair: Person | None = None,
    also_for: list[ProjectGroup] | None = None,
    date_only: bool = False,
    standing_cases: bool = True,
    invite_members: bool = True,
    status: str = Meeting.Status.PLANNED,
    imported_from: str = "",
    import_key: str = "",
) -> Meeting:
    """A new meeting with the group's members of the day invited and the standing cases on it.

    Imported minutes (``imported_from``) list who was there themselves: ``invite_members=False``.
    """
    meeting = _save(
        Meeting(
            status=status,
            imported_from=imported_from,
            import_key=import_key,
            group=group,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            room=room,
            address=address,
            video_link=video_link,
            secretary=secretary,
            chair=chair,
            date_only=date_only,
        )
    )
    if also_for:
        meeting.also_for.set([g for g in also_for if g.pk != group.pk])
    on = timezone.localtime(starts_at).date()
    seats = (
        GroupMembership.objects.current(on=on)
        .without_deputies()
        .filter(group__in=[group, *(also_for or [])])
        .select_related("person", "organisation")
        .order_by("person__name")
    )
    invited = set()
    for seat in seats if invite_members else []:
        if seat.person_id in invited:
            continue
        invited.add(seat.person_id)
        _save(
            Participant(
                meeting=meeting,
                person=seat.person,
                role=_title_on_the_day(seat),
                organisation=seat.organisation,
            )
        )
    if standing_cases:
        _add_standing_cases(meeting)
    return meeting


def _title_on_the_day(seat: GroupMembership) -> str:
    """As minutes write it: "leder, kommunalsjef"; a plain member is named by title alone."""
    parts = [] if seat.role == GroupMembership.Role.MEMBER else [seat.get_role_display().lower()]
    if seat.person.title:
        parts.append(seat.person.title)
    return ", ".join(parts)[: Participant._meta.get_field("role").max_length]


def _add_standing_cases(meeting: Meeting) -> None:
    case_add(
        meeting=meeting,
        title=_("Approval of invitation and agenda"),
        kind=Case.Kind.AGENDA_APPROVAL,
    )
    previous = (
        Meeting.objects.filter(group=meeting.group, starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if previous is not None:
        local = timezone.localtime(previous.starts_at)
        case_add(
            meeting=meeting,
            title=_("Minutes of %(date)s") % {"date": f"{local:%d.%m.%y}"},
            kind=Case.Kind.MINUTES_APPROVAL,
            approves_minutes_of=previous,
        )
    # Numbered when the agenda is settled (meetings.numbering), so that it comes last.
    _save(
        Case(
            group=meeting.group,
            meeting=meeting,
            title=_("Any other business"),
            kind=Case.Kind.ANY_OTHER_BUSINESS,
            position=numbering.place_at_end(meeting),
        )
    )


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, changes: dict, seen_updated_at: datetime.datetime | None
) -> Meeting:
    stored = ensure_unchanged(meeting, seen_updated_at)
    _ensure_editable(meeting)
    also_for = changes.pop("also_for", None)
    # The stored row, not ``meeting``: the edit form has already put the new time on it.
    before = invitations.calendar_facts(stored)
    for field, value in changes.items():
        setattr(meeting, field, value)
    _save(meeting)
    # A moved meeting sends its invitees an update (if they were invited at all).
    if invitations.calendar_facts(meeting) != before:
        invitations.invitation_version_bump(meeting)
    if also_for is not None:
        meeting.also_for.set([g for g in also_for if g.pk != meeting.group_id])
    return meeting


@transaction.atomic
def participant_set(
    *,
    meeting: Meeting,
    person: Person,
    attendance: str,
    role: str = "",
    organisation: Organisation | None = None,
    substitute_for: Person | None = None,
    note: str = "",
) -> Participant:
    _ensure_editable(meeting)
    participant = Participant.objects.filter(meeting=meeting, person=person).first()
    participant = participant or Participant(meeting=meeting, person=person)
    participant.attendance = attendance
    participant.role = role
    participant.organisation = organisation if organisation is not None else person.organisation
    participant.substitute_for = substitute_for
    participant.note = note
    return _save(participant)


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    _ensure_editable(participant.meeting)
    participant.delete()


# --- Cases ----------------------------------------------------------------

RICH_TEXT_FIELDS = ("notes", "decision")


def _clean_rich_text(values: dict) -> dict:
    """Sanitised and within the caps; a refusal names its field, as a form error would."""
    cleaned = {}
    for name, value in values.items():
        try:
            cleaned[name] = sanitise_checked(value) if name in RICH_TEXT_FIELDS else value
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from error
    return cleaned


@transaction.atomic
def case_add(*, meeting: Meeting, title: str, **fields) -> Case:
    """A numbered case at the end of the meeting's agenda."""
    _ensure_editable(meeting)
    case = Case(
        group=meeting.group,
        meeting=meeting,
        title=title,
        position=numbering.place_at_end(meeting),
        **_clean_rich_text(fields),
    )
    case.full_clean()
    case.year = meeting.year
    case.number = numbering.take_case_number(meeting.group, case.year)
    case.save()
    index_object(case)
    return case


@transaction.atomic
def case_add_as_written(*, meeting: Meeting, title: str, number: int, year: int, **fields) -> Case:
    """A case of old minutes with the number they gave it ("Sak 3/18"), refused if taken."""
    _ensure_editable(meeting)
    case = Case(
        group=meeting.group,
        meeting=meeting,
        title=title,
        position=numbering.place_at_end(meeting),
        **_clean_rich_text(fields),
    )
    case.full_clean()
    case.year = year
    case.number = numbering.claim_case_number(meeting.group, year, number)
    case.save()
    index_object(case)
    return case


@transaction.atomic
def case_propose(*, group: ProjectGroup, title: str, **fields) -> Case:
    """A case for the group's queue: no meeting and no number until it is scheduled."""
    return _save(Case(group=group, title=title, **_clean_rich_text(fields)))


@transaction.atomic
def case_schedule(*, case: Case, meeting: Meeting) -> Case:
    """Put a queued or postponed case on a meeting's agenda; a number once given is kept."""
    _ensure_editable(meeting)
    if case.meeting_id is not None and case.meeting.is_locked:
        raise WorkflowError(_("The case belongs to approved minutes."))
    if case.group_id != meeting.group_id:
        raise ValidationError(_("The case belongs to another group."))
    if case.meeting_id is not None and case.meeting_id != meeting.pk:
        case.postponed_from = case.meeting
    case.meeting = meeting
    case.position = numbering.place_at_end(meeting)
    if case.number is None:
        case.year = meeting.year
        case.number = numbering.take_case_number(meeting.group, case.year)
    return _save(case)


@transaction.atomic
def case_update(*, case: Case, changes: dict, seen_updated_at: datetime.datetime | None) -> Case:
    ensure_unchanged(case, seen_updated_at)
    if case.meeting_id is not None:
        _ensure_editable(case.meeting)
    for field, value in _clean_rich_text(changes).items():
        setattr(case, field, value)
    case.updated_at = timezone.now()
    return _save(case)


@transaction.atomic
def case_move(*, case: Case, offset: int) -> None:
    """Move a case up (-1) or down (+1) the agenda; its number stays."""
    _ensure_editable(case.meeting)
    agenda = list(case.meeting.cases.order_by("position", "number"))
    index = agenda.index(case)
    target = index + offset
    if not 0 <= target < len(agenda):
        return
    agenda[index], agenda[target] = agenda[target], agenda[index]
    for position, item in enumerate(agenda, start=1):
        if item.position != position:
            item.position = position
            item.save()


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, cases: list[Case]) -> None:
    """Put the agenda in the given order; numbers stay, only moved cases are saved."""
    _ensure_editable(meeting)
    if {case.pk for case in cases} != set(meeting.cases.values_list("pk", flat=True)):
        raise ValidationError(_("The new order must hold every case of the meeting once."))
    for position, case in enumerate(cases, start=1):
        if case.position != position:
            case.position = position
            case.save()


@transaction.atomic
def case_delete(*, case: Case) -> bool:
    """Remove a case; True if the agenda closed up behind it (``numbering.close_gap``).

    Its number is not given out again once the agenda has been seen.
    """
    if case.meeting_id is not None:
        _ensure_editable(case.meeting)
    files = [(a.file.storage, a.file.name) for a in case.attachments.all()]
    meeting, year, number = case.meeting, case.year, case.number
    forget(case)
    case.delete()
    closed = meeting is not None and number is not None
    closed = closed and numbering.close_gap(meeting=meeting, year=year, number=number)
    # The stored files go only once the deletion is committed.
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return closed


@transaction.atomic
def case_comment(*, case: Case, author: User, text: str, objection: bool = False) -> CaseComment:
    meeting = Meeting.objects.filter(pk=case.meeting_id).first()
    if meeting is None or meeting.minutes_status != Meeting.MinutesStatus.FOR_COMMENTS:
        raise WorkflowError(_("Comments are taken while the minutes are out for comments."))
    if meeting.comment_deadline and meeting.comment_deadline < timezone.localdate():
        raise WorkflowError(_("The comment deadline has passed."))
    return _save(CaseComment(case=case, author=author, text=text.strip(), objection=objection))


@transaction.atomic
def case_approve_minutes(*, case: Case, by: User) -> Meeting:
    """An approval case ("Sak 1. Referat 29.11.19 – Godkjent") approves the earlier minutes."""
    if case.kind != Case.Kind.MINUTES_APPROVAL or case.approves_minutes_of_id is None:
        raise WorkflowError(_("This case does not approve any minutes."))
    return minutes_approve(
        meeting=case.approves_minutes_of,
        by=by,
        reason=_("%(case)s in the meeting %(meeting)s")
        % {"case": case.label, "meeting": case.meeting},
    )


# --- Action items ---------------------------------------------------------


@transaction.atomic
def action_item_add(
    *,
    case: Case,
    description: str,
    responsible_people: list[Person] | None = None,
    responsible_organisation: Organisation | None = None,
    responsible_group: ProjectGroup | None = None,
    responsible_role: str = "",
    responsible_note: str = "",
    deadline: datetime.date | None = None,
    deadline_as_written: str = "",
    notify: bool = True,
) -> ActionItem:
    """``notify=False`` for items of old minutes imported now: nobody is told of them again."""
    if case.meeting_id is not None:
        _ensure_editable(case.meeting)
    item = _save(
        ActionItem(
            case=case,
            description=description,
            responsible_organisation=responsible_organisation,
            responsible_group=responsible_group,
            responsible_role=responsible_role,
            responsible_note=responsible_note,
            deadline=deadline,
            deadline_as_written=deadline_as_written,
        )
    )
    if responsible_people:
        item.responsible_people.set(responsible_people)
    if notify:
        enqueue(
            "meetings.tasks.notify_action_item_assigned",
            item.pk,
            key=f"actionitem:{item.pk}:assigned",
        )
    return item


@transaction.atomic
def action_item_follow_up(
    *,
    item: ActionItem,
    status: str,
    note: str = "",
    by: User | None = None,
    meeting: Meeting | None = None,
    seen_updated_at: datetime.datetime | None = None,
    check_seen: bool = False,
) -> ActionItemUpdate:
    """Record a dated note and the item's new status in one step.

    With ``check_seen`` (a list where the status was shown), a change made by someone else
    since the page was loaded is refused rather than undone.
    """
    if check_seen:
        ensure_unchanged(item, seen_updated_at)
    if not note.strip() and status == item.status:
        raise ValidationError({"note": _("Write a note or change the status.")})
    update = _save(
        ActionItemUpdate(
            item=item,
            previous_status=item.status,
            status=status,
            note=note.strip(),
            by=by,
            meeting=meeting,
        )
    )
    if item.status != status:
        item.status = status
        _save(item)
    return update


# --- The minutes workflow -------------------------------------------------

# Steps the group is told about by e-mail (meetings.notices).
MINUTES_NOTICE_KINDS = (
    MinutesEvent.Kind.SENT_FOR_COMMENTS,
    MinutesEvent.Kind.APPROVED,
    MinutesEvent.Kind.AUTO_APPROVED,
    MinutesEvent.Kind.PUBLISHED,
)


def _lock_fresh(meeting: Meeting) -> None:
    """Lock the meeting's row and bring the caller's object up to date with it."""
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
    meeting.refresh_from_db()


def _record(
    meeting: Meeting, kind: str, by: User | None, reason: str = "", effective_on=None
) -> MinutesEvent:
    event = _save(
        MinutesEvent(meeting=meeting, kind=kind, by=by, reason=reason, effective_on=effective_on)
    )
    # Old minutes entered as approved long ago are history: nobody needs telling today.
    if kind in MINUTES_NOTICE_KINDS and effective_on is None:
        enqueue("meetings.tasks.notify_minutes_event", event.pk, key=f"minutesevent:{event.pk}")
    return event


def _ensure_held(meeting: Meeting) -> None:
    """Minutes are of a meeting that has taken place: not sent, approved or published before.

    The same day counts as held: minutes are often written during the meeting and sent at
    its end.
    """
    day = timezone.localtime(meeting.starts_at).date()
    if day > timezone.localdate():
        raise WorkflowError(
            _(
                "The meeting has not taken place yet (%(date)s). Its minutes can be sent out, "
                "approved and published once it has been held."
            )
            % {"date": f"{day:%d.%m.%Y}"}
        )


@transaction.atomic
def minutes_send_for_comments(
    *, meeting: Meeting, comment_deadline: datetime.date, by: User
) -> Meeting:
    _lock_fresh(meeting)
    _ensure_held(meeting)
    numbering.number_agenda(meeting)
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise WorkflowError(_("Only draft minutes can be sent for comments."))
    if comment_deadline < timezone.localdate():
        raise ValidationError({"comment_deadline": _("The deadline has already passed.")})
    meeting.minutes_status = Meeting.MinutesStatus.FOR_COMMENTS
    meeting.comment_deadline = comment_deadline
    meeting.status = Meeting.Status.HELD
    _save(meeting)
    _record(meeting, MinutesEvent.Kind.SENT_FOR_COMMENTS, by)
    return meeting


@transaction.atomic
def minutes_approve(
    *,
    meeting: Meeting,
    by: User | None,
    automatic: bool = False,
    reason: str = "",
    approved_on: datetime.date | None = None,
) -> Meeting:
    """Approve the minutes; ``approved_on`` is for old minutes approved before being entered."""
    _lock_fresh(meeting)
    _ensure_held(meeting)
    numbering.number_agenda(meeting)
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise WorkflowError(_("The minutes are already approved."))
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.status = Meeting.Status.HELD
    _save(meeting)
    kind = MinutesEvent.Kind.AUTO_APPROVED if automatic else MinutesEvent.Kind.APPROVED
    event = _record(meeting, kind, by, reason, effective_on=approved_on)
    # One archive run per approval; the run files each version once, whatever ran before.
    enqueue("meetings.tasks.minutes_archive", meeting.pk, key=f"minutes-archive:{event.pk}")
    return meeting


@transaction.atomic
def minutes_reopen(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the approved minutes are reopened.")})
    _lock_fresh(meeting)
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        raise WorkflowError(_("Only approved minutes can be reopened."))
    meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    meeting.comment_deadline = None
    _save(meeting)
    _record(meeting, MinutesEvent.Kind.REOPENED, by, reason)
    return meeting


@transaction.atomic
def minutes_publish(*, meeting: Meeting, by: User) -> Meeting:
    """Freeze what the public sees, until the next publication or a take-down.

    Publishing is its own decision: unapproved minutes can be published, marked as such.
    """
    from meetings.minutes_pdf import current_approval  # it imports this module, indirectly

    _lock_fresh(meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise WorkflowError(_("A cancelled meeting has no minutes to publish."))
    _ensure_held(meeting)
    numbering.number_agenda(meeting)
    snapshot = published.snapshot_of(meeting, decision_label=selectors.decision_label(meeting))
    public = meeting.published_versions.public().first()
    # Publishing again is how reopened minutes reach the public; the same text twice is not.
    if public is not None and published.repeats(public, snapshot):
        raise WorkflowError(_("The minutes are already published."))
    if public is not None:
        public.status = PublishedMinutes.Status.SUPERSEDED
        _save(public)
    version = _save(
        PublishedMinutes(
            meeting=meeting,
            number=meeting.published_versions.count() + 1,
            published_at=timezone.now(),
            published_by=by,
            approval=current_approval(meeting),
            snapshot=snapshot,
        )
    )
    meeting.published_at = version.published_at
    _save(meeting)
    _record(meeting, MinutesEvent.Kind.PUBLISHED, by)
    return meeting


@transaction.atomic
def minutes_unpublish(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the minutes are taken down.")})
    _lock_fresh(meeting)
    public = meeting.published_versions.public().first()
    if meeting.published_at is None or public is None:
        raise WorkflowError(_("The minutes are not published."))
    public.status = PublishedMinutes.Status.TAKEN_DOWN
    public.taken_down_at = timezone.now()
    public.taken_down_by = by
    public.take_down_reason = reason.strip()
    _save(public)
    meeting.published_at = None
    _save(meeting)
    _record(meeting, MinutesEvent.Kind.UNPUBLISHED, by, reason)
    return meeting


def minutes_approve_overdue(*, today: datetime.date | None = None) -> list[int]:
    """Approve minutes whose comment deadline has passed ("after this they count as approved").

    Each meeting in its own transaction, and the state checked again under lock,
    so a run that overlaps another, or a retry, approves nothing twice.
    """
    today = today or timezone.localdate()
    approved = []
    due = (
        Meeting.objects.filter(
            minutes_status=Meeting.MinutesStatus.FOR_COMMENTS, comment_deadline__lt=today
        )
        # An objection means the next meeting must decide: no silent approval.
        .exclude(cases__comments__objection=True)
        .values_list("id", flat=True)
        .distinct()
    )
    for meeting_id in due:
        with transaction.atomic():
            meeting = Meeting.objects.get(pk=meeting_id)
            _lock_fresh(meeting)
            if meeting.minutes_status != Meeting.MinutesStatus.FOR_COMMENTS:
                continue
            minutes_approve(
                meeting=meeting,
                by=None,
                automatic=True,
                reason=_("No objections before the comment deadline %(date)s.")
                % {"date": f"{meeting.comment_deadline:%d.%m.%Y}"},
            )
            approved.append(meeting_id)
    return approved
