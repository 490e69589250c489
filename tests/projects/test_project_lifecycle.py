"""Closing, archiving and reopening a project from its page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Project


def close(client, slug="vag", **data):
    data = {"closed_on": "2024-06-30", "outcome": "completed", **data}
    return client.post(reverse("projects:close", args=[slug]), data)


def test_project_admin_closes_archives_and_reopens(world, client_for):
    client = client_for(world.users["project_admin"])
    assert close(client).status_code == 302
    project = Project.objects.get(slug="vag")
    assert project.closed_on == datetime.date(2024, 6, 30)
    assert project.status == Project.Status.COMPLETED
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Prosjektet ble avsluttet 30. juni 2024." in page
    assert "Nytt delprosjekt/pilot" not in page

    response = client.post(reverse("projects:archive", args=["vag"]), {"go": "1"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.archived_on == timezone.localdate()
    listed = client.get(reverse("projects:list")).content.decode()
    assert project.get_absolute_url() not in listed
    archived = client.get(reverse("projects:archived")).content.decode()
    assert project.get_absolute_url() in archived
    # Still readable by its readers, straight from its address.
    assert client_for(world.users["reader"]).get(project.get_absolute_url()).status_code == 200

    client = client_for(world.users["project_admin"])
    assert client.post(reverse("projects:reopen", args=["vag"]), {"go": "1"}).status_code == 302
    project.refresh_from_db()
    assert (project.closed_on, project.archived_on, project.status) == (None, None, "active")
    assert project.get_absolute_url() in client.get(reverse("projects:list")).content.decode()
    assert project.history.count() >= 4


def test_portal_admin_reopens_an_archived_project(world, client_for):
    client = client_for(world.users["portal_admin"])
    close(client, slug="bodo")
    client.post(reverse("projects:archive", args=["bodo"]), {"go": "1"})
    assert client.post(reverse("projects:reopen", args=["bodo"]), {"go": "1"}).status_code == 302
    assert Project.objects.get(slug="bodo").closed_on is None


def test_an_open_project_cannot_be_archived(world, client_for):
    client = client_for(world.users["project_admin"])
    response = client.post(reverse("projects:archive", args=["vag"]), {"go": "1"})
    assert response.status_code == 200
    assert "Avslutt prosjektet før du arkiverer det." in response.content.decode()
    assert Project.objects.get(slug="vag").archived_on is None


def test_closing_date_in_the_future_is_refused(world, client_for):
    client = client_for(world.users["project_admin"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = close(client, closed_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert "Avslutningsdatoen kan ikke være fram i tid." in response.content.decode()
    assert Project.objects.get(slug="vag").closed_on is None


@pytest.mark.parametrize("role", ["secretary", "member", "reader", "director", "outsider"])
def test_readers_cannot_close_and_see_no_button(world, client_for, role):
    client = client_for(world.users[role])
    assert close(client).status_code == 404
    if role != "outsider":
        page = client.get(reverse("projects:detail", args=["vag"])).content.decode()
        assert reverse("projects:close", args=["vag"]) not in page
    assert Project.objects.get(slug="vag").closed_on is None


def test_anonymous_is_sent_to_log_in(world, client_for):
    response = close(client_for(None))
    assert response.status_code == 302
    assert Project.objects.get(slug="vag").closed_on is None


def test_edit_form_offers_only_the_statuses_of_the_projects_state(world, client_for):
    client = client_for(world.users["project_admin"])
    url = reverse("projects:edit", args=["vag"])
    choices = dict(client.get(url).context["form"].fields["status"].choices)
    assert set(choices) == {"planned", "active"}
    data = {"name": world.project.name, "status": "completed", "seen_updated_at": ""}
    data["seen_updated_at"] = Project.objects.get(slug="vag").updated_at.isoformat()
    response = client.post(url, data)
    assert response.status_code == 200
    assert Project.objects.get(slug="vag").status == "active"
    close(client)
    choices = dict(client.get(url).context["form"].fields["status"].choices)
    assert set(choices) == {"completed", "cancelled"}
