"""Council approvals and signing: the order, the refusals, and the lock once all have signed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements import drafting, services
from agreements.models import Agreement, Signature, SigningFailure
from samarbeid.conflicts import WorkflowError
from tests.agreements.helpers import SMALL_PDF, agreed, blank_agreement, sign, write_text

pytestmark = pytest.mark.usefixtures("postgres")


def test_council_approvals_are_recorded_and_missing_ones_listed(world):
    agreement = blank_agreement(world)
    valer_party, grue_party = agreement.parties.all()
    assert services.missing_approvals(agreement) == [valer_party, grue_party]
    approval = services.approval_record(
        agreement=agreement,
        party=grue_party,
        council="Grue kommunestyre",
        case_number="k-sak 042/20",
        decided_on=datetime.date(2020, 6, 18),
        text="Kommunestyret godkjenner avtalen.",
        by=world.users["project_admin"],
    )
    assert approval.decision.municipality == world.grue
    assert approval.decision.project == world.project
    assert services.missing_approvals(agreement) == [valer_party]
    assert "politisk godkjenning fra Våler kommune" in services.missing_steps(agreement)
    with pytest.raises(WorkflowError):
        services.approval_record(
            agreement=agreement,
            party=grue_party,
            council="Grue kommunestyre",
            case_number="k-sak 043/20",
            decided_on=None,
            text="Igjen.",
            by=None,
        )


def test_an_approval_needs_text_or_a_document(world):
    agreement = blank_agreement(world)
    with pytest.raises(ValidationError):
        services.approval_record(
            agreement=agreement,
            party=agreement.parties.first(),
            council="Våler kommunestyre",
            case_number="k-sak 061/20",
            decided_on=None,
            by=None,
        )


def test_all_parties_sign_and_the_agreement_locks(world, django_capture_on_commit_callbacks):
    agreement = agreed(world)
    director, member = world.users["director"], world.users["member"]
    first = sign(agreement, director)
    assert first.version_sha256 == drafting.current_version(agreement).sha256
    assert (first.signer_name, first.signer_role, first.organisation_name) == (
        world.users["director"].get_full_name() or "direktor",
        "kommunedirektør",
        "Våler kommune",
    )
    assert first.ip_address == "192.0.2.10"
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.AGREED
    with django_capture_on_commit_callbacks() as callbacks:
        sign(agreement, member)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED
    assert agreement.is_locked
    assert len(callbacks) == 1  # the final PDF is queued once, after commit
    with pytest.raises(WorkflowError):
        write_text(agreement, "Endret etterpå.")
    with pytest.raises(WorkflowError):
        services.agreement_reopen(agreement=agreement, by=None)


def test_someone_else_cannot_sign_for_a_party(world):
    agreement = agreed(world)
    with pytest.raises(WorkflowError, match="Bare"):
        sign(agreement, world.users["reader"], party=agreement.parties.get(organisation=world.grue))
    assert not Signature.objects.exists()


def test_a_wrong_password_is_refused_and_counted(world, caplog):
    agreement = agreed(world)
    with pytest.raises(ValidationError):
        sign(agreement, world.users["director"], password="feil-passord-123")
    assert not Signature.objects.exists()
    assert "wrong password" in caplog.text
    assert "feil-passord-123" not in caplog.text


def test_too_many_wrong_passwords_lock_signing_for_a_while(world):
    agreement = agreed(world)
    for _attempt in range(services.SIGNING_ATTEMPTS):
        with pytest.raises(ValidationError):
            sign(agreement, world.users["director"], password="gjett")
    # Now even the right password waits: guessing cannot go on through this form.
    with pytest.raises(WorkflowError, match="For mange"):
        sign(agreement, world.users["director"])
    SigningFailure.objects.update(
        failed_at=timezone.now() - datetime.timedelta(seconds=services.SIGNING_LOCKOUT_SECONDS)
    )
    assert sign(agreement, world.users["director"])


def test_signing_needs_the_agreement_out_for_signing(world):
    agreement = blank_agreement(world)
    write_text(agreement)
    with pytest.raises(WorkflowError, match="ikke sendt til signering"):
        sign(agreement, world.users["director"])


def test_a_changed_version_after_someone_signed_is_refused(world):
    agreement = agreed(world)
    read_by_member = drafting.current_version(agreement).number
    sign(agreement, world.users["director"])
    # A party asks for a change: the agreement is reopened, edited and agreed again.
    services.agreement_reopen(agreement=agreement, by=None)
    write_text(agreement, "Partene samarbeider om økonomi og IKT.")
    services.agreement_send_for_signing(agreement=agreement, by=None)
    with pytest.raises(WorkflowError, match="endret"):
        sign(agreement, world.users["member"], version=read_by_member)
    # The director's signature on the old text is voided, kept on record.
    old = Signature.objects.get()
    assert old.voided_at is not None
    sign(agreement, world.users["director"])
    sign(agreement, world.users["member"])
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED


def test_a_party_signs_once(world):
    agreement = agreed(world)
    sign(agreement, world.users["director"])
    with pytest.raises(WorkflowError, match="allerede signert"):
        sign(agreement, world.users["director"])


def test_a_scan_signed_on_paper_completes_the_agreement(world, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    agreement = agreed(world)
    done = services.agreement_complete_with_scan(
        agreement=agreement,
        upload=ContentFile(SMALL_PDF, name="signert avtale.pdf"),
        by=world.users["project_admin"],
    )
    assert done.status == Agreement.Status.SIGNED
    assert done.completion == Agreement.Completion.SCANNED
    with done.signed_pdf.open("rb") as stored:
        assert stored.read() == SMALL_PDF
    with pytest.raises(WorkflowError):
        sign(done, world.users["director"])


def test_a_scan_must_be_a_real_pdf(world):
    agreement = agreed(world)
    with pytest.raises(ValidationError):
        services.agreement_complete_with_scan(
            agreement=agreement,
            upload=ContentFile(b"MZ\x90\x00 not a pdf", name="avtale.pdf"),
            by=None,
        )
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.AGREED


def test_signed_agreements_come_into_force_and_expire(world):
    agreement = agreed(world)
    agreement.valid_from = datetime.date(2026, 1, 1)
    agreement.valid_until = datetime.date(2026, 12, 31)
    agreement.save()
    sign(agreement, world.users["director"])
    sign(agreement, world.users["member"])
    assert services.agreements_update_status(today=datetime.date(2025, 12, 31)) == 0
    assert services.agreements_update_status(today=datetime.date(2026, 1, 1)) == 1
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_FORCE
    services.agreements_update_status(today=datetime.date(2027, 1, 1))
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.EXPIRED
