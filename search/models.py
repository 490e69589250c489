from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

PUBLIC_KINDS = ("public_meeting", "public_case")


class SearchEntry(models.Model):
    """One searchable object as plain text, written by the services that save the object.

    Who may see an entry is not stored here: the search filters on the live permission
    selectors (``search.visibility``), so a change of minutes status or membership needs no
    reindexing, and a deleted object disappears from the results at once.
    """

    class Kind(models.TextChoices):
        PROJECT = "project", _("Project")
        GROUP = "group", _("Group")
        MEETING = "meeting", _("Meeting")
        CASE = "case", _("Case")
        ACTION_ITEM = "action_item", _("Action item")
        AGREEMENT = "agreement", _("Agreement")
        # A meeting's or case's file: its title, file name and the text read from it.
        ATTACHMENT = "attachment", _("Attachment")
        # Published minutes as the public reads them (search.public_index): found only by
        # the public search, never by the signed-in one, which has the live rows.
        PUBLIC_MEETING = "public_meeting", _("Published meeting")
        PUBLIC_CASE = "public_case", _("Published case")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("object id"))
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="+", verbose_name=_("project")
    )
    group = models.ForeignKey(
        "projects.ProjectGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    case_number = models.PositiveIntegerField(
        _("case number"), null=True, blank=True, help_text=_("For cases: 3 in “Sak 3/18”.")
    )
    dated = models.DateTimeField(_("date"), help_text=_("What “newest first” sorts by."))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True, help_text=_("Plain text, HTML removed."))
    url = models.CharField(_("address"), max_length=300)
    published_version = models.ForeignKey(
        "meetings.PublishedMinutes",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published version"),
        help_text=_("For the public kinds: the version whose text this is."),
    )
    # Filled on PostgreSQL only (norwegian configuration); SQLite searches its FTS5 table.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                condition=models.Q(published_version__isnull=True),
                name="unique_search_entry",
            ),
            # A postponed case is in the versions of two meetings: one entry in each.
            models.UniqueConstraint(
                fields=["published_version", "kind", "object_id"],
                condition=models.Q(published_version__isnull=False),
                name="unique_public_search_entry",
            ),
        ]
        indexes = [models.Index(fields=["project", "kind"], name="searchentry_project_kind")]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
