"""Celery beat touches its heartbeat file on each pass, which its healthcheck reads."""

import os

from samarbeid.beat import HeartbeatScheduler, heartbeat_path
from samarbeid.celery import app


def test_each_pass_of_beat_touches_the_heartbeat_file(tmp_path):
    schedule = str(tmp_path / "celerybeat-schedule")
    scheduler = HeartbeatScheduler(app, schedule_filename=schedule, lazy=True)
    heartbeat = heartbeat_path(schedule)
    assert str(heartbeat) == schedule + ".heartbeat"
    assert not heartbeat.exists()

    scheduler.setup_schedule()
    scheduler.tick()
    assert heartbeat.exists()
    os.utime(heartbeat, (0, 0))
    scheduler.tick()
    assert heartbeat.stat().st_mtime > 0
    scheduler.close()


def test_beat_wakes_at_least_once_a_minute():
    # The compose healthcheck allows 180 s between touches.
    scheduler = HeartbeatScheduler(app, schedule_filename="unused", lazy=True)
    assert scheduler.max_interval == 60
