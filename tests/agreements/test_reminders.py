"""Reminders before expiry and revision: to each party's signatory and directors, once."""

import datetime

import pytest
from django.core import mail

from agreements import reminders
from notifications.models import Kind, Notification
from tests.agreements.helpers import agreed, sign

pytestmark = pytest.mark.usefixtures("postgres")


@pytest.fixture
def signed(world):
    agreement = agreed(world)
    agreement.valid_from = datetime.date(2026, 1, 1)
    agreement.valid_until = datetime.date(2027, 12, 31)
    agreement.revision_interval_months = 12
    agreement.save()
    sign(agreement, world.users["director"])
    sign(agreement, world.users["member"])
    return agreement


def test_expiry_reminder_goes_to_each_party_once(world, signed, django_capture_on_commit_callbacks):
    today = datetime.date(2027, 11, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.agreements_send_reminders(today=today) == 2
    expiry = Notification.objects.filter(kind=Kind.AGREEMENT_EXPIRY)
    assert {n.recipient for n in expiry} == {world.users["director"], world.users["member"]}
    assert len(mail.outbox) == 2
    assert "31.12.2027" in mail.outbox[0].subject
    # The next day's beat run, and a retry, send nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.agreements_send_reminders(today=today + datetime.timedelta(days=1)) == 0
        assert reminders.agreements_send_reminders(today=today) == 0
    assert len(mail.outbox) == 2


def test_revision_reminder_before_each_revision_date(
    world, signed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.agreements_send_reminders(today=datetime.date(2026, 12, 15)) == 2
        assert reminders.agreements_send_reminders(today=datetime.date(2026, 12, 20)) == 0
    keys = set(Notification.objects.values_list("key", flat=True))
    assert keys == {f"agreement:{signed.pk}:agreement_revision:2027-01-01"}
    assert len(mail.outbox) == 2


def test_nothing_far_from_the_dates_or_for_drafts(world, signed):
    assert reminders.agreements_send_reminders(today=datetime.date(2026, 6, 1)) == 0
    assert not Notification.objects.exists()


def test_the_reminders_are_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "agreements.tasks.agreements_send_reminders" in tasks
