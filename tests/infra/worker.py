"""A real Celery worker in a subprocess, for tests that need tasks to cross the broker.

    with celery_worker_process("test-queue-abc") as worker:
        result = celery_app.send_task("samarbeid.tasks.ping", queue=worker.queue)

The worker inherits the test's environment (DATABASE_URL, REDIS_URL, SECRET_KEY, ...). It
connects to the database named in DATABASE_URL, not pytest-django's test database: a task that
reads rows must be given a worker environment that points at the test database (see `env`).
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from samarbeid.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
STARTUP_TIMEOUT = 30
STOP_TIMEOUT = 10


@dataclass
class WorkerProcess:
    queue: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def unique_queue_name(prefix: str = "test") -> str:
    """A queue no other worker listens on, so only our worker can take the task."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def require_redis_url() -> str:
    """REDIS_URL, or skip the test; on CI (CI=true) a missing Redis is a failure, not a skip."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        message = "needs REDIS_URL (a real broker) for a Celery worker"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}")
        pytest.skip(message)
    return redis_url


def _wait_until_ready(worker: WorkerProcess) -> None:
    """Ping the worker by its node name until it answers, or fail with its log."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    node = f"celery@{worker.queue}"
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            raise RuntimeError(
                f"Celery worker exited with {worker.process.returncode}:\n{worker.log()}"
            )
        replies = celery_app.control.ping(destination=[node], timeout=0.5)
        if any(node in reply for reply in replies):
            return
    raise RuntimeError(f"Celery worker not ready after {STARTUP_TIMEOUT} s:\n{worker.log()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


@contextmanager
def celery_worker_process(queue: str | None = None, *, env: dict[str, str] | None = None):
    """Start `celery worker` on its own queue, wait until it answers, stop it by its PID."""
    require_redis_url()
    queue = queue or unique_queue_name()
    worker_env = {**os.environ, **(env or {})}
    with tempfile.TemporaryDirectory(prefix="celery-worker-") as tmp:
        log_path = Path(tmp) / "worker.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
                [
                    str(CELERY),
                    "-A",
                    "samarbeid",
                    "worker",
                    "--pool=solo",
                    "--concurrency=1",
                    "--loglevel=INFO",
                    "-Q",
                    queue,
                    # The node name carries the queue, so parallel test runs never collide.
                    "-n",
                    f"celery@{queue}",
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=BASE_DIR,
                env=worker_env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        worker = WorkerProcess(queue=queue, process=process, log_path=log_path)
        try:
            _wait_until_ready(worker)
            yield worker
        finally:
            _stop(process)
