"""What each kind of object puts into the index: its title, plain text, page and date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from meetings.models import ActionItem, Case, Meeting
from meetings.richtext import plain_text
from projects.models import Project, ProjectGroup
from search.models import SearchEntry

Kind = SearchEntry.Kind
TITLE_LENGTH = SearchEntry._meta.get_field("title").max_length


@dataclass(frozen=True)
class Entry:
    kind: str
    object_id: int
    project_id: int
    title: str
    url: str
    dated: object
    body: str = ""
    group_id: int | None = None
    year: int | None = None
    case_number: int | None = None


def _join(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _project(project: Project) -> Entry:
    return Entry(
        kind=Kind.PROJECT,
        object_id=project.pk,
        project_id=project.pk,
        title=project.name,
        body=_join(project.short_name, plain_text(project.background)),
        url=project.get_absolute_url(),
        dated=project.updated_at,
        year=project.start_date.year if project.start_date else None,
    )


def _group(group: ProjectGroup) -> Entry:
    return Entry(
        kind=Kind.GROUP,
        object_id=group.pk,
        project_id=group.project_id,
        group_id=group.pk,
        title=group.name,
        body=_join(str(group.get_kind_display()), group.project.name),
        url=group.get_absolute_url(),
        dated=group.updated_at,
    )


def _meeting(meeting: Meeting) -> Entry:
    return Entry(
        kind=Kind.MEETING,
        object_id=meeting.pk,
        project_id=meeting.group.project_id,
        group_id=meeting.group_id,
        title=meeting.title,
        body=_join(meeting.group.name, meeting.room, meeting.address),
        url=meeting.get_absolute_url(),
        dated=meeting.starts_at,
        year=meeting.year,
    )


def _case(case: Case) -> Entry:
    meeting = case.meeting
    if meeting is not None:
        url = f"{meeting.get_absolute_url()}#sak-{case.pk}"
    else:
        url = case.group.get_absolute_url()
    return Entry(
        kind=Kind.CASE,
        object_id=case.pk,
        project_id=case.group.project_id,
        group_id=case.group_id,
        title=f"{case.label} {case.title}" if case.number else case.title,
        body=_join(case.presenter, plain_text(case.notes), plain_text(case.decision)),
        url=url,
        dated=meeting.starts_at if meeting else case.updated_at,
        year=case.year or (meeting.year if meeting else None),
        case_number=case.number,
    )


def _action_item(item: ActionItem) -> Entry:
    case = item.case
    return Entry(
        kind=Kind.ACTION_ITEM,
        object_id=item.pk,
        project_id=case.group.project_id,
        group_id=case.group_id,
        title=item.description[:TITLE_LENGTH],
        body=_join(item.description, item.responsible_note, case.title),
        url=reverse("meetings:action_item_detail", kwargs={"item_id": item.pk}),
        dated=case.meeting.starts_at if case.meeting else item.updated_at,
        year=case.year or (case.meeting.year if case.meeting else None),
    )


def _agreement(agreement: Agreement) -> Entry:
    latest = agreement.versions.order_by("-number").first()
    sections = latest.sections if latest else []
    text = _join(*(_join(s.get("title", ""), s.get("text", "")) for s in sections))
    parties = agreement.parties.select_related("organisation").order_by("order")
    return Entry(
        kind=Kind.AGREEMENT,
        object_id=agreement.pk,
        project_id=agreement.project_id,
        title=agreement.title,
        body=_join(", ".join(party.organisation.name for party in parties), plain_text(text)),
        url=agreement.get_absolute_url(),
        dated=agreement.updated_at or timezone.now(),
        year=(agreement.valid_from or timezone.localdate()).year,
    )


# By model label; search.indexing finds them here.
BUILDERS: dict[str, Callable[[object], Entry]] = {
    "projects.Project": _project,
    "projects.ProjectGroup": _group,
    "meetings.Meeting": _meeting,
    "meetings.Case": _case,
    "meetings.ActionItem": _action_item,
    "agreements.Agreement": _agreement,
}
# Saving one of these changes the text of the object they belong to.
OWNERS: dict[str, Callable[[object], object]] = {
    "agreements.AgreementParty": lambda party: party.agreement,
    "agreements.AgreementVersion": lambda version: version.agreement,
}
KINDS = {
    "projects.Project": Kind.PROJECT,
    "projects.ProjectGroup": Kind.GROUP,
    "meetings.Meeting": Kind.MEETING,
    "meetings.Case": Kind.CASE,
    "meetings.ActionItem": Kind.ACTION_ITEM,
    "agreements.Agreement": Kind.AGREEMENT,
    # Written by the worker from the file's text (search.attachment_index), forgotten here.
    "meetings.Attachment": Kind.ATTACHMENT,
}
SOURCES = {
    Kind.PROJECT: lambda: Project.objects.all(),
    Kind.GROUP: lambda: ProjectGroup.objects.select_related("project"),
    Kind.MEETING: lambda: Meeting.objects.select_related("group"),
    Kind.CASE: lambda: Case.objects.select_related("group", "meeting"),
    Kind.ACTION_ITEM: lambda: ActionItem.objects.select_related("case__group", "case__meeting"),
    Kind.AGREEMENT: lambda: Agreement.objects.all(),
}
BUILDER_BY_KIND = {kind: BUILDERS[label] for label, kind in KINDS.items() if label in BUILDERS}
