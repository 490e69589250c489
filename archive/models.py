"""An archive package requested for the host municipality, and how far its building has come."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def package_path(instance, filename: str) -> str:
    return f"arkivuttrekk/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.zip"


class ArchiveExport(models.Model):
    """One archive package (arkivuttrekk) of a group's year: who asked, when, and the zip.

    The row is the record of who exported what when; its history keeps each change of state.
    The zip's bytes never change once stored.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    group = models.ForeignKey(
        "projects.ProjectGroup",
        on_delete=models.PROTECT,
        related_name="archive_exports",
        verbose_name=_("group"),
    )
    year = models.PositiveIntegerField(_("year"), help_text=_("The meetings' year."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, help_text=_("How much of the package the worker has built.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=package_path, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    meetings_included = models.PositiveIntegerField(_("meetings included"), default=0)
    missing = models.JSONField(
        _("missing"),
        default=list,
        blank=True,
        help_text=_("Approved meetings of the year without an archive copy: not in the package."),
    )
    message = models.TextField(_("error"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("archive package")
        verbose_name_plural = _("archive packages")

    def __str__(self):
        return f"{self.group} {self.year} ({self.get_status_display()})"

    @property
    def filename(self) -> str:
        return f"arkivuttrekk-{self.group.project.slug}-{self.group_id}-{self.year}.zip"
