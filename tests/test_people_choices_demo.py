"""On the demo: NAV Nordland's secretary is offered no VÅG staff, and cannot add one by id."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from meetings import services
from meetings.models import Participant
from projects.models import Person, ProjectGroup


@pytest.fixture(scope="module")
def demo_meeting(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo and a new meeting of the cooperation forum whose secretary is ``referent``,
    loaded once for the module and rolled back at its end."""
    folder = tmp_path_factory.mktemp("demo")
    with (
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            AGREEMENT_SEAL_CERT=folder / "cert.pem",
            AGREEMENT_SEAL_KEY=folder / "key.pem",
            MEDIA_ROOT=folder,
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
        group = ProjectGroup.objects.get(
            memberships__person__user__username="referent", memberships__role="secretary"
        )
        yield services.meeting_plan(
            group=group,
            title="Samarbeidsforum",
            starts_at=timezone.now() + datetime.timedelta(days=7),
        )
        transaction.set_rollback(True)


@pytest.fixture
def nav_secretary(demo_meeting, db, client):
    client.force_login(User.objects.get(username="referent"))
    return client


def test_nav_secretary_sees_no_vag_staff_and_cannot_add_them(demo_meeting, nav_secretary):
    vag_person = Person.objects.get(user__username="leser")  # Anne Britt Røst, Åsnes
    assert vag_person.organisation.name.startswith("Åsnes")
    url = reverse("meetings:participants", args=[demo_meeting.pk])
    page = nav_secretary.get(url).content.decode()
    assert "Cathrine Stavnes" in page  # NAV Nordland, in the forum
    assert vag_person.name not in page
    response = nav_secretary.post(
        url, {"add": "1", "person": vag_person.pk, "attendance": "guest", "note": ""}
    )
    assert response.status_code == 200
    assert "person" in response.context["add_form"].errors
    assert not Participant.objects.filter(meeting=demo_meeting, person=vag_person).exists()
