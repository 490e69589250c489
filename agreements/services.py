"""Every write to an agreement after its text: consultation, approvals, signing, completion.

The text itself (versions, fill-ins) is written by agreements.drafting.
"""

from __future__ import annotations

import datetime
import logging
import re
import secrets

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from agreements.drafting import _lock, current_version, ensure_editable, open_fill_ins
from agreements.models import (
    Agreement,
    AgreementApproval,
    AgreementAttachment,
    AgreementParty,
    ConsultationComment,
    ConsultationRound,
    Signature,
    SigningFailure,
)
from projects import services as project_services
from projects.models import Organisation
from samarbeid.conflicts import WorkflowError
from samarbeid.outbox.services import enqueue
from search.indexing import index_object

logger = logging.getLogger(__name__)

# Password re-entry must not become a way to guess passwords past the login page's limits.
SIGNING_ATTEMPTS = 5
SIGNING_LOCKOUT_SECONDS = 15 * 60
COUNCIL_FIRST = gettext_lazy(
    "The municipal council must approve the agreement before it can be signed "
    "(kommuneloven § 20-4). Record the council's approval first."
)


def _save(instance, by: User | None):
    if by is not None:
        instance._history_user = by
    instance.full_clean()
    instance.save()
    index_object(instance)
    return instance


# --- Consultation ---------------------------------------------------------------


@transaction.atomic
def consultation_open(
    *,
    agreement: Agreement,
    title: str,
    deadline: datetime.datetime,
    invited: list[Organisation],
    by: User | None,
) -> ConsultationRound:
    agreement = _lock(agreement)
    ensure_editable(agreement)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    if not invited:
        raise ValidationError({"invited": _("Invite at least one organisation.")})
    if agreement.consultation_rounds.filter(closed_at__isnull=True).exists():
        raise WorkflowError(_("A consultation round is already open."))
    consultation = _save(
        ConsultationRound(
            agreement=agreement,
            version=current_version(agreement),
            title=title,
            deadline=deadline,
            opened_by=by,
        ),
        by,
    )
    consultation.invited.set(invited)
    agreement.status = Agreement.Status.CONSULTATION
    _save(agreement, by)
    return consultation


def _is_invited(consultation: ConsultationRound, user: User) -> bool:
    return user.is_superuser or (
        user.organisation_id is not None
        and consultation.invited.filter(pk=user.organisation_id).exists()
    )


@transaction.atomic
def consultation_comment_add(
    *, consultation: ConsultationRound, section_number: str, text: str, by: User
) -> ConsultationComment:
    consultation = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open or consultation.deadline <= timezone.now():
        raise WorkflowError(_("The consultation round is closed."))
    if not _is_invited(consultation, by):
        raise WorkflowError(_("Your organisation is not invited to comment."))
    numbers = {section["number"] for section in consultation.version.sections}
    if section_number not in numbers:
        raise ValidationError({"section_number": _("The agreement has no such section.")})
    if not text.strip():
        raise ValidationError({"text": _("Write a comment.")})
    organisation = by.organisation or consultation.agreement.project.organisations.first()
    return _save(
        ConsultationComment(
            round=consultation,
            section_number=section_number,
            organisation=organisation,
            author=by,
            text=text.strip(),
        ),
        by,
    )


@transaction.atomic
def consultation_close(*, consultation: ConsultationRound, by: User | None = None) -> bool:
    """Close the round; the agreement goes back to draft for the next version. Idempotent."""
    consultation = ConsultationRound.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open:
        return False
    consultation.closed_at = timezone.now()
    _save(consultation, by)
    agreement = _lock(consultation.agreement)
    if agreement.status == Agreement.Status.CONSULTATION:
        agreement.status = Agreement.Status.DRAFT
        _save(agreement, by)
    return True


def consultations_close_overdue(*, now: datetime.datetime | None = None) -> int:
    """Close every round whose deadline has passed (the Celery beat task)."""
    now = now or timezone.now()
    closed = 0
    overdue = ConsultationRound.objects.filter(closed_at__isnull=True, deadline__lte=now)
    for consultation in overdue.order_by("pk"):
        closed += consultation_close(consultation=consultation)
    return closed


# --- From agreed text to signatures ------------------------------------------------


def missing_steps(agreement: Agreement, version=None) -> list[str]:
    """What still stands between the agreement and its signed PDF, in words.

    Lists pass the current ``version`` and prefetch parties, approvals and signatures.
    """
    steps = []
    if agreement.is_locked:
        return steps
    if count := len(open_fill_ins(agreement, version)):
        steps.append(_("%(count)s fill-ins open") % {"count": count})
    for party in missing_approvals(agreement):
        steps.append(_("council approval from %(party)s") % {"party": party.organisation})
    signed = {s.party_id for s in agreement.signatures.all() if s.voided_at is None}
    for party in agreement.parties.all():
        if party.pk not in signed:
            steps.append(_("signature from %(party)s") % {"party": party.organisation})
    return steps


def missing_approvals(agreement: Agreement) -> list[AgreementParty]:
    """Party municipalities whose council approval is not recorded."""
    approved = {approval.party_id for approval in agreement.approvals.all()}
    return [
        party
        for party in agreement.parties.all()
        if party.organisation.is_municipality and party.pk not in approved
    ]


def approval_required(agreement: Agreement, party: AgreementParty) -> bool:
    """Whether ``party`` may sign only once its council's approval is recorded."""
    return agreement.needs_council_approval and party.organisation.is_municipality


def awaiting_approval(agreement: Agreement) -> set[int]:
    """The parties that cannot sign yet: their council's approval is required, not recorded.

    Pages pass an agreement with parties' organisations and approvals prefetched."""
    return {
        party.pk for party in missing_approvals(agreement) if approval_required(agreement, party)
    }


@transaction.atomic
def agreement_send_for_signing(*, agreement: Agreement, by: User | None) -> Agreement:
    """Freeze the text for signing: refused while any fill-in is open."""
    agreement = _lock(agreement)
    ensure_editable(agreement)
    if open_items := open_fill_ins(agreement):
        labels = ", ".join(item.label for item in open_items)
        raise WorkflowError(
            _("Fill in everything before sending for signing. Still open: %(labels)s.")
            % {"labels": labels}
        )
    for consultation in agreement.consultation_rounds.filter(closed_at__isnull=True):
        consultation_close(consultation=consultation, by=by)
        agreement.refresh_from_db()
    agreement.status = Agreement.Status.AGREED
    return _save(agreement, by)


@transaction.atomic
def agreement_reopen(*, agreement: Agreement, by: User | None) -> Agreement:
    """Back to draft for changes; signatures already given are voided (and kept on record)."""
    agreement = _lock(agreement)
    if agreement.status != Agreement.Status.AGREED:
        raise WorkflowError(_("Only an agreement out for signing can be reopened."))
    now = timezone.now()
    for signature in agreement.signatures.filter(voided_at__isnull=True):
        signature.voided_at = now
        _save(signature, by)
    agreement.status = Agreement.Status.DRAFT
    return _save(agreement, by)


@transaction.atomic
def approval_record(
    *,
    agreement: Agreement,
    party: AgreementParty,
    council: str,
    case_number: str,
    decided_on: datetime.date | None,
    text: str = "",
    attachment: AgreementAttachment | None = None,
    by: User | None,
) -> AgreementApproval:
    """A party municipality's council decision on the agreement, also kept with the project."""
    agreement = _lock(agreement)
    if agreement.is_locked:
        raise WorkflowError(_("The agreement is signed and locked."))
    if party.agreement_id != agreement.pk or not party.organisation.is_municipality:
        raise ValidationError({"party": _("Only a party municipality has a council.")})
    if AgreementApproval.objects.filter(party=party).exists():
        raise WorkflowError(_("%(party)s's approval is already recorded.") % {"party": party})
    if not text.strip() and attachment is None:
        raise ValidationError(_("Give the decision's text or attach the decision."))
    decision = project_services.council_decision_create(
        project=agreement.project,
        municipality=party.organisation,
        case_number=case_number.strip(),
        title=agreement.title,
        decided_on=decided_on,
        text=text.strip(),
    )
    return _save(
        AgreementApproval(
            agreement=agreement,
            party=party,
            council=council.strip(),
            decision=decision,
            attachment=attachment,
            recorded_by=by,
        ),
        by,
    )


def signing_locked_out(user: User) -> bool:
    since = timezone.now() - datetime.timedelta(seconds=SIGNING_LOCKOUT_SECONDS)
    recent = SigningFailure.objects.filter(user=user, failed_at__gte=since)
    return recent.count() >= SIGNING_ATTEMPTS


def _check_signing_password(
    user: User, password: str, agreement: Agreement, ip_address: str | None
) -> None:
    """Refuse a wrong password, and anyone who gave too many lately, even with the right one.

    The user's row is locked while the count is read and the failure written, so guesses sent
    in parallel are counted one after the other; the failure is committed before the refusal.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()
        if signing_locked_out(user):
            raise WorkflowError(
                _("Too many wrong passwords. Wait a quarter of an hour before you try again.")
            )
        right = check_password(password, user.password)
        if right:
            SigningFailure.objects.filter(user=user).delete()
        else:
            SigningFailure.objects.create(user=user, agreement=agreement, ip_address=ip_address)
    if not right:
        # Never the password itself: who, what and where from is enough to follow up.
        logger.warning(
            "Signing refused: wrong password (user %s, agreement %s, ip %s)",
            user.pk,
            agreement.pk,
            ip_address,
        )
        raise ValidationError({"password": _("The password is wrong.")})


def agreement_sign(
    *,
    agreement: Agreement,
    party: AgreementParty,
    user: User,
    password: str,
    version_number: int,
    ip_address: str | None,
) -> Signature:
    """Record ``user``'s signature for ``party`` on the version they read.

    Refused unless the user is the party's designated signatory, gives their password again,
    and the version they read is the current one, which every earlier signature is on too.
    """
    _check_signing_password(user, password, agreement, ip_address)
    return _sign(
        agreement=agreement,
        party=party,
        user=user,
        version_number=version_number,
        ip_address=ip_address,
    )


@transaction.atomic
def _sign(
    *,
    agreement: Agreement,
    party: AgreementParty,
    user: User,
    version_number: int,
    ip_address: str | None,
) -> Signature:
    agreement = _lock(agreement)
    party = AgreementParty.objects.select_related("signatory", "organisation").get(pk=party.pk)
    if party.agreement_id != agreement.pk or party.signatory is None:
        raise WorkflowError(_("Nobody is designated to sign for this party."))
    if party.signatory.user_id != user.pk:
        raise WorkflowError(
            _("Only %(name)s can sign for %(party)s.")
            % {
                "name": party.signatory.name,
                "party": party.organisation,
            }
        )
    if agreement.status != Agreement.Status.AGREED:
        raise WorkflowError(_("The agreement is not out for signing."))
    # Read under the agreement's lock, which approval_record takes too: an approval and a
    # signature never pass each other.
    if (
        approval_required(agreement, party)
        and not AgreementApproval.objects.filter(party=party).exists()
    ):
        raise ValidationError(COUNCIL_FIRST)
    version = current_version(agreement)
    if version.number != version_number:
        raise WorkflowError(
            _("The text changed after you opened it. Read version %(number)s and sign again.")
            % {"number": version.number}
        )
    given = agreement.signatures.filter(voided_at__isnull=True)
    if given.exclude(version=version).exists():
        raise WorkflowError(
            _("The text changed after another party signed. The agreement must be reopened.")
        )
    if given.filter(party=party).exists():
        raise WorkflowError(_("%(party)s has already signed.") % {"party": party.organisation})
    signature = _save(
        Signature(
            agreement=agreement,
            party=party,
            version=version,
            version_sha256=version.sha256,
            user=user,
            signer_name=party.signatory.name,
            signer_role=party.signatory_role or party.signatory.title,
            organisation_name=party.organisation.name,
            ip_address=ip_address,
        ),
        user,
    )
    if given.count() == agreement.parties.count():
        agreement.status = Agreement.Status.SIGNED
        agreement.completion = Agreement.Completion.PORTAL
        agreement.signed_at = signature.signed_at
        agreement.document_number = new_document_number(signature.signed_at)
        _save(agreement, user)
        enqueue(
            "agreements.tasks.agreement_make_final_pdf",
            agreement.pk,
            key=f"agreement:{agreement.pk}:final-pdf:{signature.pk}",
        )
    return signature


# No 0/O or 1/I: the number is read off paper and typed in.
_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
DOCUMENT_NUMBER = re.compile(r"SA-\d{4}-[2-9A-HJ-NP-Z]{8}")


def new_document_number(when: datetime.datetime) -> str:
    """ "SA-2026-7K3QX9MP": the year, then 40 random bits; a clash (one in 10^12) fails the
    unique constraint and the signature is not saved, never a second agreement's number."""
    token = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
    return f"SA-{when:%Y}-{token}"


# --- Files -------------------------------------------------------------------------


def _checked_upload(upload: File) -> dict:
    from meetings.attachments import check_upload

    return check_upload(upload)


@transaction.atomic
def attachment_add(
    *, agreement: Agreement, upload: File, kind: str, title: str = "", by: User | None
) -> AgreementAttachment:
    agreement = _lock(agreement)
    if agreement.is_locked:
        raise WorkflowError(_("The agreement is signed and locked."))
    checked = _checked_upload(upload)
    attachment = AgreementAttachment(
        agreement=agreement, kind=kind, title=title.strip(), uploaded_by=by, **checked
    )
    if by is not None:
        attachment._history_user = by
    attachment.full_clean(exclude=["file"])
    attachment.file.save(checked["original_name"], upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def agreement_complete_with_scan(
    *, agreement: Agreement, upload: File, by: User | None
) -> Agreement:
    """An agreement signed on paper: the scanned, signed PDF completes it."""
    agreement = _lock(agreement)
    if agreement.is_locked:
        raise WorkflowError(_("The agreement is signed and locked."))
    if agreement.status != Agreement.Status.AGREED:
        raise WorkflowError(_("Send the agreement for signing before uploading the signed copy."))
    checked = _checked_upload(upload)
    if checked["content_type"] != "application/pdf":
        raise ValidationError({"file": _("The signed agreement must be a PDF.")})
    agreement.signed_pdf.save(f"{agreement.pk}-signert.pdf", upload, save=False)
    agreement.signed_pdf_sha256 = checked["sha256"]
    agreement.status = Agreement.Status.SIGNED
    agreement.completion = Agreement.Completion.SCANNED
    agreement.signed_at = timezone.now()
    try:
        _save(agreement, by)
    except Exception:
        agreement.signed_pdf.delete(save=False)
        raise
    return agreement


def agreement_store_final_pdf(
    *, agreement: Agreement, pdf: bytes, supersedes_a_copy: bool = False
) -> Agreement:
    """Keep the sealed PDF; the row is saved once, so a retried task replaces its own file.

    ``supersedes_a_copy``: the kept PDF was out (downloaded) before this one replaces it; its
    SHA-256 stays known to the verify page.
    """
    import hashlib

    from django.core.files.base import ContentFile

    with transaction.atomic():
        agreement = _lock(agreement)
        old = agreement.signed_pdf.name if agreement.signed_pdf else ""
        if supersedes_a_copy and agreement.signed_pdf_sha256:
            agreement.earlier_pdf_sha256 = agreement.signed_pdf_sha256
        agreement.signed_pdf.save(f"{agreement.pk}-signert.pdf", ContentFile(pdf), save=False)
        agreement.signed_pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        agreement.save()
    if old:
        agreement.signed_pdf.storage.delete(old)
    return agreement


# --- Time passing ----------------------------------------------------------------


def agreements_update_status(*, today: datetime.date | None = None) -> int:
    """Signed → in force on the first valid day; in force → expired after the last."""
    today = today or timezone.localdate()
    changed = 0
    starting = Agreement.objects.filter(status=Agreement.Status.SIGNED).exclude(
        valid_from__gt=today
    )
    ending = Agreement.objects.filter(
        status=Agreement.Status.IN_FORCE, valid_until__lt=today, valid_until__isnull=False
    )
    for agreement in starting:
        agreement.status = Agreement.Status.IN_FORCE
        _save(agreement, None)
        changed += 1
    for agreement in ending:
        agreement.status = Agreement.Status.EXPIRED
        _save(agreement, None)
        changed += 1
    return changed
