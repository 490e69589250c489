"""A form sent after the session expired is kept over the login and sent again."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from meetings import services
from samarbeid.auth import MAX_CHARACTERS, WRITER_COOKIE
from tests.factories import PASSWORD


@pytest.fixture
def case(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )
    return services.case_add(meeting=meeting, title="HR Prosjekt")


def case_form(case, notes: str) -> dict:
    return {
        "title": "HR Prosjekt",
        "kind": "decision",
        "notes": notes,
        "seen_updated_at": case.updated_at.isoformat(),
    }


def log_in(client, username: str):
    # Through the form, as a browser: the login signal runs with the request.
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


def expire_session(client) -> None:
    """The idle limit passed: the browser still sends its cookies, the server has no session."""
    Session.objects.filter(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).delete()


@pytest.fixture
def expired_secretary(world, client, case):
    log_in(client, "referent")
    assert client.get(reverse("home")).status_code == 200
    expire_session(client)
    return client


def test_case_text_sent_after_the_session_expired_is_saved_after_logging_in(
    world, expired_secretary, case
):
    client = expired_secretary
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    response = client.post(url, case_form(case, "Tekst skrevet over lang tid"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    case.refresh_from_db()
    assert case.notes == ""

    log_in(client, "referent")
    response = client.get(url, follow=True)
    case.refresh_from_db()
    assert "Tekst skrevet over lang tid" in case.notes
    assert case.history.latest().history_user == world.users["secretary"]
    shown = [str(message) for message in response.context["messages"]]
    assert any("logget ut" in text or "logged out" in text for text in shown)


def test_a_kept_form_is_discarded_unseen_when_someone_else_logs_in(world, expired_secretary, case):
    client = expired_secretary
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    client.post(url, case_form(case, "Referentens hemmelige utkast"))
    assert client.session["kept_post"]["user_id"] == world.users["secretary"].pk

    # The project admin may edit the case too: it is the writer check that stops it.
    log_in(client, "prosjektleder")
    assert "kept_post" not in client.session
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Referentens hemmelige utkast" not in response.content.decode()
    case.refresh_from_db()
    assert case.notes == ""
    assert case.history.count() == 1


def test_a_post_from_a_visitor_who_never_logged_in_is_not_kept_and_it_says_so(world, client, case):
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    response = client.post(url, case_form(case, "x" * 1_000_000), follow=True)
    assert "kept_post" not in client.session
    assert "ikke tas vare på" in response.content.decode()


def test_a_form_over_the_size_cap_is_not_kept_and_the_writer_is_told(
    world, expired_secretary, case
):
    client = expired_secretary
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    response = client.post(url, case_form(case, "x" * (MAX_CHARACTERS + 1)), follow=True)
    assert "kept_post" not in client.session
    assert "ikke tas vare på" in response.content.decode()
    # Just under the cap is kept.
    client.post(url, case_form(case, "x" * (MAX_CHARACTERS - 1000)))
    assert client.session["kept_post"]["user_id"] == world.users["secretary"].pk


def test_after_logging_out_nothing_is_kept_for_the_user_who_left(world, client, case):
    log_in(client, "referent")
    client.get(reverse("home"))
    client.post(reverse("logout"))
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    client.post(url, case_form(case, "Skrevet av noen andre ved samme PC"))
    assert "kept_post" not in client.session


def test_a_forged_writer_cookie_keeps_nothing(world, client, case):
    client.cookies[WRITER_COOKIE] = f"{world.users['secretary'].pk}:abc"
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    client.post(url, case_form(case, "Plantet tekst"))
    assert "kept_post" not in client.session


def test_kept_form_goes_only_to_its_own_page(world, client):
    url = reverse("projects:edit", args=["vag"])
    client.post(url, {"name": "Endret navn", "status": "active"})
    assert client.login(username="leser", password=PASSWORD)
    # Another page does not take it, and the reader may not edit the project anyway.
    assert client.get(reverse("home")).status_code == 200
    assert client.get(url).status_code == 404
    world.project.refresh_from_db()
    assert world.project.name != "Endret navn"


def test_nothing_is_kept_from_a_cross_site_post(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("projects:edit", args=["vag"])
    assert client.post(url, {"name": "Fra en annen side"}).status_code == 403
    assert "kept_post" not in client.session
