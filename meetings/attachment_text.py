"""The text of an attachment, for search: PDF (pypdf), Word (python-docx), Excel (openpyxl).

Run in the worker (``meetings.tasks.extract_attachment_text``), never in a request. The files
are the users' own and may be broken, encrypted or built to exhaust us, so everything read is
capped (characters, pages, cells, the unpacked size of a zip container, time), and a file that
cannot be read gives no text and a logged warning: the task completes, the outbox marks it
done, and the attachment is still found by its title and file name.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from collections.abc import Iterator

from meetings.attachments import DOCX, PDF, XLSX

logger = logging.getLogger(__name__)

# What is kept of one file's text; the index needs no more to find it.
MAX_CHARS = 200_000
MAX_PDF_PAGES = 500
MAX_XLSX_CELLS = 200_000
# A DOCX or XLSX is a zip: refuse one that unpacks to more than this, or packs too tightly
# (a zip bomb), before any library unpacks it.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Reading stops here with the text so far, well inside the worker's time limit (a task killed
# by it would be run again by the outbox, and killed again).
TIME_BUDGET_SECONDS = 60

EXTRACTABLE = (PDF, DOCX, XLSX)
# NUL cannot be stored in PostgreSQL text; other control characters are noise.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


class Unreadable(Exception):
    """The file is not one we will read (encrypted, too large unpacked)."""


def extract_text(data: bytes, content_type: str, *, name: str = "") -> str:
    """The plain text of a PDF, DOCX or XLSX, at most ``MAX_CHARS``; "" for any other file
    and for one that cannot be read (logged)."""
    readers = {PDF: _pdf, DOCX: _docx, XLSX: _xlsx}
    reader = readers.get(content_type)
    if reader is None:
        return ""
    pieces, length = [], 0
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    try:
        for piece in reader(io.BytesIO(data)):
            piece = _clean(piece)
            if piece:
                pieces.append(piece)
                length += len(piece) + 1
            if length >= MAX_CHARS:
                break
            if time.monotonic() > deadline:
                logger.warning(
                    "Stopped reading attachment %r after %s s", name, TIME_BUDGET_SECONDS
                )
                break
    except Exception as error:  # any library's error on any user's file
        logger.warning("No text read from attachment %r (%s): %s", name, content_type, error)
        return ""
    return "\n".join(pieces)[:MAX_CHARS]


def _clean(text: str) -> str:
    text = CONTROL.sub(" ", text or "")
    text = SPACES.sub(" ", text)
    return BLANK_LINES.sub("\n", text).strip()


def _pdf(stream: io.BytesIO) -> Iterator[str]:
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(stream)
    # Many PDFs are "encrypted" with an empty password, only to forbid printing.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise Unreadable("encrypted with a password")
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            break
        yield page.extract_text() or ""


def _check_zip(stream: io.BytesIO) -> None:
    with zipfile.ZipFile(stream) as archive:
        unpacked = 0
        for info in archive.infolist():
            unpacked += info.file_size
            packed = max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and info.file_size / packed > MAX_COMPRESSION_RATIO:
                raise Unreadable(f"{info.filename} packs {info.file_size / packed:.0f} to 1")
        if unpacked > MAX_UNPACKED_BYTES:
            raise Unreadable(f"unpacks to {unpacked} bytes")
    stream.seek(0)


def _docx(stream: io.BytesIO) -> Iterator[str]:
    import docx

    _check_zip(stream)
    document = docx.Document(stream)
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                # A merged cell comes once per grid column it spans.
                if not cells or cells[-1] != cell.text:
                    cells.append(cell.text)
            yield " ".join(cells)


def _xlsx(stream: io.BytesIO) -> Iterator[str]:
    import openpyxl

    _check_zip(stream)
    workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    cells = 0
    try:
        for sheet in workbook.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                values = [str(value) for value in row if value is not None]
                cells += len(row)
                if values:
                    yield " ".join(values)
                if cells >= MAX_XLSX_CELLS:
                    return
    finally:
        workbook.close()
