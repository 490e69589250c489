from celery import shared_task

from meetings import services


@shared_task(
    name="meetings.tasks.minutes_approve_overdue",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def minutes_approve_overdue() -> list[int]:
    """Minutes out for comments count as approved once the deadline passes without objections."""
    return services.minutes_approve_overdue()
