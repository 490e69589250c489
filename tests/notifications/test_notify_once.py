"""notify_once: one notification per (recipient, kind, key), sent at once, in a digest, or not."""

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from notifications import services
from notifications.models import Kind, Notification, Preference
from samarbeid.celery import app as celery_app
from tests import outbox_helpers
from tests.infra.worker import celery_worker_process, unique_queue_name
from tests.mail_files import written_mails


@pytest.fixture
def member(world):
    user = world.users["member"]
    user.email = "medlem@grue.kommune.no"
    user.save()
    return user


def notify(user, key="actionitem:1:overdue:2026-11-30", **kwargs):
    return services.notify_once(
        recipient=user,
        kind=kwargs.pop("kind", Kind.OVERDUE),
        key=key,
        subject="Frist passert: Følge opp",
        body="Oppfølgingspunktet «Følge opp» hadde frist 30.11.2026.",
        url="/oppfolging/",
        **kwargs,
    )


def test_the_same_key_is_sent_once(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(member, send_now=True)
        again = notify(member, send_now=True)
    assert first is not None and again is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["medlem@grue.kommune.no"]
    assert "http://testserver/oppfolging/" in message.body or "/oppfolging/" in message.body
    assert "/varsler/avmeld/" in message.body
    first.refresh_from_db()
    assert first.state == Notification.State.SENT and first.sent_at is not None
    # Sending the row again, as a retried task would, sends nothing.
    assert services.notification_send(notification_id=first.pk) is False
    assert len(mail.outbox) == 1


def test_another_occasion_is_another_notification(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, send_now=True)
        notify(member, key="actionitem:1:overdue:2026-12-15", send_now=True)
    assert len(mail.outbox) == 2


def test_without_send_now_a_task_is_queued_after_commit(
    member, monkeypatch, django_capture_on_commit_callbacks
):
    queued = outbox_helpers.hold(monkeypatch, "notifications.tasks.send_notification")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(member)
    assert queued == []
    for callback in callbacks:
        callback()
    assert queued == [(notification.pk,)]


def test_digest_waits_and_goes_once(member, django_capture_on_commit_callbacks):
    services.preference_set(user=member, kind=Kind.OVERDUE, delivery=Preference.Delivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, send_now=True)
        notify(member, key="actionitem:2:overdue:2026-11-30", send_now=True)
    assert mail.outbox == []
    assert services.digests_send() == 2
    assert services.digests_send() == 0
    (digest,) = mail.outbox
    assert digest.body.count("Frist passert") == 2
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}


def test_turned_off_is_recorded_and_never_sent(member, django_capture_on_commit_callbacks):
    services.preference_set(user=member, kind=Kind.OVERDUE, delivery=Preference.Delivery.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(member, send_now=True)
    assert notification.state == Notification.State.SKIPPED
    assert services.digests_send() == 0
    assert mail.outbox == []


def test_a_user_without_email_gets_nothing(world, django_capture_on_commit_callbacks):
    reader = world.users["reader"]
    reader.email = ""
    reader.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(reader, send_now=True).state == Notification.State.SKIPPED
    assert mail.outbox == []


def test_unsubscribe_link_turns_off_one_kind(member, client):
    token = services.unsubscribe_token(member, Kind.OVERDUE)
    url = reverse("notifications:unsubscribe", args=[token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert services.delivery_for(member, Kind.OVERDUE) == Preference.Delivery.OFF
    assert services.delivery_for(member, Kind.ASSIGNED) == Preference.Delivery.IMMEDIATE


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxfQ:bad:signature"])
def test_a_forged_unsubscribe_link_is_404(world, client, token):
    assert client.get(reverse("notifications:unsubscribe", args=[token])).status_code == 404


def test_a_token_for_another_kind_of_salt_is_refused(member, client):
    from django.core import signing

    token = signing.dumps({"u": member.pk, "k": Kind.OVERDUE})  # no salt: not ours
    assert client.post(reverse("notifications:unsubscribe", args=[token])).status_code == 404
    assert services.delivery_for(member, Kind.OVERDUE) == Preference.Delivery.IMMEDIATE


def test_preferences_page_saves_choices(member, client_for):
    client = client_for(member)
    url = reverse("notifications:preferences")
    assert client.get(url).status_code == 200
    data = dict.fromkeys(Kind.values, "immediate") | {Kind.DEADLINE_SOON: "digest"}
    assert client.post(url, data).status_code == 302
    assert services.delivery_for(member, Kind.DEADLINE_SOON) == "digest"
    assert Preference.objects.filter(user=member).count() == 1
    assert Preference.history.filter(user=member).count() == 1


def test_preferences_page_refuses_an_unknown_choice(member, client_for):
    client = client_for(member)
    data = dict.fromkeys(Kind.values, "immediate") | {Kind.OVERDUE: "sms"}
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 200
    assert not Preference.objects.filter(user=member).exists()


def worker_env(tmp_path):
    db = connection.settings_dict
    return {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }


@pytest.mark.worker
@pytest.mark.postgres
def test_a_real_worker_sends_a_notification_once(transactional_db, postgres, member, tmp_path):
    notification = Notification.objects.create(
        recipient=member,
        kind=Kind.OVERDUE,
        key="actionitem:1:overdue:2026-11-30",
        subject="Frist passert",
        body="Tekst",
        state=Notification.State.PENDING,
    )
    queue = unique_queue_name("notify")
    with celery_worker_process(queue, env=worker_env(tmp_path)):
        name = "notifications.tasks.send_notification"
        first = celery_app.send_task(name, args=[notification.pk], queue=queue, ignore_result=False)
        again = celery_app.send_task(name, args=[notification.pk], queue=queue, ignore_result=False)
        assert first.get(timeout=30) is True
        assert again.get(timeout=30) is False
    (message,) = written_mails(tmp_path / "mail")
    assert message["To"] == "medlem@grue.kommune.no"
