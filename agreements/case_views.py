"""Recording from a meeting's case what it decided on one of the project's agreements.

Here, not in meetings, because agreements depend on meetings. The case is fetched as the
meetings app's own case views fetch it: ``record_minutes`` on the meeting's group, 404 else.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.case_decisions import agreement_case_decision_record
from agreements.forms import CaseAgreementForm
from projects import permissions
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_or_errors


@login_required
@require_http_methods(["GET", "POST"])
def case_link(request, meeting_id, case_id):
    meeting = permissions.get_meeting_for_user(
        request.user, meeting_id, perm=permissions.RECORD_MINUTES
    )
    case = get_object_or_404(meeting.cases, pk=case_id)
    back = f"{meeting.get_absolute_url()}#sak-{case.pk}"
    form = CaseAgreementForm(request.POST or None, project=meeting.group.project)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: agreement_case_decision_record(case=case, by=request.user, **form.cleaned_data),
        )
        if saved:
            messages.success(
                request, _("The agreement was linked to %(case)s.") % {"case": case.label}
            )
            return redirect(back)
    return form_page(
        request,
        form,
        title=_("Link an agreement to %(case)s") % {"case": case.label},
        intro=_("Record that the meeting approved or recommended one of the project's agreements."),
        back_url=back,
    )
