"""Writes for what a case's decision makes exist: a group it establishes, a council decision
it refers to. (An agreement it approves is linked by ``agreements.case_decisions``, since
agreements depend on meetings.)

Like every change to a case, these are refused on approved minutes (``WorkflowError``), and
each is one transaction: a refusal leaves nothing half-saved, no group without its case.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Case
from meetings.services import _ensure_editable
from projects import services as project_services
from projects.models import CouncilDecision, Organisation, ProjectGroup
from projects.services import SeatPlanLine


def _editable_case(case: Case) -> None:
    if case.meeting_id is None:
        raise ValidationError(_("Only a case on a meeting's agenda can decide this."))
    _ensure_editable(case.meeting)


@transaction.atomic
def case_group_establish(
    *,
    case: Case,
    name: str,
    kind: str,
    mandate: str = "",
    seat_plan: Iterable[SeatPlanLine] = (),
) -> ProjectGroup:
    """Create the group the case's decision sets up, with its mandate and composition."""
    _editable_case(case)
    meeting = case.meeting
    group = project_services.group_create(
        project=case.group.project,
        kind=kind,
        name=name,
        mandate=mandate,
        # The mandate was given on the day of the meeting, by that case.
        adopted_on=timezone.localtime(meeting.starts_at).date(),
        mandate_note=_("Given in %(case)s") % {"case": case.label},
        seat_plan=seat_plan,
    )
    case.established_groups.add(group)
    return group


@transaction.atomic
def case_council_decision_link(
    *,
    case: Case,
    decision: CouncilDecision | None = None,
    municipality: Organisation | None = None,
    case_number: str = "",
    decided_on: datetime.date | None = None,
    title: str = "",
) -> CouncilDecision:
    """Link one of the project's council decisions, or record a new one and link it."""
    _editable_case(case)
    project = case.group.project
    if decision is None:
        decision = project_services.council_decision_create(
            project=project,
            municipality=municipality,
            case_number=case_number,
            decided_on=decided_on,
            title=title,
        )
    elif decision.project_id != project.pk:
        raise ValidationError({"decision": _("The council decision belongs to another project.")})
    case.council_decisions.add(decision)
    return decision
