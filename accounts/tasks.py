from celery import shared_task

from accounts import emails
from samarbeid.tasks import EMAIL_TASK_OPTIONS


@shared_task(name="accounts.tasks.send_password_reset", **EMAIL_TASK_OPTIONS)
def send_password_reset(user_id: int) -> bool:
    return emails.password_reset_send(user_id=user_id)


@shared_task(name="accounts.tasks.send_invitation", **EMAIL_TASK_OPTIONS)
def send_invitation(user_id: int, inviter_id: int | None = None) -> bool:
    return emails.invitation_send(user_id=user_id, inviter_id=inviter_id)
