"""Writing the search index: one entry per project, group, meeting, case, action item and
agreement, rewritten by the services in the transaction that saves the object, and the
public search's entries of each published version (``search.public_index``). An
attachment's entry is written by the worker from the file's text (``search.attachment_index``)
and forgotten here when the attachment is removed.

``index_object`` is the one call a service makes (from its ``_save`` helper): it ignores
the models search does not cover, so the helpers call it for every instance they save.
This module loads no app's models when imported, so projects (below meetings and
agreements, tests/infra/test_layers.py) may import it; the builders load on first use.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from search.models import SearchEntry

TITLE_LENGTH = SearchEntry._meta.get_field("title").max_length


def write(entry) -> SearchEntry:
    fields = {
        "project_id": entry.project_id,
        "group_id": entry.group_id,
        "year": entry.year,
        "case_number": entry.case_number,
        "dated": entry.dated,
        "title": entry.title[:TITLE_LENGTH],
        "body": entry.body,
        "url": entry.url,
    }
    row, _ = SearchEntry.objects.update_or_create(
        kind=entry.kind, object_id=entry.object_id, defaults=fields
    )
    if connection.vendor == "postgresql":
        # The index table has no history, so update() is fine; the title weighs more.
        SearchEntry.objects.filter(pk=row.pk).update(
            search_vector=SearchVector("title", weight="A", config="norwegian")
            + SearchVector("body", weight="B", config="norwegian")
        )
    return row


def index_object(instance) -> None:
    """(Re)write the entry of ``instance`` if search covers its model; otherwise nothing."""
    from search import builders

    if instance._meta.label == "meetings.PublishedMinutes":
        # Published, superseded or taken down: the public search's entries follow.
        from search import public_index

        public_index.index_version(instance)
        return
    owner = builders.OWNERS.get(instance._meta.label)
    if owner is not None:
        instance = owner(instance)
    build = builders.BUILDERS.get(instance._meta.label)
    if build is not None and instance.pk is not None:
        write(build(instance))
    if instance._meta.label == "meetings.Meeting" and instance.pk is not None:
        # Its files' entries carry its date and year (the "newest" order, the year filter).
        from search import attachment_index

        attachment_index.follow_meeting(instance)
    if instance._meta.label == "projects.ProjectGroup" and instance.pk is not None:
        # The public page names the group from the live row; its public entries follow.
        from search import public_index

        public_index.index_group(instance)


def forget(instance, *, object_id: int | None = None) -> None:
    """Remove the entry of an object about to be deleted (or just deleted: give its id)."""
    from search import builders

    kind = builders.KINDS.get(instance._meta.label)
    if kind is not None:
        object_id = instance.pk if object_id is None else object_id
        SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Every entry written anew and entries of objects that are gone removed; idempotent.

    Attachments are not read again (``search.attachment_index.rebuild``): their entries are
    kept in step with the live rows, and one missing is queued for the worker to read.
    """
    from search import attachment_index, builders, public_index

    counts = {}
    for kind, source in builders.SOURCES.items():
        build = builders.BUILDER_BY_KIND[kind]
        ids = []
        for instance in source().iterator(chunk_size=500):
            write(build(instance))
            ids.append(instance.pk)
        SearchEntry.objects.filter(kind=kind).exclude(object_id__in=ids).delete()
        counts[kind] = len(ids)
    counts["attachment"] = attachment_index.rebuild()
    counts["public_versions"] = public_index.rebuild()
    return counts
