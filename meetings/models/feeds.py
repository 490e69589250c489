import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def unknown_token_hash() -> str:
    """The hash of a secret nobody was shown, for a feed made outside feeds.calendar_feed_create."""
    return CalendarFeed.hash(secrets.token_urlsafe(32))


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A calendar subscription: a secret address that shows a user's, or a group's, dates.

    Only a hash of the secret is stored, so a leaked database does not leak the addresses.
    What the feed shows follows its owner's permissions at the time it is read.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("owner"),
    )
    group = models.ForeignKey(
        "projects.ProjectGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
        verbose_name=_("group"),
        help_text=_("Empty for the owner's personal feed."),
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, default=unknown_token_hash
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])
    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user}: {self.group or _('personal')}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()
