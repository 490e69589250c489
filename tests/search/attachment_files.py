"""Real attachments for the search tests, each carrying a Norwegian marker word, built with the
libraries that write them (WeasyPrint, python-docx, openpyxl, pypdf)."""

import io
import zipfile

PDF_MARKER = "Fjellvannsprosjektet"
DOCX_MARKER = "Skolebussrutene"
DOCX_TABLE_MARKER = "Brøytekontrakten"
XLSX_MARKER = "Snøbrøytingsbudsjett"
EXEMPT_FILE_MARKER = "Lønnsforhandlingene"


def pdf_bytes(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(
        string=f"<h1>Vedlegg til saken</h1><p>{text} i Våler og Åsnes.</p>"
    ).write_pdf()


def docx_bytes(text: str, cell: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(f"Saksutredning: {text} for skoleåret.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Grue kommune"
    table.cell(0, 1).text = cell or "Ingen merknader"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(text: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Budsjett 2025"
    sheet.append(["Post", "Beløp"])
    sheet.append([text, 125000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def broken_pdf_bytes() -> bytes:
    """A PDF by its first bytes (so the upload accepts it), nothing readable after them."""
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R" + b"\x8f\x00 broken " * 200


def encrypted_pdf_bytes(text: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(text)))
    writer.encrypt("hemmelig", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb_docx_bytes(unpacked: int) -> bytes:
    """A Word document by its parts whose one member unpacks from almost nothing to ``unpacked``
    bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", b"\x00" * unpacked)
    return buffer.getvalue()


def upload(client, meeting, name: str, content: bytes, **data):
    """The secretary's upload form as the browser sends it."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    fields = {"title": "", "case": "", **data}
    return client.post(
        reverse("meetings:attachment_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, content), **fields},
    )


def found_titles(client, q: str, **params) -> list[str]:
    from django.urls import reverse

    response = client.get(reverse("search:results"), {"q": q, **params})
    assert response.status_code == 200
    return [entry.title for entry in response.context["page"]]
