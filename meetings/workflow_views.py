"""The minutes workflow: send for comments, approve, publish, take down, reopen."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from meetings import services
from meetings.forms import ApprovalForm, ReasonForm, SendForCommentsForm
from projects import permissions
from projects.permissions import RECORD_MINUTES
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_or_errors


@login_required
@require_http_methods(["GET", "POST"])
def minutes_send(request, meeting_id):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    form = SendForCommentsForm(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.minutes_send_for_comments(
                meeting=meeting, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The minutes were sent for comments."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Send the minutes for comments"),
        intro=_("After the deadline the minutes count as approved, unless someone objects."),
        submit_label=_("Send for comments"),
        back_url=meeting.get_absolute_url(),
    )


# step in the URL → (service, needs a reason, title, message when done)
WORKFLOW_STEPS = {
    "godkjenn": (
        services.minutes_approve,
        False,
        gettext_lazy("Approve the minutes"),
        gettext_lazy("The minutes were approved."),
    ),
    "publiser": (
        services.minutes_publish,
        False,
        gettext_lazy("Publish the minutes"),
        gettext_lazy("The minutes were published."),
    ),
    "avpubliser": (
        services.minutes_unpublish,
        True,
        gettext_lazy("Take the minutes down"),
        gettext_lazy("The minutes were taken down."),
    ),
    "gjenapne": (
        services.minutes_reopen,
        True,
        gettext_lazy("Reopen the minutes"),
        gettext_lazy("The minutes were reopened."),
    ),
}


# What the secretary must know before taking the step.
WORKFLOW_INTROS = {
    "godkjenn": gettext_lazy(
        "Approved minutes are locked and filed. Entering old minutes that were approved "
        "back then: give the day and how, and nobody is sent a notice."
    ),
    "publiser": gettext_lazy(
        "The public sees the minutes as they are now, exempt cases replaced by their legal "
        "basis, until they are published again or taken down. Later changes are not public."
    ),
    "avpubliser": gettext_lazy(
        "The public page then says the minutes were taken down, with the reason you give here."
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def minutes_step(request, meeting_id, step):
    meeting = permissions.get_meeting_for_user(request.user, meeting_id, perm=RECORD_MINUTES)
    if step not in WORKFLOW_STEPS:
        raise Http404
    service, needs_reason, title, done = WORKFLOW_STEPS[step]
    if step == "godkjenn":
        form = ApprovalForm(request.POST or None, meeting=meeting)
    else:
        form = ReasonForm(request.POST or None)
        form.fields["reason"].required = needs_reason
    if request.method == "POST" and form.is_valid():
        kwargs = dict(form.cleaned_data) if step == "godkjenn" or needs_reason else {}
        saved, _conflict = save_or_errors(
            form, lambda: service(meeting=meeting, by=request.user, **kwargs)
        )
        if saved:
            messages.success(request, done)
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=title,
        intro=WORKFLOW_INTROS.get(step, ""),
        back_url=meeting.get_absolute_url(),
        submit_label=title,
    )
