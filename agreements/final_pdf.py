"""The signed agreement as a PDF: the text, a signature page, the attachments listed; sealed.

Made once, after the last signature is committed (agreements.tasks), and kept: the PDF a
director downloads is the one the seal was put on, byte for byte. Once only, a seal made while
the timestamp authority was down is brought up to B-LTA later; the copy it replaces stays
recognised by its SHA-256 on the verify page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agreements import seal, services
from agreements.drafting import current_version
from agreements.models import Agreement
from samarbeid.outbox.services import enqueue
from samarbeid.pdf import ARCHIVE_VARIANT, render_pdf


def render_agreement_pdf(agreement: Agreement) -> bytes:
    """The agreement's current version with every signature, unsealed."""
    version = current_version(agreement)
    context = {
        "agreement": agreement,
        "version": version,
        "parties": agreement.parties.select_related("organisation", "signatory"),
        "signatures": agreement.signatures.filter(voided_at__isnull=True)
        .select_related("party__organisation")
        .order_by("signed_at"),
        "approvals": agreement.approvals.select_related("party__organisation", "decision"),
        "attachments": agreement.attachments.all(),
        "verify_url": settings.PORTAL_URL + reverse("agreements:verify"),
    }
    # The document is Norwegian whoever's request or task made it.
    with translation.override("nb"):
        return render_pdf(
            "agreements/pdf/agreement.html",
            context,
            title=agreement.title,
            variant=ARCHIVE_VARIANT,
            lang="nb",
        )


def agreement_make_final_pdf(*, agreement_id: int) -> bool:
    """Render, seal and keep the PDF of an agreement signed in the portal. Idempotent.

    The sealed PDF is kept even when the timestamp authority is down (the seal is then B-B or
    B-T): the directors get their copy, and ``agreement_archive_timestamp`` is promised in the
    same transaction, which the outbox retries until the TSA answers.
    """
    agreement = Agreement.objects.select_related("project", "host_municipality").get(
        pk=agreement_id
    )
    if agreement.completion != Agreement.Completion.PORTAL or agreement.signed_pdf:
        return False
    pdf = render_agreement_pdf(agreement)
    sealed = seal.seal_pdf(pdf, reason=_("Signed in Samarbeid"))
    with transaction.atomic():
        agreement = services.agreement_store_final_pdf(agreement=agreement, pdf=sealed.pdf)
        if not sealed.archived and seal.timestamp_configured():
            enqueue(
                "agreements.tasks.agreement_archive_timestamp",
                agreement.pk,
                key=f"agreement:{agreement.pk}:archive-timestamp:{agreement.signed_pdf_sha256}",
            )
    return True


def agreement_archive_timestamp(*, agreement_id: int) -> bool:
    """Bring a seal made while the TSA was down up to B-LTA. Idempotent.

    A B-T seal gets its validation data and document timestamp; a B-B seal is made again on a
    fresh rendering (a signature timestamp cannot be added afterwards). Raises while the TSA
    is down, so the outbox tries again; a PDF with a document timestamp is left as it is.
    """
    agreement = Agreement.objects.select_related("project", "host_municipality").get(
        pk=agreement_id
    )
    if not agreement.signed_pdf or agreement.completion != Agreement.Completion.PORTAL:
        return False
    with agreement.signed_pdf.open("rb") as stored:
        data = stored.read()
    if seal.has_archive_timestamp(data):
        return False
    if seal.has_signature_timestamp(data):
        archived = seal.add_archive_timestamp(data)
    else:
        archived = seal.seal_pdf_archival(
            render_agreement_pdf(agreement), reason=_("Signed in Samarbeid")
        )
    services.agreement_store_final_pdf(agreement=agreement, pdf=archived, supersedes_a_copy=True)
    return True
