import datetime

import pytest
from django.db import connection
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from samarbeid.celery import app as celery_app
from tests.infra.worker import celery_worker_process, unique_queue_name


@pytest.mark.worker
@pytest.mark.postgres
def test_overdue_minutes_are_approved_by_a_real_worker(transactional_db, postgres, world):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.now() - datetime.timedelta(days=10),
    )
    services.minutes_send_for_comments(
        meeting=meeting, comment_deadline=timezone.localdate(), by=world.users["secretary"]
    )
    # The deadline passes: yesterday's deadline, as the beat task will find it tomorrow.
    Meeting.objects.filter(pk=meeting.pk).update(
        comment_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    queue = unique_queue_name("approve")
    with celery_worker_process(queue, env={"DATABASE_URL": database_url}):
        first = celery_app.send_task(
            "meetings.tasks.minutes_approve_overdue", queue=queue, ignore_result=False
        )
        assert first.get(timeout=30) == [meeting.pk]
        again = celery_app.send_task(
            "meetings.tasks.minutes_approve_overdue", queue=queue, ignore_result=False
        )
        assert again.get(timeout=30) == []
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.MinutesStatus.APPROVED
    assert meeting.events.filter(kind="auto_approved").count() == 1
