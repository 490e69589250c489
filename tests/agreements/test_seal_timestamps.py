"""The seal as PAdES B-LTA against a real RFC 3161 authority over HTTP (tests/agreements/tsa.py).

Both parties sign through the signing form, as their signatories; the worker's outbox message
makes the final PDF; the director downloads it; pyHanko and poppler's pdfsig read it back.
A TSA that is down still gives a sealed PDF at once, and the archive timestamp follows through
the outbox once the TSA answers. In autocommit on PostgreSQL (``transaction=True``).
"""

import asyncio
import hashlib
import logging
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.diff_analysis import ModificationLevel

from agreements import seal
from samarbeid.outbox import services as outbox
from samarbeid.outbox.models import OutboxMessage
from tests.agreements import tsa
from tests.agreements.helpers import agreed, person_for
from tests.agreements.test_council_approval import record_approval, sign_post
from tests.agreements.test_sealed_pdf import media_and_cert  # noqa: F401 (fixture)
from tests.conftest import build_world, require_real_service
from tests.pdf.helpers import pdfa_2u_problems

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres")]


@pytest.fixture
def authority(tmp_path):
    authority, stop = tsa.serve(tmp_path)
    yield authority
    stop()


@pytest.fixture
def tsa_settings(settings, media_and_cert, authority):  # noqa: F811
    settings.SEAL_TSA_URL = authority.url
    settings.SEAL_TRUST_ROOTS = str(authority.ca_path)
    # The test CA names its CRL in the certificates it issues; the seal fetches it for the DSS.
    settings.SEAL_FETCH_REVOCATION = True
    return settings


def signed_by_both(client_for):
    world = build_world()
    person_for(world.users["member"])
    agreement = agreed(world, kind="host_municipality", host_municipality=world.valer)
    admin = client_for(world.users["portal_admin"])
    for party in agreement.parties.all():
        assert record_approval(admin, agreement, party).status_code == 302
    for user in (world.users["director"], world.users["member"]):
        party = agreement.parties.get(signatory__user=user)
        assert sign_post(client_for(user), agreement, party, 2).status_code == 302
    return world, agreement


def run_worker(task):
    """What the worker does with the outbox message for ``task``: deliver it."""
    message = OutboxMessage.objects.get(task=f"agreements.tasks.{task}")
    outbox.deliver(message.pk)
    message.refresh_from_db()
    return message


def download(client_for, world, agreement):
    response = client_for(world.users["director"]).get(
        reverse("agreements:signed_pdf", args=[agreement.pk])
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def trust_roots(authority):
    from pyhanko.keys import load_cert_from_pemder

    return [seal.portal_certificate(), load_cert_from_pemder(str(authority.ca_path))]


def validate_lta(data, authority, roots=None):
    """pyHanko's AdES LTA validation (ETSI EN 319 102-1 § 5.6.3) from the PDF alone.

    Revocation is checked where a certificate names a CRL or OCSP responder (none of ours
    does); nothing is fetched: what validates, validates from the embedded data.
    """
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.ades import ades_lta_validation
    from pyhanko.sign.validation.policy_decl import (
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.policy_decl import (
        CertRevTrustPolicy,
        RevocationCheckingPolicy,
        RevocationCheckingRule,
    )
    from pyhanko_certvalidator.registry import SimpleTrustManager

    reader = PdfFileReader(BytesIO(data))
    (embedded,) = reader.embedded_regular_signatures
    rule = RevocationCheckingRule.CHECK_IF_DECLARED
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(
            trust_roots=trust_roots(authority)
            if roots is None
            else [load_cert_from_pemder(str(root)) for root in roots]
        ),
        revinfo_policy=CertRevTrustPolicy(RevocationCheckingPolicy(rule, rule)),
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
        )
    )
    return reader, asyncio.run(ades_lta_validation(embedded, spec))


def validate_signature(data, authority, roots=None):
    """pyHanko's signature validation: integrity, trust, the signature timestamp, the diff."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(data))
    (embedded,) = reader.embedded_regular_signatures
    if roots is not None:
        roots = [load_cert_from_pemder(str(root)) for root in roots]
    context = ValidationContext(trust_roots=roots or trust_roots(authority), allow_fetching=False)
    return validate_pdf_signature(embedded, context)


def pdfsig(data, tmp_path, *options):
    require_real_service(shutil.which("pdfsig") is not None, "poppler's pdfsig (poppler-utils)")
    path = tmp_path / "sealed.pdf"
    path.write_bytes(data)
    return subprocess.run(  # noqa: S603 (our own file, a fixed program)
        ["pdfsig", *options, str(path)],  # noqa: S607 (found on the PATH, as apt installs it)
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    ).stdout


def test_the_seal_is_pades_b_lta_and_pyhanko_validates_it(tsa_settings, authority, client_for):
    world, agreement = signed_by_both(client_for)
    assert run_worker("agreement_make_final_pdf").state == OutboxMessage.State.DONE
    data = download(client_for, world, agreement)
    (Path(tempfile.gettempdir()) / "pades-lta.pdf").write_bytes(data)
    status = validate_signature(data, authority)
    print(status.pretty_print_details())  # the report quotes it
    assert status.bottom_line
    assert status.intact and status.valid and status.trusted
    assert status.modification_level == ModificationLevel.LTA_UPDATES
    # B-T: the signature's own RFC 3161 token, from our TSA, valid and trusted.
    stamp = status.timestamp_validity
    assert stamp is not None and stamp.intact and stamp.valid and stamp.trusted
    assert stamp.signing_cert.subject.native["common_name"] == "Samarbeid test TSA"
    # B-LTA as a whole, from what the PDF carries.
    reader, result = validate_lta(data, authority)
    print(result.ades_subindic, result.failure_msg, result.oldest_evidence_record_timestamp)
    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
    assert result.signature_timestamp_status.ades_subindic == AdESPassed.OK
    # B-LT: a DSS with the certificates; B-LTA: a document timestamp over it all.
    dss = reader.root["/DSS"]
    assert len(dss["/Certs"]) >= 3  # the seal, the TSA and its CA
    assert len(dss["/CRLs"]) >= 1  # the CA's CRL for the TSA certificate, fetched
    (document_timestamp,) = reader.embedded_timestamp_signatures
    assert document_timestamp.field_name == seal.ARCHIVE_TIMESTAMP_FIELD
    # Two timestamp requests for the signature, two for the document timestamp (size, stamp).
    assert len(authority.requests) >= 2
    # Still the PDF/A-2u it claims, and the portal's own check still passes.
    assert pdfa_2u_problems(data) == []
    assert seal.check_seal(data).valid
    assert not OutboxMessage.objects.filter(task__endswith="agreement_archive_timestamp").exists()


def test_content_added_after_the_document_timestamp_breaks_the_check(
    tsa_settings, authority, client_for
):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    world, agreement = signed_by_both(client_for)
    run_worker("agreement_make_final_pdf")
    data = download(client_for, world, agreement)
    writer = IncrementalPdfFileWriter(BytesIO(data))
    writer.root["/Lang"] = generic.TextStringObject("en")
    writer.update_root()
    changed = BytesIO()
    writer.write(changed)
    result = seal.check_seal(changed.getvalue())
    assert not result.valid
    assert "endret etter at den ble forseglet" in result.message


def test_pdfsig_finds_the_seal_and_the_document_timestamp_valid(
    tsa_settings, authority, client_for, tmp_path
):
    world, agreement = signed_by_both(client_for)
    run_worker("agreement_make_final_pdf")
    data = download(client_for, world, agreement)
    report = pdfsig(data, tmp_path)
    print(report)  # the report quotes it
    seal_part, stamp_part = report.split("Signature #2:")
    # The seal: pdfsig checks its CMS over the revision it signed (the DSS and the document
    # timestamp came after). NSS does not know our test root, hence the certificate line.
    assert "Signature Field Name: Portalsegl" in seal_part
    assert "Signature Type: ETSI.CAdES.detached" in seal_part
    assert "Signature Validation: Signature is Valid." in seal_part
    assert "Not total document signed" in seal_part
    # The document timestamp: found, by our TSA, over the whole file. Poppler 22.12 does not
    # verify ETSI.RFC3161 tokens ("Signature Type: unknown", "has not yet been verified").
    assert "Signature Field Name: Arkivtidsstempel" in stamp_part
    assert "Signer Certificate Common Name: Samarbeid test TSA" in stamp_part
    assert "Total document signed" in stamp_part


def test_without_a_tsa_the_seal_is_b_b_and_says_so(media_and_cert, client_for, caplog):  # noqa: F811
    world, agreement = signed_by_both(client_for)
    with caplog.at_level(logging.INFO, logger="agreements.seal"):
        run_worker("agreement_make_final_pdf")
    assert "no trusted timestamp (PAdES B-B)" in caplog.text
    data = download(client_for, world, agreement)
    assert seal.check_seal(data).valid
    assert not seal.has_archive_timestamp(data)
    assert pdfa_2u_problems(data) == []
    assert not OutboxMessage.objects.filter(task__endswith="agreement_archive_timestamp").exists()


def test_a_tsa_that_is_down_seals_b_b_and_the_timestamp_follows(
    tsa_settings, authority, client_for, caplog
):
    world, agreement = signed_by_both(client_for)
    tsa_settings.SEAL_TSA_URL = tsa.unused_url()
    with caplog.at_level(logging.WARNING, logger="agreements.seal"):
        assert run_worker("agreement_make_final_pdf").state == OutboxMessage.State.DONE
    assert "did not answer: sealed without a timestamp (PAdES B-B)" in caplog.text
    first = download(client_for, world, agreement)
    assert seal.check_seal(first).valid  # the directors have their sealed copy at once
    assert not seal.has_archive_timestamp(first)

    # Still down: the archive timestamp waits in the outbox, retried later, never dropped.
    waiting = run_worker("agreement_archive_timestamp")
    assert waiting.state == OutboxMessage.State.PENDING
    assert waiting.attempts == 1 and "TimestampRequestError" in waiting.last_error
    assert download(client_for, world, agreement) == first

    tsa_settings.SEAL_TSA_URL = authority.url  # back up
    assert run_worker("agreement_archive_timestamp").state == OutboxMessage.State.DONE
    data = download(client_for, world, agreement)
    agreement.refresh_from_db()
    # Sealed again, now with the signature timestamp, the DSS and the document timestamp.
    assert seal.has_signature_timestamp(data) and seal.has_archive_timestamp(data)
    assert validate_signature(data, authority).bottom_line
    reader, result = validate_lta(data, authority)
    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
    assert "/DSS" in reader.root
    assert pdfa_2u_problems(data) == []
    assert seal.check_seal(data).valid
    # The verify page finds the PDF as it is kept now, and still knows the copy sent out first.
    page = client_for(None).get(reverse("agreements:verify"), {"q": agreement.signed_pdf_sha256})
    assert "Funnet" in page.content.decode()
    assert "en tidligere kopi" not in page.content.decode()
    earlier = hashlib.sha256(first).hexdigest()
    assert agreement.earlier_pdf_sha256 == earlier != agreement.signed_pdf_sha256
    page = client_for(None).get(reverse("agreements:verify"), {"q": earlier})
    assert "Funnet" in page.content.decode()
    assert "en tidligere kopi" in page.content.decode()


def test_a_b_t_seal_whose_archive_step_failed_gets_it_added_later(
    tsa_settings, authority, client_for, caplog
):
    world, agreement = signed_by_both(client_for)
    tsa_settings.SEAL_TRUST_ROOTS = ""  # the TSA's root unknown: its chain cannot be built
    with caplog.at_level(logging.WARNING, logger="agreements.seal"):
        run_worker("agreement_make_final_pdf")
    assert "Sealed with a timestamp (PAdES B-T)" in caplog.text
    first = download(client_for, world, agreement)
    assert seal.has_signature_timestamp(first) and not seal.has_archive_timestamp(first)
    assert run_worker("agreement_archive_timestamp").state == OutboxMessage.State.PENDING

    tsa_settings.SEAL_TRUST_ROOTS = str(authority.ca_path)
    assert run_worker("agreement_archive_timestamp").state == OutboxMessage.State.DONE
    data = download(client_for, world, agreement)
    assert data.startswith(first)  # the same seal, with the DSS and document timestamp after it
    _reader, result = validate_lta(data, authority)
    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
    assert pdfa_2u_problems(data) == []
    # Run again (a redelivered message): nothing left to do, the file stays.
    from agreements import final_pdf

    assert not final_pdf.agreement_archive_timestamp(agreement_id=agreement.pk)
    assert download(client_for, world, agreement) == data


def test_a_ca_issued_seal_carries_its_chain_and_validates_from_the_ca_root(
    tsa_settings, authority, client_for
):
    # The "real CA" configuration: the seal's certificate is issued, its CA is a trust root.
    tsa_settings.AGREEMENT_SEAL_CERT = authority.issued_seal_cert
    tsa_settings.AGREEMENT_SEAL_KEY = authority.issued_seal_key
    tsa_settings.AGREEMENT_SEAL_CHAIN = str(authority.ca_path)
    world, agreement = signed_by_both(client_for)
    assert run_worker("agreement_make_final_pdf").state == OutboxMessage.State.DONE
    data = download(client_for, world, agreement)
    assert seal.has_archive_timestamp(data)
    # Trusting the CA root alone (not the seal certificate): the chain comes from the PDF.
    status = validate_signature(data, authority, roots=[authority.ca_path])
    assert status.bottom_line and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Samarbeid CA-issued seal"
    assert status.timestamp_validity.trusted
    # B-LT with revocation data: the CA's CRL, fetched from the CA's address, is in the DSS.
    reader, result = validate_lta(data, authority, roots=[authority.ca_path])
    print(result.ades_subindic, result.failure_msg)
    assert len(reader.root["/DSS"]["/CRLs"]) >= 1
    assert result.ades_subindic == AdESPassed.OK, result.failure_msg
    assert pdfa_2u_problems(data) == []
    assert seal.check_seal(data).valid
