"""Project-wide Celery tasks that belong to no app."""

from celery import shared_task


@shared_task(name="samarbeid.tasks.ping", ignore_result=False)
def ping() -> str:
    """Round trip through the broker and a worker; used by the worker test and for smoke checks."""
    return "pong"
