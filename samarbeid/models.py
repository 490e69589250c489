from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFile(models.Model):
    """What the portal records of an uploaded file besides the file itself.

    The upload checks (meetings.attachments.check_upload) fill these; the stored name is random,
    so the user's file name lives only in ``original_name``.
    """

    title = models.CharField(_("title"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title or self.original_name
