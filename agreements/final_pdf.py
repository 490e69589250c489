"""The signed agreement as a PDF: the text, a signature page, the attachments listed; sealed.

Made once, after the last signature is committed (agreements.tasks), and kept: the PDF a
director downloads is the one the seal was put on, byte for byte.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agreements import seal, services
from agreements.drafting import current_version
from agreements.models import Agreement
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
    """Render, seal and keep the PDF of an agreement signed in the portal. Idempotent."""
    agreement = Agreement.objects.select_related("project", "host_municipality").get(
        pk=agreement_id
    )
    if agreement.completion != Agreement.Completion.PORTAL or agreement.signed_pdf:
        return False
    pdf = render_agreement_pdf(agreement)
    sealed = seal.seal_pdf(pdf, reason=_("Signed in Samarbeid"))
    services.agreement_store_final_pdf(agreement=agreement, pdf=sealed)
    return True
