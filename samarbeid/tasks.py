"""Project-wide Celery tasks that belong to no app."""

from celery import shared_task

# Options of a task that sends one e-mail: retried with backoff, and a stuck SMTP server does
# not hold a worker. Each such task records or checks what it sent, so a retry sends only what
# is still unsent.
EMAIL_TASK_OPTIONS = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
    "soft_time_limit": 120,
    "time_limit": 150,
}


@shared_task(name="samarbeid.tasks.ping", ignore_result=False)
def ping() -> str:
    """Round trip through the broker and a worker; used by the worker test and for smoke checks."""
    return "pong"
