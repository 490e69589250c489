"""Requesting an archive package, and building it (the worker's side)."""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive import package
from archive.models import ArchiveExport
from samarbeid.outbox.services import enqueue

logger = logging.getLogger(__name__)

FIRST_YEAR = 2000
BUILD_TASK = "archive.tasks.archive_export_build"


def archive_export_request(*, group, year: int, by) -> ArchiveExport:
    """Record the request and queue the package's building; refused when there is nothing."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError(
            {
                "year": _("Choose a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year}
            }
        )
    if not package.approved_meetings(group, year).exists():
        raise ValidationError(
            {"year": _("The group has no approved minutes from %(year)s.") % {"year": year}}
        )
    with transaction.atomic():
        export = ArchiveExport(group=group, year=year, requested_by=by)
        export.full_clean()
        export.save()
        enqueue(BUILD_TASK, export.pk, key=f"archive-export:{export.pk}")
    return export


def archive_export_build(*, export_id: int) -> bool:
    """Build and store the package (the task's body); a retry after it is done does nothing."""
    export = ArchiveExport.objects.select_related("group__project", "requested_by").get(
        pk=export_id
    )
    if export.status == ArchiveExport.Status.DONE:
        return False
    _filed, missing = package.sort_filed(export.group, export.year)
    export.status = ArchiveExport.Status.RUNNING
    export.progress = 0
    export.missing = [
        {"id": m.pk, "title": m.title, "starts_at": m.starts_at.isoformat()} for m in missing
    ]
    export.save(update_fields=["status", "progress", "missing"])

    def progress(done: int, total: int) -> None:
        # Whole tens only: a row (and a history row) per step, not per file.
        percent = min(99, done * 100 // max(total, 1)) // 10 * 10
        if percent > export.progress:
            export.progress = percent
            export.save(update_fields=["progress"])

    by = export.requested_by.get_full_name() or export.requested_by.get_username()
    data, count = package.build(export.group, export.year, by=by, progress=progress)
    export.file.save(export.filename, ContentFile(data), save=False)
    export.size = len(data)
    export.sha256 = hashlib.sha256(data).hexdigest()
    export.meetings_included = count
    export.status = ArchiveExport.Status.DONE
    export.progress = 100
    export.finished_at = timezone.now()
    export.save()
    logger.info("Built archive package %s (%s meetings)", export.pk, count)
    return True
