"""Consultation rounds: comments per section from invited organisations, closed at the deadline."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from agreements import selectors, services, tasks
from agreements.models import Agreement
from samarbeid.conflicts import WorkflowError
from tests.agreements.helpers import blank_agreement, in_an_hour, write_text

pytestmark = pytest.mark.usefixtures("postgres")


@pytest.fixture
def consultation(world):
    agreement = blank_agreement(world)
    write_text(agreement)
    return services.consultation_open(
        agreement=agreement,
        title="Høringsrunde avtaleutkast versjon 3.0",
        deadline=in_an_hour(),
        invited=[world.grue, world.valer],
        by=world.users["project_admin"],
    )


def test_opening_puts_the_agreement_in_consultation(consultation):
    assert consultation.agreement.status == Agreement.Status.CONSULTATION
    assert consultation.version.number == 2


def test_comments_are_listed_per_section_with_who_and_when(world, consultation):
    services.consultation_comment_add(
        consultation=consultation, section_number="1.0", text="Bra.", by=world.users["member"]
    )
    services.consultation_comment_add(
        consultation=consultation, section_number="1.0", text="Enig.", by=world.users["director"]
    )
    grouped = selectors.comments_by_section(consultation)
    assert [(c.organisation, c.author, c.text) for c in grouped["1.0"]] == [
        (world.grue, world.users["member"], "Bra."),
        (world.valer, world.users["director"], "Enig."),
    ]
    assert all(c.created_at for c in grouped["1.0"])


def test_organisations_not_invited_cannot_comment(world, consultation):
    with pytest.raises(WorkflowError):
        services.consultation_comment_add(
            consultation=consultation,
            section_number="1.0",
            text="Hei",
            by=world.users["secretary"],
        )


def test_a_comment_names_a_real_section(world, consultation):
    with pytest.raises(ValidationError):
        services.consultation_comment_add(
            consultation=consultation, section_number="7.3", text="Hei", by=world.users["member"]
        )


def test_only_one_open_round_at_a_time(world, consultation):
    with pytest.raises(WorkflowError):
        services.consultation_open(
            agreement=consultation.agreement,
            title="Ny runde",
            deadline=in_an_hour(),
            invited=[world.grue],
            by=None,
        )


def test_a_deadline_in_the_past_is_refused(world):
    agreement = blank_agreement(world)
    with pytest.raises(ValidationError):
        services.consultation_open(
            agreement=agreement,
            title="Høring",
            deadline=timezone.now() - datetime.timedelta(minutes=1),
            invited=[world.grue],
            by=None,
        )


def test_the_beat_task_closes_rounds_past_their_deadline(world, consultation):
    assert tasks.consultations_close_overdue() == 0
    later = consultation.deadline + datetime.timedelta(seconds=1)
    assert services.consultations_close_overdue(now=later) == 1
    consultation.refresh_from_db()
    assert consultation.closed_at is not None
    assert consultation.agreement.status == Agreement.Status.DRAFT
    # Closing again does nothing, and commenting is over.
    assert services.consultations_close_overdue(now=later) == 0
    with pytest.raises(WorkflowError):
        services.consultation_comment_add(
            consultation=consultation, section_number="1.0", text="Sent", by=world.users["member"]
        )


def test_comments_after_the_deadline_are_refused_before_the_task_runs(world, consultation):
    consultation.deadline = timezone.now() - datetime.timedelta(seconds=1)
    consultation.save()
    with pytest.raises(WorkflowError):
        services.consultation_comment_add(
            consultation=consultation, section_number="1.0", text="Sent", by=world.users["member"]
        )


def test_the_task_is_on_the_beat_schedule():
    entries = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "agreements.tasks.consultations_close_overdue" in entries
    assert tasks.consultations_close_overdue.name in entries
