import datetime

from celery import shared_task
from django.utils import timezone

from meetings import invitations, minutes_pdf, notices, services
from samarbeid.outbox.services import enqueue


@shared_task(
    name="meetings.tasks.minutes_approve_overdue",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def minutes_approve_overdue() -> list[int]:
    """Minutes out for comments count as approved once the deadline passes without objections."""
    return services.minutes_approve_overdue()


@shared_task(
    name="meetings.tasks.send_invitations",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    # A stuck SMTP server must not hold a worker; the retry sends only what is still unsent.
    soft_time_limit=120,
    time_limit=150,
)
def send_invitations(meeting_id: int, sequence: int, method: str, reason: str = "") -> int:
    """E-mail one version of a meeting's invitation (REQUEST) or its cancellation (CANCEL)."""
    return invitations.invitations_send(
        meeting_id=meeting_id, sequence=sequence, method=method, reason=reason
    )


@shared_task(
    name="meetings.tasks.minutes_archive",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    # Each rendering has its own limit (PDF_RENDER_TIME_LIMIT); this is the backstop for two.
    soft_time_limit=150,
    time_limit=180,
)
def minutes_archive(meeting_id: int) -> list[int]:
    """File the PDF/A copies of approved minutes; a retry files nothing twice.

    A copy that cannot be rendered is recorded and shown, not retried (same content, same
    failure); storage or database errors are retried, and after the last retry the hourly
    ``minutes_archive_sweep`` queues the minutes again: no copy is given up on.
    """
    return [copy.pk for copy in minutes_pdf.minutes_archive_all(meeting_id=meeting_id)]


@shared_task(name="meetings.tasks.word_import_sweep")
def word_import_sweep() -> int:
    """Delete Word uploads left waiting over a day: their preview's session has ended (beat).

    A day, far beyond a session's life (SESSION_COOKIE_AGE, renewed by each request), so no
    secretary still at the preview loses the file.
    """
    from meetings import imports

    return imports.forget_abandoned_uploads(older_than=datetime.timedelta(days=1))


@shared_task(name="meetings.tasks.minutes_archive_sweep")
def minutes_archive_sweep() -> list[int]:
    """Queue the archive task for approved minutes still without both copies (beat, hourly)."""
    meeting_ids = minutes_pdf.meetings_missing_archive_copies()
    hour = timezone.now().strftime("%Y%m%d%H")
    for meeting_id in meeting_ids:
        enqueue(
            "meetings.tasks.minutes_archive",
            meeting_id,
            key=f"minutes-archive-sweep:{meeting_id}:{hour}",
        )
    return meeting_ids


@shared_task(
    name="meetings.tasks.minutes_pdf_render",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    soft_time_limit=150,
    time_limit=180,
)
def minutes_pdf_render(meeting_id: int, version: str, key: str) -> bool:
    """Render a draft too large or slow for a web request into the cache; idempotent."""
    return minutes_pdf.minutes_draft_render(meeting_id=meeting_id, version=version, key=key)


NOTICE_RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
    # Each notice is recorded before it is sent: a retry sends only what is still unsent.
    "soft_time_limit": 240,
    "time_limit": 300,
}


@shared_task(name="meetings.tasks.notify_action_item_assigned", **NOTICE_RETRY)
def notify_action_item_assigned(item_id: int) -> int:
    return notices.action_item_assigned(item_id=item_id)


@shared_task(name="meetings.tasks.send_action_item_reminders", **NOTICE_RETRY)
def send_action_item_reminders() -> int:
    """Deadlines coming up and just passed (beat, every morning)."""
    return notices.action_item_reminders()


@shared_task(name="meetings.tasks.notify_minutes_event", **NOTICE_RETRY)
def notify_minutes_event(event_id: int) -> int:
    return notices.minutes_event(event_id=event_id)


@shared_task(
    name="meetings.tasks.extract_attachment_text",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    # Each file is read within caps (meetings.attachment_text); this is the backstop.
    soft_time_limit=120,
    time_limit=150,
)
def extract_attachment_text(attachment_id: int) -> bool:
    """Read an attachment's text into the search index; a file that cannot be read is
    indexed by its title alone (and logged), so the outbox marks the message done."""
    from search.attachment_index import index_attachment

    return index_attachment(attachment_id)
