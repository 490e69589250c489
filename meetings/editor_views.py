"""The minutes editor's helpers: saving while the secretary types, and a case's history."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import selectors, services
from meetings.diffs import changes_between
from meetings.forms import CaseForm
from meetings.models import Case
from projects import permissions
from projects.permissions import RECORD_MINUTES
from samarbeid.auth import login_required
from samarbeid.conflicts import EditConflict, WorkflowError

HISTORY_FIELDS = [name for name in CaseForm.Meta.fields if name != "approves_minutes_of"]


@require_POST
def case_autosave(request, meeting_id, case_id):
    """Save the case editor's form in the background; the answer is JSON for editor.js.

    Not behind login_required: an expired session must answer 401 with a reason the
    script can show (it keeps the text in the browser), not redirect to a login page.
    """
    if not request.user.is_authenticated:
        message = _(
            "You have been logged out. Your text is kept in this browser: "
            "log in again in another tab, then save."
        )
        return JsonResponse({"error": message}, status=401)
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    case = get_object_or_404(meeting.cases, pk=case_id)
    form = CaseForm(request.POST, instance=case, meeting=meeting)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse(
            {"error": _("Not saved yet: correct the form."), "fields": errors}, status=400
        )
    try:
        saved = services.case_update(
            case=case, changes=form.changes(), seen_updated_at=form.cleaned_data["seen_updated_at"]
        )
    except EditConflict:
        return JsonResponse({"error": str(EditConflict.message), "conflict": True}, status=409)
    except WorkflowError as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse({"saved": True, "seen_updated_at": saved.updated_at.isoformat()})


@login_required
def case_history(request, meeting_id, case_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    abilities = permissions.meeting_abilities(request.user, meeting)
    if not abilities.sees_drafts:
        # Readers see the approved text, not how it came about.
        raise Http404
    case = get_object_or_404(meeting.cases, pk=case_id)
    records = list(
        case.history.select_related("history_user").order_by("history_date", "history_id")
    )
    labels = {"decision": selectors.decision_heading(meeting)}
    versions = []
    previous = None
    for record in records:
        versions.append(
            {
                "record": record,
                "changes": changes_between(Case, previous, record, HISTORY_FIELDS, labels),
            }
        )
        previous = record
    versions.reverse()
    context = {
        "meeting": meeting,
        "case": case,
        "versions": versions,
        "can_restore": abilities.record_minutes and not meeting.is_locked,
    }
    return render(request, "meetings/case_history.html", context)


@login_required
@require_POST
def case_restore(request, meeting_id, case_id, history_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    case = get_object_or_404(meeting.cases, pk=case_id)
    record = get_object_or_404(case.history, history_id=history_id)
    changes = {name: getattr(record, name) for name in HISTORY_FIELDS}
    try:
        services.case_update(case=case, changes=changes, seen_updated_at=case.updated_at)
    except (WorkflowError, EditConflict) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The version of %(date)s was restored; the replaced text is kept in the history.")
            % {"date": f"{timezone.localtime(record.history_date):%d.%m.%Y %H:%M}"},
        )
    return redirect("meetings:case_history", meeting_id=meeting.pk, case_id=case.pk)
