"""Every list page costs the same number of queries for 10 rows as for 1,000."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects import permissions
from projects.models import (
    CouncilDecision,
    GroupMandate,
    GroupMembership,
    Person,
    Phase,
    ProgressActivity,
    ProgressEntry,
    Project,
    ProjectGroup,
    ProjectOrganisationPermission,
    ProjectParticipation,
)
from tests.factories import OrganisationFactory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_projects(world, n):
    """n more projects in which the reader's municipality takes part (bulk: test data only)."""
    projects = Project.objects.bulk_create(
        Project(name=f"Prosjekt {i}", slug=f"bulk-{n}-{i}", parent=world.project) for i in range(n)
    )
    view = Permission.objects.get(codename="view_project")
    group = permissions.organisation_auth_group(world.grue)
    ProjectOrganisationPermission.objects.bulk_create(
        ProjectOrganisationPermission(group=group, permission=view, content_object=p)
        for p in projects
    )


def add_seats(world, user, n):
    groups = ProjectGroup.objects.bulk_create(
        ProjectGroup(project=world.project, kind="working_group", name=f"Gruppe {n}-{i}")
        for i in range(n)
    )
    person = user.person
    GroupMembership.objects.bulk_create(
        GroupMembership(group=g, person=person, role="member") for g in groups
    )


def add_project_content(world, n):
    project = world.project
    offset = project.phases.count()
    phases = Phase.objects.bulk_create(
        Phase(project=project, number=offset + i + 1, title=f"Fase {i}") for i in range(n)
    )
    ProjectGroup.objects.bulk_create(
        ProjectGroup(project=project, kind="working_group", name=f"Innhold {n}-{i}")
        for i in range(n)
    )
    municipalities = [
        OrganisationFactory(name=f"Kommune {n}-{i}", municipality_number=f"{5000 + n + i}")
        for i in range(3)
    ]
    ProjectParticipation.objects.bulk_create(
        ProjectParticipation(project=project, organisation=m) for m in municipalities
    )
    CouncilDecision.objects.bulk_create(
        CouncilDecision(
            project=project,
            municipality=municipalities[i % 3],
            case_number=f"k-sak {i}/{n}",
            title="Vedtak",
            phase=phases[i],
        )
        for i in range(n)
    )
    activities = ProgressActivity.objects.bulk_create(
        ProgressActivity(project=project, phase=phases[i], title=f"Aktivitet {i}") for i in range(n)
    )
    ProgressEntry.objects.bulk_create(
        ProgressEntry(activity=a, organisation=m, status="done")
        for a in activities
        for m in municipalities
    )
    sub = Project.objects.bulk_create(
        Project(name=f"Pilot {n}-{i}", slug=f"pilot-{n}-{i}", parent=project) for i in range(n)
    )
    view = Permission.objects.get(codename="view_project")
    ProjectOrganisationPermission.objects.bulk_create(
        ProjectOrganisationPermission(
            group=permissions.organisation_auth_group(world.grue), permission=view, content_object=p
        )
        for p in sub
    )


def add_members(group, n):
    people = Person.objects.bulk_create(Person(name=f"Person {n}-{i}") for i in range(n))
    past = datetime.date(2019, 1, 1)
    GroupMembership.objects.bulk_create(
        GroupMembership(
            group=group,
            person=p,
            role="member",
            start_date=past,
            end_date=past + datetime.timedelta(days=30) if i % 2 else None,
        )
        for i, p in enumerate(people)
    )
    GroupMandate.objects.bulk_create(
        GroupMandate(group=group, text=f"Mandat {i}") for i in range(n)
    )


@pytest.mark.parametrize(
    ("url_name", "grow"),
    [
        (
            "home",
            lambda world, n: (add_projects(world, n), add_seats(world, world.users["member"], n)),
        ),
        ("projects:list", add_projects),
    ],
)
def test_personal_lists_are_constant(world, client_for, url_name, grow):
    client = client_for(world.users["member"])
    grow(world, 10)
    small = count_queries(client, reverse(url_name))
    grow(world, 990)
    assert count_queries(client, reverse(url_name)) == small


def test_project_page_is_constant(world, client_for):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:detail", args=[world.project.slug])
    add_project_content(world, 10)
    small = count_queries(client, url)
    add_project_content(world, 990)
    assert count_queries(client, url) == small


def test_group_page_is_constant(world, client_for):
    client = client_for(world.users["project_admin"])
    group = world.steering_group
    url = reverse("projects:group_detail", args=[world.project.slug, group.pk])
    add_members(group, 10)
    small = count_queries(client, url)
    add_members(group, 990)
    assert count_queries(client, url) == small


def test_project_list_query_budget(world, client_for, django_assert_num_queries):
    client = client_for(world.users["reader"])
    # 1 session, 2 user, 3 may they create projects (the "New project" link), 4 count for the
    # paginator, 5 the user's organisation (page header), 6 the page of projects with parents
    with django_assert_num_queries(6):
        client.get(reverse("projects:list"))
