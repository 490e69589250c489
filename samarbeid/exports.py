"""Spreadsheet downloads (CSV and XLSX) that write user text as text, never as a formula.

A note typed as ``=HYPERLINK("http://…";"klikk")`` must not become a live formula in the
reader's Excel (OWASP "CSV injection"). Every export goes through these helpers.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Control characters XML 1.0 cannot hold: openpyxl refuses them with an exception, so a
# note pasted with one would make the whole download fail.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    # The apostrophe tells a spreadsheet to read the rest as text; it is OWASP's advice.
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_response(header: Sequence[str], rows: Iterable[Sequence], filename: str):
    """A streamed CSV, every field quoted, with a byte-order mark for Excel."""
    # Semicolons, as Norwegian Excel expects; quoting every field keeps a value's own
    # separators and line breaks inside it.
    writer = csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_ALL)

    def lines() -> Iterable[str]:
        yield "\ufeff" + writer.writerow([csv_value(v) for v in header])
        for values in rows:
            yield writer.writerow([csv_value(v) for v in values])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, _XML_ILLEGAL.sub("", value))
        # openpyxl turns any string starting with "=" into a formula; this undoes that.
        cell.data_type = "s"
        return cell
    return WriteOnlyCell(sheet, value)


def xlsx_response(
    header: Sequence[str], rows: Iterable[Sequence], filename: str, *, sheet_title: str
) -> HttpResponse:
    """An XLSX written row by row (write-only mode): strings as text cells, dates as dates."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.append([_xlsx_cell(sheet, str(v)) for v in header])
    for values in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in values])
    response = HttpResponse(content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response
