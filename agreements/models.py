"""Agreements between the organisations of a project, from first draft to signed PDF.

An agreement's text lives in its versions: every save adds a numbered version whose
sections are kept as they were, so any two can be compared and a signature names the
exact version (and its SHA-256) that was signed.
"""

import datetime
import hashlib
import json
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samarbeid.models import StoredFile


def agreement_file_path(instance, filename: str) -> str:
    """A random storage name: the user's file name is kept in the row, never used as a path."""
    return f"avtaler/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Agreement(models.Model):
    """A partnership, host-municipality, cooperation or operating agreement of a project."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("Partnership agreement")
        HOST_MUNICIPALITY = "host_municipality", _("Host-municipality agreement")
        COOPERATION = "cooperation", _("Cooperation agreement")
        OPERATING = "operating", _("Operating agreement")
        OTHER = "other", _("Other agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        AGREED = "agreed", _("Agreed, for signing")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    class Completion(models.TextChoices):
        PORTAL = "portal", _("Signed in the portal")
        SCANNED = "scanned", _("Signed on paper, scanned copy uploaded")

    # Kinds where one municipality carries out tasks for the others (kommuneloven ch. 20).
    KINDS_WITH_HOST = (Kind.PARTNERSHIP, Kind.HOST_MUNICIPALITY)
    EDITABLE = (Status.DRAFT, Status.CONSULTATION)
    COMPLETED = (Status.SIGNED, Status.IN_FORCE, Status.EXPIRED, Status.TERMINATED)

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    template_key = models.CharField(
        _("template"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("The template the first version was made from, if any."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    host_municipality = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_agreements",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("host municipality"),
        help_text=_("Only for partnership and host-municipality agreements (vertskommune)."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty if it runs until ended.")
    )
    revision_interval_months = models.PositiveSmallIntegerField(
        _("revision interval (months)"),
        null=True,
        blank=True,
        help_text=_("How often the parties evaluate or revise the agreement, e.g. 12."),
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Published agreements are seen by everyone who reads the project."),
    )
    completion = models.CharField(
        _("completed by"), max_length=10, choices=Completion.choices, blank=True
    )
    signed_pdf = models.FileField(
        _("signed PDF"), upload_to=agreement_file_path, max_length=300, blank=True
    )
    signed_pdf_sha256 = models.CharField(
        _("SHA-256 of the signed PDF"), max_length=64, blank=True, db_index=True
    )
    # A copy the directors may have downloaded before the timestamp authority answered: the
    # verify page still recognises it (agreements.final_pdf.agreement_archive_timestamp).
    earlier_pdf_sha256 = models.CharField(
        _("SHA-256 of the earlier sealed PDF"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The copy sealed before the archive timestamp was added, if any."),
    )
    document_number = models.CharField(
        _("document number"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_(
            "Printed on the sealed PDF's signature page and looked up on the public verify page; "
            "random, so that no one finds other agreements by counting."
        ),
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Compared on save so that two people editing at once cannot overwrite each other.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    replaces = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
        help_text=_("Earlier agreements of the project that this one takes the place of."),
    )

    history = HistoricalRecords(m2m_fields=[replaces])

    class Meta:
        ordering = ["project", "title", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", kwargs={"agreement_id": self.pk})

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The agreement ends before it starts.")})
        if self.host_municipality_id:
            if self.kind not in self.KINDS_WITH_HOST:
                raise ValidationError(
                    {"host_municipality": _("This kind of agreement has no host municipality.")}
                )
            if not self.host_municipality.is_municipality:
                raise ValidationError(
                    {"host_municipality": _("Only a municipality can be host municipality.")}
                )

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_locked(self) -> bool:
        return self.status in self.COMPLETED

    @property
    def needs_council_approval(self) -> bool:
        """A host-municipality arrangement: each party municipality's council approves the
        agreement itself (kommuneloven § 20-4) before it is signed for the municipality."""
        return self.kind == self.Kind.HOST_MUNICIPALITY or (
            self.kind in self.KINDS_WITH_HOST and self.host_municipality_id is not None
        )

    def revision_dates(self, *, after: datetime.date, count: int = 1) -> list[datetime.date]:
        """The next ``count`` revision dates after ``after``, counted from ``valid_from``."""
        if not self.valid_from or not self.revision_interval_months:
            return []
        dates, step = [], 1
        while len(dates) < count:
            date = add_months(self.valid_from, step * self.revision_interval_months)
            if self.valid_until and date > self.valid_until:
                break
            if date > after:
                dates.append(date)
            step += 1
        return dates


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    for day in range(date.day, 27, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return datetime.date(year, month, min(date.day, 28))


class AgreementParty(models.Model):
    """An organisation bound by the agreement, and who signs for it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("organisation"),
    )
    signatory = models.ForeignKey(
        "projects.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_signatures_due",
        verbose_name=_("signatory"),
        help_text=_("The person who signs for the organisation; they need a login to sign."),
    )
    signatory_role = models.CharField(
        _("signatory's role"),
        max_length=120,
        blank=True,
        help_text=_("E.g. kommunedirektør, fylkesdirektør NAV."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Lets the signatory form refuse a stale save (samarbeid.conflicts).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "order", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="unique_agreement_party"
            )
        ]

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if (
            self.signatory_id
            and self.organisation_id
            and self.signatory.organisation_id not in (None, self.organisation_id)
        ):
            raise ValidationError({"signatory": _("The signatory works for another organisation.")})


class AgreementVersion(models.Model):
    """The whole text of an agreement as saved once: numbered sections, never changed later."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # [{"number": "1.0", "title": "Avtaleparter – eiere", "text": "..."}, ...]
    sections = models.JSONField(_("sections"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "number"]
        get_latest_by = "number"
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_agreement_version")
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    @staticmethod
    def digest(title: str, sections: list[dict]) -> str:
        """SHA-256 of the exact text: title and sections in a canonical JSON form."""
        canonical = json.dumps(
            {"title": title, "sections": sections},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


class AgreementAttachment(StoredFile):
    """A document that belongs to the agreement: operating agreement, delegation decision, ..."""

    class Kind(models.TextChoices):
        OPERATING_AGREEMENT = "operating_agreement", _("Operating agreement")
        DELEGATION_DECISION = "delegation_decision", _("Delegation decision")
        COUNCIL_DECISION = "council_decision", _("Council decision")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=agreement_file_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "uploaded_at", "id"]
        verbose_name = _("agreement attachment")
        verbose_name_plural = _("agreement attachments")


class ConsultationRound(models.Model):
    """A consultation (høring): invited organisations comment per section before a deadline."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="consultation_rounds"
    )
    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="consultation_rounds",
        verbose_name=_("version consulted"),
    )
    title = models.CharField(_("title"), max_length=300)
    deadline = models.DateTimeField(_("deadline"))
    invited = models.ManyToManyField(
        "projects.Organisation", related_name="consultations", verbose_name=_("invited")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[invited])

    class Meta:
        ordering = ["agreement", "opened_at", "id"]
        verbose_name = _("consultation round")
        verbose_name_plural = _("consultation rounds")
        constraints = [
            # At most one open round per agreement: comments always have one obvious home.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_consultation_per_agreement",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ConsultationComment(models.Model):
    """One organisation's comment on one section in a consultation round."""

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="comments")
    section_number = models.CharField(_("section"), max_length=10)
    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "section_number", "created_at", "id"]
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")

    def __str__(self):
        return f"{self.section_number}: {self.organisation}"


class AgreementApproval(models.Model):
    """A party municipality's political approval of the agreement (e.g. "k-sak 042/20")."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="approvals")
    party = models.OneToOneField(
        AgreementParty, on_delete=models.CASCADE, related_name="approval", verbose_name=_("party")
    )
    council = models.CharField(
        _("council"), max_length=120, help_text=_("E.g. Fauske kommunestyre.")
    )
    decision = models.OneToOneField(
        "projects.CouncilDecision",
        on_delete=models.PROTECT,
        related_name="agreement_approval",
        verbose_name=_("council decision"),
    )
    attachment = models.ForeignKey(
        AgreementAttachment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision document"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "party__order"]
        verbose_name = _("council approval")
        verbose_name_plural = _("council approvals")

    def __str__(self):
        return f"{self.party}: {self.decision.case_number}"


class AgreementCaseDecision(models.Model):
    """A meeting's case that approved or recommended the agreement, as its minutes say.

    Kept in agreements, which depend on meetings; the case page reads it through the reverse
    relation ``case.agreement_decisions``.
    """

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RECOMMENDED = "recommended", _("Recommended")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="case_decisions",
        verbose_name=_("agreement"),
    )
    case = models.ForeignKey(
        "meetings.Case",
        on_delete=models.CASCADE,
        related_name="agreement_decisions",
        verbose_name=_("case"),
    )
    kind = models.CharField(
        _("decision"), max_length=20, choices=Kind.choices, default=Kind.APPROVED
    )
    sent_on_to = models.CharField(
        _("sent on to"),
        max_length=300,
        blank=True,
        help_text=_(
            "The bodies the agreement goes to next for approval, "
            "e.g. kommunestyrene i Våler, Åsnes og Grue."
        ),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "recorded_at", "id"]
        verbose_name = _("decision in a meeting")
        verbose_name_plural = _("decisions in meetings")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "case"], name="unique_agreement_case")
        ]

    def __str__(self):
        return f"{self.agreement}: {self.get_kind_display()} ({self.case})"

    def clean(self):
        if (
            self.agreement_id
            and self.case_id
            and self.case.group.project_id != self.agreement.project_id
        ):
            raise ValidationError(
                {"agreement": _("The agreement belongs to another project than the meeting.")}
            )


class Signature(models.Model):
    """A party's signature in the portal, with what was signed and where from."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(
        AgreementParty, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("party")
    )
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    version_sha256 = models.CharField(_("SHA-256 of the version signed"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreement_signatures",
        verbose_name=_("signed by"),
    )
    # Copied at signing: the record must say who signed as what, even after people move on.
    signer_name = models.CharField(_("name"), max_length=200)
    signer_role = models.CharField(_("role"), max_length=120)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    voided_at = models.DateTimeField(
        _("voided"),
        null=True,
        blank=True,
        help_text=_("Set when the agreement was reopened for changes after this signature."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "signed_at", "id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["party"],
                condition=models.Q(voided_at__isnull=True),
                name="one_valid_signature_per_party",
            )
        ]

    def __str__(self):
        return f"{self.signer_name}, {self.organisation_name}"


class SigningFailure(models.Model):
    """A wrong password given to sign: counted to stop guessing.

    In the database, not the cache: with Redis gone the limit must still hold.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+", verbose_name=_("agreement")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), default=timezone.now)

    class Meta:
        ordering = ["-failed_at", "-id"]
        verbose_name = _("failed signing attempt")
        verbose_name_plural = _("failed signing attempts")
        indexes = [models.Index(fields=["user", "failed_at"], name="signing_failures_by_user")]

    def __str__(self):
        return f"{self.user_id} {self.failed_at:%Y-%m-%d %H:%M}"
