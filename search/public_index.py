"""The public search's entries: the text of each published version, read from its snapshot.

Only the version the public sees now has entries; superseding it or taking it down removes
them (``index_version`` runs from ``meetings.services._save`` through
``search.indexing.index_object``). The text is the snapshot's, never the live rows': a draft
edit after publishing stays out until the minutes are published again. An exempt case is in
the snapshot by number and legal basis only, and so it is here, as the public page shows it.
Confidential attachments are not in the snapshot, and the public search has no attachment.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime

from meetings.models import Case, PublishedMinutes
from meetings.richtext import plain_text
from search.models import SearchEntry

Kind = SearchEntry.Kind
TITLE_LENGTH = SearchEntry._meta.get_field("title").max_length


def _entries(version: PublishedMinutes) -> list[SearchEntry]:
    data = version.snapshot
    group = version.meeting.group
    starts_at = parse_datetime(data["meeting"]["starts_at"])
    url = reverse("meetings:public_meeting", kwargs={"meeting_id": version.meeting_id})
    common = {
        "published_version": version,
        "project_id": group.project_id,
        "group_id": group.pk,
        "year": timezone.localtime(starts_at).year,
        "dated": starts_at,
    }
    day = timezone.localtime(starts_at).date()
    entries = [
        SearchEntry(
            kind=Kind.PUBLIC_MEETING,
            object_id=version.meeting_id,
            title=data["meeting"]["title"][:TITLE_LENGTH],
            body="\n".join(
                [group.name, formats.date_format(day, "j. F Y"), formats.date_format(day, "j.n.Y")]
            ),
            url=url,
            **common,
        )
    ]
    for case in data["cases"]:
        # An unsaved case, for its label ("Sak 3/18") and the public title.
        shown = Case(number=case["number"], year=case["year"], exempt_from_public=case["exempt"])
        if case["exempt"]:
            title = str(shown.public_title)
            body = f"{title}, {case['legal_basis']}."
        else:
            title = case["title"]
            body = plain_text(case["decision"])
        entries.append(
            SearchEntry(
                kind=Kind.PUBLIC_CASE,
                object_id=case["id"],
                title=f"{shown.label} {title}"[:TITLE_LENGTH] if case["number"] else title,
                body=body,
                url=f"{url}#sak-{case['id']}",
                case_number=case["number"],
                **common,
            )
        )
    return entries


def index_version(version: PublishedMinutes) -> None:
    """Write the entries of ``version`` if the public sees it; otherwise remove them."""
    SearchEntry.objects.filter(published_version=version).delete()
    if version.status != PublishedMinutes.Status.PUBLIC:
        return
    # The public's language, whoever publishes: "Sak 3/18", "12. mars 2018".
    with translation.override(settings.LANGUAGE_CODE):
        SearchEntry.objects.bulk_create(_entries(version))
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(published_version=version).update(
            search_vector=SearchVector("title", weight="A", config="norwegian")
            + SearchVector("body", weight="B", config="norwegian")
        )


def index_group(group) -> None:
    """Rewrite the public entries of the group's meetings (a renamed group)."""
    versions = PublishedMinutes.objects.public().filter(meeting__group=group)
    for version in versions.select_related("meeting__group"):
        index_version(version)


def missing() -> bool:
    """Whether minutes are published but the public search has none of them (a first deploy)."""
    entries = SearchEntry.objects.filter(kind__in=[Kind.PUBLIC_MEETING, Kind.PUBLIC_CASE])
    return PublishedMinutes.objects.public().exists() and not entries.exists()


def rebuild() -> int:
    """Every public entry written anew from the versions the public sees now."""
    SearchEntry.objects.filter(kind__in=[Kind.PUBLIC_MEETING, Kind.PUBLIC_CASE]).delete()
    versions = PublishedMinutes.objects.public().select_related("meeting__group")
    count = 0
    for version in versions.iterator(chunk_size=100):
        index_version(version)
        count += 1
    return count
