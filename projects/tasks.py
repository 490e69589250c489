from celery import shared_task

from projects import permissions


@shared_task(
    name="projects.tasks.permissions_resync_all",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def permissions_resync_all() -> int:
    """Recompute every project's grants; safe to run twice (it only converges)."""
    return permissions.sync_all_permissions()
