from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from projects.models import GroupMembership


class ActionItem(models.Model):
    """Something a case decided must be done, by someone, by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        # Minutes say an item "utgår", not that it is "avlyst" like a meeting.
        CANCELLED = "cancelled", pgettext_lazy("action item", "Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    case = models.ForeignKey("meetings.Case", on_delete=models.CASCADE, related_name="action_items")
    description = models.TextField(_("what"))
    responsible_people = models.ManyToManyField(
        "projects.Person",
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible people"),
    )
    responsible_organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible organisation"),
    )
    responsible_group = models.ForeignKey(
        "projects.ProjectGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible group"),
    )
    # A role in the case's group ("Leder", "Referent"): whoever holds it answers for the item,
    # so a new leader inherits the leader's items as the minutes mean them.
    responsible_role = models.CharField(
        _("responsible role"),
        max_length=30,
        blank=True,
        choices=GroupMembership.Role.choices,
        help_text=_("Whoever holds this role in the case's group."),
    )
    responsible_note = models.CharField(
        _("responsible, as written"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Alle” or “Prosjektstab”."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_as_written = models.CharField(
        _("deadline, as written"), max_length=50, blank=True, help_text=_("E.g. “uke 51”.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[responsible_people])

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [
            models.Index(fields=["status", "deadline"]),
            # "My action items" finds an organisation's and a group's items by these.
            models.Index(
                fields=["responsible_organisation", "status", "deadline"],
                name="actionitem_org_status_idx",
            ),
            models.Index(
                fields=["responsible_group", "status", "deadline"],
                name="actionitem_group_status_idx",
            ),
            # Few items name a role: the index holds only those.
            models.Index(
                fields=["responsible_role", "status"],
                name="actionitem_role_status_idx",
                condition=~models.Q(responsible_role=""),
            ),
            # The register lists a group's items (through their cases) by deadline.
            models.Index(fields=["case", "deadline"], name="actionitem_case_deadline_idx"),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @cached_property
    def responsible_names(self) -> list[str]:
        """Who is responsible, as the minutes write it; a published version sets its own."""
        return responsible_names_of(self)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.deadline is not None and self.deadline < today


ROLE_NAMES = dict(GroupMembership.Role.choices)


def responsible_names_of(item) -> list[str]:
    """People, a body, "Alle" (the case's own group), a role, or as written, in that order.

    Fields and relations only, so the historical models of a data migration can use it too.
    """
    names = [person.name for person in item.responsible_people.all()]
    if item.responsible_organisation_id:
        names.append(item.responsible_organisation.name)
    if item.responsible_group_id:
        everyone = item.responsible_group_id == item.case.group_id
        names.append(str(_("Everyone")) if everyone else item.responsible_group.name)
    if item.responsible_role:
        names.append(str(ROLE_NAMES.get(item.responsible_role, item.responsible_role)))
    if item.responsible_note:
        names.append(item.responsible_note)
    return names


class ActionItemUpdate(models.Model):
    """A dated follow-up note on an action item, with the status it set."""

    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    previous_status = models.CharField(
        _("status before"),
        max_length=20,
        choices=ActionItem.Status.choices,
        blank=True,
        help_text=_("So the minutes can say what changed, e.g. “Open → Done”."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionItem.Status.choices)
    note = models.TextField(_("note"), blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_item_updates",
        verbose_name=_("recorded in meeting"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "at", "id"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self):
        return f"{self.item}: {self.get_status_display()}"
