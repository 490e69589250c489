from celery import shared_task

from samarbeid.outbox import services


@shared_task(name="outbox.deliver", ignore_result=True)
def deliver_message(message_id: int) -> bool:
    """Run one recorded side effect (samarbeid.outbox.services.deliver)."""
    return services.deliver(message_id)


@shared_task(name="outbox.sweep", ignore_result=True)
def sweep() -> int:
    """Beat: hand over again what waits in the outbox."""
    return services.sweep()
