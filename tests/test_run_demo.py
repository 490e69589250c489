"""`make run`'s server: the port from PORT, the periodic tasks in-process, the logins last."""

import datetime
import os
import selectors
import shutil
import socket
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.db import connection

from demo.management.commands import run_demo
from samarbeid import inprocess_beat
from tests.conftest import require_real_service
from tests.factories import UserFactory

BASE_DIR = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("environ", "port"), [({}, "8000"), ({"PORT": ""}, "8000"), ({"PORT": "8123"}, "8123")]
)
def test_the_port_comes_from_port(environ, port):
    assert run_demo.port_from_environment(environ) == port


@pytest.mark.parametrize("bad", ["abc", "0", "70000", "80 80"])
def test_a_bad_port_stops_with_its_value(bad):
    with pytest.raises(CommandError, match=repr(bad)):
        run_demo.port_from_environment({"PORT": bad})


def test_make_run_serves_on_port():
    dry_run = subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [shutil.which("make"), "-n", "--no-print-directory", "run", "PORT=8123"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert dry_run.stdout.strip().splitlines()[-1].endswith("manage.py run_demo 127.0.0.1:8123")


def test_the_command_without_an_address_takes_port(monkeypatch):
    monkeypatch.setenv("PORT", "8124")
    command = run_demo.Command(stdout=StringIO())
    served = {}
    monkeypatch.setattr(command, "run", lambda **options: served.update(port=command.port))
    command.handle(addrport="", use_ipv6=False, use_reloader=False)
    assert served == {"port": "8124"}


class Recorder:
    def __init__(self):
        self.ran = []

    def __call__(self, task):
        self.ran.append(task)


def test_the_in_process_beat_runs_a_task_that_is_due():
    recorder = Recorder()
    beat = inprocess_beat.InProcessBeat(
        {
            "often": {"task": "samarbeid.tasks.ping", "schedule": 5},
            "daily": {"task": "projects.tasks.permissions_resync_all", "schedule": 86400},
        },
        run=recorder,
    )
    # Just started: nothing is due yet (like beat, the first run is one interval later).
    ran, sleep = beat.tick()
    assert (ran, recorder.ran) == ([], [])
    assert 1 <= sleep <= 5
    beat.last_run_at["often"] -= datetime.timedelta(seconds=6)
    ran, sleep = beat.tick()
    assert ran == ["often"] and recorder.ran == ["samarbeid.tasks.ping"]
    # Run now, so not again until its interval has passed.
    assert beat.tick()[0] == []


def test_a_failing_task_does_not_stop_the_others():
    def run(task):
        if task == "broken":
            raise RuntimeError("boom")
        ran.append(task)

    ran = []
    beat = inprocess_beat.InProcessBeat(
        {
            "a": {"task": "broken", "schedule": 5},
            "b": {"task": "samarbeid.tasks.ping", "schedule": 5},
        },
        run=run,
    )
    for name in beat.last_run_at:
        beat.last_run_at[name] -= datetime.timedelta(seconds=6)
    assert beat.tick()[0] == ["a", "b"]
    assert ran == ["samarbeid.tasks.ping"]


def test_a_crontab_entry_follows_its_clock():
    from celery.schedules import crontab

    recorder = Recorder()
    beat = inprocess_beat.InProcessBeat(
        {"morning": {"task": "x", "schedule": crontab(minute=0, hour=6)}}, run=recorder
    )
    assert beat.tick()[0] == []
    beat.last_run_at["morning"] -= datetime.timedelta(days=1, minutes=1)
    assert beat.tick()[0] == ["morning"]


def test_the_real_schedule_runs_its_tasks_here(db, settings):
    """Every beat entry names a task this process can run: the outbox sweep, for one, runs."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    beat = inprocess_beat.InProcessBeat(settings.CELERY_BEAT_SCHEDULE)
    from samarbeid.celery import app

    app.loader.import_default_modules()
    for name, (task, _schedule) in beat.entries.items():
        assert task in app.tasks, name
    inprocess_beat.run_task("outbox.sweep")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_the_server_prints_the_logins_last_on_port(settings):
    """The real command, as `make run` starts it: listening on PORT, logins after the banner."""
    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    UserFactory(username="admin", first_name="", last_name="")
    port = _free_port()
    database = connection.settings_dict
    environ = {
        **os.environ,
        "DEBUG": "true",
        "PORT": str(port),
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "DJANGO_RUNSERVER_HIDE_WARNING": "true",
    }
    environ.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "run_demo", "--noreload", "--skip-checks"],
        cwd=BASE_DIR,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    try:
        watch = selectors.DefaultSelector()
        watch.register(server.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(s.startswith("admin ") for s in lines):
            if watch.select(timeout=1):
                line = server.stdout.readline()
                if not line:
                    break
                lines.append(line.rstrip("\n"))
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = "\n".join(lines)
    assert f"Starting development server at http://127.0.0.1:{port}/" in text, text
    banner = next(i for i, line in enumerate(lines) if "Starting development server" in line)
    assert "Periodiske oppgaver kjører i denne prosessen (ingen REDIS_URL)." in lines[banner:]
    assert any("E-post fra portalen" in line for line in lines[banner:])
    assert lines[-1].startswith("admin "), text
