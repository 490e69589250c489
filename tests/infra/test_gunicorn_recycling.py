"""The image's gunicorn replaces a web worker after a number of requests (issue 19).

Run from the Dockerfile's own CMD, with only the address, the worker count and the request
limit changed, so the test proves the options the deployment runs with.
"""

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.reliability.redis_switch import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def dockerfile_command() -> list[str]:
    dockerfile = (BASE_DIR / "Dockerfile").read_text().replace("\\\n", " ")
    return json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M)[1])


def with_option(command: list[str], name: str, value: str) -> list[str]:
    command = list(command)
    command[command.index(name) + 1] = value
    return command


def test_the_image_limits_requests_per_worker():
    command = dockerfile_command()
    assert int(command[command.index("--max-requests") + 1]) >= 100
    assert int(command[command.index("--max-requests-jitter") + 1]) > 0


@pytest.mark.django_db(transaction=True)
def test_a_worker_is_replaced_after_its_requests_and_no_request_fails(postgres, tmp_path):
    db = connection.settings_dict
    port = free_port()
    command = dockerfile_command()
    assert command[0] == "gunicorn"
    command = with_option(command, "--bind", f"127.0.0.1:{port}")
    command = with_option(command, "--workers", "1")
    command = with_option(command, "--max-requests", "5")
    command = with_option(command, "--max-requests-jitter", "0")
    env = {
        **os.environ,
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECRET_KEY": "test-only-gunicorn-recycling",
        "VAR_DIR": str(tmp_path),
    }
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - the Dockerfile's argument list, no shell
            [str(GUNICORN), *command[1:], "--log-level", "info"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/health/"
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=5):
                        break
                except OSError:
                    assert time.monotonic() < deadline, log_path.read_text()
                    time.sleep(0.2)
            statuses = []
            for _ in range(12):
                with urllib.request.urlopen(url, timeout=10) as response:
                    statuses.append(response.status)
        finally:
            server.terminate()
            server.wait(timeout=15)
    text = log_path.read_text()
    assert statuses == [200] * 12
    booted = set(re.findall(r"Booting worker with pid: (\d+)", text))
    # 13 requests at 5 per worker: the first worker and at least two after it.
    assert len(booted) >= 3, text
    assert "Autorestarting worker after current request" in text
