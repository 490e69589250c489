"""My page, the project list, the project page and the group page: as many queries for 50 rows
as for 2 (tests/query_counts.py). Rows are made through the services, as the pages expect them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services as meeting_services
from projects import services
from projects.models import GroupMembership, ProgressEntry, ProjectParticipation
from tests.agreements.helpers import blank_agreement
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory, ProjectGroupFactory
from tests.query_counts import Page, assert_constant, row

MEMBER = GroupMembership.Role.MEMBER
PARTICIPANT = ProjectParticipation.Role.PARTICIPANT


def grow_my_page(world, start, count):
    """Projects the member's municipality takes part in, and seats of the member's."""
    person = world.users["member"].person
    for i in range(start, start + count):
        project = ProjectFactory(name=f"Prosjekt {row(i)}", slug=f"prosjekt-{i}")
        services.project_participation_set(
            project=project, organisation=world.grue, role=PARTICIPANT
        )
        group = ProjectGroupFactory(project=project, name=f"Gruppe {row(i)}")
        services.group_membership_add(group=group, person=person, role=MEMBER)


def grow_project_list(world, start, count):
    for i in range(start, start + count):
        project = ProjectFactory(
            name=f"Prosjekt {row(i)}", slug=f"prosjekt-{i}", parent=world.project
        )
        services.project_participation_set(
            project=project, organisation=world.grue, role=PARTICIPANT
        )


@pytest.mark.parametrize(
    ("role", "url_name", "grow", "shown"),
    [
        # My page lists 50 projects by name: VÅG first, then the first 49 of these.
        (
            "member",
            "home",
            grow_my_page,
            lambda n: [f"Prosjekt {row(0)}", f"Prosjekt {row(1)}", f"Gruppe {row(n - 1)}"],
        ),
        # 50 a page: VÅG and the first 49 of these.
        (
            "reader",
            "projects:list",
            grow_project_list,
            lambda n: [f"Prosjekt {row(0)}", f"Prosjekt {row(min(n, 49) - 1)}"],
        ),
    ],
)
def test_personal_lists_cost_the_same_for_50_rows(world, client_for, role, url_name, grow, shown):
    page = Page(lambda: client_for(world.users[role]), reverse(url_name), shown)
    assert_constant([page], lambda s, c: grow(world, s, c))


def grow_project_page(world, start, count):
    """Each row: a participant, a phase with a council decision and a progress activity, a group,
    a funding line, a pilot and an agreement."""
    project = world.project
    for i in range(start, start + count):
        municipality = OrganisationFactory(name=f"Kommune {row(i)}")
        services.project_participation_set(
            project=project, organisation=municipality, role=PARTICIPANT
        )
        phase = services.phase_create(project=project, number=i + 1, title=f"Fase {row(i)}")
        decision = services.council_decision_create(
            project=project,
            municipality=municipality,
            case_number=f"{i}/26",
            title=f"Vedtak {row(i)}",
            phase=phase,
        )
        activity = services.progress_activity_create(
            project=project, title=f"Aktivitet {row(i)}", order=i, phase=phase
        )
        services.progress_entry_set(
            activity=activity,
            organisation=municipality,
            status=ProgressEntry.Status.DONE,
            decision=decision,
        )
        ProjectGroupFactory(project=project, name=f"Gruppe {row(i)}")
        services.funding_line_create(
            project=project, source=f"Kilde {row(i)}", amount=Decimal(1000), year=2026
        )
        pilot = ProjectFactory(name=f"Pilot {row(i)}", slug=f"pilot-{i}", parent=project)
        services.project_participation_set(
            project=pilot, organisation=world.valer, role=PARTICIPANT
        )
        blank_agreement(world, title=f"Avtale {row(i)}")


def test_project_page_costs_the_same_for_50_rows(world, client_for):
    kinds = ("Kommune", "Fase", "Vedtak", "Aktivitet", "Gruppe", "Kilde", "Pilot", "Avtale")
    page = Page(
        lambda: client_for(world.users["project_admin"]),
        world.project.get_absolute_url(),
        lambda n: [f"{kind} {row(i)}" for kind in kinds for i in (0, n - 1)],
    )
    assert_constant([page], lambda s, c: grow_project_page(world, s, c))


def grow_group_page(world, start, count):
    """Each row: a current member, a former member (replaced by the current one), a mandate
    revision and a meeting."""
    group = world.steering_group
    past = datetime.date(2020, 1, 1)
    for i in range(start, start + count):
        former = services.group_membership_add(
            group=group,
            person=PersonFactory(name=f"Tidligere {row(i)}", organisation=world.grue),
            role=MEMBER,
            start_date=past,
        )
        services.group_membership_add(
            group=group,
            person=PersonFactory(name=f"Medlem {row(i)}", organisation=world.asnes),
            role=MEMBER,
            start_date=past + datetime.timedelta(days=i + 1),
            replaces=former,
        )
        services.group_mandate_revise(group=group, text=f"Mandat {row(i)}", adopted_on=past)
        meeting_services.meeting_plan(
            group=group,
            title=f"Møte {row(i)}",
            # Before the seats began: only the world's two members are invited.
            starts_at=timezone.make_aware(datetime.datetime(2019, 1, 1, 10))
            + datetime.timedelta(days=i),
            standing_cases=False,
        )


def test_group_page_costs_the_same_for_50_rows(world, client_for):
    page = Page(
        lambda: client_for(world.users["project_admin"]),
        world.steering_group.get_absolute_url(),
        # The page shows the five latest meetings.
        lambda n: (
            [f"{kind} {row(i)}" for kind in ("Tidligere", "Medlem", "Mandat") for i in (0, n - 1)]
            + [f"Møte {row(n - 1)}"]
        ),
    )
    assert_constant([page], lambda s, c: grow_group_page(world, s, c))
