"""The portal's PAdES seal on signed agreements, and checking a PDF for it.

The seal is a PDF signature made with the portal's certificate (settings.AGREEMENT_SEAL_CERT
and AGREEMENT_SEAL_KEY). With a timestamp authority (settings.SEAL_TSA_URL) it is PAdES
B-LTA: the signature carries an RFC 3161 timestamp (B-T), the certificates and revocation data
that exist are embedded in the DSS (B-LT), and a document timestamp covers it all (B-LTA).
Checking trusts the seal certificate alone: a PDF sealed by anyone else, or changed after
sealing (other than by adding validation data and document timestamps), does not pass.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimeout
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

SEAL_FIELD = "Portalsegl"
ARCHIVE_TIMESTAMP_FIELD = "Arkivtidsstempel"

logger = logging.getLogger(__name__)
# Anyone may upload a PDF to be checked: at most two checks run at once, each waited for
# for settings.SEAL_CHECK_SECONDS. A check that overruns is given up (its thread ends
# when pyHanko does); the pool's size bounds what hostile files can keep busy.
_CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="seal-check")


class SealError(Exception):
    """The portal cannot seal: its certificate or key is missing or unreadable."""


@dataclass(frozen=True)
class Sealed:
    pdf: bytes
    # Validation data and a document timestamp on top (B-LTA); False while the timestamp
    # authority is not configured, or did not answer (then add_archive_timestamp later).
    archived: bool


@dataclass(frozen=True)
class SealCheck:
    valid: bool
    message: str
    signed_at: datetime.datetime | None = None
    signer: str = ""


def _run(make_coroutine):
    """Run pyHanko's async API to the end, also from a thread whose event loop is running.

    pyHanko's sync wrappers call asyncio.run(), which fails under a running loop (e.g. a
    test driving a browser loads the demo); a fresh thread has no loop of its own.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def _paths() -> tuple[Path, Path]:
    return Path(settings.AGREEMENT_SEAL_CERT), Path(settings.AGREEMENT_SEAL_KEY)


def _signer():
    from pyhanko.sign import signers

    cert, key = _paths()
    if not cert.is_file() or not key.is_file():
        raise SealError(f"The seal certificate or key is missing: {cert}, {key}")
    chain = [settings.AGREEMENT_SEAL_CHAIN] if settings.AGREEMENT_SEAL_CHAIN else None
    signer = signers.SimpleSigner.load(
        str(key), str(cert), ca_chain_files=chain, key_passphrase=None
    )
    if signer is None:
        raise SealError(f"The seal certificate or key cannot be read: {cert}, {key}")
    return signer


def _pdf_17_signer(metadata, signer, timestamper=None):
    """A pyHanko signer whose seal keeps the file at PDF 1.7, as PDF/A-2 requires.

    pyHanko registers the ISO 32002 extension for an ECDSA key on a NIST curve (our
    self-signed seal, and many qualified seals), and that raises the catalog to /Version
    /2.0: a file claiming PDF/A-2u must stay PDF 1.7. PDF 1.7 readers verify ECDSA in CMS
    without the extension; PAdES still gets the ESIC extension that PDF 1.7 asks for.
    """
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers import constants

    class PdfSigner17(signers.PdfSigner):
        def register_extensions(self, pdf_out, *, md_algorithm):
            if self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES:
                pdf_out.ensure_output_version(version=(1, 7))
                pdf_out.register_extension(constants.ESIC_EXTENSION_1)

    return PdfSigner17(metadata, signer=signer, timestamper=timestamper)


def _writer(pdf: bytes):
    """An incremental writer that leaves the document's metadata as WeasyPrint wrote it.

    PDF/A wants the Info dictionary and the XMP to say the same thing. pyHanko rewrites both,
    and differently (Info's producer becomes "WeasyPrint 70.0; pyHanko …", the XMP's
    "pyHanko …"), which a PDF/A validator rejects; the seal itself names its maker.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class KeepMetadataWriter(IncrementalPdfFileWriter):
        def _update_meta(self):
            pass

    return KeepMetadataWriter(BytesIO(pdf))


def timestamp_configured() -> bool:
    return bool(settings.SEAL_TSA_URL)


def _timestamper():
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    auth = None
    if settings.SEAL_TSA_USERNAME:
        auth = (settings.SEAL_TSA_USERNAME, settings.SEAL_TSA_PASSWORD)
    return RequestsHTTPTimeStamper(
        settings.SEAL_TSA_URL, timeout=settings.SEAL_TSA_TIMEOUT, auth=auth
    )


def _validation_context():
    """What the embedded validation data is built from: our trust roots, no network by default.

    A self-signed seal and a test TSA have no OCSP or CRL: the DSS then holds the certificates
    alone, which is all there is to validate them with.
    """
    from pyhanko.keys import load_certs_from_pemder
    from pyhanko_certvalidator import ValidationContext

    roots = [portal_certificate()]
    if settings.SEAL_TRUST_ROOTS:
        roots += list(load_certs_from_pemder([settings.SEAL_TRUST_ROOTS]))
    return ValidationContext(
        trust_roots=roots,
        allow_fetching=settings.SEAL_FETCH_REVOCATION,
        revocation_mode="soft-fail",
    )


def _sign(pdf: bytes, reason: str, timestamper) -> bytes:
    from pyhanko.sign import fields, signers

    writer = _writer(pdf)
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        reason=reason,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = _pdf_17_signer(metadata, _signer(), timestamper)
    return _run(lambda: pdf_signer.async_sign_pdf(writer)).getvalue()


def seal_pdf(pdf: bytes, *, reason: str) -> Sealed:
    """``pdf`` sealed over the whole file, still PDF/A-2u (PDF 1.7); B-LTA with a TSA.

    A timestamp authority that is down never costs the seal: the PDF is sealed without the
    timestamp (B-B), or kept at B-T when only the archive step failed, and says so with
    ``archived=False``; the caller completes it later (``seal_pdf_archival``,
    ``add_archive_timestamp``).
    """
    from pyhanko.sign.timestamps import TimestampRequestError

    if not timestamp_configured():
        logger.info("SEAL_TSA_URL is not set: the seal has no trusted timestamp (PAdES B-B)")
        return Sealed(_sign(pdf, reason, None), archived=False)
    try:
        signed = _sign(pdf, reason, _timestamper())
    except TimestampRequestError:
        logger.warning(
            "The timestamp authority %s did not answer: sealed without a timestamp "
            "(PAdES B-B); the timestamped seal follows later",
            settings.SEAL_TSA_URL,
            exc_info=True,
        )
        return Sealed(_sign(pdf, reason, None), archived=False)
    try:
        return Sealed(add_archive_timestamp(signed), archived=True)
    except Exception:
        # An untrusted TSA root is as much a reason to try again later as a TSA gone down.
        logger.warning(
            "Sealed with a timestamp (PAdES B-T), but the validation data and document "
            "timestamp could not be added; they are added later",
            exc_info=True,
        )
        return Sealed(signed, archived=False)


def seal_pdf_archival(pdf: bytes, *, reason: str) -> bytes:
    """``pdf`` sealed at B-LTA, or an exception (the TSA down): for the retry that follows B-B.

    A signature timestamp can only be had at signing: a B-B seal is not completed but made
    again (the document timestamp alone would prove the time, but AdES validators, pyHanko's
    among them, ask for the signature's own timestamp).
    """
    return add_archive_timestamp(_sign(pdf, reason, _timestamper()))


def has_signature_timestamp(pdf: bytes) -> bool:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import extract_signer_info
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    for embedded in reader.embedded_regular_signatures:
        if embedded.field_name == SEAL_FIELD:
            info = extract_signer_info(embedded.signed_data)
            return any(True for _token in extract_tst_data_iter(info, signed=False))
    return False


def add_archive_timestamp(pdf: bytes) -> bytes:
    """``pdf`` with the DSS (every signature's certificates, revocation data where any exists,
    the TSA's) and a document timestamp over it all: PAdES B-LTA. Raises if the TSA fails.

    The incremental update goes through ``_writer``, like the seal, so the metadata stays
    PDF/A; pyHanko's own LTA helpers would rewrite the producer.
    """
    from pyhanko.sign.signers.pdf_signer import PdfTimeStamper, TimestampDSSContentSettings
    from pyhanko.sign.validation.dss import DocumentSecurityStore, collect_validation_info

    context = _validation_context()
    timestamper = _timestamper()

    async def archive():
        writer = _writer(pdf)
        paths = []
        for embedded in writer.prev.embedded_regular_signatures:
            paths += await collect_validation_info(embedded, context)
        DocumentSecurityStore.supply_dss_in_writer(
            writer, None, paths=paths, validation_context=context
        )
        stamper = PdfTimeStamper(timestamper, field_name=ARCHIVE_TIMESTAMP_FIELD)
        return await stamper.async_timestamp_pdf(
            writer,
            "sha256",
            validation_context=context,
            # The TSA's own certificates join the DSS in this same update, before the stamp.
            dss_settings=TimestampDSSContentSettings(update_before_ts=True, include_vri=False),
        )

    async def archive_and_close():
        try:
            return await archive()
        finally:
            # The HTTP session that fetched OCSP/CRL belongs to this event loop: close it here.
            await context.aclose()

    return _run(archive_and_close).getvalue()


def has_archive_timestamp(pdf: bytes) -> bool:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return bool(PdfFileReader(BytesIO(pdf), strict=False).embedded_timestamp_signatures)


def portal_certificate():
    from pyhanko.sign.general import load_cert_from_pemder

    cert, _key = _paths()
    if not cert.is_file():
        raise SealError(f"The seal certificate is missing: {cert}")
    return load_cert_from_pemder(str(cert))


def _could_not_check() -> SealCheck:
    return SealCheck(False, _("The PDF could not be checked. Its seal is not confirmed."))


def check_seal(data: bytes) -> SealCheck:
    """Whether ``data`` is a PDF carrying an intact seal of this portal over all of it.

    Bounded in time; a file pyHanko cannot make sense of (a crafted signature field, say)
    is "could not be checked", never an error page.
    """
    trust_root = portal_certificate()  # SealError (no certificate) is the caller's to show
    language = translation.get_language()
    future = _CHECKS.submit(_in_language, language, _check, data, trust_root)
    try:
        return future.result(timeout=settings.SEAL_CHECK_SECONDS)
    except CheckTimeout:
        logger.warning("Seal check of %d bytes given up after the time limit", len(data))
        return _could_not_check()
    except Exception:
        # Hostile input from anyone: pyHanko raises all kinds (AttributeError on /V 5).
        logger.warning("Seal check failed on a crafted or damaged PDF", exc_info=True)
        return _could_not_check()


def _in_language(language, check, *args):
    # The answer is worded in the worker thread, which has no language of its own.
    with translation.override(language):
        return check(*args)


def _check(data: bytes, trust_root) -> SealCheck:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, OSError):
        return SealCheck(False, _("The file is not a PDF that can be read."))
    if not signatures:
        return SealCheck(False, _("The PDF carries no digital seal or signature."))
    context = ValidationContext(trust_roots=[trust_root])
    for embedded in signatures:
        try:
            status = _run(lambda item=embedded: async_validate_pdf_signature(item, context))
        except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError):
            continue
        if not status.intact or not status.valid:
            return SealCheck(
                False, _("The PDF has been changed after it was sealed: the seal is broken.")
            )
        if not status.trusted:
            continue
        # A later revision may only add validation data and document timestamps (B-LTA).
        archival_only = status.docmdp_ok and status.modification_level in (
            ModificationLevel.NONE,
            ModificationLevel.LTA_UPDATES,
        )
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not archival_only:
            return SealCheck(
                False, _("The PDF has been changed after it was sealed: content was added.")
            )
        return SealCheck(
            True,
            _("The PDF carries a valid seal of this portal and is unchanged since it was sealed."),
            signed_at=status.signer_reported_dt,
            signer=status.signing_cert.subject.human_friendly,
        )
    return SealCheck(False, _("The PDF is signed, but not with this portal's seal."))


def make_self_signed(cert_path: Path, key_path: Path, *, common_name: str) -> None:
    """A self-signed EC P-256 certificate for the demo and for tests; never for production."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Samarbeid"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
