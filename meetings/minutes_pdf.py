"""The minutes as PDF: the document, its two versions, and the archive copy of approved minutes.

- Internal version: every case, confidential attachments listed; for the group's insiders.
- Public version: cases exempt from public access replaced by their legal basis, confidential
  attachments left out; for the public page and for readers outside the group.

Drafts are rendered on demand, marked "UTKAST", and cached by content. Approved minutes are
served from their archive copy (PDF/A, see ``samarbeid.pdf.ARCHIVE_VARIANT``), filed by the
``meetings.tasks.minutes_archive`` task after the approval, or by the first download if that
comes first: either way the same bytes from then on.

A web request lays out at most ``PDF_REQUEST_RENDER_LIMIT`` seconds and nothing larger than
``PDF_REQUEST_MAX_HTML``; the rest goes to the worker (``PdfQueued``), whose limit is
``PDF_RENDER_TIME_LIMIT``. A failure is remembered by content (``pdf_renderings``) and answered
at once until the content changes.
"""

from __future__ import annotations

import functools
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings import pdf_renderings, published, selectors
from meetings.attachments import visible_attachments
from meetings.models import Meeting, MinutesArchive, MinutesEvent, PublishedMinutes
from samarbeid.pdf import (
    ARCHIVE_VARIANT,
    PdfDocument,
    PdfQueued,
    PdfRenderError,
    cache_pdf,
    cached_pdf,
    content_key,
    prepare_pdf,
)

logger = logging.getLogger(__name__)

Version = MinutesArchive.Version
TEMPLATE = "meetings/pdf/minutes.html"
# A draft changes while the secretary writes; unchanged, it is served from the cache all day.
DRAFT_CACHE_SECONDS = 24 * 60 * 60
APPROVAL_KINDS = (MinutesEvent.Kind.APPROVED, MinutesEvent.Kind.AUTO_APPROVED)


def version_for(*, insider: bool) -> str:
    """Insiders of the group read every case; everyone else what the public may read."""
    return Version.INTERNAL if insider else Version.PUBLIC


def minutes_pdf(meeting: Meeting, *, version: str) -> bytes:
    """The PDF a download serves, made here with the worker's time limit (tasks, tools)."""
    if meeting.is_locked:
        archive = minutes_archive_file(meeting_id=meeting.pk, version=version)
        if archive is not None:
            return archive_bytes(archive)
    document = _document(meeting, version=version, produced_at=timezone.now(), archive=False)
    pdf = cached_pdf(document.key)
    if pdf is None:
        pdf = document.render()
        cache_pdf(document.key, pdf, DRAFT_CACHE_SECONDS)
    return pdf


def minutes_pdf_for_request(meeting: Meeting, *, version: str) -> bytes:
    """What a download serves, without ever holding a web worker longer than the request limit.

    Raises PdfQueued while the worker makes it, PdfRenderError when it cannot be made (also
    when it failed before and the content is unchanged: then nothing is laid out).
    """
    if meeting.is_locked:
        archive = minutes_archive_file(meeting_id=meeting.pk, version=version, in_request=True)
        if archive is not None:
            return archive_bytes(archive)
    document = _document(meeting, version=version, produced_at=timezone.now(), archive=False)
    pdf = cached_pdf(document.key)
    if pdf is None:
        pdf = _render_in_request(document, key=document.key, meeting=meeting, version=version)
        cache_pdf(document.key, pdf, DRAFT_CACHE_SECONDS)
    return pdf


def minutes_draft_render(*, meeting_id: int, version: str, key: str) -> bool:
    """The worker's half of a draft too large or slow for a request: render it into the cache.

    Idempotent: content already cached, or known to fail, is not laid out again. The draft is
    rendered as it is now; if it changed since the request, the new content is what the next
    request asks for. True when a PDF was made.
    """
    meeting = Meeting.objects.select_related("group__project").filter(pk=meeting_id).first()
    if meeting is None or meeting.is_locked:
        # Deleted, or approved since: the archive task makes what is served now.
        pdf_renderings.done(key)
        return False
    document = _document(meeting, version=version, produced_at=timezone.now(), archive=False)
    current = document.key
    made = False
    if cached_pdf(current) is None and pdf_renderings.failure(current) is None:
        try:
            pdf = document.render()
        except PdfRenderError as error:
            pdf_renderings.record_failure(
                key=current, meeting=meeting, version=version, approval=None, error=error
            )
        else:
            cache_pdf(current, pdf, DRAFT_CACHE_SECONDS)
            made = True
    for done in {key, current}:
        pdf_renderings.done(done)
    return made


def _render_in_request(
    document: PdfDocument,
    *,
    key: str,
    meeting: Meeting,
    version: str,
    approval: MinutesEvent | None = None,
) -> bytes:
    remembered = pdf_renderings.failure(key)
    if remembered is not None:
        raise remembered
    if pdf_renderings.is_queued(key):
        raise PdfQueued(key)
    queue = functools.partial(
        pdf_renderings.queue, key=key, meeting=meeting, version=version, approval=approval
    )
    if len(document.html) > settings.PDF_REQUEST_MAX_HTML:
        queue()
        raise PdfQueued(key)
    limit = min(settings.PDF_REQUEST_RENDER_LIMIT, settings.PDF_RENDER_TIME_LIMIT)
    try:
        return document.render(time_limit=limit)
    except PdfRenderError as error:
        # Too slow for a request, but the worker may finish within its longer limit.
        if error.timed_out and limit < settings.PDF_RENDER_TIME_LIMIT:
            queue()
            raise PdfQueued(key) from error
        pdf_renderings.record_failure(
            key=key, meeting=meeting, version=version, approval=approval, error=error
        )
        raise


def filename(meeting: Meeting, version: str) -> str:
    """“Referat Styringsgruppe 2018-09-14.pdf”, “… (offentlig).pdf”, “… utkast.pdf”."""
    return _filename(meeting, version, "" if meeting.is_locked else _("draft"))


def published_filename(version: PublishedMinutes) -> str:
    as_published = Meeting(starts_at=version.starts_at, group=version.meeting.group)
    return _filename(as_published, Version.PUBLIC, "" if version.approved else _("draft"))


def archive_filename(archive: MinutesArchive) -> str:
    """“Referat Styringsgruppe 2018-09-14 versjon 2 (offentlig).pdf”."""
    number = _("version %(number)s") % {"number": archive.minutes_version}
    return _filename(archive.meeting, archive.version, number)


def _filename(meeting: Meeting, version: str, extra: str) -> str:
    day = f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}"
    parts = [_("Minutes"), meeting.group.name, day, extra]
    if version == Version.PUBLIC:
        parts.append(_("(public)"))
    return " ".join(part for part in parts if part).replace("/", "-") + ".pdf"


def current_approval(meeting: Meeting) -> MinutesEvent | None:
    """The approval in force: none while the minutes are not approved."""
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        return None
    return meeting.events.filter(kind__in=APPROVAL_KINDS).order_by("-at", "-id").first()


def archive_copies(meeting: Meeting, *, version: str | None = None):
    copies = meeting.archive_copies.select_related("approval")
    return copies.filter(version=version) if version else copies


# --- Filing the archive copy ------------------------------------------------


def minutes_archive_all(*, meeting_id: int) -> list[MinutesArchive]:
    """Both versions of approved minutes, filed once (the body of the Celery task).

    A version that cannot be rendered is recorded (``pdf_renderings``, shown on the meeting
    page) and the other is still filed; trying the same content again would fail the same way.
    Anything else (storage, database) is raised, for the task to retry.
    """
    copies = []
    for version in Version.values:
        try:
            copy = minutes_archive_file(meeting_id=meeting_id, version=version)
        except PdfRenderError:
            continue
        if copy is not None:
            copies.append(copy)
    return copies


def archive_key(approval: MinutesEvent, version: str) -> str:
    """The archive copy's content: approved minutes change only by a reopening and a new
    approval. (Its HTML carries the time it is filed, so it cannot be the key.)"""
    return content_key("minutes-archive", approval.meeting_id, approval.pk, version)


def minutes_archive_file(
    *, meeting_id: int, version: str, in_request: bool = False
) -> MinutesArchive | None:
    """The archive copy of the approval in force, rendered and stored if not yet there.

    Idempotent: a second call, a retried task or a download at the same moment gets the copy
    the first one stored. None when the minutes are not approved (any more). In a request
    (``in_request``) the rendering keeps to the request's limits and may raise PdfQueued.
    """
    meeting = Meeting.objects.select_related("group__project").filter(pk=meeting_id).first()
    approval = current_approval(meeting) if meeting is not None else None
    if approval is None:
        return None
    existing = approval.archive_copies.filter(version=version).first()
    if existing is not None:
        return existing
    key = archive_key(approval, version)
    # Known before the template is rendered: a copy that failed is not tried again here.
    remembered = pdf_renderings.failure(key)
    if remembered is not None:
        raise remembered
    if in_request and pdf_renderings.is_queued(key):
        raise PdfQueued(key)
    # Rendering takes a second or more: outside the lock. Approved minutes cannot change, and
    # the check under the lock below catches a reopening in the meantime.
    produced_at = timezone.now()
    document = _document(meeting, version=version, produced_at=produced_at, archive=True)
    if in_request:
        pdf = _render_in_request(
            document, key=key, meeting=meeting, version=version, approval=approval
        )
    else:
        pdf = _render_in_worker(
            document, key=key, meeting=meeting, version=version, approval=approval
        )
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
        if current_approval(meeting) != approval:
            return None
        existing = approval.archive_copies.filter(version=version).first()
        if existing is None:
            existing = _store(meeting, approval, version, pdf, produced_at)
        pdf_renderings.done(key)
        return existing


def _render_in_worker(document, *, key, meeting, version, approval) -> bytes:
    try:
        return document.render()
    except PdfRenderError as error:
        pdf_renderings.record_failure(
            key=key, meeting=meeting, version=version, approval=approval, error=error
        )
        raise


def meetings_missing_archive_copies() -> list[int]:
    """Approved minutes whose approval in force lacks a copy of either version.

    Those whose copy failed are included: the task answers them from the remembered failure
    without rendering, and tries again once the renderer or its stylesheets have changed.
    """
    latest = (
        MinutesEvent.objects.filter(meeting=OuterRef("pk"), kind__in=APPROVAL_KINDS)
        .order_by("-at", "-id")
        .values("pk")[:1]
    )
    filed = (
        MinutesArchive.objects.filter(approval=OuterRef("approval_in_force"))
        .values("approval")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return list(
        Meeting.objects.filter(minutes_status=Meeting.MinutesStatus.APPROVED)
        .annotate(approval_in_force=Subquery(latest))
        .annotate(filed=Coalesce(Subquery(filed), 0))
        .filter(filed__lt=len(Version.values))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def archive_failures(meeting: Meeting) -> list:
    """Archive copies of the approval in force that could not be made: for the insiders."""
    return pdf_renderings.archive_failures(meeting, current_approval(meeting))


def _store(meeting, approval, version, pdf: bytes, produced_at) -> MinutesArchive:
    archive = MinutesArchive(
        meeting=meeting,
        approval=approval,
        minutes_version=meeting.events.filter(kind__in=APPROVAL_KINDS, pk__lte=approval.pk).count(),
        version=version,
        variant=ARCHIVE_VARIANT,
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        produced_at=produced_at,
    )
    archive.file.save("referat.pdf", ContentFile(pdf), save=False)
    try:
        archive.full_clean()
        archive.save()
    except BaseException:
        archive.file.delete(save=False)
        raise
    logger.info("Filed %s minutes of meeting %s: %s", version, meeting.pk, archive.sha256)
    return archive


def archive_bytes(archive: MinutesArchive) -> bytes:
    """The stored bytes, checked against the SHA-256 taken when they were filed."""
    with archive.file.open("rb") as file:
        data = file.read()
    if hashlib.sha256(data).hexdigest() != archive.sha256:
        logger.error("Archive copy %s does not match its SHA-256", archive.pk)
        raise PdfRenderError(f"archive copy {archive.pk} does not match its checksum")
    return data


# --- The document -------------------------------------------------------------


PUBLISHED_CACHE_SECONDS = 24 * 60 * 60


def published_pdf(version: PublishedMinutes) -> bytes:
    """The public PDF of a published version, rendered from its snapshot alone.

    Minutes published while approved are the public archive copy of that approval (the same
    text: approved minutes are locked), served as the stored bytes.
    """
    if version.approval_id is not None:
        archive = version.approval.archive_copies.filter(version=Version.PUBLIC).first()
        if archive is None:
            # Files the copy if that approval is still in force; None after a reopening.
            archive = minutes_archive_file(meeting_id=version.meeting_id, version=Version.PUBLIC)
            if archive is not None and archive.approval_id != version.approval_id:
                archive = None
        if archive is not None:
            return archive_bytes(archive)
    context = {
        **published.public_context(version),
        "draft": not version.approved,
        # The publication is the moment this text stands for: the same bytes every day.
        "produced_at": version.published_at,
        "produced_with_time": True,
    }
    document = _render_document(context, archive=False)
    pdf = cached_pdf(document.key)
    if pdf is not None:
        return pdf
    # The public URL is anyone's: a version that failed is answered from memory, and a
    # rendering never holds a web worker past the request limit.
    remembered = pdf_renderings.failure(document.key)
    if remembered is not None:
        raise remembered
    try:
        pdf = document.render(
            time_limit=min(settings.PDF_REQUEST_RENDER_LIMIT, settings.PDF_RENDER_TIME_LIMIT)
        )
    except PdfRenderError as error:
        pdf_renderings.record_failure(
            key=document.key,
            meeting=version.meeting,
            version=Version.PUBLIC,
            approval=None,
            error=error,
        )
        raise
    # A published version never changes: its PDF can be kept as long as the cache likes.
    cache_pdf(document.key, pdf, PUBLISHED_CACHE_SECONDS)
    return pdf


def _render(meeting: Meeting, *, version: str, produced_at, archive: bool) -> bytes:
    """Laid out here with the worker's limit, uncached (bench/pdf.py measures it)."""
    return _document(meeting, version=version, produced_at=produced_at, archive=archive).render()


def _document(meeting: Meeting, *, version: str, produced_at, archive: bool) -> PdfDocument:
    internal = version == Version.INTERNAL
    context = {
        "meeting": meeting,
        "project": meeting.group.project,
        "cases": selectors.agenda(meeting, with_comments=False, with_confidential=internal),
        "meeting_attachments": visible_attachments(meeting, insider=internal).filter(case=None),
        "participants": selectors.participants_by_attendance(meeting),
        "next_meeting": selectors.next_meeting(meeting),
        "approval": current_approval(meeting),
        "show_exempt": internal,
        "decision_heading": selectors.decision_heading(meeting),
        "public": not internal,
        "draft": not meeting.is_locked,
        # Drafts show the day only, so an unchanged draft keeps its cache key all day.
        "produced_at": produced_at,
        "produced_with_time": archive,
    }
    return _render_document(context, archive=archive)


def _render_document(context: dict, *, archive: bool) -> bytes:
    meeting = context["meeting"]
    # Norwegian minutes whatever language the viewer's pages are in: the archive copy may be
    # filed by the first download, and it must read the same as the one the task files.
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Minutes – %(group)s – %(date)s") % {
            "group": meeting.group.name,
            "date": f"{timezone.localtime(meeting.starts_at):%d.%m.%Y}",
        }
        return prepare_pdf(
            TEMPLATE,
            context,
            title=title,
            lang=settings.LANGUAGE_CODE,
            variant=ARCHIVE_VARIANT if archive else None,
        )
