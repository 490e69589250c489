from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CouncilDecision(models.Model):
    """A municipal council's decision on a project, e.g. "k-sak 042/20"."""

    municipality = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        related_name="council_decisions",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("municipality"),
    )
    case_number = models.CharField(
        _("case number"), max_length=40, help_text=_("As the council writes it, e.g. k-sak 042/20.")
    )
    decided_on = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("decision text"), blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="council_decisions",
        verbose_name=_("project"),
    )
    phase = models.ForeignKey(
        "projects.Phase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_decisions",
        verbose_name=_("phase"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "decided_on", "municipality__name"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "case_number"], name="unique_council_case_number"
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.case_number}"

    def clean(self):
        if self.municipality_id and not self.municipality.is_municipality:
            raise ValidationError({"municipality": _("Only a municipality has a council.")})
        if self.phase_id and self.project_id and self.phase.project_id != self.project_id:
            raise ValidationError({"phase": _("The phase belongs to another project.")})


class ProgressActivity(models.Model):
    """A row of the project's progress matrix: an activity each municipality carries out."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="progress_activities"
    )
    phase = models.ForeignKey(
        "projects.Phase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_activities",
        verbose_name=_("phase"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("activity"), max_length=300)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "order", "id"]
        verbose_name = _("progress activity")
        verbose_name_plural = _("progress activities")

    def __str__(self):
        return self.title


class ProgressEntry(models.Model):
    """One cell of the progress matrix: where a participating organisation stands on an activity."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    activity = models.ForeignKey(ProgressActivity, on_delete=models.CASCADE, related_name="entries")
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        related_name="progress_entries",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    decision = models.ForeignKey(
        CouncilDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_entries",
        verbose_name=_("council decision"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"], name="unique_progress_cell"
            )
        ]

    def __str__(self):
        return f"{self.activity} – {self.organisation}: {self.get_status_display()}"

    def clean(self):
        if (
            self.decision_id
            and self.organisation_id
            and self.decision.municipality_id != self.organisation_id
        ):
            raise ValidationError({"decision": _("The decision was made by another municipality.")})
