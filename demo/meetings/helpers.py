"""Builders for the demo meetings' data: plain dicts, nothing touches the database."""

import datetime

from django.utils.html import escape

D = datetime.date
DT = datetime.datetime  # naive: local time in Europe/Oslo, made aware by the loader


def html(*blocks) -> str:
    """Paragraphs (str), a bullet list (list of str) or a heading (("h3", text))."""
    parts = []
    for block in blocks:
        if isinstance(block, list):
            entries = "".join(f"<li>{escape(entry)}</li>" for entry in block)
            parts.append(f"<ul>{entries}</ul>")
        elif isinstance(block, tuple):
            tag, text = block
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
        else:
            parts.append(f"<p>{escape(block)}</p>")
    return "".join(parts)


def present(person, role=None, *, organisation=None, note="", attendance="present") -> dict:
    """A participant as the minutes list them. ``role=None`` keeps the seat's role."""
    return {
        "person": person,
        "attendance": attendance,
        "role": role,
        "organisation": organisation,
        "note": note,
    }


def absent(person, role=None, *, organisation=None) -> dict:
    return present(person, role, organisation=organisation, attendance="absent")


def guest(person, role=None, *, note="") -> dict:
    return present(person, role, note=note, attendance="guest")


def case(title, kind="decision", *, notes="", decision="", standing=None, **extra) -> dict:
    return {
        "title": title,
        "kind": kind,
        "notes": notes,
        "decision": decision,
        "standing": standing,
        "presenter": extra.get("presenter", ""),
        "attendance_note": extra.get("attendance_note", ""),
        "items": extra.get("items", []),
    }


def item(
    description,
    *,
    people=(),
    organisation=None,
    group=None,
    note="",
    deadline=None,
    deadline_as_written="",
    follow_ups=(),
) -> dict:
    """An action item. ``follow_ups`` are later notes: (meeting key, status, note)."""
    return {
        "description": description,
        "people": list(people),
        "organisation": organisation,
        "group": group,
        "note": note,
        "deadline": deadline,
        "deadline_as_written": deadline_as_written,
        "follow_ups": list(follow_ups),
    }


def minutes(approval, *, by, reason="", published=True) -> dict:
    """How the minutes ended up.

    ``approval``: "next_meeting" (the next meeting's approval case approved them),
    "comment_deadline" ("Etter dette anses referatet godkjent"), or "recorded" (approved,
    the minutes do not say how). ``by`` is the demo login that took the step.
    """
    return {"approval": approval, "by": by, "reason": reason, "published": published}
