"""The entries of attachments: title, file name and the text read from the file.

Reading a file is slow, so it happens in the worker: ``attachments.attachment_add`` queues
``meetings.tasks.extract_attachment_text`` through the outbox in its transaction, and the
task calls ``index_attachment``. ``attachment_remove`` forgets the entry in its own
transaction. Who may find an entry is decided in the query (``search.visibility``).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from meetings import attachment_text
from meetings.attachments import EXTRACT_TEXT_TASK
from meetings.models import Attachment
from samarbeid.outbox.models import OutboxMessage
from samarbeid.outbox.services import enqueue
from search.builders import Entry, _join
from search.indexing import write
from search.models import SearchEntry

Kind = SearchEntry.Kind
VECTOR = SearchVector("title", weight="A", config="norwegian") + SearchVector(
    "body", weight="B", config="norwegian"
)


def entry_for(attachment: Attachment, text: str) -> Entry:
    meeting = attachment.meeting
    return Entry(
        kind=Kind.ATTACHMENT,
        object_id=attachment.pk,
        project_id=meeting.group.project_id,
        group_id=meeting.group_id,
        title=str(attachment),
        # The file name too, when a title is shown instead of it.
        body=_join(attachment.original_name if attachment.title else "", text),
        # Where the meeting page links it: the download checks the same rule as the search.
        url=reverse("meetings:attachment_download", args=[meeting.pk, attachment.pk]),
        dated=meeting.starts_at,
        year=meeting.year,
    )


def queue_extraction(attachment: Attachment, *, key: str = "") -> None:
    enqueue(EXTRACT_TEXT_TASK, attachment.pk, key=key or f"attachment-text:{attachment.pk}")


def _read(attachment: Attachment) -> str:
    if attachment.content_type not in attachment_text.EXTRACTABLE:
        return ""
    with attachment.file.open("rb") as stored:
        data = stored.read()
    return attachment_text.extract_text(
        data, attachment.content_type, name=attachment.original_name
    )


def index_attachment(attachment_id: int) -> bool:
    """Read the file and (re)write its entry; False when the attachment is gone. Idempotent."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return False
    text = _read(attachment)
    with transaction.atomic():
        # Locked, so a removal running now either went first (nothing to write) or waits
        # and then forgets what is written here (attachment_remove deletes, then forgets).
        attachment = (
            Attachment.objects.select_for_update(of=("self",))
            .select_related("meeting__group")
            .filter(pk=attachment_id)
            .first()
        )
        if attachment is None:
            return False
        write(entry_for(attachment, text))
    return True


def follow_meeting(meeting) -> None:
    """The meeting was saved (perhaps moved): its files' entries take its date and year.

    One UPDATE in the saving transaction; the text is untouched."""
    SearchEntry.objects.filter(
        kind=Kind.ATTACHMENT,
        object_id__in=Attachment.objects.filter(meeting_id=meeting.pk).values("id"),
    ).update(year=meeting.year, dated=meeting.starts_at)


def missing() -> bool:
    """The first deploy with attachment search: attachments, but none ever queued to be read
    (once one is, the services keep the entries current and the worker fills them)."""
    return (
        Attachment.objects.exists()
        and not SearchEntry.objects.filter(kind=Kind.ATTACHMENT).exists()
        and not OutboxMessage.objects.filter(task=EXTRACT_TEXT_TASK).exists()
    )


def rebuild() -> int:
    """Keep the entries consistent without reading every file again.

    An entry's title, page, project, group and date are rewritten from the live rows (its
    text is kept: the stored file never changes); an attachment without an entry is queued
    for extraction; entries of attachments that are gone are removed. Idempotent.
    """
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    postgres = connection.vendor == "postgresql"
    count = 0
    source = Attachment.objects.select_related("meeting__group").order_by("pk")
    for attachment in source.iterator(chunk_size=500):
        entry = entry_for(attachment, "")
        fields = {
            "title": entry.title[: SearchEntry._meta.get_field("title").max_length],
            "url": entry.url,
            "project_id": entry.project_id,
            "group_id": entry.group_id,
            "year": entry.year,
            "dated": entry.dated,
        }
        rows = SearchEntry.objects.filter(kind=Kind.ATTACHMENT, object_id=attachment.pk)
        if not rows.update(**fields):
            queue_extraction(attachment, key=f"attachment-text:{attachment.pk}:rebuild:{stamp}")
        elif postgres:
            # A second statement: within one UPDATE the vector would read the old title.
            rows.update(search_vector=VECTOR)
        count += 1
    SearchEntry.objects.filter(kind=Kind.ATTACHMENT).exclude(
        object_id__in=Attachment.objects.values("id")
    ).delete()
    return count
