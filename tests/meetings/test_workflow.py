"""Every step of the minutes workflow from every state: taken, or refused with a reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from samarbeid.conflicts import WorkflowError

DRAFT, FOR_COMMENTS, APPROVED = "draft", "for_comments", "approved"
NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


def in_state(world, state, published=False):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    secretary = world.users["secretary"]
    if state in (FOR_COMMENTS,):
        services.minutes_send_for_comments(
            meeting=meeting, comment_deadline=NEXT_WEEK, by=secretary
        )
    if state == APPROVED:
        services.minutes_approve(meeting=meeting, by=secretary)
    if published:
        services.minutes_publish(meeting=meeting, by=secretary)
    return meeting


STEPS = {
    "send": lambda m, u: services.minutes_send_for_comments(
        meeting=m, comment_deadline=NEXT_WEEK, by=u
    ),
    "approve": lambda m, u: services.minutes_approve(meeting=m, by=u),
    "reopen": lambda m, u: services.minutes_reopen(meeting=m, by=u, reason="Feil i sak 2"),
    "publish": lambda m, u: services.minutes_publish(meeting=m, by=u),
    "unpublish": lambda m, u: services.minutes_unpublish(meeting=m, by=u, reason="Feil"),
    "add_case": lambda m, u: services.case_add(meeting=m, title="Ny sak"),
    "comment": lambda m, u: services.case_comment(case=m.cases.first(), author=u, text="Ok"),
}

# (state, published, step) → the state after it, or None where the step is refused
TABLE = [
    (DRAFT, False, "send", FOR_COMMENTS),
    (DRAFT, False, "approve", APPROVED),
    (DRAFT, False, "reopen", None),
    (DRAFT, False, "publish", DRAFT),
    (DRAFT, False, "unpublish", None),
    (DRAFT, False, "add_case", DRAFT),
    (DRAFT, False, "comment", None),
    (FOR_COMMENTS, False, "send", None),
    (FOR_COMMENTS, False, "approve", APPROVED),
    (FOR_COMMENTS, False, "reopen", None),
    (FOR_COMMENTS, False, "add_case", FOR_COMMENTS),
    (FOR_COMMENTS, False, "comment", FOR_COMMENTS),
    (APPROVED, False, "send", None),
    (APPROVED, False, "approve", None),
    (APPROVED, False, "reopen", DRAFT),
    (APPROVED, False, "publish", APPROVED),
    (APPROVED, False, "add_case", None),
    (APPROVED, False, "comment", None),
    (APPROVED, True, "publish", None),
    (APPROVED, True, "unpublish", APPROVED),
]


@pytest.mark.parametrize(("state", "published", "step", "after"), TABLE)
def test_workflow(world, state, published, step, after):
    meeting = in_state(world, state, published)
    events_before = meeting.events.count()
    if after is None:
        with pytest.raises((WorkflowError, ValidationError)):
            STEPS[step](meeting, world.users["secretary"])
        meeting.refresh_from_db()
        assert meeting.minutes_status == state
        assert meeting.events.count() == events_before
        return
    STEPS[step](meeting, world.users["secretary"])
    meeting.refresh_from_db()
    assert meeting.minutes_status == after
    if step in ("send", "approve", "reopen", "publish", "unpublish"):
        event = meeting.events.latest("at")
        assert event.by == world.users["secretary"]


def test_publishing_is_its_own_decision(world):
    meeting = in_state(world, APPROVED)
    assert meeting.published_at is None
    assert not Meeting.objects.published().filter(pk=meeting.pk).exists()


def test_sending_with_a_past_deadline_is_refused(world):
    meeting = in_state(world, DRAFT)
    with pytest.raises(ValidationError):
        services.minutes_send_for_comments(
            meeting=meeting,
            comment_deadline=timezone.localdate() - datetime.timedelta(days=1),
            by=world.users["secretary"],
        )


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("send", {"comment_deadline": NEXT_WEEK.isoformat()}),
        ("godkjenn", {"reason": ""}),
        ("publiser", {"reason": ""}),
    ],
)
def test_minutes_of_a_meeting_not_held_yet_are_refused_with_the_reason(
    world, client_for, step, data
):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    client = client_for(world.users["secretary"])
    if step == "send":
        url = reverse("meetings:minutes_send", args=[meeting.pk])
    else:
        url = reverse("meetings:minutes_step", args=[meeting.pk, step])

    response = client.post(url, data, follow=True)

    assert response.status_code in (200, 409)
    assert "har ikke vært holdt ennå" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT
    assert meeting.status == Meeting.Status.PLANNED
    assert not meeting.published_versions.exists()
    assert not meeting.events.exists()


def test_minutes_of_a_meeting_held_today_can_be_sent(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now(),
    )
    services.minutes_send_for_comments(
        meeting=meeting, comment_deadline=NEXT_WEEK, by=world.users["secretary"]
    )
    assert meeting.minutes_status == Meeting.MinutesStatus.FOR_COMMENTS
