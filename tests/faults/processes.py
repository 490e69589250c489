"""Real processes for the fault suite: a Redis of the test's own, and Celery workers.

The shared Redis on 6379 is never stopped: other suites (and other runs) use it. Each test that
takes Redis away starts its own `redis-server` on a free port and stops that one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.infra.worker import celery_worker_process
from tests.reliability.redis_switch import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class RedisServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        if not Path(REDIS_SERVER).exists():
            if os.environ.get("CI") == "true":
                pytest.fail("CI must provide redis-server")
            pytest.skip("needs redis-server")
        self.process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on {self.port} did not start")

    def stop(self) -> None:
        """Gone at once, as a crashed or unreachable Redis is: SIGKILL, nothing saved."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def worker_env(tmp_path, redis_url: str, **extra) -> dict[str, str]:
    db = connection.settings_dict
    return {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        **extra,
    }


def worker(queue: str, env: dict[str, str]):
    """A real worker on its own queue; REDIS_URL in env is the broker it listens on."""
    return celery_worker_process(queue, env=env)


def wait_for(condition, what: str, timeout: float = 120, every: float = 0.5, action=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if action is not None:
            action()
        if condition():
            return
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s: {what}")
