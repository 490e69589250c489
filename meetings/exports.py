"""A register's rows as CSV or XLSX: the same columns and rows as the page shows."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from meetings.models import ActionItem

FORMATS = ("csv", "xlsx")
CHUNK = 500
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    names = [person.name for person in item.responsible_people.all()]
    for other in (item.responsible_organisation, item.responsible_group):
        if other is not None:
            names.append(str(other.name))
    if item.responsible_note:
        names.append(item.responsible_note)
    return ", ".join(names)


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
        getattr(item, "last_note", "") or "",
    ]


def _rows(items) -> Iterator[list]:
    # Chunks keep memory flat for a register of 100,000 rows; each chunk has its prefetches.
    yield from (row(item) for item in items.iterator(chunk_size=CHUNK))


class _Echo:
    def write(self, value):
        return value


def csv_response(items, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")

    def lines() -> Iterable[str]:
        # A byte-order mark, so Excel opens the Norwegian letters as UTF-8.
        yield "\ufeff" + writer.writerow(header())
        for values in _rows(items):
            yield writer.writerow(
                [v.strftime("%d.%m.%Y") if isinstance(v, datetime.date) else v for v in values]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(items, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Action items")[:31])
    sheet.append(header())
    for values in _rows(items):
        sheet.append(values)
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response


def filename(prefix: str) -> str:
    return f"{prefix}-{timezone.localdate():%Y-%m-%d}"
