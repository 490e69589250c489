"""Which minutes PDFs are being made in the worker, and which could not be made (by content).

``minutes_pdf`` asks here before laying anything out: a remembered failure answers at once,
a rendering already queued is not queued again. Rows are keyed by ``PdfDocument.key`` (drafts)
or by the approval (archive copies), so changed content is always tried afresh.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.models import Meeting, MinutesEvent, MinutesRendering
from samarbeid.outbox.services import enqueue
from samarbeid.pdf import PdfRenderError

logger = logging.getLogger(__name__)

State = MinutesRendering.State


def failure(key: str) -> PdfRenderError | None:
    """The remembered failure of this content, as the error a fresh attempt would raise."""
    row = MinutesRendering.objects.filter(key=key, state=State.FAILED).first()
    if row is None:
        return None
    logger.info("PDF %s failed before (%s): not rendered again", key, row.message[:200])
    return PdfRenderError(f"failed before: {row.message}", timed_out=row.timed_out)


def record_failure(
    *,
    key: str,
    meeting: Meeting,
    version: str,
    approval: MinutesEvent | None,
    error: PdfRenderError,
) -> None:
    """Remember that this content could not be made; the queued row, if any, becomes it."""
    MinutesRendering.objects.update_or_create(
        key=key,
        defaults={
            "meeting": meeting,
            "version": version,
            "approval": approval,
            "state": State.FAILED,
            "timed_out": error.timed_out,
            "message": str(error)[:2000],
            "updated_at": timezone.now(),
        },
    )


def done(key: str) -> None:
    """The worker made it: nothing is queued for this content any more."""
    MinutesRendering.objects.filter(key=key, state=State.QUEUED).delete()


def _stale_after() -> datetime.timedelta:
    # Longer than a worker needs for both versions; after that the task is taken as lost
    # (Redis restarted, a broker error) and queued again. A duplicate does no harm.
    return datetime.timedelta(seconds=max(300, 4 * settings.PDF_RENDER_TIME_LIMIT))


def queue(
    *, key: str, meeting: Meeting, version: str, approval: MinutesEvent | None = None
) -> None:
    """Hand the rendering to the worker once; again only when the earlier task looks lost."""
    now = timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                row, created = MinutesRendering.objects.get_or_create(
                    key=key,
                    defaults={
                        "meeting": meeting,
                        "version": version,
                        "approval": approval,
                        "state": State.QUEUED,
                        "updated_at": now,
                    },
                )
        except IntegrityError:
            # Another request created it between our look and our insert: that one queues.
            return
        if not created:
            if row.state != State.QUEUED or row.updated_at > now - _stale_after():
                return
            # Only the request that moves the timestamp on queues again.
            moved = MinutesRendering.objects.filter(pk=row.pk, updated_at=row.updated_at)
            if not moved.update(updated_at=now):
                return
            logger.warning("PDF %s queued at %s, not made yet: queued again", key, row.updated_at)
        # A new message each time the row is (re)queued: the time makes the outbox key unique.
        stamp = now.isoformat()
        if approval is not None:
            enqueue(
                "meetings.tasks.minutes_archive",
                meeting.pk,
                key=f"minutes-archive:{approval.pk}:{key[:40]}:{stamp}",
            )
        else:
            enqueue(
                "meetings.tasks.minutes_pdf_render",
                meeting.pk,
                version,
                key,
                key=f"minutes-pdf:{key[:80]}:{stamp}",
            )


def is_queued(key: str) -> bool:
    """Queued, and not so long ago that the task must be lost."""
    since = timezone.now() - _stale_after()
    return MinutesRendering.objects.filter(
        key=key, state=State.QUEUED, updated_at__gt=since
    ).exists()


def archive_failures(meeting: Meeting, approval: MinutesEvent | None) -> list[MinutesRendering]:
    """The archive copies of this approval that could not be made (for the meeting page)."""
    if approval is None:
        return []
    return list(approval.renderings.filter(state=State.FAILED))
