"""Benchmark: the action-item dashboard and registers at 100,000 items.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samarbeid .venv/bin/python bench/action_items.py

Builds a throwaway test database with the test suite's cast (tests/conftest.py), adds
100,000 action items over 500 groups in 100 projects that the member's municipality
takes part in (a few hundred the member answers for, 2,000 in the member's steering group),
a note on every tenth item, prints the query plans of the dashboard's
and a group register's page query (which indexes they use), and p50/p95 of each page.
Needs PostgreSQL: the plans are what this benchmark is for.
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samarbeid.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import warnings

import django

warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.run import measure  # noqa: E402

ITEMS = int(os.environ.get("BENCH_ITEMS", "100000"))
PROJECTS, GROUPS_PER_PROJECT = 100, 5
STEERING_ITEMS = 2000
BATCH = 5000


def build(world):
    from django.contrib.auth.models import Permission
    from django.utils import timezone

    from meetings.models import ActionItem, ActionItemUpdate, Case, Meeting
    from projects import permissions
    from projects.models import Project, ProjectGroup, ProjectOrganisationPermission

    today = timezone.localdate()
    projects = Project.objects.bulk_create(
        Project(name=f"Prosjekt {i}", slug=f"bench-{i}") for i in range(PROJECTS)
    )
    # Grue takes part in every project, so its people read them all (a national portal).
    view = Permission.objects.get(codename="view_project")
    grue = permissions.organisation_auth_group(world.grue)
    ProjectOrganisationPermission.objects.bulk_create(
        ProjectOrganisationPermission(group=grue, permission=view, content_object=p)
        for p in projects
    )
    groups = ProjectGroup.objects.bulk_create(
        ProjectGroup(project=p, kind="working_group", name=f"Gruppe {j}")
        for p in projects
        for j in range(GROUPS_PER_PROJECT)
    )
    groups = [world.steering_group, *groups]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=g,
            title="Møte",
            starts_at=timezone.make_aware(datetime.datetime(2025, 1, 1, 10)),
            minutes_status="approved",
        )
        for g in groups
    )
    # One case per 10 items, numbered per group.
    cases, numbers = [], {}
    for i in range(ITEMS // 10):
        index = 0 if i < STEERING_ITEMS // 10 else 1 + i % (len(groups) - 1)
        numbers[index] = numbers.get(index, 0) + 1
        cases.append(
            Case(
                group=groups[index],
                meeting=meetings[index],
                year=2025,
                number=numbers[index],
                position=numbers[index],
                title=f"Sak {i}",
            )
        )
    cases = Case.objects.bulk_create(cases, batch_size=BATCH)
    organisations = [world.valer, world.asnes, world.grue, world.bodo]
    items = []
    for i in range(ITEMS):
        # Every 250th item is Grue's (the member's organisation), every 400th the
        # steering group's; the rest name other organisations or nobody.
        items.append(
            ActionItem(
                case=cases[i // 10],
                description=f"Oppfølgingspunkt {i}",
                deadline=today + datetime.timedelta(days=i % 400 - 200),
                status=("open", "in_progress", "done", "cancelled")[i % 4],
                responsible_organisation=(
                    world.grue if i % 250 == 0 else organisations[i % 3 if i % 3 != 2 else 0]
                )
                if i % 5 == 0
                else None,
                responsible_group=world.steering_group if i % 400 == 7 else None,
            )
        )
    items = ActionItem.objects.bulk_create(items, batch_size=BATCH)
    # A follow-up note on every tenth item, so the "last note" column has work to do.
    ActionItemUpdate.objects.bulk_create(
        (ActionItemUpdate(item=item, status=item.status, note="Notat") for item in items[::10]),
        batch_size=BATCH,
    )
    person = world.users["member"].person
    through = ActionItem.responsible_people.through
    through.objects.bulk_create(
        (through(actionitem=item, person=person) for item in items[3::500]), batch_size=BATCH
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def explain(label, queryset):
    print(f"\n--- {label}: query plan ---")
    print(queryset.explain())


def main():
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the query plans are the point.")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from django.test import Client
        from django.urls import reverse

        from meetings import action_selectors
        from meetings.action_selectors import ItemFilters
        from meetings.models import ActionItem
        from tests.conftest import build_world

        world = build_world()
        build(world)
        member, admin = world.users["member"], world.users["project_admin"]
        print(f"database: {connection.vendor}, action items: {ActionItem.objects.count():,}")
        mine = action_selectors.my_open_items(member, filters=ItemFilters())
        print(f"open items the member answers for: {mine.count():,}")
        explain("dashboard page (member)", mine[:25])
        register = action_selectors.register_items(
            member, project=world.project, group=world.steering_group, filters=ItemFilters()
        )
        print(f"items in the steering group: {register.count():,}")
        explain("group register page (member)", register[:25])
        explain(
            "project register page, 'overdue' filter (project admin)",
            action_selectors.register_items(
                admin, project=world.project, group=None, filters=ItemFilters(overdue=True)
            )[:25],
        )

        print()
        member_client, admin_client = Client(), Client()
        member_client.force_login(member)
        admin_client.force_login(admin)
        dashboard = reverse("meetings:my_action_items")
        group_register = reverse("meetings:group_register", args=[world.steering_group.pk])
        project_register = reverse("meetings:project_register", args=[world.project.slug])
        measure("dashboard, page 1 (GET)", lambda: member_client.get(dashboard), 50)
        measure(
            "dashboard, filtered by municipality (GET)",
            lambda: member_client.get(dashboard, {"municipality": world.grue.pk}),
            50,
        )
        measure("group register, page 1 (GET)", lambda: member_client.get(group_register), 50)
        measure(
            "group register, page 40 (GET)",
            lambda: member_client.get(group_register, {"side": 40}),
            50,
        )
        measure(
            "project register, overdue (GET)",
            lambda: admin_client.get(project_register, {"overdue": "on"}),
            50,
        )
        measure(
            "group register, XLSX export of 2,000 rows",
            lambda: member_client.get(
                reverse("meetings:group_register_export", args=[world.steering_group.pk, "xlsx"])
            ),
            5,
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
