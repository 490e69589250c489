"""Meeting pages. Each view first fetches its meeting or group through projects.permissions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings import minutes_pdf, numbering, public_views, selectors, services
from meetings.attachments import visible_attachments
from meetings.forms import (
    ActionItemForm,
    AttendanceForm,
    CaseForm,
    CaseProposalForm,
    CommentForm,
    FollowUpForm,
    MeetingForm,
    ParticipantForm,
    PostponeForm,
    ReasonForm,
)
from meetings.models import ActionItem
from projects import permissions
from projects import services as project_services
from projects.permissions import RECORD_MINUTES, TAKE_PART
from samarbeid import drafts
from samarbeid.auth import login_required
from samarbeid.conflicts import WorkflowError
from samarbeid.views import form_page, save_edit, save_or_errors


def _meeting_case(request, meeting_id, case_id, *, perm=RECORD_MINUTES):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=perm)
    return meeting, get_object_or_404(meeting.cases, pk=case_id)


@login_required
def group_meetings(request, group_id):
    group = permissions.get_group_by_id_for_user(request.user, group_id)
    page = Paginator(selectors.group_meetings(request.user, group), 25).get_page(
        request.GET.get("side")
    )
    context = {
        "group": group,
        "page": page,
        "can_plan": permissions.has_group_perm(request.user, RECORD_MINUTES, group),
    }
    return render(request, "meetings/group_meetings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, group_id):
    group = permissions.get_group_by_id_for_user(request.user, group_id, perm=RECORD_MINUTES)
    secretary = getattr(request.user, "person", None)
    form = MeetingForm(
        request.POST or None,
        group=group,
        initial={
            "title": _("Meeting of %(group)s") % {"group": group.name},
            "secretary": secretary,
        },
    )
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.meeting_plan(group=group, **form.changes())
        )
        if saved:
            if timezone.localtime(saved.starts_at).date() < timezone.localdate():
                # Entering old minutes: nobody is sent anything for a meeting long held.
                messages.success(
                    request, _("The meeting is recorded with the group's members of that day.")
                )
            else:
                messages.success(request, _("The meeting is planned. Members are invited."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Plan a meeting of %(group)s") % {"group": group.name},
        intro=_(
            "The group's current members are invited, and the standing cases "
            "(agenda, previous minutes, any other business) are put on the agenda."
        ),
        back_url=group.get_absolute_url(),
        template="meetings/meeting_form.html",
        extra_context={
            "members": selectors.current_members(group),
            "open_items": selectors.open_action_items(group),
            "queued": selectors.queued_cases(group),
            **_number_preview(form, group),
        },
    )


def _number_preview(form, group) -> dict:
    """The number the first new case takes, in the meeting's year once the form names it."""
    day = form.cleaned_data.get("day") if form.is_bound and hasattr(form, "cleaned_data") else None
    year = day.year if day else timezone.localdate().year
    return {"next_number": numbering.next_number(group, year), "number_year": year}


@login_required
def meeting_detail(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    abilities = permissions.meeting_abilities(request.user, meeting)
    if not permissions.reads_live_minutes(request.user, meeting, abilities):
        # Seen only because it was published: the published version, not a reopened draft.
        version = get_object_or_404(meeting.published_versions.public())
        return public_views.render_public_meeting(request, version)
    editing = abilities.record_minutes and not meeting.is_locked
    context = {
        "meeting": meeting,
        "abilities": abilities,
        "editing": editing,
        "cases": selectors.agenda(
            meeting, with_comments=abilities.sees_drafts, with_confidential=abilities.sees_drafts
        ),
        "meeting_attachments": visible_attachments(meeting, insider=abilities.sees_drafts).filter(
            case=None
        ),
        "participants": selectors.participants_by_attendance(meeting),
        "events": meeting.events.select_related("by"),
        "approval": minutes_pdf.current_approval(meeting),
        # Reasons (why reopened, why taken down) are the group's internal business.
        "show_event_reasons": abilities.sees_drafts,
        "public_version": meeting.published_versions.public().first(),
        "archive_copies": minutes_pdf.archive_copies(meeting) if abilities.sees_drafts else [],
        "archive_failures": minutes_pdf.archive_failures(meeting) if abilities.sees_drafts else [],
        "show_exempt": abilities.sees_drafts,
        "decision_heading": selectors.decision_heading(meeting),
        "queued": selectors.queued_cases(meeting.group) if editing else [],
        "open_items": selectors.open_action_items(meeting.group) if editing else [],
        "followed_up": selectors.followed_up_in(meeting, with_exempt=abilities.sees_drafts),
        "comment_form": CommentForm() if abilities.take_part else None,
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    form = MeetingForm(request.POST or None, instance=meeting, group=meeting.group)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, services.meeting_update, meeting=meeting)
        if saved:
            messages.success(request, _("The meeting was saved."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Edit meeting"),
        back_url=meeting.get_absolute_url(),
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participants(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    rows = list(meeting.participants.select_related("person").order_by("person__name"))
    adding = "add" in request.POST
    data = request.POST if request.method == "POST" and not adding else None
    attendance_forms = [
        (
            p,
            AttendanceForm(
                data,
                prefix=f"p{p.pk}",
                initial={"attendance": p.attendance, "role": p.role, "note": p.note},
            ),
        )
        for p in rows
    ]
    add_form = ParticipantForm(request.POST if adding else None, meeting=meeting)
    if request.method == "POST":
        saved = _save_participants(request, meeting, adding, add_form, attendance_forms)
        if saved:
            return redirect("meetings:participants", meeting_id=meeting.pk)
    context = {
        "meeting": meeting,
        "attendance_forms": attendance_forms,
        "add_form": add_form,
        "deputy_offers": selectors.deputies_to_call_in(meeting),
    }
    return render(request, "meetings/participants.html", context)


@transaction.atomic
def _add_participant(meeting, data):
    """Both or nothing: no orphan person if the participant is refused."""
    new_name = data.pop("new_person_name").strip()
    if new_name:
        # The title typed for someone new is theirs, not only this meeting's.
        data["person"] = project_services.person_create(
            name=new_name, organisation=data["organisation"], title=data["role"].strip()
        )
    return services.participant_set(meeting=meeting, **data)


@transaction.atomic
def _save_attendance(meeting, attendance_forms):
    """Every row or none: a refusal half-way leaves no row changed."""
    for participant, form in attendance_forms:
        if form.has_changed():
            services.participant_set(
                meeting=meeting,
                person=participant.person,
                attendance=form.cleaned_data["attendance"],
                role=form.cleaned_data["role"],
                organisation=participant.organisation,
                substitute_for=participant.substitute_for,
                note=form.cleaned_data["note"],
            )


def _save_participants(request, meeting, adding, add_form, attendance_forms):
    if adding:
        if add_form.is_valid():
            saved, _conflict = save_or_errors(
                add_form, lambda: _add_participant(meeting, dict(add_form.cleaned_data))
            )
            if saved:
                messages.success(request, _("%(name)s was added.") % {"name": saved.person.name})
                return True
        return False
    if not all(form.is_valid() for _p, form in attendance_forms):
        return False
    try:
        _save_attendance(meeting, attendance_forms)
    except WorkflowError as error:
        # The forms are shown again as posted, so nothing typed is lost.
        messages.error(request, str(error))
        return False
    messages.success(request, _("Attendance was saved."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    if meeting.is_locked and request.method == "GET":
        # Say so before anyone fills in a form that would be refused.
        messages.error(
            request, _("The minutes are approved and locked. Reopen them to add a case.")
        )
        return redirect(meeting)
    form = CaseForm(request.POST or None, meeting=meeting)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.case_add(meeting=meeting, **form.changes())
        )
        if saved:
            drafts.mark_saved(request, _new_case_draft(meeting))
            messages.success(request, _("%(case)s was added.") % {"case": saved.label})
            return redirect(f"{meeting.get_absolute_url()}#sak-{saved.pk}")
    return form_page(
        request,
        form,
        title=_("New case"),
        back_url=meeting.get_absolute_url(),
        template="meetings/case_form.html",
        extra_context={"storage_key": _new_case_draft(meeting)},
    )


def _new_case_draft(meeting) -> str:
    """The browser's key for the text of a new case of this meeting (samarbeid.drafts)."""
    return f"new-case-{meeting.pk}"


def _case_draft(case) -> str:
    return f"case-{case.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    form = CaseForm(request.POST or None, instance=case, meeting=meeting)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, services.case_update, case=case)
        if saved:
            drafts.mark_saved(request, _case_draft(case))
            messages.success(request, _("%(case)s was saved.") % {"case": saved.label})
            return redirect(f"{meeting.get_absolute_url()}#sak-{saved.pk}")
    return form_page(
        request,
        form,
        title=_("Edit %(case)s") % {"case": case.label},
        back_url=f"{meeting.get_absolute_url()}#sak-{case.pk}",
        conflict=conflict,
        template="meetings/case_form.html",
        extra_context={
            "storage_key": _case_draft(case),
            "autosave_url": reverse("meetings:case_autosave", args=[meeting.pk, case.pk]),
            "history_url": reverse("meetings:case_history", args=[meeting.pk, case.pk]),
        },
    )


@login_required
@require_POST
def case_move(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    _run(request, lambda: services.case_move(case=case, offset=offset))
    return redirect(f"{meeting.get_absolute_url()}#sak-{case.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def case_delete(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].required = False
    outcome = {}

    def delete():
        outcome["closed_up"] = services.case_delete(case=case)

    if request.method == "POST" and _run(request, delete):
        if outcome["closed_up"]:
            done = _("%(case)s was removed. The cases after it moved up one number.")
        else:
            done = _("%(case)s was removed. Its number will not be used again.")
        messages.success(request, done % {"case": case.label})
        return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Remove %(case)s %(title)s?") % {"case": case.label, "title": case.title},
        intro=_("The case and its action items are removed from the agenda."),
        submit_label=_("Remove the case"),
        back_url=meeting.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_postpone(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    form = PostponeForm(request.POST or None, case=case)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.case_schedule(case=case, meeting=form.cleaned_data["meeting"])
        )
        if saved:
            messages.success(request, _("%(case)s was postponed.") % {"case": case.label})
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Postpone %(case)s") % {"case": case.label},
        intro=_("The case keeps its number and history. Plan the later meeting first."),
        back_url=meeting.get_absolute_url(),
    )


@login_required
@require_POST
def case_schedule(request, meeting_id, case_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    case = get_object_or_404(meeting.group.cases.filter(meeting__isnull=True), pk=case_id)
    _run(request, lambda: services.case_schedule(case=case, meeting=meeting))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def case_propose(request, group_id):
    group = permissions.get_group_by_id_for_user(request.user, group_id, perm=TAKE_PART)
    form = CaseProposalForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: services.case_propose(group=group, **form.cleaned_data)
        )
        if saved:
            messages.success(request, _("The case waits in the group's queue."))
            return redirect(group)
    return form_page(request, form, title=_("Propose a case"), back_url=group.get_absolute_url())


@login_required
@require_POST
def case_comment(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id, perm=TAKE_PART)
    form = CommentForm(request.POST)
    if form.is_valid():
        if _run(
            request,
            lambda: services.case_comment(case=case, author=request.user, **form.cleaned_data),
        ):
            messages.success(request, _("Your comment was saved."))
    else:
        messages.error(request, _("Write a comment before sending it."))
    return redirect(f"{meeting.get_absolute_url()}#sak-{case.pk}")


@login_required
@require_POST
def case_approve_minutes(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    if _run(request, lambda: services.case_approve_minutes(case=case, by=request.user)):
        messages.success(request, _("The earlier minutes are approved."))
    return redirect(f"{meeting.get_absolute_url()}#sak-{case.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def action_item_create(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    form = ActionItemForm(request.POST or None, meeting=meeting)
    if form.is_valid():
        data = dict(form.cleaned_data)
        deadline, as_written = data.pop("deadline")
        saved, _conflict = save_or_errors(
            form,
            lambda: services.action_item_add(
                case=case, deadline=deadline, deadline_as_written=as_written, **data
            ),
        )
        if saved:
            messages.success(request, _("The action item was added."))
            return redirect(f"{meeting.get_absolute_url()}#sak-{case.pk}")
    return form_page(
        request,
        form,
        title=_("New action item for %(case)s") % {"case": case.label},
        back_url=f"{meeting.get_absolute_url()}#sak-{case.pk}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_follow_up(request, meeting_id, item_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    item = get_object_or_404(ActionItem.objects.filter(case__group=meeting.group), pk=item_id)
    form = FollowUpForm(request.POST or None, initial={"status": item.status})
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.action_item_follow_up(
                item=item, by=request.user, meeting=meeting, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The follow-up was recorded."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Follow up: %(item)s") % {"item": item},
        back_url=meeting.get_absolute_url(),
    )


def _run(request, action) -> bool:
    """Run a service for a one-button form; a refusal becomes a message, not an error page."""
    try:
        action()
    except (WorkflowError, ValidationError) as error:
        text = error.messages if isinstance(error, ValidationError) else [str(error)]
        for line in text:
            messages.error(request, line)
        return False
    return True
