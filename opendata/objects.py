"""OParl 1.1 objects, built from published snapshots (``opendata.selectors``) as plain dicts.

Every ``id`` is the object's absolute address in this API (``PORTAL_URL`` and the path), so a
client follows ids as links. What an exempt case may show is what the public meeting page
shows: its number, "Unntatt offentlighet" and the legal basis; the snapshot holds no more.
Case notes are left out, as in the eInnsyn export: the minutes PDF carries them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from meetings.models import Case, PublishedMinutes
from meetings.richtext import plain_text
from opendata.selectors import PublicPerson, changed_at, names_in, person_key
from projects.models import Project, ProjectGroup, ProjectParticipation

OPARL = "https://schema.oparl.org/1.1/"


def oparl_type(name: str) -> str:
    return f"{OPARL}{name}"


def url(name: str, *args) -> str:
    """An API address (``opendata.api`` names its operations)."""
    return f"{settings.PORTAL_URL}{reverse(f'oparl:{name}', args=args)}"


def page_url(name: str, *args) -> str:
    """A public HTML page of the portal: the object's ``web``."""
    return f"{settings.PORTAL_URL}{reverse(name, args=args)}"


def stamp(value: datetime.datetime | str | None) -> str | None:
    if isinstance(value, str):
        value = parse_datetime(value)
    # Norwegian time with its offset, as the eInnsyn export writes it.
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


# --- System and Body -------------------------------------------------------------------


def system() -> dict:
    return {
        "id": url("system"),
        "type": oparl_type("System"),
        "oparlVersion": OPARL,
        "otherOparlVersions": [],
        "body": url("body_list"),
        "name": "Samarbeid",
        "website": settings.PORTAL_URL + "/",
        "product": "https://schema.oparl.org/",
        "web": page_url("meetings:public_front"),
    }


def body(project: Project) -> dict:
    slug = project.slug
    return {
        "id": url("body", slug),
        "type": oparl_type("Body"),
        "system": url("system"),
        "name": project.name,
        "shortName": project.short_name or None,
        "classification": _("Inter-municipal collaboration"),
        "organization": url("organization_list", slug),
        "person": url("person_list", slug),
        "meeting": url("meeting_list", slug),
        "paper": url("paper_list", slug),
        "legislativeTerm": [],
        "web": page_url("meetings:public_project", slug),
        "modified": stamp(changed_at(project)),
    }


# --- Organizations ---------------------------------------------------------------------


def group_organization(group: ProjectGroup, project: Project) -> dict:
    return {
        "id": url("group", project.slug, group.pk),
        "type": oparl_type("Organization"),
        "body": url("body", project.slug),
        "name": group.name,
        "organizationType": _("Committee"),
        "classification": group.get_kind_display(),
        "modified": stamp(group.updated_at),
    }


def participant_organization(participation: ProjectParticipation, project: Project) -> dict:
    organisation = participation.organisation
    return {
        "id": url("member", project.slug, organisation.pk),
        "type": oparl_type("Organization"),
        "body": url("body", project.slug),
        "name": organisation.name,
        "organizationType": organisation.get_kind_display(),
        "classification": participation.get_role_display(),
    }


# --- People ----------------------------------------------------------------------------


def person(found: PublicPerson, project: Project) -> dict:
    return {
        "id": url("person", project.slug, found.key),
        "type": oparl_type("Person"),
        "body": url("body", project.slug),
        "name": found.name,
        "modified": stamp(found.last_named_at),
    }


# --- Meetings, agenda items, files -----------------------------------------------------


def meeting(version: PublishedMinutes, open_files: set[tuple[int, int]]) -> dict:
    data = version.snapshot
    facts = data["meeting"]
    meeting_id = version.meeting_id
    slug = version.project_slug
    attended = [
        p for p in data["participants"] if p["attendance"] != "absent" or p.get("secretary")
    ]
    participants = dict.fromkeys(names_in(facts, attended))  # in order, each once
    return {
        "id": url("meeting", meeting_id),
        "type": oparl_type("Meeting"),
        "name": facts["title"],
        "meetingState": _("Approved") if version.approved else _("Not approved"),
        "cancelled": facts["status"] == "cancelled",
        "start": stamp(facts["starts_at"]),
        "end": stamp(facts["ends_at"]),
        "location": location(version),
        "organization": [url("group", slug, version.group_id)],
        "participant": [url("person", slug, person_key(name)) for name in participants],
        "resultsProtocol": minutes_file(version),
        "auxiliaryFile": [
            attachment_file(version, a, None)
            for a in data["attachments"]
            if (meeting_id, a["id"]) in open_files
        ],
        "agendaItem": [
            agenda_item(version, case, position, open_files)
            for position, case in enumerate(data["cases"], start=1)
        ],
        "web": page_url("meetings:public_meeting", meeting_id),
        "created": stamp(version.first_published_at),
        "modified": stamp(version.published_at),
    }


def location(version: PublishedMinutes) -> dict | None:
    facts = version.snapshot["meeting"]
    if not (facts["room"] or facts["address"] or facts["video_link"]):
        return None
    place = ", ".join(filter(None, [facts["room"], facts["address"]]))
    if facts["video_link"]:
        place = " · ".join(filter(None, [place, _("Video meeting")]))
    return {
        "id": url("location", version.meeting_id),
        "type": oparl_type("Location"),
        "description": place,
        "room": facts["room"] or None,
        "streetAddress": facts["address"] or None,
        "meeting": [url("meeting", version.meeting_id)],
        "modified": stamp(version.published_at),
    }


def case_number(case: dict, version: PublishedMinutes) -> str:
    """“Sak 3/18”, as the minutes number it (``Case.label``)."""
    year = case["year"] or version.starts_at.year
    return Case(number=case["number"], year=year).label


def agenda_item(
    version: PublishedMinutes, case: dict, position: int, open_files: set[tuple[int, int]]
) -> dict:
    meeting_id = version.meeting_id
    item = {
        "id": url("agenda_item", meeting_id, case["id"]),
        "type": oparl_type("AgendaItem"),
        "meeting": url("meeting", meeting_id),
        "number": case_number(case, version),
        "order": position,
        "public": not case["exempt"],
        "web": f"{page_url('meetings:public_meeting', meeting_id)}#sak-{case['id']}",
        "modified": stamp(version.published_at),
    }
    if case["exempt"]:
        # The snapshot holds nothing else of an exempt case.
        return {
            **item,
            "name": _("Exempt from public access"),
            "legalBasis": case["legal_basis"],
        }
    return {
        **item,
        "name": case["title"],
        "result": _votes(case),
        "resolutionText": plain_text(case["decision"]) or None,
        "auxiliaryFile": [
            attachment_file(version, a, case["id"])
            for a in case["attachments"]
            if (meeting_id, a["id"]) in open_files
        ],
    }


def _votes(case: dict) -> str | None:
    if case["votes_for"] is None and case["votes_against"] is None:
        return None
    return _("For: %(for)s, against: %(against)s, blank: %(blank)s") % {
        "for": case["votes_for"] or 0,
        "against": case["votes_against"] or 0,
        "blank": case["votes_blank"] or 0,
    }


def minutes_file(version: PublishedMinutes) -> dict:
    meeting_id = version.meeting_id
    pdf = page_url("meetings:public_minutes_pdf", meeting_id)
    return {
        "id": url("minutes_file", meeting_id),
        "type": oparl_type("File"),
        "name": _("Minutes"),
        "fileName": f"referat-{meeting_id}.pdf",
        "mimeType": "application/pdf",
        "accessUrl": pdf,
        "downloadUrl": pdf,
        "meeting": [url("meeting", meeting_id)],
        "modified": stamp(version.published_at),
    }


def attachment_file(version: PublishedMinutes, attachment: dict, case_id: int | None) -> dict:
    meeting_id = version.meeting_id
    download = page_url("meetings:public_attachment_download", meeting_id, attachment["id"])
    return {
        "id": url("file", meeting_id, attachment["id"]),
        "type": oparl_type("File"),
        "name": attachment["title"],
        "fileName": attachment["original_name"],
        "mimeType": attachment["content_type"],
        "size": attachment["size"],
        "sha256Checksum": attachment["sha256"],
        "accessUrl": download,
        "downloadUrl": download,
        "meeting": [url("meeting", meeting_id)],
        "agendaItem": [url("agenda_item", meeting_id, case_id)] if case_id else [],
        "modified": stamp(version.published_at),
    }


def find_attachment(version: PublishedMinutes, attachment_id: int) -> tuple[dict, int | None]:
    """The listed attachment and its case's id (None for the meeting's own); KeyError if none."""
    for a in version.snapshot["attachments"]:
        if a["id"] == attachment_id:
            return a, None
    for case in version.snapshot["cases"]:
        for a in case.get("attachments", ()):
            if a["id"] == attachment_id:
                return a, case["id"]
    raise KeyError(attachment_id)
