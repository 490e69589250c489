"""Registers per project and group: filters, counts, permissions, and CSV/XLSX exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from meetings import services
from tests.meetings.action_fixtures import build_items, days


@pytest.fixture
def items(world):
    return build_items(world)


def project_url(world, export=None):
    if export:
        return reverse("meetings:project_register_export", args=[world.project.slug, export])
    return reverse("meetings:project_register", args=[world.project.slug])


def group_url(group, export=None):
    if export:
        return reverse("meetings:group_register_export", args=[group.pk, export])
    return reverse("meetings:group_register", args=[group.pk])


def listed(response):
    assert response.status_code == 200
    return [item.pk for item in response.context["page"].object_list]


VAG = ["organisation", "other_municipality", "group", "personal"]  # by deadline


def test_project_admin_sees_the_whole_project_with_counts(world, items, client_for):
    response = client_for(world.users["project_admin"]).get(project_url(world))
    assert listed(response) == [getattr(items, name).pk for name in VAG]
    counts = {status: n for status, _label, n in response.context["counts"]}
    assert counts == {"open": 4, "in_progress": 0, "done": 0, "cancelled": 0}
    text = response.content.decode()
    # The meeting and case each came from, linked.
    assert f"{items.meeting.get_absolute_url()}#sak-{items.personal.case_id}" in text


def test_reader_sees_only_items_of_approved_minutes_and_their_own(world, items, client_for):
    client = client_for(world.users["reader"])
    # Draft minutes: only the item Grue (the reader's organisation) answers for.
    assert listed(client.get(project_url(world))) == [items.organisation.pk]
    services.minutes_approve(meeting=items.meeting, by=None)
    assert listed(client.get(project_url(world))) == [getattr(items, n).pk for n in VAG]


def test_reader_does_not_see_items_of_an_exempt_case(world, items, client_for):
    case = services.case_add(
        meeting=items.meeting,
        title="Personalsak",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    secret = services.action_item_add(case=case, description="Hemmelig", deadline=days(5))
    services.minutes_approve(meeting=items.meeting, by=None)
    assert secret.pk not in listed(client_for(world.users["reader"]).get(project_url(world)))
    assert secret.pk in listed(client_for(world.users["member"]).get(project_url(world)))


def test_group_register_lists_the_group_only(world, items, client_for):
    client = client_for(world.users["member"])
    assert listed(client.get(group_url(world.steering_group))) == [
        getattr(items, n).pk for n in VAG
    ]
    assert listed(client.get(group_url(world.working_group))) == []


def test_outsider_gets_404(world, items, client_for):
    client = client_for(world.users["outsider"])
    assert client.get(project_url(world)).status_code == 404
    assert client.get(group_url(world.steering_group)).status_code == 404
    assert client.get(project_url(world, "xlsx")).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "open"}, VAG),
        ({"status": "done"}, []),
        ({"overdue": "on"}, ["organisation"]),
        ({"municipality": "asnes"}, ["other_municipality"]),
        ({"person": "member"}, ["personal"]),
        ({"deadline_from": "+0", "deadline_to": "+5"}, ["other_municipality", "group"]),
        ({"meeting": "meeting"}, VAG),
        ({"group": "working_group"}, []),
    ],
)
def test_register_filters(world, items, client_for, query, expected):
    values = {}
    for key, value in query.items():
        if key == "municipality":
            value = getattr(world, value).pk
        elif key == "person":
            value = world.users[value].person.pk
        elif key == "meeting":
            value = items.meeting.pk
        elif key == "group":
            value = getattr(world, value).pk
        elif value.startswith("+"):
            value = days(int(value)).isoformat()
        values[key] = value
    response = client_for(world.users["project_admin"]).get(project_url(world), values)
    assert listed(response) == [getattr(items, name).pk for name in expected]


def test_a_bad_filter_value_is_explained_not_a_500(world, items, client_for):
    response = client_for(world.users["project_admin"]).get(
        project_url(world), {"deadline_from": "i går", "status": "glemt"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_rows_can_be_updated_only_where_allowed(world, items, client_for):
    response = client_for(world.users["reader"]).get(project_url(world))
    assert response.context["updatable"] == {items.organisation.pk}
    response = client_for(world.users["secretary"]).get(project_url(world))
    assert len(response.context["updatable"]) == 4


def _page_rows(response):
    return [item.description for item in response.context["page"].object_list]


def test_csv_holds_the_rows_of_the_page(world, items, client_for):
    client = client_for(world.users["project_admin"])
    query = {"status": "open"}
    page = client.get(project_url(world), query)
    response = client.get(project_url(world, "csv"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows[1:]] == _page_rows(page)
    assert rows[1][2] == items.organisation.deadline.strftime("%d.%m.%Y")


def test_xlsx_opens_with_openpyxl_and_holds_the_rows_of_the_page(world, items, client_for):
    services.action_item_follow_up(item=items.group, status="in_progress", note="Godt i gang")
    client = client_for(world.users["member"])
    page = client.get(group_url(world.steering_group))
    response = client.get(group_url(world.steering_group, "xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == _page_rows(page)
    by_text = {row[0]: row for row in rows[1:]}
    group_row = by_text["Styringsgruppen forankrer budsjettet"]
    assert group_row[4] in ("Pågår", "In progress")
    assert group_row[9] == "Godt i gang"
    assert group_row[2].date() == items.group.deadline


def test_export_follows_the_readers_permissions(world, items, client_for):
    response = client_for(world.users["reader"]).get(project_url(world, "csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Grue kommune melder inn behov" in text
    assert "Merete sjekker dette" not in text


def test_an_unknown_export_format_is_404(world, items, client_for):
    response = client_for(world.users["project_admin"]).get(project_url(world, "pdf"))
    assert response.status_code == 404
