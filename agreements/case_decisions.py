"""Writes for the meetings' decisions on an agreement: approved or recommended in a case,
and sent on to other bodies.

The link lives here because agreements depend on meetings, never the other way round. Like
every change to a case, recording it is refused on approved minutes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from agreements.models import Agreement, AgreementCaseDecision
from meetings.models import Case
from meetings.services import _ensure_editable


@transaction.atomic
def agreement_case_decision_record(
    *,
    agreement: Agreement,
    case: Case,
    kind: str = AgreementCaseDecision.Kind.APPROVED,
    sent_on_to: str = "",
    by: User | None = None,
) -> AgreementCaseDecision:
    """Record what the case decided on the agreement; recording it again corrects it."""
    if case.meeting_id is None:
        raise ValidationError(_("Only a case on a meeting's agenda can decide this."))
    _ensure_editable(case.meeting)
    decision = AgreementCaseDecision.objects.filter(agreement=agreement, case=case).first()
    decision = decision or AgreementCaseDecision(agreement=agreement, case=case)
    decision.kind = kind
    decision.sent_on_to = sent_on_to.strip()
    if by is not None:
        decision._history_user = by
    decision.full_clean()
    decision.save()
    return decision
