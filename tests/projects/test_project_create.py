"""Creating projects and pilots from the portal: who may, and what a new project starts with."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from projects import permissions, project_setup
from projects.models import Project, ProjectAdministrator, ProjectParticipation
from tests.conftest import build_world
from tests.factories import UserFactory

NEW = reverse("projects:create")


def make_owner(organisation, username="eier"):
    """A project owner: a portal admin granted them projects.add_project."""
    user = UserFactory(username=username, organisation=organisation)
    user.user_permissions.add(Permission.objects.get(codename="add_project"))
    return user


def form_data(**overrides):
    data = {"name": "Felles barnevern Glåmdal", "short_name": "", "background": ""}
    return {**data, **overrides}


def test_project_owner_creates_a_project_owned_by_their_organisation(world, client_for):
    owner = make_owner(world.valer)
    client = client_for(owner)
    assert "Nytt prosjekt" in client.get(reverse("projects:list")).content.decode()

    response = client.post(NEW, form_data(owner=world.valer.pk))

    project = Project.objects.get(name="Felles barnevern Glåmdal")
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.slug == "felles-barnevern-glamdal"
    assert project.parent is None
    participation = ProjectParticipation.objects.get(project=project)
    assert (participation.organisation, participation.role) == (world.valer, "owner")
    assert ProjectAdministrator.objects.filter(project=project, user=owner).exists()
    # Synced: the creator may change it, and everyone in Våler reads it.
    assert permissions.has_project_perm(owner, permissions.CHANGE_PROJECT, project)
    director = world.users["director"]
    assert permissions.has_project_perm(director, permissions.VIEW_PROJECT, project)
    assert not permissions.has_project_perm(director, permissions.CHANGE_PROJECT, project)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Prosjektet ble opprettet." in page
    assert project.history.latest().history_user == owner


def test_project_owner_cannot_name_another_organisation_as_owner(world, client_for):
    client = client_for(make_owner(world.valer))
    response = client.post(NEW, form_data(owner=world.bodo.pk))
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Project.objects.filter(name="Felles barnevern Glåmdal").exists()


def test_project_owner_without_an_organisation_may_not_create(world, client_for):
    user = make_owner(None, username="uten-org")
    assert client_for(user).get(NEW).status_code == 404


@pytest.mark.parametrize("role", ["project_admin", "secretary", "member", "reader", "outsider"])
def test_other_roles_get_404_and_no_link(world, client_for, role):
    client = client_for(world.users[role])
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, form_data(owner=world.valer.pk)).status_code == 404
    assert "Nytt prosjekt" not in client.get(reverse("projects:list")).content.decode()


def test_anonymous_is_sent_to_log_in(world, client_for):
    response = client_for(None).get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_portal_admin_picks_owner_and_another_administrator(world, client_for):
    admin = world.users["portal_admin"]
    leader = world.users["reader"]
    response = client_for(admin).post(
        NEW, form_data(name="Ørsta og Volda", owner=world.grue.pk, administrator=leader.pk)
    )
    assert response.status_code == 302
    project = Project.objects.get(name="Ørsta og Volda")
    assert project.slug == "orsta-og-volda"
    assert list(project.administrators.values_list("user", flat=True)) == [leader.pk]
    assert permissions.has_project_perm(leader, permissions.CHANGE_PROJECT, project)


def test_missing_owner_and_name_are_named_in_norwegian(world, client_for):
    client = client_for(world.users["portal_admin"])
    response = client.post(NEW, {"name": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Velg organisasjonen som eier prosjektet." in page
    assert "Gi prosjektet et navn." in page
    assert Project.objects.count() == 2


def test_duplicate_name_is_refused_and_the_form_kept(world, client_for):
    client = client_for(make_owner(world.valer))
    response = client.post(
        NEW,
        form_data(
            name="interkommunalt samarbeid Våler, Åsnes og Grue",
            owner=world.valer.pk,
            background="Min bakgrunnstekst",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "finnes allerede" in page
    assert "Min bakgrunnstekst" in page
    assert Project.objects.count() == 2


def test_slugs_are_unique_transliterated_and_skip_reserved_words(world):
    assert project_setup.slug_base("Æra for Øst-Ågder") == "aera-for-ost-agder"
    assert project_setup.unique_slug("VÅG") == "vag-2"
    assert project_setup.unique_slug("Ny") == "ny-2"
    assert project_setup.unique_slug("Arkiverte") == "arkiverte-2"
    # /offentlig/sok/ is the public search, not a project's public page.
    assert project_setup.unique_slug("Søk") == "sok-2"
    assert project_setup.unique_slug("!!!") == "prosjekt"


def test_same_name_under_another_parent_gets_its_own_address(world, client_for):
    client = client_for(world.users["portal_admin"])
    for parent in (world.project, world.other_project):
        url = reverse("projects:pilot_create", args=[parent.slug])
        owner = parent.participations.first().organisation
        assert client.post(url, form_data(name="Pilot NAV", owner=owner.pk)).status_code == 302
    slugs = sorted(Project.objects.filter(name="Pilot NAV").values_list("slug", flat=True))
    assert slugs == ["pilot-nav", "pilot-nav-2"]


def test_project_admin_creates_a_pilot_owned_by_a_participant(world, client_for):
    admin = world.users["project_admin"]
    client = client_for(admin)
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Nytt delprosjekt/pilot" in page
    url = reverse("projects:pilot_create", args=["vag"])
    # Bodø takes no part in VÅG, so it is no choice for a VÅG pilot.
    refused = client.post(url, form_data(name="Pilot Grue", owner=world.bodo.pk))
    assert refused.status_code == 200
    response = client.post(url, form_data(name="Pilot Grue", owner=world.grue.pk))
    assert response.status_code == 302
    pilot = Project.objects.get(name="Pilot Grue")
    assert pilot.parent == world.project
    assert pilot.participations.get().organisation == world.grue
    assert permissions.has_project_perm(admin, permissions.CHANGE_PROJECT, pilot)
    assert "Pilot Grue" in client.get(world.project.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["secretary", "member", "reader", "director"])
def test_readers_of_the_project_may_not_create_pilots(world, client_for, role):
    client = client_for(world.users[role])
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Nytt delprosjekt/pilot" not in page
    url = reverse("projects:pilot_create", args=["vag"])
    assert client.post(url, form_data(owner=world.grue.pk)).status_code == 404


def test_no_pilot_under_a_closed_project(world, client_for):
    import datetime

    project_setup.project_close(project=world.project, closed_on=datetime.date(2024, 1, 1))
    client = client_for(world.users["project_admin"])
    url = reverse("projects:pilot_create", args=["vag"])
    response = client.post(url, form_data(owner=world.grue.pk), follow=True)
    assert "Prosjektet er avsluttet og tar ikke imot nye delprosjekter." in (
        response.content.decode()
    )
    assert not Project.objects.filter(name="Felles barnevern Glåmdal").exists()


@pytest.mark.django_db(transaction=True)
def test_created_project_is_open_to_its_administrator_after_the_commit(postgres, client_for):
    """In autocommit, as in production: the grants are written with the project, so the
    very next request (a new transaction) finds it."""
    world = build_world()
    owner = make_owner(world.asnes)
    client = client_for(owner)
    response = client.post(NEW, form_data(name="Åsnes alene", owner=world.asnes.pk))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 200
    assert "Åsnes alene" in follow.content.decode()
    assert "Rediger prosjekt" in follow.content.decode()
    # And the secretary from Åsnes, whose organisation owns it, reads it too.
    reader = client_for(world.users["secretary"])
    assert reader.get(response["Location"]).status_code == 200
