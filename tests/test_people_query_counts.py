"""The list of people and a person's page: as many queries for 50 rows as for 2
(tests/query_counts.py)."""

import datetime

from django.urls import reverse

from meetings import services as meeting_services
from projects import services
from tests.factories import PersonFactory, ProjectGroupFactory
from tests.query_counts import Page, assert_constant, row


def test_people_list_costs_the_same_for_50_rows(world, client_for):
    def grow(start, count):
        for i in range(start, start + count):
            PersonFactory(name=f"Søkbar {row(i)}", organisation=world.grue, title="rådgiver")

    page = Page(
        lambda: client_for(world.users["reader"]),
        reverse("people:list") + "?q=søkbar",
        lambda n: [f"Søkbar {row(0)}", f"Søkbar {row(n - 1)}"],
    )
    assert_constant([page], grow)


def test_person_page_costs_the_same_for_50_seats_and_action_items(world, client_for):
    person = world.users["member"].person
    meeting = meeting_services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC),
    )
    case = meeting.cases.first()

    def grow(start, count):
        for i in range(start, start + count):
            group = ProjectGroupFactory(project=world.project, name=f"Gruppe {row(i)}")
            seat = services.group_membership_add(
                group=group, person=person, role="member", start_date=datetime.date(2020, 1, 1)
            )
            services.group_membership_end(membership=seat, end_date=datetime.date(2021, 1, 1))
            meeting_services.action_item_add(
                case=case, description=f"Oppgave {row(i)}", responsible_people=[person]
            )

    page = Page(
        lambda: client_for(world.users["secretary"]),
        person.get_absolute_url(),
        lambda n: [f"{kind} {row(i)}" for kind in ("Gruppe", "Oppgave") for i in (0, n - 1)],
    )
    assert_constant([page], grow)
