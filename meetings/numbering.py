"""Case numbers ("Sak 3/18"): per group and year, given once, never reused.

Ordinary cases take their number when they are added. "Any other business" is
the exception: it stays last on the agenda and takes its number when the agenda
is settled (invitation sent, minutes sent for comments, approved or published),
so that a fresh agenda reads 1, 2, 3 … with Eventuelt last, as in real minutes.

Until the agenda is settled nobody outside the portal has seen its numbers, so a case
deleted from it gives its number back and the cases after it close up (``close_gap``):
a meeting not yet held never shows a gap because its standing case was removed.
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from meetings.models import Case, CaseSequence, Meeting
from projects.models import ProjectGroup
from samarbeid.conflicts import require_transaction
from search.indexing import index_object


def take_case_number(group: ProjectGroup, year: int) -> int:
    """The next free number for the group and year; never given out twice.

    The counter row is created if missing (a concurrent creator makes ours a no-op)
    and then locked, so two secretaries adding cases at once queue up here.
    Call inside a transaction.
    """
    require_transaction(CaseSequence, "take_case_number")
    CaseSequence.objects.bulk_create([CaseSequence(group=group, year=year)], ignore_conflicts=True)
    sequence = CaseSequence.objects.select_for_update().get(group=group, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def claim_case_number(group: ProjectGroup, year: int, number: int) -> int:
    """A number as old minutes wrote it ("Sak 3/18"), if the group's year has not used it.

    The counter moves past it, so the next case added by hand does not take it again.
    Call inside a transaction.
    """
    require_transaction(CaseSequence, "claim_case_number")
    CaseSequence.objects.bulk_create([CaseSequence(group=group, year=year)], ignore_conflicts=True)
    sequence = CaseSequence.objects.select_for_update().get(group=group, year=year)
    if Case.objects.filter(group=group, year=year, number=number).exists():
        raise ValidationError(
            _("Case %(number)s/%(year)02d already exists in the group.")
            % {"number": number, "year": year % 100}
        )
    if number > sequence.last_number:
        sequence.last_number = number
        sequence.save(update_fields=["last_number"])
    return number


def next_number(group: ProjectGroup, year: int) -> int:
    """The number the next case would take; a preview only, nothing is reserved."""
    last = (
        CaseSequence.objects.filter(group=group, year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    return (last or 0) + 1


def place_at_end(meeting: Meeting) -> int:
    """The position for a case joining the agenda: last, but before "any other business"."""
    last = meeting.cases.order_by("-position", "-id").first()
    if last is not None and last.kind == Case.Kind.ANY_OTHER_BUSINESS:
        position = last.position
        last.position = position + 1
        last.save()
        return position
    highest = meeting.cases.aggregate(highest=Max("position"))["highest"]
    return 1 if highest is None else highest + 1


def number_agenda(meeting: Meeting) -> None:
    """Give the meeting's cases still without a number theirs, in agenda order; settle them."""
    for case in meeting.cases.filter(number__isnull=True).order_by("position", "id"):
        case.year = meeting.year
        case.number = take_case_number(meeting.group, case.year)
        case.save()
        index_object(case)
    if not meeting.numbers_settled:
        meeting.numbers_settled = True
        # Only this field: an editor's open form must not see the meeting as changed.
        meeting.save(update_fields=["numbers_settled"])


def close_gap(*, meeting: Meeting, year: int, number: int) -> bool:
    """After a case of ``meeting`` numbered ``number`` was deleted: give the number back.

    Only while the meeting's agenda is unsettled and every later number of the group's year
    belongs to cases first numbered on this agenda: those move down one and the counter goes
    back. Otherwise the number stays unused, as numbers that have been seen always do.
    """
    require_transaction(CaseSequence, "close_gap")
    sequence = CaseSequence.objects.select_for_update().get(group=meeting.group_id, year=year)
    if Meeting.objects.filter(pk=meeting.pk, numbers_settled=True).exists():
        return False
    later = Case.objects.filter(group=meeting.group_id, year=year, number__gt=number)
    if later.exclude(meeting=meeting).exists() or later.filter(postponed_from__isnull=False):
        return False
    # Upwards one at a time: each case takes the number the one before it has just left.
    for case in later.order_by("number"):
        case.number -= 1
        case.save()
        index_object(case)
    sequence.last_number -= 1
    sequence.save(update_fields=["last_number"])
    return True
