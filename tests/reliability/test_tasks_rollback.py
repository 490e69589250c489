"""A task is queued only when its transaction commits: a rollback queues nothing."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from meetings import invitations, services
from tests import outbox_helpers


class Boom(Exception):
    pass


@pytest.fixture
def meeting(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    for number, participant in enumerate(meeting.participants.select_related("person")):
        participant.person.email = f"deltaker{number}@example.invalid"
        participant.person.save()
    return meeting


@pytest.fixture
def queued(monkeypatch):
    """Every send_invitations.delay() call, recorded instead of sent to the broker."""
    return outbox_helpers.hold(monkeypatch, "meetings.tasks.send_invitations")


def test_a_forced_rollback_queues_no_task(
    world, meeting, queued, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        invitations.meeting_invite(meeting=meeting, by=world.users["secretary"])
        raise Boom
    assert callbacks == []
    assert queued == []


def test_the_same_step_queues_one_task_when_it_commits(
    world, meeting, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitations.meeting_invite(meeting=meeting, by=world.users["secretary"])
    assert len(callbacks) == 1
    assert len(queued) == 1
    assert queued[0][0] == meeting.pk
