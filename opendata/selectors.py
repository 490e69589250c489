"""What the open-data API reads: published versions only, each page in a fixed number of queries.

Every object's content comes from a version the public sees now
(``PublishedMinutes.objects.public()``) and from its snapshot, never from the live meeting or
cases, as on the public pages (meetings.published, meetings.einnsyn). The few live rows read
are the ones the public pages read too: the project and group names, the participating
organisations, and whether a listed attachment is still open (the public download checks it).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import DateTimeField, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from meetings.models import Attachment, PublishedMinutes
from projects.models import Project, ProjectGroup, ProjectParticipation


def public_versions() -> QuerySet[PublishedMinutes]:
    """The versions the public reads, with what an object needs besides the snapshot."""
    first = PublishedMinutes.objects.filter(meeting_id=OuterRef("meeting_id")).order_by(
        "published_at"
    )
    return (
        PublishedMinutes.objects.public()
        .only("id", "meeting_id", "number", "published_at", "snapshot")
        .annotate(
            group_id=F("meeting__group_id"),
            project_slug=F("meeting__group__project__slug"),
            # Stored by DjangoJSONEncoder as ISO 8601, which the database reads as a timestamp.
            public_starts_at=Cast(KT("snapshot__meeting__starts_at"), DateTimeField()),
            first_published_at=Subquery(first.values("published_at")[:1]),
        )
        .order_by("-public_starts_at", "-meeting_id")
    )


def public_projects() -> QuerySet[Project]:
    """Projects with published minutes (the Bodies), with the newest change to them."""
    return (
        Project.objects.filter(
            pk__in=PublishedMinutes.objects.public().values("meeting__group__project_id")
        )
        .annotate(
            last_published_at=Max("groups__meetings__published_versions__published_at"),
            last_taken_down_at=Max("groups__meetings__published_versions__taken_down_at"),
        )
        .order_by("name", "pk")
    )


def public_project(slug: str) -> Project | None:
    return public_projects().filter(slug=slug).first()


def changed_at(project: Project) -> datetime.datetime:
    """When the project's public content last changed: a publication or a taking down."""
    return max(filter(None, [project.last_published_at, project.last_taken_down_at]))


def all_changed_at() -> datetime.datetime | None:
    newest = PublishedMinutes.objects.aggregate(
        published=Max("published_at"), taken_down=Max("taken_down_at")
    )
    return max(filter(None, newest.values()), default=None)


def meetings_of(project: Project) -> QuerySet[PublishedMinutes]:
    return public_versions().filter(meeting__group__project=project)


def meeting_version(meeting_id: int) -> PublishedMinutes | None:
    return public_versions().filter(meeting_id=meeting_id).first()


def open_attachment_ids(versions: Iterable[PublishedMinutes]) -> set[tuple[int, int]]:
    """(meeting, attachment) pairs of the listed attachments the public may still download.

    One query for a whole page. A listed attachment made confidential since, or put under a
    case made exempt, is no longer offered, as ``public_attachment_download`` refuses it.
    """
    listed = {
        (version.meeting_id, attachment["id"])
        for version in versions
        for attachment in attachments_in(version.snapshot)
    }
    if not listed:
        return set()
    still_open = (
        Attachment.objects.filter(pk__in={pk for _meeting, pk in listed}, confidential=False)
        .exclude(case__exempt_from_public=True)
        .values_list("meeting_id", "pk")
    )
    return listed & set(still_open)


def attachments_in(snapshot: dict) -> list[dict]:
    found = list(snapshot["attachments"])
    for case in snapshot["cases"]:
        found.extend(case.get("attachments", ()))
    return found


# --- Organisations -----------------------------------------------------------------------


def public_groups(project: Project) -> QuerySet[ProjectGroup]:
    """The project's groups with published minutes: the public front door lists these."""
    public = PublishedMinutes.objects.public().filter(meeting__group__project=project)
    return ProjectGroup.objects.filter(
        project=project, pk__in=public.values("meeting__group_id")
    ).order_by("name", "pk")


def participations(project: Project) -> QuerySet[ProjectParticipation]:
    return (
        ProjectParticipation.objects.filter(project=project)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


# --- People --------------------------------------------------------------------------------


@dataclass
class PublicPerson:
    """Someone named in published minutes: by name, as the minutes name them, and only that."""

    name: str
    last_named_at: datetime.datetime

    @property
    def key(self) -> str:
        return person_key(self.name)


def person_key(name: str) -> str:
    # The minutes name people, nothing more: the same name is the same Person of the Body.
    return hashlib.sha256(name.encode()).hexdigest()[:16]


def names_in(snapshot_meeting: dict, participants: list[dict]) -> list[str]:
    names = [p["name"] for p in participants]
    names += [snapshot_meeting.get(role) for role in ("secretary", "chair")]
    return [name for name in names if name]


def people_of(project: Project) -> list[PublicPerson]:
    """Everyone named in the project's published minutes, by name; one query."""
    rows = (
        PublishedMinutes.objects.public()
        .filter(meeting__group__project=project)
        .values_list("published_at", "snapshot__meeting", "snapshot__participants")
    )
    people: dict[str, PublicPerson] = {}
    for published_at, meeting, participants in rows:
        for name in names_in(meeting, participants):
            person = people.setdefault(name, PublicPerson(name, published_at))
            person.last_named_at = max(person.last_named_at, published_at)
    return sorted(people.values(), key=lambda person: (person.name.casefold(), person.name))
