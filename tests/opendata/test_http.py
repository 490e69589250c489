"""The open-data API as HTTP: conditional GET, errors as JSON, the OpenAPI description, headers,
query counts that do not grow with the rows, and the links to it from the public pages."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from meetings import attachments, services
from tests.agreements.helpers import SMALL_PDF
from tests.factories import PersonFactory, ProjectGroupFactory
from tests.opendata.helpers import (
    BASE,
    SYSTEM,
    on,
    path_of,
    step,
)
from tests.query_counts import Page, assert_constant, row

LISTS = ("body", "body/vag/meeting", "body/vag/person", "body/vag/organization", "body/vag/paper")


@pytest.mark.parametrize("address", ["system", *LISTS, "meeting/{pk}", "meeting/{pk}/minutes"])
def test_every_answer_has_an_etag_and_last_modified_and_revalidates(client_for, published, address):
    client = client_for(None)
    url = path_of(BASE + address.format(pk=published.pk))
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"oparl-')
    assert first["Cache-Control"] == "no-cache"
    version = published.published_versions.get(status="public")
    assert first["Last-Modified"] == _http_date(version.published_at)
    same = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (same.status_code, same.content) == (304, b"")
    assert same["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"oparl-other"').status_code == 200
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    older = _http_date(version.published_at - timezone.timedelta(minutes=1))
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def _http_date(moment):
    from django.utils.http import http_date

    return http_date(moment.timestamp())


def test_a_new_publication_changes_the_etag(world, client_for, published):
    url = path_of(f"{BASE}meeting/{published.pk}")
    first = client_for(None).get(url)
    secretary = client_for(world.users["secretary"])
    step(secretary, published, "godkjenn")
    step(secretary, published, "publiser")
    again = client_for(None).get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("body?page=abc", 422),
        ("body?page=-1", 422),
        ("body?page=0", 422),
        ("body?page=99", 404),
        ("body/vag/meeting?page=2", 404),
        ("body/ukjent", 404),
        ("body/bodo", 404),  # a project with nothing published is not public
        ("body/vag/person/ffff", 404),
        ("body/vag/group/abc", 422),
        ("meeting/987654", 404),
        ("meeting/99999999999999999999", 422),
        ("meeting/abc", 422),
        ("meeting/{pk}/agenda-item/987654", 404),
        ("meeting/{pk}/file/987654", 404),
        ("meeting/{draft}", 404),
        ("meeting/{draft}/minutes", 404),
        ("finnes-ikke", 404),
    ],
)
def test_bad_input_is_a_json_error_in_norwegian(world, client_for, published, address, status):
    draft = world.steering_group.meetings.exclude(pk=published.pk).get()
    url = path_of(BASE + address.format(pk=published.pk, draft=draft.pk))
    response = client_for(None).get(url)
    assert response.status_code == status
    if address != "finnes-ikke":  # outside the API's patterns: the portal's own 404 page
        assert response["Content-Type"] == "application/json; charset=utf-8"
        detail = response.json()["detail"]
        assert isinstance(detail, str) and detail
        assert any(word in detail for word in ("Ugyldig", "Finnes ikke", "Siden", "side"))


def test_a_confidential_file_of_published_minutes_is_not_found(client_for, published):
    attachment = published.attachments.get(confidential=True)
    url = path_of(f"{BASE}meeting/{published.pk}/file/{attachment.pk}")
    assert client_for(None).get(url).status_code == 404


def test_the_root_leads_to_the_system_and_the_openapi_description_is_served(db, client_for):
    client = client_for(None)
    root = client.get("/api/oparl/v1/")
    assert (root.status_code, root["Location"]) == (302, "/api/oparl/v1/system")
    description = client.get("/api/oparl/v1/openapi.json")
    assert description.status_code == 200
    paths = description.json()["paths"]
    assert "/api/oparl/v1/system" in paths
    assert "/api/oparl/v1/meeting/{meeting_id}" in paths
    # The docs page would load Swagger UI from a CDN, which the CSP forbids: it is off.
    assert client.get("/api/oparl/v1/docs").status_code == 404


def test_the_security_headers_stay(client_for, published):
    response = client_for(None).get(path_of(SYSTEM))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in response


def test_the_public_pages_link_the_api(world, client_for, published):
    client = client_for(None)
    front = client.get(reverse("meetings:public_front")).content.decode()
    assert "Åpne data (OParl)" in front and 'href="/api/oparl/v1/system"' in front
    project = client.get(reverse("meetings:public_project", args=["vag"])).content.decode()
    assert 'href="/api/oparl/v1/body/vag"' in project


# --- Query counts ---------------------------------------------------------------------------


def grow(world, start, count):
    """A group per row, each with a published meeting, a participant, a case and a file."""
    for i in range(start, start + count):
        group = ProjectGroupFactory(project=world.project, name=f"Gruppe {row(i)}")
        meeting = services.meeting_plan(
            group=group,
            title=f"Møte {row(i)}",
            starts_at=on(2018, 1, 1) + timezone.timedelta(days=i),
            standing_cases=False,
        )
        services.participant_set(
            meeting=meeting, person=PersonFactory(name=row(i)), attendance="present"
        )
        case = services.case_add(meeting=meeting, title=f"Sak om {row(i)}")
        attachments.attachment_add(
            meeting=meeting,
            case=case,
            upload=ContentFile(SMALL_PDF, name="vedlegg.pdf"),
            title=f"Vedlegg {row(i)}",
            confidential=False,
            by=world.users["portal_admin"],
        )
        services.minutes_publish(meeting=meeting, by=world.users["portal_admin"])


def test_list_pages_cost_the_same_for_2_and_50_rows(world, client_for):
    def newest(n):
        return [f"Møte {row(n - 1)}", f"Vedlegg {row(n - 1)}"]

    def everyone(n):
        return [row(0), row(n - 1)]

    anonymous = lambda: client_for(None)  # noqa: E731
    pages = [
        Page(anonymous, "/api/oparl/v1/body/vag/meeting", newest),
        Page(anonymous, "/api/oparl/v1/body/vag/person", everyone),
        Page(anonymous, "/api/oparl/v1/body/vag/organization", everyone),
        Page(anonymous, "/api/oparl/v1/body", lambda n: [world.project.name]),
    ]
    counts = assert_constant(pages, lambda start, count: grow(world, start, count))
    # Meetings: the Body, the count, the page's versions, the page's open files.
    assert counts[0] == 4
