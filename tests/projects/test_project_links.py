"""No link leads into a 404: projects someone may not open are named, not linked."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings import services as meeting_services
from projects import services
from tests.factories import ProjectFactory, UserFactory


def pilot_seen_without_its_parent(world):
    """A pilot under VÅG in which Bodø takes part, so Bodø's outsider sees it but not VÅG."""
    pilot = ProjectFactory(name="Pilot Bodø", slug="pilot-bodo", parent=world.project)
    services.project_participation_set(project=pilot, organisation=world.bodo, role="owner")
    return pilot


def test_pilot_names_its_parent_without_a_link_for_someone_who_cannot_open_it(world, client_for):
    pilot = pilot_seen_without_its_parent(world)
    outsider = client_for(world.users["outsider"])
    assert outsider.get(world.project.get_absolute_url()).status_code == 404
    page = outsider.get(pilot.get_absolute_url()).content.decode()
    assert world.project.name in page
    assert f'href="{world.project.get_absolute_url()}"' not in page


def test_pilot_links_its_parent_for_its_readers(world, client_for):
    pilot = pilot_seen_without_its_parent(world)
    page = client_for(world.users["portal_admin"]).get(pilot.get_absolute_url()).content.decode()
    assert f'href="{world.project.get_absolute_url()}"' in page
    services.project_participation_set(project=pilot, organisation=world.grue, role="participant")
    reader = client_for(world.users["reader"])
    assert f'href="{world.project.get_absolute_url()}"' in (
        reader.get(pilot.get_absolute_url()).content.decode()
    )


def test_joint_meeting_names_the_other_project_without_links(world, client_for):
    """A meeting of VÅG's steering group held also for Bodø's group: Bodø's member reads
    the minutes as an insider, but may not open VÅG, its group or its meetings list."""
    from tests.conftest import _seat

    outsider = world.users["outsider"]
    _seat(world.other_group, outsider, "member")
    meeting = meeting_services.meeting_plan(
        group=world.steering_group,
        title="Felles møte",
        starts_at=timezone.make_aware(datetime.datetime(2019, 3, 12, 10)),
        also_for=[world.other_group],
    )
    client = client_for(outsider)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    for hidden in (
        world.project.get_absolute_url(),
        world.steering_group.get_absolute_url(),
        reverse("meetings:group_meetings", args=[world.steering_group.pk]),
    ):
        assert f'href="{hidden}"' not in page
        assert client.get(hidden).status_code == 404
    assert str(world.project) in page
    member_page = client_for(world.users["member"]).get(meeting.get_absolute_url())
    assert f'href="{world.project.get_absolute_url()}"' in member_page.content.decode()


def test_agreement_names_a_project_its_party_cannot_open(world, client_for):
    from agreements.drafting import PartySpec
    from tests.agreements.helpers import blank_agreement, person_for

    nav = services.organisation_create(name="NAV Innlandet", kind="nav_county")
    nav_user = UserFactory(username="nav", organisation=nav)
    agreement = blank_agreement(
        world,
        project=world.project,
        parties=[
            PartySpec(world.valer, person_for(world.users["director"]), "kommunedirektør"),
            PartySpec(nav, person_for(nav_user), "fylkesdirektør"),
        ],
    )
    client = client_for(nav_user)
    response = client.get(agreement.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert world.project.name in page
    assert f'href="{world.project.get_absolute_url()}"' not in page
    assert client.get(world.project.get_absolute_url()).status_code == 404
