"""Benchmarks: how long the pages and saves users wait for take, on this machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samarbeid .venv/bin/python bench/run.py

Builds a throwaway test database (like the test suite), fills it, and prints p50/p95
of each measured step. Without DATABASE_URL it runs on SQLite in memory.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import warnings

import django

# Static files come from the finders here; collectstatic is a deploy step.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def measure(label, action, repeat):
    action()  # warm up caches and connections
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    p50 = statistics.median(timings)
    print(f"{label:<48} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (n={repeat})")


def build():
    from django.utils import timezone

    from meetings import services as meeting_services
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
    for _i in range(12):
        other = PersonFactory(organisation=municipality)
        services.group_membership_add(group=group, person=other, role="member")
    meeting = meeting_services.meeting_plan(
        group=group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2022, 6, 28, 11)),
    )
    notes = "<p>" + " ".join(["Arbeidsgruppa har kartlagt nå-situasjonen."] * 25) + "</p>"
    cases = []
    while meeting.cases.count() < 30:
        case = meeting_services.case_add(
            meeting=meeting, title="Sak", notes=notes, decision="<p>Tatt til orientering.</p>"
        )
        meeting_services.action_item_add(
            case=case, description="Følge opp", responsible_people=[person]
        )
        cases.append(case)
    return secretary, project, meeting, cases[0]


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from django.test import Client

        from meetings import services as meeting_services

        secretary, project, meeting, case = build()
        client = Client()
        client.force_login(secretary)
        print(f"database: {connection.vendor}")

        counter = {"n": 0}

        def save_case():
            counter["n"] += 1
            case.refresh_from_db()
            meeting_services.case_update(
                case=case,
                changes={"notes": f"<p>Versjon {counter['n']}</p>" + case.notes[:2000]},
                seen_updated_at=case.updated_at,
            )

        measure("save a case (service, with history)", save_case, 100)
        measure(
            "autosave a case (HTTP POST)",
            lambda: client.post(
                f"/moter/{meeting.pk}/saker/{case.pk}/autolagre/",
                {
                    "title": "Sak",
                    "kind": "decision",
                    "notes": "<p>Tekst</p>",
                    "seen_updated_at": type(case).objects.get(pk=case.pk).updated_at.isoformat(),
                },
            ),
            100,
        )
        measure(
            "render a meeting with 30 cases (GET)",
            lambda: client.get(meeting.get_absolute_url()),
            50,
        )
        measure("render the project page (GET)", lambda: client.get(project.get_absolute_url()), 50)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
