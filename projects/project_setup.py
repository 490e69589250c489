"""Writes that set up and wind down projects from the portal, and edit their plan in place.

Creating a project or a pilot, closing, archiving and reopening it, and the project
page's funding lines and progress-matrix activities. Kept apart from ``services`` (which
these build on) so that neither passes the size where a module stops being read whole.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from projects import services
from projects.models import (
    FundingLine,
    Organisation,
    Phase,
    ProgressActivity,
    Project,
    ProjectParticipation,
)
from projects.models.projects import RESERVED_SLUGS
from samarbeid.conflicts import EditConflict, WorkflowError, ensure_unchanged

SLUG_MAX = Project._meta.get_field("slug").max_length
# slugify() drops letters it cannot decompose, so Norwegian ones are spelt out first, the
# way Norwegian addresses write them (the demo's VÅG is "vag").
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slug_base(name: str) -> str:
    return slugify(name.translate(NORWEGIAN_LETTERS))[: SLUG_MAX - 4].strip("-") or "prosjekt"


def unique_slug(name: str) -> str:
    """``name`` as an address, numbered (-2, -3 …) past the ones taken or reserved."""
    base = slug_base(name)
    taken = set(Project.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _refuse_duplicate_name(name: str, parent: Project | None) -> None:
    # Among the same parent's pilots (or among the top-level projects): two of the same
    # name in one list cannot be told apart. Pilots of different projects may share one.
    if Project.objects.filter(name__iexact=name.strip(), parent=parent).exists():
        raise ValidationError(
            {"name": _("A project named “%(name)s” already exists.") % {"name": name.strip()}}
        )


@transaction.atomic
def project_open(
    *,
    name: str,
    owner: Organisation,
    administrator: User,
    parent: Project | None = None,
    short_name: str = "",
    background: str = "",
    status: str = Project.Status.ACTIVE,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Project:
    """A new project (or pilot, under ``parent``), owned by ``owner`` and run by ``administrator``.

    Permissions are synced inside the transaction, so the administrator sees the project
    on the first request after the commit.
    """
    if parent is not None and parent.is_closed:
        raise WorkflowError(_("The project is closed and takes no new pilots."))
    _refuse_duplicate_name(name, parent)
    fields = {
        "name": name.strip(),
        "short_name": short_name,
        "background": background,
        "status": status,
        "start_date": start_date,
        "end_date": end_date,
        "parent": parent,
        "administrator": administrator,
    }
    for _attempt in range(3):
        try:
            # A savepoint: another project taking the same address at the same moment
            # fails only this attempt, and the next one numbers past it.
            with transaction.atomic():
                project = services.project_create(slug=unique_slug(name), **fields)
            break
        except IntegrityError:
            continue
    else:
        raise WorkflowError(_("The project could not be given an address; please try again."))
    services.project_participation_set(
        project=project, organisation=owner, role=ProjectParticipation.Role.OWNER
    )
    return project


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def project_close(
    *,
    project: Project,
    closed_on: datetime.date,
    outcome: str = Project.Status.COMPLETED,
) -> Project:
    """Close (avslutte) the project: it stays readable and editable, takes no new pilots."""
    project = _locked(project)
    if project.is_closed:
        raise WorkflowError(_("The project is already closed."))
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("The closing date cannot be in the future.")})
    if project.start_date and closed_on < project.start_date:
        raise ValidationError({"closed_on": _("The closing date is before the start date.")})
    if outcome not in (Project.Status.COMPLETED, Project.Status.CANCELLED):
        raise ValidationError({"outcome": _("Choose completed or cancelled.")})
    project.closed_on = closed_on
    project.status = outcome
    project.end_date = project.end_date or closed_on
    return services._save(project)


@transaction.atomic
def project_archive(*, project: Project) -> Project:
    """Leave a closed project out of the project list; it is found under Archived."""
    project = _locked(project)
    if project.is_archived:
        raise WorkflowError(_("The project is already archived."))
    if not project.is_closed:
        raise WorkflowError(_("Close the project before archiving it."))
    project.archived_on = timezone.localdate()
    return services._save(project)


@transaction.atomic
def project_reopen(*, project: Project) -> Project:
    """Undo closing and archiving: the project is active and in the list again."""
    project = _locked(project)
    if not project.is_closed and not project.is_archived:
        raise WorkflowError(_("The project is not closed."))
    project.closed_on = None
    project.archived_on = None
    project.status = Project.Status.ACTIVE
    return services._save(project)


# --- Funding lines --------------------------------------------------------


def _update(instance, changes: dict, seen_updated_at: datetime.datetime | None):
    ensure_unchanged(instance, seen_updated_at)
    services._assign(instance, changes)
    return services._save(instance)


@transaction.atomic
def funding_line_update(
    *, line: FundingLine, changes: dict, seen_updated_at: datetime.datetime | None
) -> FundingLine:
    return _update(line, changes, seen_updated_at)


@transaction.atomic
def funding_line_delete(
    *, line: FundingLine, seen_updated_at: datetime.datetime | None
) -> FundingLine:
    """Returns the deleted line (without its id), for the message."""
    # Deleting a line someone has just corrected would drop their correction unseen.
    _ensure_unchanged_before_delete(line, seen_updated_at)
    line.delete()
    return line


def _ensure_unchanged_before_delete(instance, seen_updated_at) -> None:
    try:
        ensure_unchanged(instance, seen_updated_at)
    except EditConflict:
        raise WorkflowError(
            _("Someone changed it while you were looking; nothing was deleted. Look again first.")
        ) from None


def funding_total(project: Project) -> Decimal:
    return sum((line.amount for line in project.funding_lines.all()), Decimal(0))


# --- Progress-matrix activities --------------------------------------------


@transaction.atomic
def progress_activity_add(
    *, project: Project, title: str, order: int | None = None, phase: Phase | None = None
) -> ProgressActivity:
    """A new row of the matrix; without an order it goes last."""
    if order is None:
        last = project.progress_activities.order_by("-order").values_list("order", flat=True)
        order = (last.first() or 0) + 1
    return services.progress_activity_create(project=project, title=title, order=order, phase=phase)


@transaction.atomic
def progress_activity_update(
    *, activity: ProgressActivity, changes: dict, seen_updated_at: datetime.datetime | None
) -> ProgressActivity:
    return _update(activity, changes, seen_updated_at)


@transaction.atomic
def progress_activity_delete(
    *, activity: ProgressActivity, entries_seen: int, seen_updated_at: datetime.datetime | None
) -> int:
    """Delete the row and its cells; refused if more cells were filled than the user was told.

    Returns how many municipalities' entries went with it.
    """
    _ensure_unchanged_before_delete(activity, seen_updated_at)
    entries = list(activity.entries.select_for_update())
    if len(entries) != entries_seen:
        raise WorkflowError(
            _(
                "Progress was recorded for this activity meanwhile; nothing was deleted. "
                "Read what would be lost and confirm again."
            )
        )
    # One by one, so each cell leaves its history row (the matrix's record of who set it).
    for entry in entries:
        entry.delete()
    activity.delete()
    return len(entries)
