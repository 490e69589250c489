"""Reading agreements for pages: the directors' list, section diffs, comments by section,
the meetings and agreements an agreement is linked to."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.safestring import SafeString

from agreements.models import Agreement, AgreementVersion, ConsultationComment, Signature
from meetings.diffs import word_diff
from projects import permissions


@dataclass
class SectionDiff:
    number: str
    title: str
    html: SafeString
    changed: bool
    status: str  # "same", "changed", "added", "removed"


def section_diffs(older: AgreementVersion, newer: AgreementVersion) -> list[SectionDiff]:
    """Section by section, matched by number: what changed from ``older`` to ``newer``."""
    before = {section["number"]: section for section in older.sections}
    after = {section["number"]: section for section in newer.sections}
    numbers = [s["number"] for s in newer.sections] + [n for n in before if n not in after]
    diffs = []
    for number in numbers:
        old, new = before.get(number), after.get(number)
        old_text = f"{old['title']}\n{old['text']}" if old else ""
        new_text = f"{new['title']}\n{new['text']}" if new else ""
        status = "added" if old is None else "removed" if new is None else "same"
        if status == "same" and old_text != new_text:
            status = "changed"
        diffs.append(
            SectionDiff(
                number=number,
                title=(new or old)["title"],
                html=word_diff(old_text, new_text),
                changed=status != "same",
                status=status,
            )
        )
    return diffs


def comments_by_section(consultation) -> dict[str, list[ConsultationComment]]:
    grouped: dict[str, list[ConsultationComment]] = {}
    if consultation is None:
        return grouped
    for comment in consultation.comments.select_related("author", "organisation"):
        grouped.setdefault(comment.section_number, []).append(comment)
    return grouped


@dataclass
class AgreementRow:
    agreement: Agreement
    missing: list[str]
    next_revision: datetime.date | None


def agreements_for_my_organisation(user) -> list[AgreementRow]:
    """Every agreement the user's organisation is party to (all of them for the portal admin)."""
    from agreements.services import missing_steps

    queryset: QuerySet[Agreement] = permissions.agreements_for_user(user)
    if not user.is_superuser:
        queryset = queryset.filter(parties__organisation_id=user.organisation_id or 0)
    latest = AgreementVersion.objects.filter(agreement=OuterRef("pk")).order_by("-number")
    agreements = list(
        Agreement.objects.filter(id__in=queryset.values("id"))
        .annotate(latest_version_id=Subquery(latest.values("pk")[:1]))
        .select_related("project", "host_municipality")
        .prefetch_related(
            "parties__organisation",
            "approvals",
            Prefetch("signatures", queryset=Signature.objects.filter(voided_at__isnull=True)),
        )
        .order_by("valid_until", "title", "pk")
    )
    # The current versions in one query: open fill-ins are counted from their text.
    versions = AgreementVersion.objects.in_bulk([a.latest_version_id for a in agreements])
    today = timezone.localdate()
    rows = []
    for agreement in agreements:
        dates = agreement.revision_dates(after=today)
        version = versions.get(agreement.latest_version_id)
        rows.append(
            AgreementRow(
                agreement=agreement,
                missing=missing_steps(agreement, version),
                next_revision=dates[0] if dates else None,
            )
        )
    return rows


def agreement_links(user, agreement: Agreement) -> dict:
    """The cases that decided on the agreement and the agreements it replaces or is replaced by,
    each only as far as the user may see it (a meeting's drafts, another agreement)."""
    visible_agreements = permissions.agreements_for_user(user).values("id")
    return {
        "case_decisions": agreement.case_decisions.filter(
            case__meeting__in=permissions.meetings_for_user(user).values("id")
        )
        .select_related("case__meeting__group")
        .order_by("case__meeting__starts_at", "id"),
        "replaces": agreement.replaces.filter(id__in=visible_agreements).order_by("title"),
        "replaced_by": agreement.replaced_by.filter(id__in=visible_agreements).order_by("title"),
    }


def sealed_agreement_lookup(*, document_number: str = "", sha256: str = "") -> Agreement | None:
    """The agreement sealed in the portal with this document number or this SHA-256 of its PDF.

    For the public verify page: the caller shows only what the sealed PDF itself says.
    """
    sealed = Agreement.objects.filter(completion=Agreement.Completion.PORTAL).exclude(signed_pdf="")
    if document_number:
        return sealed.filter(document_number=document_number).first()
    if sha256:
        return sealed.filter(Q(signed_pdf_sha256=sha256) | Q(earlier_pdf_sha256=sha256)).first()
    return None
