"""Celery beat's scheduler, with a heartbeat file for the container's healthcheck.

beat answers no `celery inspect ping` (it is not a worker), so docker-compose.yml checks
the age of this file instead: it is touched on every pass of beat's loop, which runs at
least every CELERY_BEAT_MAX_LOOP_INTERVAL seconds. A beat that hangs or whose loop died
stops touching it and is reported unhealthy.
"""

from pathlib import Path

from celery.beat import PersistentScheduler

HEARTBEAT_SUFFIX = ".heartbeat"


def heartbeat_path(schedule_filename: str) -> Path:
    return Path(schedule_filename + HEARTBEAT_SUFFIX)


class HeartbeatScheduler(PersistentScheduler):
    def tick(self, *args, **kwargs):
        heartbeat_path(self.schedule_filename).touch()
        return super().tick(*args, **kwargs)
