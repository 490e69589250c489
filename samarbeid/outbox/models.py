"""What a request has promised to do outside the database: a notice, an invitation, an archive copy.

A row is written in the same transaction as the change it belongs to, so a rollback leaves no
promise behind and a commit leaves one that the worker keeps, whatever happens to Redis.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        # Recorded; not yet handed to the broker, or handing it over failed.
        PENDING = "pending", _("Waiting")
        # Handed to the broker; no worker has taken it yet.
        DISPATCHED = "dispatched", _("Queued")
        # A worker holds it until lease_until; past that, the worker is taken for dead.
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        # The task is unknown to this code: no retry can help, a developer must look.
        FAILED = "failed", _("Failed")

    # Names the side effect and its occasion ("invitation:12:3:REQUEST"): recording the same key
    # twice (a doubled request, a retried task) records one message.
    key = models.CharField(_("key"), max_length=200, unique=True)
    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("queued"), null=True, blank=True)
    lease_until = models.DateTimeField(_("held until"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sweeper's question: what is not done yet, oldest first.
            models.Index(
                fields=["state", "next_attempt_at"],
                name="outbox_open_idx",
                condition=~models.Q(state="done"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_state_display()})"
