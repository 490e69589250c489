"""Attachments (vedlegg): which files are accepted, and the services that add and remove them.

A file is judged by its bytes, not by its name: the content must be one of ``KINDS``, and the
name's extension must agree with it, so a program or a web page renamed to ``.pdf`` is refused.
The bytes are stored through Django's storage API under a random name (``attachment_path``);
the sanitised original name is kept in the row for display and download only.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from meetings.models import Attachment, Case, Meeting
from meetings.services import _ensure_editable
from samarbeid.outbox.services import enqueue
from search.indexing import forget

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ZIP = "application/zip"

EXTRACT_TEXT_TASK = "meetings.tasks.extract_attachment_text"


@dataclass(frozen=True)
class Kind:
    label: str | Promise
    extensions: tuple[str, ...]


# Content type (as stored and served) → what people call it and the names it may carry.
KINDS: dict[str, Kind] = {
    PDF: Kind(gettext_lazy("PDF"), ("pdf",)),
    DOCX: Kind(gettext_lazy("Word document"), ("docx",)),
    XLSX: Kind(gettext_lazy("Excel spreadsheet"), ("xlsx",)),
    PPTX: Kind(gettext_lazy("PowerPoint presentation"), ("pptx",)),
    ODT: Kind(gettext_lazy("OpenDocument text"), ("odt",)),
    ODS: Kind(gettext_lazy("OpenDocument spreadsheet"), ("ods",)),
    "application/msword": Kind(gettext_lazy("Word document (old format)"), ("doc",)),
    "application/vnd.ms-excel": Kind(gettext_lazy("Excel spreadsheet (old format)"), ("xls",)),
    "image/png": Kind(gettext_lazy("PNG image"), ("png",)),
    "image/jpeg": Kind(gettext_lazy("JPEG image"), ("jpg", "jpeg")),
    "image/gif": Kind(gettext_lazy("GIF image"), ("gif",)),
}
ACCEPTED_EXTENSIONS = tuple(f".{ext}" for kind in KINDS.values() for ext in kind.extensions)

# An OOXML package is a zip holding [Content_Types].xml and one of these parts.
OOXML_PARTS = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}
ODF_TYPES = (ODT, ODS)
ZIP_CONTAINERS = {ZIP, *OOXML_PARTS, *ODF_TYPES}

MAX_NAME_LENGTH = 150
# filetype needs no more than this to recognise any of the KINDS.
HEAD_BYTES = 8192


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


# --- Checking a file --------------------------------------------------------


def clean_file_name(name: str) -> str:
    """A name safe to show and to put in a download header; never used as a storage path."""
    name = unicodedata.normalize("NFC", name or "")
    # Some browsers send the whole client path; either separator ends a folder.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # NUL, control and format characters: the right-to-left override, for one, can make
    # "rapport\u202efdp.exe" read as "rapportexe.pdf".
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    # Leading dots would make ".." or a hidden file.
    name = " ".join(name.split()).lstrip(". ")
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    stem = stem.strip()[: MAX_NAME_LENGTH - len(suffix)].strip() or _("attachment")
    return f"{stem}{suffix}"


def _read(upload: File) -> tuple[str, int]:
    """SHA-256 and size, reading in chunks and stopping as soon as the limit is passed."""
    limit, size, digest = max_bytes(), 0, hashlib.sha256()
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            total = upload.size if upload.size and upload.size > size else size
            raise ValidationError(
                {
                    "file": _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(total), "limit": filesizeformat(limit)}
                }
            )
        digest.update(chunk)
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    return digest.hexdigest(), size


def _zip_kind(upload: File) -> str | None:
    """What a zip container really is; None when it is not a readable zip at all."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as declared:
                    mimetype = declared.read(100).decode("ascii", "replace").strip()
                if mimetype in ODF_TYPES:
                    return mimetype
            if "[Content_Types].xml" in names:
                for content_type, part in OOXML_PARTS.items():
                    if any(name.startswith(part) for name in names):
                        return content_type
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        # RuntimeError: an encrypted member; ValueError: a damaged header.
        return None
    return ZIP


def detect_content_type(upload: File) -> str:
    """The content type of the file's bytes, if it is one we accept; ValidationError if not."""
    upload.seek(0)
    guess = filetype.guess(upload.read(HEAD_BYTES))
    content_type = guess.mime if guess else None
    if content_type in ZIP_CONTAINERS:
        content_type = _zip_kind(upload)
    upload.seek(0)
    if content_type in KINDS:
        return content_type
    if content_type is None:
        message = _(
            "Only PDF, Office documents and images can be attached. "
            "The type of this file was not recognised."
        )
    else:
        kind = "ZIP" if content_type == ZIP else guess.extension.upper()
        message = _(
            "Only PDF, Office documents and images can be attached. This file is of type %(kind)s."
        ) % {"kind": kind}
    raise ValidationError({"file": message})


def check_extension(name: str, content_type: str) -> None:
    kind = KINDS[content_type]
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in kind.extensions:
        raise ValidationError(
            {
                "file": _(
                    "The name and the content of the file do not agree: the content is "
                    "%(kind)s, so the name must end in %(extensions)s."
                )
                % {"kind": kind.label, "extensions": " / ".join(f".{e}" for e in kind.extensions)}
            }
        )


def check_upload(upload: File) -> dict:
    """Every check above, for any app that stores uploads: the fields to keep with the file."""
    name = clean_file_name(upload.name)
    sha256, size = _read(upload)
    content_type = detect_content_type(upload)
    check_extension(name, content_type)
    return {"original_name": name, "sha256": sha256, "size": size, "content_type": content_type}


# --- Reading ----------------------------------------------------------------


def visible_attachments(meeting: Meeting, *, insider: bool) -> QuerySet[Attachment]:
    """The meeting's attachments a viewer may open.

    Only insiders of the group (those who see drafts) get confidential attachments and
    those of cases exempt from public access; the case text is hidden from others too.
    """
    queryset = meeting.attachments.order_by("uploaded_at", "id")
    if not insider:
        queryset = queryset.filter(confidential=False).exclude(case__exempt_from_public=True)
    return queryset


# --- Writing ----------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *,
    meeting: Meeting,
    case: Case | None = None,
    upload: File,
    title: str = "",
    confidential: bool = False,
    by: User,
) -> Attachment:
    """Check the file by its content and size, then store it under a random name."""
    _ensure_editable(meeting)
    if case is not None and case.meeting_id != meeting.pk:
        raise ValidationError({"case": _("The case is not on this meeting's agenda.")})
    checked = check_upload(upload)
    name = checked["original_name"]
    attachment = Attachment(
        meeting=meeting,
        case=case,
        title=title.strip(),
        confidential=confidential,
        uploaded_by=by,
        **checked,
    )
    attachment._history_user = by
    attachment.full_clean(exclude=["file"])
    attachment.file.save(name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        # The row never came to be; do not leave its bytes behind in storage.
        attachment.file.delete(save=False)
        raise
    # Search reads the file's text in the worker, once this is committed (exactly once).
    enqueue(EXTRACT_TEXT_TASK, attachment.pk, key=f"attachment-text:{attachment.pk}")
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User | None) -> None:
    """Delete the row now and the stored file once that is committed."""
    _ensure_editable(attachment.meeting)
    storage, name = attachment.file.storage, attachment.file.name
    if by is not None:
        attachment._history_user = by
    attachment_id = attachment.pk
    attachment.delete()
    # After the delete: a worker writing the entry holds the row, so it is written by now.
    forget(attachment, object_id=attachment_id)
    # After commit only: a removal that rolls back must still find its file.
    transaction.on_commit(lambda: storage.delete(name))
