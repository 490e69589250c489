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


class MinutesRendering(models.Model):
    """A minutes PDF handed to the worker, or one that could not be made: by content key.

    Kept in the database, not only the cache, so a failure is remembered when the cache is
    down: the same content is then answered with the error page at once instead of being laid
    out again on every request (the public URL is open to anyone). New content has a new key
    and is tried afresh. Deleting a failed row (admin) makes the next request try again.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued in the worker")
        FAILED = "failed", _("Failed")

    key = models.CharField(
        _("content key"),
        max_length=80,
        unique=True,
        help_text=_("What was rendered: the HTML, options and print assets (samarbeid.pdf)."),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="renderings",
        verbose_name=_("meeting"),
    )
    version = models.CharField(_("version"), max_length=20, choices=MinutesArchive.Version.choices)
    approval = models.ForeignKey(
        "meetings.MinutesEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="renderings",
        verbose_name=_("approval"),
        help_text=_("Set for the archive copy of this approval; empty for a draft."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    timed_out = models.BooleanField(_("timed out"), default=False)
    message = models.TextField(_("error"), blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("minutes rendering")
        verbose_name_plural = _("minutes renderings")

    def __str__(self):
        return f"{self.meeting} ({self.get_version_display()}, {self.get_state_display()})"
