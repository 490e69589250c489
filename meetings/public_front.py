"""What the public front door and the public feeds list: published versions only.

Every row is read from the version the public sees now (``PublishedMinutes.objects.public()``:
not superseded, not taken down), and its title and date from that version's snapshot, never
from the live meeting: a reopened meeting's new title or date stays internal until the
minutes are published again. The snapshot itself is not loaded (it holds the whole minutes);
the few keys a list needs are read in the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, DateTimeField, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from meetings.models import PublishedMinutes
from projects.models import Project, ProjectGroup

FEED_LIMIT = 50


@dataclass(frozen=True)
class PublicMeeting:
    """One published meeting as a list shows it."""

    meeting_id: int
    title: str
    starts_at: datetime.datetime
    approved: bool
    published_at: datetime.datetime
    group_name: str
    project: Project


@dataclass
class PublicProject:
    project: Project
    groups: list[ProjectGroup] = field(default_factory=list)

    @property
    def meeting_count(self) -> int:
        return sum(group.public_meetings for group in self.groups)


def _listed(versions: QuerySet[PublishedMinutes]) -> QuerySet[PublishedMinutes]:
    return (
        versions.select_related("meeting__group__project")
        .only(
            "meeting",
            "published_at",
            "meeting__group",
            "meeting__group__name",
            "meeting__group__project",
            "meeting__group__project__name",
            "meeting__group__project__slug",
        )
        .annotate(
            public_title=KT("snapshot__meeting__title"),
            # Stored by DjangoJSONEncoder as ISO 8601, which PostgreSQL reads as a timestamp.
            public_starts_at=Cast(KT("snapshot__meeting__starts_at"), DateTimeField()),
            public_minutes_status=KT("snapshot__meeting__minutes_status"),
        )
    )


def _row(version: PublishedMinutes) -> PublicMeeting:
    group = version.meeting.group
    return PublicMeeting(
        meeting_id=version.meeting_id,
        title=version.public_title,
        starts_at=version.public_starts_at,
        approved=version.public_minutes_status == "approved",
        published_at=version.published_at,
        group_name=group.name,
        project=group.project,
    )


def public_meetings() -> QuerySet[PublishedMinutes]:
    """Every meeting the public may read, the latest meeting first (by its published date).

    A queryset, for a Paginator; ``rows`` turns a page of it into ``PublicMeeting``s.
    """
    return _listed(PublishedMinutes.objects.public()).order_by("-public_starts_at", "-meeting_id")


def rows(versions) -> list[PublicMeeting]:
    return [_row(version) for version in versions]


def public_projects() -> list[PublicProject]:
    """The projects with published minutes, each with the groups whose minutes they are."""
    public = PublishedMinutes.objects.public()
    groups = (
        ProjectGroup.objects.filter(pk__in=public.values("meeting__group_id"))
        .select_related("project")
        .annotate(
            public_meetings=Count(
                "meetings__published_versions",
                filter=Q(meetings__published_versions__status=PublishedMinutes.Status.PUBLIC),
            )
        )
        .order_by("project__name", "project_id", "name", "pk")
    )
    projects: dict[int, PublicProject] = {}
    for group in groups:
        projects.setdefault(group.project_id, PublicProject(group.project)).groups.append(group)
    return list(projects.values())


def project_feed_entries(project: Project, *, limit: int = FEED_LIMIT) -> list[PublicMeeting]:
    """A project's latest publications, the most recently published first."""
    versions = PublishedMinutes.objects.public().filter(meeting__group__project=project)
    return rows(_listed(versions).order_by("-published_at", "-pk")[:limit])
