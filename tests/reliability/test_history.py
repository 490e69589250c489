"""History: exactly one row per change, with the user; no write that history cannot see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Case, Meeting
from projects.models import Project
from tests import history_guard


@pytest.fixture
def case(world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    return services.case_add(meeting=meeting, title="HR Prosjekt")


def test_an_edit_through_the_form_adds_exactly_one_history_row_with_the_user(
    world, client_for, case
):
    before = case.history.count()
    client = client_for(world.users["secretary"])
    response = client.post(
        reverse("meetings:case_edit", args=[case.meeting_id, case.pk]),
        {
            "title": "HR Prosjekt",
            "kind": "decision",
            "notes": "<p>Ny tekst</p>",
            "seen_updated_at": case.updated_at.isoformat(),
        },
    )
    assert response.status_code == 302
    assert case.history.count() == before + 1
    latest = case.history.latest()
    assert latest.history_user == world.users["secretary"]
    assert "Ny tekst" in latest.notes


def test_the_guard_refuses_an_update_from_project_code(world, case, monkeypatch):
    # As if meetings/services.py called .update(): the guard looks at the calling file.
    def sneaky_rename():
        Case.objects.filter(pk=case.pk).update(title="Uten historikk")

    sneaky_rename.__code__ = sneaky_rename.__code__.replace(
        co_filename=str(history_guard.BASE_DIR / "meetings" / "services.py")
    )
    with pytest.raises(history_guard.UntrackedWrite, match=r"meetings/services\.py"):
        sneaky_rename()


def test_the_guard_refuses_bulk_writes_from_project_code(world):
    def sneaky_bulk():
        Project.objects.bulk_create([Project(name="X", slug="x")])

    sneaky_bulk.__code__ = sneaky_bulk.__code__.replace(
        co_filename=str(history_guard.BASE_DIR / "projects" / "services.py")
    )
    with pytest.raises(history_guard.UntrackedWrite):
        sneaky_bulk()


def test_the_guard_lets_test_set_up_through(world, case):
    Meeting.objects.filter(pk=case.meeting_id).update(room="Rom 1")
    assert Meeting.objects.get(pk=case.meeting_id).room == "Rom 1"


def test_every_tracked_model_is_guarded():
    from django.apps import apps

    tracked = [model for model in apps.get_models() if history_guard.is_tracked(model)]
    assert len(tracked) > 10
    assert all(
        hasattr(getattr(type(Case.objects.all()), name), "__wrapped__")
        for name in history_guard.GUARDED
    )
