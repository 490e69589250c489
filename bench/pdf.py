"""Benchmark: how long the minutes PDF takes to make and to download, at 1, 10 and 40 pages.

    .venv/bin/python bench/pdf.py            # SQLite in memory, local-memory cache
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samarbeid .venv/bin/python bench/pdf.py

Builds a throwaway test database, a meeting whose agenda fills about 1, 10 and 40 pages, and
prints p50/p95 of: a draft rendered (nothing cached), the PDF/A archive copy rendered, a
repeated draft download (served from the cache) and an approved download (the stored copy).
The load average is printed with the figures: other work on the machine slows WeasyPrint, so
each step also shows the CPU seconds it used (this process and the forked renderer), which is
about what it takes on an idle core.
"""

import datetime
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Archive copies of the benchmark go to a folder of their own, removed at the end.
_MEDIA = tempfile.mkdtemp(prefix="samarbeid-bench-")
os.environ["MEDIA_ROOT"] = _MEDIA

warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

# Cases per meeting for about 1, 10 and 40 pages of A4 (the script prints the real count).
SIZES = ((1, 0), (10, 18), (40, 78))
SENTENCE = "Arbeidsgruppa har kartlagt nå-situasjonen i Åsnes og Grue."
NOTES = "<p>" + " ".join([SENTENCE] * 18) + "</p>"
INTERNAL = "internal"


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (each rendering is a forked child)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(label, action, repeat):
    """Wall-clock p50/p95, and the CPU seconds behind them: the figure a quiet machine shows."""
    timings, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        action()
        timings.append(time.perf_counter() - started)
        cpu.append(_cpu_seconds() - cpu_started)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95 + 0.5) - 1)]
    p50, cpu50 = statistics.median(timings), statistics.median(cpu)
    print(f"  {label:<40} p50 {p50:6.2f} s  p95 {p95:6.2f} s  cpu p50 {cpu50:5.2f} s  (n={repeat})")


def build_world():
    from projects import services
    from tests.factories import OrganisationFactory, PersonFactory, UserFactory

    municipality = OrganisationFactory(name="Grue kommune", municipality_number="3417")
    secretary = UserFactory(username="referent", organisation=municipality)
    project = services.project_create(name="VÅG", slug="vag", administrator=secretary)
    services.project_participation_set(project=project, organisation=municipality, role="owner")
    group = services.group_create(project=project, kind="steering_group", name="Styringsgruppe")
    person = PersonFactory(organisation=municipality)
    services.person_link_user(person=person, user=secretary)
    services.group_membership_add(group=group, person=person, role="secretary")
    for _i in range(10):
        services.group_membership_add(
            group=group, person=PersonFactory(organisation=municipality), role="member"
        )
    return secretary, group, person


def build_meeting(group, person, cases, day):
    from django.utils import timezone

    from meetings import services

    meeting = services.meeting_plan(
        group=group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, day, 11)),
    )
    for number in range(cases):
        case = services.case_add(
            meeting=meeting,
            title=f"Økonomiplan, del {number + 1}",
            presenter="Kari Nordmann",
            notes=NOTES,
            decision="<p>Styringsgruppen tar saken til orientering.</p>",
        )
        services.action_item_add(
            case=case, description="Følge opp vedtaket", responsible_people=[person]
        )
    return meeting


def main():
    from django.test import Client
    from django.utils import timezone

    from meetings import minutes_pdf, services
    from meetings.models import Meeting
    from tests.pdf.helpers import read_pdf

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        secretary, group, person = build_world()
        client = Client()
        client.force_login(secretary)
        print(f"database: {connection.vendor}, cores: {os.cpu_count()}")
        for day, (pages, cases) in enumerate(SIZES, start=1):
            meeting = build_meeting(group, person, cases, day)
            url = f"/moter/{meeting.pk}/referat.pdf"
            counted = len(read_pdf(minutes_pdf.minutes_pdf(meeting, version=INTERNAL)).pages)
            load = os.getloadavg()[0]
            print(f"~{pages} pages: {cases} cases, {counted} pages; load average {load:.2f}")
            repeat = 3 if pages >= 40 else 7

            def draft_uncached(meeting=meeting):
                cache.clear()
                minutes_pdf.minutes_pdf(meeting, version=INTERNAL)

            measure("draft, rendered (no cache)", draft_uncached, repeat)
            measure(
                "archive copy PDF/A-2u, rendered",
                lambda m=meeting: minutes_pdf._render(
                    m, version=INTERNAL, produced_at=timezone.now(), archive=True
                ),
                repeat,
            )
            client.get(url)
            measure("draft download again (cached, HTTP)", lambda u=url: client.get(u), 20)
            services.minutes_approve(meeting=meeting, by=secretary)
            meeting = Meeting.objects.get(pk=meeting.pk)
            minutes_pdf.minutes_archive_all(meeting_id=meeting.pk)
            measure("approved download (stored copy, HTTP)", lambda u=url: client.get(u), 20)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(_MEDIA, ignore_errors=True)


if __name__ == "__main__":
    main()
