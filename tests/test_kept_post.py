"""A form sent after the session expired is kept over the login and sent again."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings import services
from tests.factories import PASSWORD


def test_case_text_sent_after_logout_is_saved_after_logging_in(world, client):
    secretary = world.users["secretary"]
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )
    case = services.case_add(meeting=meeting, title="HR Prosjekt")
    url = reverse("meetings:case_edit", args=[meeting.pk, case.pk])
    # The secretary's session has expired: the browser posts without one.
    response = client.post(
        url,
        {
            "title": "HR Prosjekt",
            "kind": "decision",
            "notes": "Tekst skrevet over lang tid",
            "seen_updated_at": case.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    case.refresh_from_db()
    assert case.notes == ""

    assert client.login(username=secretary.username, password=PASSWORD)
    response = client.get(url, follow=True)
    case.refresh_from_db()
    assert "Tekst skrevet over lang tid" in case.notes
    assert case.history.latest().history_user == secretary
    shown = [str(message) for message in response.context["messages"]]
    assert any("logget ut" in text or "logged out" in text for text in shown)


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
