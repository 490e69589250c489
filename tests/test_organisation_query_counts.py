"""The organisation list and page cost as many queries for 50 rows as for 2 (issue 14)."""

import datetime

from django.urls import reverse

from projects import services
from projects.models import OrganisationSuccession, ProjectParticipation
from tests.factories import OrganisationFactory, PersonFactory, ProjectFactory
from tests.query_counts import Page, assert_constant, row

ENDED = datetime.date(2019, 12, 31)


def grow_list(world, start, count):
    """Each row: an ended NAV office, merged into Grue or split between Grue and Åsnes."""
    for i in range(start, start + count):
        office = services.organisation_create(name=f"NAV {row(i)}", kind="nav_office")
        office.ended_on = ENDED
        if i % 2:
            office.merged_into = world.grue
        office.save()
        if not i % 2:
            for successor in (world.grue, world.asnes):
                OrganisationSuccession.objects.create(
                    predecessor=office, successor=successor, effective_on=ENDED
                )


def test_the_organisation_list_costs_the_same_for_50_rows(world, client_for):
    page = Page(
        lambda: client_for(world.users["reader"]),
        reverse("organisations:list") + "?q=NAV+Rad&ended=on",
        lambda n: [f"NAV {row(0)}", f"NAV {row(n - 1)}", "Delt i Grue kommune, Åsnes kommune"],
    )
    assert_constant([page], lambda s, c: grow_list(world, s, c))


def grow_detail(world, start, count):
    """Each row: a person in Grue, a project Grue takes part in, a municipality merged into it
    and one it took over part of."""
    for i in range(start, start + count):
        PersonFactory(name=f"Person {row(i)}", organisation=world.grue)
        project = ProjectFactory(name=f"Prosjekt {row(i)}", slug=f"prosjekt-{i}")
        services.project_participation_set(
            project=project, organisation=world.grue, role=ProjectParticipation.Role.PARTICIPANT
        )
        merged = OrganisationFactory(name=f"Sammenslått {row(i)}")
        merged.ended_on, merged.merged_into = ENDED, world.grue
        merged.save()
        split = OrganisationFactory(name=f"Delt {row(i)}")
        OrganisationSuccession.objects.create(
            predecessor=split, successor=world.grue, effective_on=ENDED
        )


def test_the_organisation_page_costs_the_same_for_50_rows(world, client_for):
    kinds = ("Person", "Prosjekt", "Sammenslått", "Delt")
    page = Page(
        lambda: client_for(world.users["reader"]),
        reverse("organisations:detail", args=[world.grue.pk]),
        lambda n: [f"{kind} {row(i)}" for kind in kinds for i in (0, n - 1)],
    )
    assert_constant([page], lambda s, c: grow_detail(world, s, c))
