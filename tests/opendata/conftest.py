"""The open-data tests' fixtures: no broker, and the published April meeting."""

import pytest

from meetings import services
from tests.opendata.helpers import DRAFT_TITLE, edit_after_publishing, on, plan_meeting, step


@pytest.fixture(autouse=True)
def no_broker(monkeypatch, settings, tmp_path):
    # Notices and archive copies are not under test here.
    monkeypatch.setattr("meetings.tasks.minutes_archive.delay", lambda *a: None)
    monkeypatch.setattr("meetings.tasks.notify_minutes_event.delay", lambda *a: None)
    monkeypatch.setattr("meetings.tasks.notify_action_item_assigned.delay", lambda *a: None)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": "/media/"},
        },
    }


@pytest.fixture
def published(world, client_for):
    """The April meeting approved, published, then reopened and edited; and a draft."""
    meeting = plan_meeting(world)
    services.meeting_plan(group=world.steering_group, title=DRAFT_TITLE, starts_at=on(2019, 6, 1))
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    edit_after_publishing(secretary, meeting)
    client_for(None)
    return meeting
