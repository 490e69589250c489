from celery import shared_task

from agreements import services


@shared_task(
    name="agreements.tasks.consultations_close_overdue",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def consultations_close_overdue() -> int:
    """Close consultation rounds whose deadline has passed; closing twice does nothing."""
    return services.consultations_close_overdue()


@shared_task(
    name="agreements.tasks.agreements_update_status",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def agreements_update_status() -> int:
    """Signed agreements come into force, and expire, on their dates."""
    return services.agreements_update_status()


@shared_task(
    name="agreements.tasks.agreement_make_final_pdf",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=120,
    time_limit=150,
)
def agreement_make_final_pdf(agreement_id: int) -> bool:
    """Render and seal the signed agreement's PDF; a retry replaces what a failed run left."""
    from agreements import final_pdf

    return final_pdf.agreement_make_final_pdf(agreement_id=agreement_id)


@shared_task(
    name="agreements.tasks.agreement_archive_timestamp",
    soft_time_limit=120,
    time_limit=150,
)
def agreement_archive_timestamp(agreement_id: int) -> bool:
    """Embed the validation data and a document timestamp (B-LTA) once the TSA answers.

    Queued through the outbox, which retries it (a minute, doubling up to an hour) and never
    gives up; a run after success finds the timestamp there and does nothing.
    """
    from agreements import final_pdf

    return final_pdf.agreement_archive_timestamp(agreement_id=agreement_id)


@shared_task(
    name="agreements.tasks.agreements_send_reminders",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def agreements_send_reminders() -> int:
    """E-mail the parties before expiry and revision dates; each reminder goes out once."""
    from agreements import reminders

    return reminders.agreements_send_reminders()
