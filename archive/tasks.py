from celery import shared_task

from archive import services


@shared_task(
    name="archive.tasks.archive_export_build",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
    # Reading the stored PDFs and zipping them; a year of a group is some tens of files.
    soft_time_limit=240,
    time_limit=300,
)
def archive_export_build(export_id: int) -> bool:
    """Build an archive package; a retry builds it afresh, once built it is left alone."""
    return services.archive_export_build(export_id=export_id)
