"""Calendar feeds: a secret address per user or group, parsed back with icalendar, revocable."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings import feeds
from meetings.models import CalendarFeed
from tests import outbox_helpers
from tests.meetings.action_fixtures import build_items

PAGE = reverse("meetings:calendar_feeds")


@pytest.fixture
def items(world, monkeypatch):
    outbox_helpers.hold(monkeypatch, "meetings.tasks.notify_action_item_assigned")
    return build_items(world)


def make_address(client, group=None):
    response = client.post(PAGE, {"action": "create", "group": group.pk if group else ""})
    assert response.status_code == 200
    url = response.context["new_url"]
    assert url
    return re.sub(r"^https?://[^/]+", "", url)


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_personal_feed_holds_my_meetings_and_deadlines(world, items, client_for, client):
    path = make_address(client_for(world.users["member"]))
    client.logout()  # calendar programs do not log in
    calendar = read(client, path)
    events = calendar.walk("VEVENT")
    uids = {str(e["UID"]) for e in events}
    assert f"{items.meeting.ical_uid}@samarbeid" in uids
    deadlines = {str(e["UID"]): e.decoded("DTSTART") for e in events if "actionitem" in e["UID"]}
    assert deadlines == {
        f"actionitem-{items.personal.pk}@samarbeid": items.personal.deadline,
        f"actionitem-{items.organisation.pk}@samarbeid": items.organisation.deadline,
        f"actionitem-{items.group.pk}@samarbeid": items.group.deadline,
    }
    assert str(calendar["X-WR-CALNAME"]).startswith("Samarbeid")


def test_group_feed_holds_the_groups_meetings_and_items(world, items, client_for, client):
    path = make_address(client_for(world.users["secretary"]), world.steering_group)
    client.logout()
    events = read(client, path).walk("VEVENT")
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    assert "Åsnes kommune leverer tall" in summaries  # not the secretary's own, but the group's
    assert "Bodø" not in summaries


def test_only_a_hash_of_the_secret_is_stored(world, items, client_for):
    path = make_address(client_for(world.users["member"]))
    token = path.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == CalendarFeed.hash(token) and token not in feed.token_hash


def test_revoked_address_is_404(world, items, client_for, client):
    member = client_for(world.users["member"])
    path = make_address(member)
    feed = CalendarFeed.objects.get()
    member.post(PAGE, {"action": "revoke", "feed": feed.pk})
    client.logout()
    assert client.get(path).status_code == 404


def test_a_new_address_revokes_the_old_one(world, items, client_for, client):
    member = client_for(world.users["member"])
    old = make_address(member)
    new = make_address(member)
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_nobody_revokes_anothers_feed(world, items, client_for):
    make_address(client_for(world.users["member"]))
    feed = CalendarFeed.objects.get()
    response = client_for(world.users["secretary"]).post(
        PAGE, {"action": "revoke", "feed": feed.pk}
    )
    assert response.status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_no_feed_for_a_hidden_group(world, items, client_for):
    response = client_for(world.users["member"]).post(
        PAGE, {"action": "create", "group": world.other_group.pk}
    )
    assert response.status_code == 404
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 43])
def test_a_guessed_address_is_404(world, client, token):
    assert client.get(reverse("meetings:calendar_feed", args=[token])).status_code == 404


def test_a_deactivated_owner_ends_the_feed(world, items, client_for, client):
    member = world.users["member"]
    path = make_address(client_for(member))
    member.is_active = False
    member.save()
    client.logout()
    assert client.get(path).status_code == 404


def test_a_feed_shows_what_its_owner_may_see_now(world, items, client_for, client):
    # The reader's group feed of the steering group: draft minutes are not theirs to see.
    path = make_address(client_for(world.users["reader"]), world.steering_group)
    client.logout()
    events = read(client, path).walk("VEVENT")
    uids = {str(e["UID"]) for e in events}
    assert f"{items.meeting.ical_uid}@samarbeid" not in uids
    assert uids == {f"actionitem-{items.organisation.pk}@samarbeid"}


def test_feed_url_uses_the_portal_address(world, settings):
    settings.PORTAL_URL = "https://samarbeid.example.no"
    assert feeds.feed_url("abc").startswith("https://samarbeid.example.no/kalender/abc.ics")
