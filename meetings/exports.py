"""A register's rows as CSV or XLSX: the same columns and rows as the page shows.

The files themselves are written by ``samarbeid.exports``, which keeps user text as text.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import ActionItem
from samarbeid import exports

FORMATS = ("csv", "xlsx")
CHUNK = 500


def header() -> list[str]:
    return [
        _("What"),
        _("Responsible"),
        _("Deadline"),
        _("Deadline, as written"),
        _("Status"),
        _("Project"),
        _("Group"),
        _("Case"),
        _("Meeting"),
        _("Last note"),
    ]


def responsible(item: ActionItem) -> str:
    return ", ".join(item.responsible_names)


def last_note(item: ActionItem) -> str:
    latest = getattr(item, "latest_updates", None) or [None]
    return latest[0].note if latest[0] is not None else ""


def row(item: ActionItem) -> list:
    case = item.case
    meeting = case.meeting
    return [
        item.description,
        responsible(item),
        item.deadline,
        item.deadline_as_written,
        item.get_status_display(),
        str(case.group.project),
        case.group.name,
        f"{case.label} {case.title}".strip(),
        str(meeting) if meeting is not None else "",
        last_note(item),
    ]


def _rows(items) -> Iterator[list]:
    # Chunks keep memory flat for a register of 100,000 rows; each chunk has its prefetches.
    yield from (row(item) for item in items.iterator(chunk_size=CHUNK))


def csv_response(items, filename: str) -> StreamingHttpResponse:
    return exports.csv_response(header(), _rows(items), filename)


def xlsx_response(items, filename: str) -> HttpResponse:
    return exports.xlsx_response(header(), _rows(items), filename, sheet_title=_("Action items"))


def filename(prefix: str) -> str:
    return f"{prefix}-{timezone.localdate():%Y-%m-%d}"
