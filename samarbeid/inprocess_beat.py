"""Celery beat's schedule, run in a thread of this process when there is no broker.

The embedded default (no REDIS_URL) has no beat and no worker: a task runs eagerly in the
process that queues it, so nothing would run the periodic ones (the outbox sweep, automatic
approval of minutes, reminders, closing consultations). ``manage.py run_demo`` starts
``start()`` in the serving process. Each entry of CELERY_BEAT_SCHEDULE keeps its own Celery
schedule object (seconds or crontab), asked when it is due as beat asks it, and like beat the
first run of an interval comes one interval after start. With REDIS_URL the real beat runs
them, so this is never started there.

One thread, one task at a time: a slow task delays the next, as in a single beat. A failing
task is logged and the loop goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from celery.schedules import maybe_schedule
from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)

# Wake at least this often (the schedule may say "in an hour"), and never spin.
MAX_SLEEP_SECONDS = 60.0
MIN_SLEEP_SECONDS = 1.0


def run_task(name: str) -> None:
    """Run one registered Celery task here, as the eager default runs any queued task."""
    from samarbeid.celery import app

    app.loader.import_default_modules()
    app.tasks[name].apply(throw=True)


class InProcessBeat:
    def __init__(self, schedule: dict, *, run: Callable[[str], None] = run_task):
        from samarbeid.celery import app

        self.run = run
        self.entries = {
            name: (spec["task"], maybe_schedule(spec["schedule"], app=app))
            for name, spec in schedule.items()
        }
        self.last_run_at = {name: entry[1].now() for name, entry in self.entries.items()}

    def tick(self) -> tuple[list[str], float]:
        """Run every entry that is due; the entries run and the seconds to sleep until the next."""
        ran, sleep = [], MAX_SLEEP_SECONDS
        for name, (task, schedule) in self.entries.items():
            due, next_in = schedule.is_due(self.last_run_at[name])
            if due:
                self.last_run_at[name] = schedule.now()
                ran.append(name)
                try:
                    self.run(task)
                except Exception:
                    logger.exception("Periodic task %s (%s) failed", name, task)
                finally:
                    close_old_connections()
            sleep = min(sleep, next_in)
        return ran, max(MIN_SLEEP_SECONDS, sleep)


def start(schedule: dict | None = None) -> threading.Event:
    """Run the schedule in a daemon thread until the returned event is set (or the process ends)."""
    beat = InProcessBeat(settings.CELERY_BEAT_SCHEDULE if schedule is None else schedule)
    stop = threading.Event()

    def loop() -> None:
        sleep = MIN_SLEEP_SECONDS
        while not stop.wait(sleep):
            _ran, sleep = beat.tick()

    threading.Thread(target=loop, name="in-process-beat", daemon=True).start()
    return stop
