from celery import shared_task

from notifications import services
from samarbeid.tasks import EMAIL_TASK_OPTIONS


@shared_task(name="notifications.tasks.send_notification", **EMAIL_TASK_OPTIONS)
def send_notification(notification_id: int) -> bool:
    return services.notification_send(notification_id=notification_id)


@shared_task(name="notifications.tasks.send_digests", **EMAIL_TASK_OPTIONS)
def send_digests() -> int:
    """The weekly digest (beat, Monday morning)."""
    return services.digests_send()
