"""Benchmark: reading Word minutes (issue 15), per file, and what is recognised uncorrected.

    .venv/bin/python bench/word_import.py

Builds the test suite's fixtures (tests/meetings/word_fixtures.py) and runs the upload's
checks and the reading (``check_docx``, ``read_minutes``, ``resolve_deadlines``) 20 times on
each, printing p50/p95 and CPU time per file, then the counts of cases, attendees, decisions
and action items found, and how many of them carry no "Check" mark. No database is used:
the import's writes are ordinary service calls.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402

from meetings import word_import  # noqa: E402
from tests.meetings import word_fixtures  # noqa: E402

RUNS = 20


def read(content: bytes) -> word_import.Minutes:
    upload = ContentFile(content, name="Referat.docx")
    word_import.check_docx(upload)
    minutes = word_import.read_minutes(upload)
    word_import.resolve_deadlines(minutes)
    return minutes


def main() -> None:
    for build in (
        word_fixtures.vag_minutes,
        word_fixtures.nav_minutes,
        word_fixtures.table_header_minutes,
        word_fixtures.headerless_minutes,
    ):
        content = build()
        walls, cpus = [], []
        for _run in range(RUNS):
            wall, cpu = time.perf_counter(), time.process_time()
            minutes = read(content)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        walls.sort()
        cases = minutes.cases
        actions = [row for case in cases for row in case.actions]
        decisions = [case for case in cases if case.decision]
        print(
            f"{build.__name__}: {len(content) // 1024} KB, wall p50 {statistics.median(walls):.3f}"
            f" s p95 {walls[int(RUNS * 0.95) - 1]:.3f} s, CPU p50 {statistics.median(cpus):.3f} s"
        )
        print(
            f"  cases {sum(c.certain for c in cases)}/{len(cases)} certain, attendees "
            f"{sum(a.certain for a in minutes.attendees)}/{len(minutes.attendees)}, decisions "
            f"{len(decisions)}, action items {sum(a.certain for a in actions)}/{len(actions)}"
        )


if __name__ == "__main__":
    main()
