import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def archive_path(instance, filename: str) -> str:
    return f"referater/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class MinutesArchive(models.Model):
    """Approved minutes as filed: a PDF/A copy whose bytes never change once stored.

    One copy per approval and version. Reopening the minutes leaves the copy here; the next
    approval files a new one, so the history of what was approved stays complete.
    """

    class Version(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        PUBLIC = "public", _("Public")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="archive_copies",
        verbose_name=_("meeting"),
    )
    approval = models.ForeignKey(
        "meetings.MinutesEvent",
        on_delete=models.PROTECT,
        related_name="archive_copies",
        verbose_name=_("approval"),
        help_text=_("The approval this copy records."),
    )
    minutes_version = models.PositiveIntegerField(
        _("minutes version"),
        help_text=_("1 for the first approval; one more after each reopening and new approval."),
    )
    version = models.CharField(
        _("version"),
        max_length=20,
        choices=Version.choices,
        help_text=_("Internal: every case. Public: exempt cases replaced by their legal basis."),
    )
    variant = models.CharField(_("PDF variant"), max_length=20, help_text=_("E.g. pdf/a-2u."))
    file = models.FileField(_("file"), upload_to=archive_path, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    produced_at = models.DateTimeField(_("produced"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-produced_at", "-id"]
        verbose_name = _("archived minutes")
        verbose_name_plural = _("archived minutes")
        constraints = [
            models.UniqueConstraint(
                fields=["approval", "version"], name="unique_archive_per_approval"
            )
        ]

    def __str__(self):
        return f"{self.meeting} ({self.get_version_display()}, {self.minutes_version})"
