"""E-mails about action items and minutes: each once and only once, in Norwegian."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from meetings import notices, services
from meetings.models import ActionItem
from notifications import services as notification_services
from notifications.models import Kind, Notification
from samarbeid.celery import app as celery_app
from tests import outbox_helpers
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.mail_files import written_mails
from tests.meetings.action_fixtures import build_items, days


@pytest.fixture
def no_queue(monkeypatch):
    """The broker stands aside: what services queue is recorded, not sent."""
    return outbox_helpers.hold(
        monkeypatch,
        "meetings.tasks.notify_action_item_assigned",
        "meetings.tasks.notify_minutes_event",
        with_names=True,
    )


@pytest.fixture
def items(world, no_queue):
    return build_items(world)


def addressees(kind=None):
    return sorted(m.to[0] for m in mail.outbox if kind is None or kind in m.subject)


def test_responsible_users_personal_group_and_organisation_seats(world, items):
    member, secretary = world.users["member"], world.users["secretary"]
    assert notices.responsible_users(items.personal) == [member]
    assert set(notices.responsible_users(items.group)) == {member, secretary}
    # Grue's item goes to Grue's people in the steering group, not to every Grue user.
    assert notices.responsible_users(items.organisation) == [member]


def test_a_new_item_queues_the_assigned_notice_after_commit(
    world, no_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        items = build_items(world)
    assert ("notify_action_item_assigned", (items.personal.pk,)) in no_queue


def test_assigned_is_sent_once(world, items, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert notices.action_item_assigned(item_id=items.personal.pk) == 1
        assert notices.action_item_assigned(item_id=items.personal.pk) == 0
    (message,) = mail.outbox
    assert message.to == [world.users["member"].email]
    assert message.subject == "Du har ansvar: Merete sjekker dette"
    assert "Frist:" in message.body and f"/oppfolging/{items.personal.pk}/" in message.body
    assert "/varsler/avmeld/" in message.body


def test_reminders_for_deadlines_soon_and_just_passed_once(
    world, items, settings, django_capture_on_commit_callbacks
):
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        first = notices.action_item_reminders()
        again = notices.action_item_reminders()
    assert again == 0
    subjects = sorted(m.subject for m in mail.outbox)
    # Due in 1 (Åsnes, to the secretary) and 3 days (the group: member and secretary);
    # overdue 3 days (Grue, to the member). The item 30 days away waits.
    assert first == len(mail.outbox) == 4
    assert sum(s.startswith("Frist ") for s in subjects) == 3
    assert sum(s.startswith("Forfalt siden ") for s in subjects) == 1
    assert not any("Merete" in s for s in subjects)


def test_the_reminder_horizon_is_configurable(
    world, items, settings, django_capture_on_commit_callbacks
):
    settings.ACTION_ITEM_REMINDER_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    assert any("Merete" in m.subject for m in mail.outbox)


def test_a_moved_deadline_is_reminded_again_but_done_items_never(
    world, items, settings, django_capture_on_commit_callbacks
):
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    sent = len(mail.outbox)
    item = items.other_municipality
    item.deadline = days(2)
    item.save()
    services.action_item_follow_up(item=items.group, status=ActionItem.Status.DONE, note="ok")
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    assert len(mail.outbox) == sent + 1


def test_long_overdue_items_of_old_minutes_are_not_mailed(
    world, items, django_capture_on_commit_callbacks
):
    item = items.organisation
    item.deadline = timezone.localdate() - datetime.timedelta(days=400)
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    assert not any("Forfalt" in m.subject for m in mail.outbox)


def test_minutes_steps_are_told_once_each(
    world, items, no_queue, django_capture_on_commit_callbacks
):
    meeting = items.meeting
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_send_for_comments(
            meeting=meeting, comment_deadline=days(7), by=world.users["secretary"]
        )
        services.minutes_approve(meeting=meeting, by=world.users["secretary"])
        services.minutes_publish(meeting=meeting, by=world.users["secretary"])
    with django_capture_on_commit_callbacks(execute=True):
        for event in meeting.events.order_by("id"):
            notices.minutes_event(event_id=event.pk)
            notices.minutes_event(event_id=event.pk)  # a doubled task
    assert len(mail.outbox) == 6
    notifications = Notification.objects.filter(kind__startswith="minutes")
    # Three steps × (secretary, member).
    assert notifications.count() == 6
    assert {n.recipient for n in notifications} == {
        world.users["secretary"],
        world.users["member"],
    }
    subject = notifications.filter(kind=Kind.MINUTES_FOR_COMMENTS).first().subject
    assert subject.startswith("Referat til kommentar:")
    # The steps were queued after commit by the services.
    assert [name for name, _args in no_queue].count("notify_minutes_event") == 3


def test_digest_collects_reminders_for_a_user_who_chose_it(
    world, items, settings, django_capture_on_commit_callbacks
):
    settings.ACTION_ITEM_REMINDER_DAYS = 3
    member = world.users["member"]
    for kind in (Kind.DEADLINE_SOON, Kind.OVERDUE):
        notification_services.preference_set(user=member, kind=kind, delivery="digest")
    with django_capture_on_commit_callbacks(execute=True):
        notices.action_item_reminders()
    assert member.email not in addressees()
    assert notification_services.digests_send() == 2
    assert notification_services.digests_send() == 0
    digest = [m for m in mail.outbox if m.to == [member.email]]
    assert len(digest) == 1
    assert "ukens oppsummering" in digest[0].subject


@pytest.mark.worker
@pytest.mark.postgres
def test_a_real_worker_sends_each_reminder_once(
    transactional_db, postgres, world, no_queue, tmp_path
):
    build_items(world)
    db = connection.settings_dict
    env = {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "ACTION_ITEM_REMINDER_DAYS": "3",
    }
    queue = unique_queue_name("remind")
    name = "meetings.tasks.send_action_item_reminders"
    with celery_worker_process(queue, env=env):
        first = celery_app.send_task(name, queue=queue, ignore_result=False)
        again = celery_app.send_task(name, queue=queue, ignore_result=False)
        assert first.get(timeout=60) == 4
        assert again.get(timeout=60) == 0
    written = written_mails(tmp_path / "mail")
    assert len(written) == 4
    assert Notification.objects.filter(state="sent").count() == 4
