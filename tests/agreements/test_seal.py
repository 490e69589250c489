"""The portal's PAdES seal: pyHanko validates it, and any change after sealing shows."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import seal


def plain_pdf(text="Partnerskapsavtale") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


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
    sealed = seal.seal_pdf(document, reason="Signert avtale")
    result = seal.check_seal(sealed)
    assert result.valid, result.message
    assert "Samarbeid test" in result.signer
    assert result.signed_at is not None


def test_one_changed_byte_breaks_the_seal(portal_cert, document):
    sealed = bytearray(seal.seal_pdf(document, reason="Signert avtale"))
    # Inside the page content, well before the signature.
    position = sealed.index(b"stream") + 20
    sealed[position] = (sealed[position] + 1) % 256
    result = seal.check_seal(bytes(sealed))
    assert not result.valid


def test_content_added_after_sealing_is_shown_as_invalid(portal_cert, document):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    sealed = seal.seal_pdf(document, reason="Signert avtale")
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
    sealed = seal.seal_pdf(document, reason="Signert avtale")
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
