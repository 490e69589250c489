"""Recording what a case decided into being: a group, a link to a council decision.

Whoever records the minutes of the meeting (``record_minutes`` on its group: the group's
secretary, the project admin) records these too. Creating a group otherwise needs
``change_project``; here the group is made by the meeting's decision, and the secretary
writes down what was decided, as they write the decision itself (meetings/README.md).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meetings import decisions
from meetings.decision_forms import CouncilDecisionLinkForm, GroupEstablishForm
from meetings.views import _meeting_case
from samarbeid.auth import login_required
from samarbeid.views import form_page, save_or_errors


def _back(meeting, case) -> str:
    return f"{meeting.get_absolute_url()}#sak-{case.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def case_group_establish(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    form = GroupEstablishForm(request.POST or None, project=meeting.group.project)
    if form.is_valid():
        group, _conflict = save_or_errors(
            form, lambda: decisions.case_group_establish(case=case, **form.changes())
        )
        if group:
            messages.success(
                request,
                _("%(group)s was established in %(case)s. Its seats are filled on its page.")
                % {"group": group.name, "case": case.label},
            )
            return redirect(_back(meeting, case))
    return form_page(
        request,
        form,
        title=_("Establish a group in %(case)s") % {"case": case.label},
        intro=_(
            "The group is created in the project as the decision says: its name, kind, "
            "mandate and how many seats each role has. The seats are filled later."
        ),
        submit_label=_("Establish the group"),
        back_url=_back(meeting, case),
        template="meetings/group_establish_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_council_decision(request, meeting_id, case_id):
    meeting, case = _meeting_case(request, meeting_id, case_id)
    form = CouncilDecisionLinkForm(request.POST or None, project=meeting.group.project)
    if form.is_valid():
        decision, _conflict = save_or_errors(
            form, lambda: decisions.case_council_decision_link(case=case, **form.changes())
        )
        if decision:
            messages.success(
                request,
                _("%(case)s now refers to %(decision)s.")
                % {"case": case.label, "decision": decision},
            )
            return redirect(_back(meeting, case))
    return form_page(
        request,
        form,
        title=_("Link a council decision to %(case)s") % {"case": case.label},
        intro=_("Choose one of the project's council decisions, or name a new one."),
        back_url=_back(meeting, case),
    )
