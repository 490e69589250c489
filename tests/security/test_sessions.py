"""Sessions end after 30 minutes idle and 12 hours after login; nothing typed is lost."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from meetings import services
from samarbeid.sessions import RENEWED_KEY, SESSION_KEY
from tests.factories import PASSWORD


@pytest.fixture
def logged_in(world, client):
    # A real login through the form, so the login signal starts the clock.
    response = client.post(reverse("login"), {"username": "referent", "password": PASSWORD})
    assert response.status_code == 302
    return client


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def age_session(client, **changes) -> None:
    session = client.session
    for key, value in changes.items():
        session[key] = value
    session.save()


@pytest.fixture
def case(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    return services.case_add(meeting=meeting, title="HR Prosjekt")


def test_a_request_renews_the_idle_limit_of_thirty_minutes(logged_in):
    # As if the last renewal was 20 minutes ago.
    age_session(logged_in, **{RENEWED_KEY: time.time() - 20 * 60})
    Session.objects.filter(session_key=logged_in.session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=10)
    )
    response = logged_in.get(reverse("home"))
    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
    after = session_row(logged_in).expire_date
    assert abs((after - timezone.now()) - datetime.timedelta(minutes=30)).total_seconds() < 60


def test_requests_within_a_minute_do_not_rewrite_the_session(logged_in):
    logged_in.get(reverse("home"))
    response = logged_in.get(reverse("home"))
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_an_idle_session_ends(logged_in):
    # A page behind the login: logged out, the home page is the public front door.
    Session.objects.filter(session_key=logged_in.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = logged_in.get(reverse("projects:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_starts_the_twelve_hour_clock(logged_in):
    assert time.time() - logged_in.session[SESSION_KEY] < 60


def test_a_busy_session_still_ends_twelve_hours_after_login(logged_in):
    age_session(logged_in, **{SESSION_KEY: time.time() - 12 * 60 * 60 + 60})
    assert logged_in.get(reverse("projects:list")).status_code == 200
    age_session(logged_in, **{SESSION_KEY: time.time() - 12 * 60 * 60 - 1})
    response = logged_in.get(reverse("projects:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert logged_in.get(reverse("projects:list")).status_code == 302


def test_a_form_sent_after_twelve_hours_is_kept_over_the_new_login(world, logged_in, case):
    url = reverse("meetings:case_edit", args=[case.meeting_id, case.pk])
    age_session(logged_in, **{SESSION_KEY: time.time() - 13 * 60 * 60})
    response = logged_in.post(
        url,
        {
            "title": "HR Prosjekt",
            "kind": "decision",
            "notes": "Skrevet gjennom hele dagen",
            "seen_updated_at": case.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302 and reverse("login") in response["Location"]
    case.refresh_from_db()
    assert case.notes == ""

    logged_in.post(reverse("login"), {"username": "referent", "password": PASSWORD})
    logged_in.get(url, follow=True)
    case.refresh_from_db()
    assert "Skrevet gjennom hele dagen" in case.notes
    assert case.history.latest().history_user == world.users["secretary"]


def test_autosave_after_the_limit_answers_401_with_a_reason(logged_in, case):
    age_session(logged_in, **{SESSION_KEY: time.time() - 13 * 60 * 60})
    response = logged_in.post(
        reverse("meetings:case_autosave", args=[case.meeting_id, case.pk]),
        {"title": "HR Prosjekt", "kind": "decision", "notes": "Tekst"},
    )
    assert response.status_code == 401
    assert "logget ut" in response.json()["error"]
