from celery import shared_task

from notifications import services

RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
    # A stuck SMTP server must not hold a worker; a retry sends only what is still unsent.
    "soft_time_limit": 120,
    "time_limit": 150,
}


@shared_task(name="notifications.tasks.send_notification", **RETRY)
def send_notification(notification_id: int) -> bool:
    return services.notification_send(notification_id=notification_id)


@shared_task(name="notifications.tasks.send_digests", **RETRY)
def send_digests() -> int:
    """The weekly digest (beat, Monday morning)."""
    return services.digests_send()
