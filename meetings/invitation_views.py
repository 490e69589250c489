"""Sending a meeting's invitation (innkalling) and cancelling the meeting; see invitations.py."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import invitations
from meetings.forms import ReasonForm
from projects import permissions
from projects.permissions import RECORD_MINUTES
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_or_errors


def _bound(request):
    """POST data even when empty, so a one-button form is bound (``request.POST or None`` isn't)."""
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def meeting_invite(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    form = forms.Form(_bound(request))
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: invitations.meeting_invite(meeting=meeting, by=request.user)
        )
        if saved:
            messages.success(request, _("The invitation is on its way to the members."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Send the invitation to %(meeting)s") % {"meeting": meeting},
        intro=_invite_intro(meeting),
        submit_label=_("Send the invitation"),
        back_url=meeting.get_absolute_url(),
    )


def _invite_intro(meeting) -> str:
    count = len(invitations.recipients(meeting))
    intro = _(
        "Everyone invited with an e-mail address (%(count)s) gets the agenda and a calendar "
        "invitation. Whoever already has this version gets nothing again; a later change of "
        "time or place sends an update by itself."
    ) % {"count": count}
    missing = meeting.participants.filter(person__email="").order_by("person__name")
    missing = missing.values_list("person__name", flat=True)
    if missing:
        intro += " " + _("No e-mail address: %(names)s.") % {"names": ", ".join(missing)}
    return intro


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    form = ReasonForm(_bound(request))
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: invitations.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if saved:
            messages.success(request, _("The meeting is cancelled."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Cancel %(meeting)s") % {"meeting": meeting},
        intro=_(
            "Everyone who has the invitation gets a cancellation for their calendar, "
            "with the reason. The agenda's cases stay on the meeting."
        ),
        submit_label=_("Cancel the meeting"),
        back_url=meeting.get_absolute_url(),
    )
