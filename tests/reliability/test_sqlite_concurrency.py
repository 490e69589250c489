"""The embedded SQLite default takes two secretaries saving at once (WAL, busy timeout,
IMMEDIATE transactions): without them the second got a 500 "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(__file__).with_name("sqlite_parallel_saves.py")


def test_eight_parallel_saves_on_a_sqlite_file_all_succeed(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CI"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'samarbeid.sqlite3'}",
        SECRET_KEY="test-only",
        DEBUG="true",
        PYTHONPATH=str(settings.BASE_DIR),
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, str(SCRIPT), "8"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    # Eight new cases, each with its own number after the meeting's standing case.
    assert len(outcome["saved"]) == 8
    assert len(set(outcome["saved"])) == 8
