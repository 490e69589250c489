import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samarbeid.models import StoredFile


def attachment_path(instance, filename: str) -> str:
    """A random storage name: the user's file name is kept in the row, never used as a path."""
    return f"vedlegg/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(StoredFile):
    """A file attached to a meeting or to one of its cases (vedlegg)."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="attachments"
    )
    case = models.ForeignKey(
        "meetings.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("case"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the group's members see it; never in published minutes."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "case", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
