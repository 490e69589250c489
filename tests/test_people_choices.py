"""People lists in forms offer the project's people only (projects.selectors.people_for_project).

The register of people is national: a secretary must neither read another municipality's
staff in a drop-down nor put them in their own minutes by posting their id.
"""

import datetime

import pytest
from django.urls import reverse

from meetings import services as meeting_services
from meetings.models import Participant
from projects.models import GroupMembership, Person
from projects.selectors import people_for_project
from tests.factories import PersonFactory


@pytest.fixture
def people(world):
    return {
        "inside": PersonFactory(name="Ingrid Innenfor", organisation=world.grue),
        "outside": PersonFactory(name="Oddvar Utenfor", organisation=world.bodo),
        "nowhere": PersonFactory(name="Nils Uten Arbeidssted", organisation=None),
    }


@pytest.fixture
def meeting(world):
    return meeting_services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte VÅG",
        starts_at=datetime.datetime(2022, 6, 28, 11, tzinfo=datetime.UTC),
    )


def test_participants_form_offers_only_the_projects_people(world, client_for, people, meeting):
    client = client_for(world.users["secretary"])
    page = client.get(reverse("meetings:participants", args=[meeting.pk])).content.decode()
    assert "Ingrid Innenfor" in page
    assert "Oddvar Utenfor" not in page
    assert "Nils Uten Arbeidssted" not in page


@pytest.mark.parametrize("who", ["outside", "nowhere"])
def test_posting_an_outside_person_as_participant_is_refused(
    world, client_for, people, meeting, who
):
    client = client_for(world.users["secretary"])
    before = meeting.participants.count()
    response = client.post(
        reverse("meetings:participants", args=[meeting.pk]),
        {"add": "1", "person": people[who].pk, "attendance": "guest", "note": ""},
    )
    assert response.status_code == 200
    assert "person" in response.context["add_form"].errors
    assert "Velg et gyldig valg" in response.content.decode()
    assert meeting.participants.count() == before
    assert not Participant.objects.filter(person=people[who]).exists()


def test_a_guest_named_on_the_spot_is_offered_at_the_next_meeting(
    world, client_for, people, meeting
):
    client = client_for(world.users["secretary"])
    url = reverse("meetings:participants", args=[meeting.pk])
    response = client.post(
        url, {"add": "1", "new_person_name": "Silje Gjest", "attendance": "guest", "note": ""}
    )
    assert response.status_code == 302
    guest = Person.objects.get(name="Silje Gjest")
    later = meeting_services.meeting_plan(
        group=world.working_group,
        title="Arbeidsgruppemøte",
        starts_at=datetime.datetime(2022, 9, 1, 11, tzinfo=datetime.UTC),
    )
    assert guest in people_for_project(later.group.project)
    # Only in its own project: the guest is not offered to Bodø's secretary.
    assert guest not in people_for_project(world.other_project)


def test_membership_form_offers_only_the_projects_people(world, client_for, people):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:membership_add", args=["vag", world.working_group.pk])
    page = client.get(url).content.decode()
    assert "Ingrid Innenfor (Grue kommune)" in page
    assert "Oddvar Utenfor" not in page and "Bodø kommune)" not in page


def test_posting_an_outside_person_as_member_is_refused(world, client_for, people):
    client = client_for(world.users["project_admin"])
    before = GroupMembership.objects.count()
    response = client.post(
        reverse("projects:membership_add", args=["vag", world.working_group.pk]),
        {"person": people["outside"].pk, "role": "member"},
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert GroupMembership.objects.count() == before


def test_someone_seated_from_outside_stays_choosable(world, client_for, people):
    """A consultant seated in one group (by the Django admin, say) is on the project."""
    from projects import services

    services.group_membership_add(
        group=world.steering_group, person=people["nowhere"], role="observer"
    )
    client = client_for(world.users["project_admin"])
    response = client.post(
        reverse("projects:membership_add", args=["vag", world.working_group.pk]),
        {"person": people["nowhere"].pk, "role": "observer"},
    )
    assert response.status_code == 302
    assert world.working_group.memberships.filter(person=people["nowhere"]).exists()
