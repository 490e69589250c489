"""The published version of minutes: frozen when published, the only thing the public reads.

Reopened minutes change under the secretary's hands; what the public sees must stay what was
published until the minutes are published again or taken down. ``snapshot_of`` takes what the
public rendering needs (exempt cases by number and legal basis only, no confidential
attachments), ``public_context`` turns it back into objects the page and PDF templates read,
without a query against the live cases.

``snapshot_of`` reads only fields and relations, never model methods or custom managers, so
the data migration that freezes the minutes published before this existed can use it with
its historical models. The group's label for decisions is given by the caller
(``selectors.decision_label`` reads the group's history); versions frozen before groups chose
one read the default label.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dateparse import parse_date, parse_datetime

from meetings import decision_links
from meetings.models import ActionItem, Attachment, Case, Meeting, PublishedMinutes
from meetings.models.actions import responsible_names_of
from projects.models import Person, ProjectGroup

ATTENDANCES = ("present", "absent", "substitute", "officer", "guest")


# --- Freezing -----------------------------------------------------------------


def snapshot_of(meeting, *, decision_label: str = ProjectGroup.DecisionLabel.DECISION) -> dict:
    """The public rendering's data as it is now, in the form it is stored (JSON types)."""
    cases = meeting.cases.order_by("position", "number")
    data = {
        # The minutes' word for a decision is part of their text: a later choice of the
        # group reaches the public with the next publication, not before.
        "decision_label": decision_label,
        "meeting": {
            "title": meeting.title,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "date_only": meeting.date_only,
            "room": meeting.room,
            "address": meeting.address,
            "video_link": meeting.video_link,
            "status": meeting.status,
            "minutes_status": meeting.minutes_status,
            "secretary": meeting.secretary.name if meeting.secretary_id else None,
            "chair": meeting.chair.name if meeting.chair_id else None,
        },
        "participants": [
            _participant(p, secretary_id=meeting.secretary_id) for p in _participants(meeting)
        ],
        "cases": [_case(case) for case in cases],
        "attachments": [
            _attachment(a) for a in _public_attachments(meeting.attachments.filter(case=None))
        ],
        "next_meeting": _next_meeting(meeting),
    }
    # Stored as JSON: compare and keep the JSON form, so "nothing changed" is an equality.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _participants(meeting):
    return meeting.participants.select_related("person", "organisation", "substitute_for").order_by(
        "person__name", "id"
    )


def _participant(p, *, secretary_id) -> dict:
    return {
        "name": p.person.name,
        # Named as the secretary, not listed as present (as meetings.selectors does).
        "secretary": p.person_id == secretary_id and p.attendance == "present",
        "attendance": p.attendance,
        "role": p.role,
        "organisation": p.organisation.name if p.organisation_id else None,
        "substitute_for": p.substitute_for.name if p.substitute_for_id else None,
        "note": p.note,
    }


def _public_attachments(queryset):
    return queryset.filter(confidential=False).order_by("uploaded_at", "id")


def _attachment(a) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "original_name": a.original_name,
        "content_type": a.content_type,
        "size": a.size,
        "sha256": a.sha256,
    }


def _meeting_ref(meeting) -> dict | None:
    if meeting is None:
        return None
    return {
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "minutes_status": meeting.minutes_status,
    }


def _case(case) -> dict:
    head = {"id": case.pk, "number": case.number, "year": case.year}
    if case.exempt_from_public:
        # Not a word of the case itself: its number and why it is exempt.
        return {**head, "exempt": True, "legal_basis": case.legal_basis}
    return {
        **head,
        "exempt": False,
        "title": case.title,
        "kind": case.kind,
        "presenter": case.presenter,
        "postponed_from": _meeting_ref(case.postponed_from),
        "approves_minutes_of": _meeting_ref(case.approves_minutes_of),
        "attendance_note": case.attendance_note,
        "notes": case.notes,
        "recusals": case.recusals,
        "decision": case.decision,
        "votes_for": case.votes_for,
        "votes_against": case.votes_against,
        "votes_blank": case.votes_blank,
        "vote_details": case.vote_details,
        "action_items": [_action_item(item) for item in case.action_items.order_by("id")],
        "attachments": [_attachment(a) for a in _public_attachments(case.attachments.all())],
        # Only when there are any: versions frozen before links existed compare as unchanged.
        **_links(case),
    }


def _links(case) -> dict:
    links = decision_links.links_of(case)
    return {"decision_links": [link.as_snapshot() for link in links]} if links else {}


def _action_item(item) -> dict:
    return {
        "id": item.pk,
        "description": item.description,
        "responsible": [p.name for p in item.responsible_people.order_by("name", "id")],
        "responsible_note": item.responsible_note,
        "responsible_names": responsible_names_of(item),
        "deadline": item.deadline,
        "deadline_as_written": item.deadline_as_written,
        "status": item.status,
    }


def _next_meeting(meeting) -> dict | None:
    later = (
        type(meeting)
        .objects.filter(group_id=meeting.group_id, starts_at__gt=meeting.starts_at)
        .exclude(status="cancelled")
        .order_by("starts_at")
        .first()
    )
    if later is None:
        return None
    return {
        "starts_at": later.starts_at,
        "date_only": later.date_only,
        "room": later.room,
        "address": later.address,
    }


def repeats(version: PublishedMinutes, snapshot: dict) -> bool:
    """Whether ``snapshot`` is the text ``version`` already shows the public."""
    # Versions frozen before groups chose a label show the default one.
    stored = {"decision_label": ProjectGroup.DecisionLabel.DECISION, **version.snapshot}
    return stored == snapshot


# --- Reading ------------------------------------------------------------------


def current_version(meeting_id: int) -> PublishedMinutes | None:
    """The latest version of a meeting's published minutes, public or taken down; or None."""
    return (
        PublishedMinutes.objects.filter(meeting_id=meeting_id)
        .exclude(status=PublishedMinutes.Status.SUPERSEDED)
        .select_related("meeting__group__project")
        .order_by("-number")
        .first()
    )


def public_attachment_ids(version: PublishedMinutes) -> set[int]:
    data = version.snapshot
    ids = {a["id"] for a in data["attachments"]}
    for case in data["cases"]:
        ids.update(a["id"] for a in case.get("attachments", ()))
    return ids


def public_context(version: PublishedMinutes) -> dict:
    """What the public page and the public PDF render, rebuilt from the snapshot alone.

    Unsaved model instances, so the templates' labels and display names work as for the
    live minutes; their relations come from the snapshot through the prefetch cache.
    """
    data = version.snapshot
    live = version.meeting
    meeting = _meeting(data["meeting"], pk=live.pk)
    # The group is not part of the minutes: its name and project link come from the live row.
    meeting.group = live.group
    participants = {attendance: [] for attendance in ATTENDANCES}
    for p in data["participants"]:
        if not p.get("secretary"):
            participants[p["attendance"]].append(_participant_obj(p))
    nxt = data["next_meeting"]
    return {
        "meeting": meeting,
        "project": live.group.project,
        "cases": [_case_obj(case) for case in data["cases"]],
        "meeting_attachments": [_attachment_obj(a) for a in data["attachments"]],
        "participants": participants,
        "next_meeting": _meeting({**nxt, "title": ""}) if nxt else None,
        "published_version": version,
        # The approval in force when published: a later reopening is not the public's version.
        "approval": version.approval,
        "decision_heading": ProjectGroup.decision_heading(data.get("decision_label")),
        "show_exempt": False,
        "public": True,
    }


def _meeting(values: dict, pk: int | None = None) -> Meeting:
    fields = {k: v for k, v in values.items() if k not in ("secretary", "chair")}
    for name in ("starts_at", "ends_at"):
        if fields.get(name):
            fields[name] = parse_datetime(fields[name])
    meeting = Meeting(pk=pk, **fields)
    for role in ("secretary", "chair"):
        if values.get(role):
            setattr(meeting, role, Person(name=values[role]))
    return meeting


def _participant_obj(p: dict) -> SimpleNamespace:
    return SimpleNamespace(
        person=SimpleNamespace(name=p["name"]),
        role=p["role"],
        organisation=SimpleNamespace(name=p["organisation"]) if p["organisation"] else None,
        substitute_for=SimpleNamespace(name=p["substitute_for"]) if p["substitute_for"] else None,
        note=p["note"],
    )


def _case_obj(values: dict) -> Case:
    case = Case(pk=values["id"], number=values["number"], year=values["year"])
    if values["exempt"]:
        case.exempt_from_public = True
        case.legal_basis = values["legal_basis"]
        case._prefetched_objects_cache = {"action_items": [], "attachments": []}
        case.decision_links = []
        return case
    for name in (
        "title",
        "kind",
        "presenter",
        "attendance_note",
        "notes",
        "recusals",
        "decision",
        "votes_for",
        "votes_against",
        "votes_blank",
        "vote_details",
    ):
        setattr(case, name, values[name])
    for name in ("postponed_from", "approves_minutes_of"):
        if values[name]:
            setattr(case, name, _meeting(values[name]))
    case._prefetched_objects_cache = {
        "action_items": [_action_item_obj(item) for item in values["action_items"]],
        "attachments": [_attachment_obj(a) for a in values["attachments"]],
    }
    case.decision_links = decision_links.from_snapshot(values.get("decision_links", []))
    return case


def _action_item_obj(values: dict) -> ActionItem:
    item = ActionItem(
        pk=values["id"],
        description=values["description"],
        responsible_note=values["responsible_note"],
        deadline=parse_date(values["deadline"]) if values["deadline"] else None,
        deadline_as_written=values["deadline_as_written"],
        status=values["status"],
    )
    item._prefetched_objects_cache = {
        "responsible_people": [Person(name=name) for name in values["responsible"]]
    }
    # Versions published before bodies were frozen named people and the note only.
    item.responsible_names = values.get(
        "responsible_names", [*values["responsible"], *filter(None, [values["responsible_note"]])]
    )
    return item


def _attachment_obj(values: dict) -> Attachment:
    return Attachment(
        pk=values["id"],
        title=values["title"],
        original_name=values["original_name"],
        content_type=values["content_type"],
        size=values["size"],
        sha256=values["sha256"],
    )
