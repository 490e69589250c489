"""The portal's PAdES seal: pyHanko validates it, and any change after sealing shows."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import seal


def plain_pdf(text="Partnerskapsavtale") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def crafted_pdf(value=b"5") -> bytes:
    """A PDF whose signature field's value is a number (/FT /Sig /V 5), not a signature."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>",
        b"<< /FT /Sig /T (Segl) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V "
        + value
        + b" >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture
def portal_cert(settings, tmp_path):
    settings.AGREEMENT_SEAL_CERT = tmp_path / "cert.pem"
    settings.AGREEMENT_SEAL_KEY = tmp_path / "key.pem"
    seal.make_self_signed(
        settings.AGREEMENT_SEAL_CERT, settings.AGREEMENT_SEAL_KEY, common_name="Samarbeid test"
    )
    return settings.AGREEMENT_SEAL_CERT


@pytest.fixture(scope="module")
def document():
    return plain_pdf()


def test_a_sealed_pdf_validates_against_the_portal_certificate(portal_cert, document):
    sealed = seal.seal_pdf(document, reason="Signert avtale").pdf
    result = seal.check_seal(sealed)
    assert result.valid, result.message
    assert "Samarbeid test" in result.signer
    assert result.signed_at is not None


def test_one_changed_byte_breaks_the_seal(portal_cert, document):
    sealed = bytearray(seal.seal_pdf(document, reason="Signert avtale").pdf)
    # Inside the page content, well before the signature.
    position = sealed.index(b"stream") + 20
    sealed[position] = (sealed[position] + 1) % 256
    result = seal.check_seal(bytes(sealed))
    assert not result.valid


def test_content_added_after_sealing_is_shown_as_invalid(portal_cert, document):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    sealed = seal.seal_pdf(document, reason="Signert avtale").pdf
    writer = IncrementalPdfFileWriter(BytesIO(sealed))
    writer.root["/Lang"] = generic.TextStringObject("nb")
    writer.update_root()
    changed = BytesIO()
    writer.write(changed)
    result = seal.check_seal(changed.getvalue())
    assert not result.valid
    assert "endret etter at den ble forseglet" in result.message


def test_a_seal_made_with_another_certificate_is_not_ours(portal_cert, document, tmp_path):
    other_cert, other_key = tmp_path / "other.pem", tmp_path / "other-key.pem"
    seal.make_self_signed(other_cert, other_key, common_name="Someone else")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(str(other_key), str(other_cert))
    foreign = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(document)),
        signers.PdfSignatureMetadata(field_name="Sig"),
        signer=signer,
    ).getvalue()
    result = seal.check_seal(foreign)
    assert not result.valid
    assert "ikke med denne portalens segl" in result.message


def test_unsealed_and_broken_files(portal_cert, document):
    assert not seal.check_seal(document).valid
    assert "ikke noe digitalt segl" in seal.check_seal(document).message
    assert not seal.check_seal(b"not a pdf at all").valid


def test_the_verification_page_is_open_to_everyone(portal_cert, document, client, db):
    sealed = seal.seal_pdf(document, reason="Signert avtale").pdf
    url = reverse("agreements:verify")
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("avtale.pdf", sealed)})
    assert response.status_code == 200
    assert response.context["result"].valid
    tampered = bytearray(sealed)
    position = tampered.index(b"stream") + 20
    tampered[position] = (tampered[position] + 1) % 256
    response = client.post(url, {"file": SimpleUploadedFile("avtale.pdf", bytes(tampered))})
    assert not response.context["result"].valid


def test_sealing_without_a_certificate_says_so(settings, tmp_path, document):
    settings.AGREEMENT_SEAL_CERT = tmp_path / "missing.pem"
    settings.AGREEMENT_SEAL_KEY = tmp_path / "missing-key.pem"
    with pytest.raises(seal.SealError):
        seal.seal_pdf(document, reason="x")


@pytest.mark.parametrize("value", [b"5", b"(x)", b"[1 2]"])
def test_a_crafted_signature_field_could_not_be_checked(portal_cert, client, db, value):
    response = client.post(
        reverse("agreements:verify"), {"file": SimpleUploadedFile("x.pdf", crafted_pdf(value))}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.valid
    assert "kunne ikke kontrolleres" in result.message


def test_the_check_is_refused_over_its_size_limit(portal_cert, client, db, settings):
    settings.SEAL_CHECK_MAX_BYTES = 1000
    response = client.post(
        reverse("agreements:verify"), {"file": SimpleUploadedFile("x.pdf", b"%PDF" + b"0" * 1000)}
    )
    assert response.status_code == 200
    assert response.context["result"] is None
    assert "for stor" in response.content.decode()


def test_a_check_that_takes_too_long_is_given_up(portal_cert, document, monkeypatch, settings):
    import threading

    release = threading.Event()
    monkeypatch.setattr(seal, "_check", lambda data, trust_root: release.wait(10))
    settings.SEAL_CHECK_SECONDS = 0.2
    try:
        result = seal.check_seal(document)
    finally:
        release.set()
    assert not result.valid
    assert "kunne ikke kontrolleres" in result.message
