"""Review in meetings: open items listed when preparing, new status recorded, minutes show it."""

from django.urls import reverse
from django.utils import translation

from meetings.models import ActionItemUpdate
from tests.meetings.action_fixtures import build_items


def test_secretary_records_a_new_status_in_the_meeting_and_the_minutes_show_it(world, client_for):
    items = build_items(world)
    meeting = items.meeting
    client = client_for(world.users["secretary"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    # Preparation lists the group's open items with a link to record their status.
    follow_up = reverse("meetings:action_item_follow_up", args=[meeting.pk, items.group.pk])
    assert follow_up in page
    response = client.post(follow_up, {"status": "done", "note": "Vedtatt i kommunestyrene"})
    assert response.status_code == 302
    update = ActionItemUpdate.objects.get(item=items.group)
    assert (update.meeting, update.previous_status, update.status) == (meeting, "open", "done")
    with translation.override("nb"):
        minutes = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nb")
    text = minutes.content.decode()
    assert "Vedtatt i kommunestyrene" in text
    assert list(minutes.context["followed_up"]) == [update]


def test_readers_of_approved_minutes_see_what_changed(world, client_for):
    from meetings import services

    items = build_items(world)
    services.action_item_follow_up(
        item=items.personal, status="in_progress", note="Startet", meeting=items.meeting
    )
    services.minutes_approve(meeting=items.meeting, by=None)
    response = client_for(world.users["reader"]).get(items.meeting.get_absolute_url())
    assert [u.item_id for u in response.context["followed_up"]] == [items.personal.pk]
    assert "Startet" in response.content.decode()
