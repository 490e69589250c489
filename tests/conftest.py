"""The named cast every test uses, around one project (VÅG) and one unrelated project.

- portal_admin: superuser
- project_admin: prosjektleder of VÅG (Våler)
- secretary: secretary of VÅG's steering group (Åsnes)
- member: member of VÅG's steering group (Grue)
- reader: works in Grue, which takes part in VÅG, but sits in no group
- director: kommunedirektør in Våler
- outsider: works in Bodø, which takes part only in the unrelated project
- anonymous: not logged in
"""

import os
from dataclasses import dataclass

import pytest

from accounts.models import User
from projects import services
from projects.models import GroupMembership, Organisation, Project, ProjectGroup
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    ProjectGroupFactory,
    UserFactory,
)

ROLES = (
    "portal_admin",
    "project_admin",
    "secretary",
    "member",
    "reader",
    "director",
    "outsider",
    "anonymous",
)


@dataclass
class World:
    valer: Organisation
    asnes: Organisation
    grue: Organisation
    bodo: Organisation
    project: Project
    steering_group: ProjectGroup
    working_group: ProjectGroup
    other_project: Project
    other_group: ProjectGroup
    users: dict[str, User | None]


def _seat(group, user, role):
    person = PersonFactory(name=user.get_full_name(), organisation=user.organisation)
    services.person_link_user(person=person, user=user)
    return services.group_membership_add(group=group, person=person, role=role)


@pytest.fixture(scope="session", autouse=True)
def _history_guard():
    """No write to a tracked model escapes its history (tests/history_guard.py)."""
    from tests import history_guard

    history_guard.install()


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    valer = OrganisationFactory(name="Våler kommune", municipality_number="3419")
    asnes = OrganisationFactory(name="Åsnes kommune", municipality_number="3418")
    grue = OrganisationFactory(name="Grue kommune", municipality_number="3417")
    bodo = OrganisationFactory(name="Bodø kommune", municipality_number="1804", county="Nordland")

    project_admin = UserFactory(username="prosjektleder", organisation=valer)
    project = ProjectFactory(
        name="Interkommunalt samarbeid Våler, Åsnes og Grue",
        short_name="VÅG",
        slug="vag",
        administrator=project_admin,
    )
    for organisation in (valer, asnes, grue):
        services.project_participation_set(project=project, organisation=organisation, role="owner")
    steering_group = ProjectGroupFactory(
        project=project, kind=ProjectGroup.Kind.STEERING_GROUP, name="Styringsgruppe"
    )
    working_group = ProjectGroupFactory(project=project, name="Arbeidsgruppe økonomi")

    other_project = ProjectFactory(name="Bodø-prosjektet", slug="bodo")
    services.project_participation_set(project=other_project, organisation=bodo, role="owner")
    other_group = ProjectGroupFactory(project=other_project, name="Bodø styringsgruppe")

    secretary = UserFactory(username="referent", organisation=asnes)
    _seat(steering_group, secretary, GroupMembership.Role.SECRETARY)
    member = UserFactory(username="medlem", organisation=grue)
    _seat(steering_group, member, GroupMembership.Role.MEMBER)

    users = {
        "portal_admin": UserFactory(
            username="admin", is_superuser=True, is_staff=True, organisation=None
        ),
        "project_admin": project_admin,
        "secretary": secretary,
        "member": member,
        "reader": UserFactory(username="leser", organisation=grue),
        "director": UserFactory(username="direktor", organisation=valer, is_director=True),
        "outsider": UserFactory(username="utenforstaende", organisation=bodo),
        "anonymous": None,
    }
    return World(
        valer=valer,
        asnes=asnes,
        grue=grue,
        bodo=bodo,
        project=project,
        steering_group=steering_group,
        working_group=working_group,
        other_project=other_project,
        other_group=other_group,
        users=users,
    )


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user (or anonymous for None)."""

    def _client(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client


def require_real_service(available: bool, what: str) -> None:
    """Skip a test that needs a real service, except on CI, where it must run."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must provide {what}")
    pytest.skip(f"needs {what}")


@pytest.fixture
def postgres(db):
    from django.db import connection

    require_real_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")


@pytest.fixture
def media(settings, tmp_path):
    """Uploads and stored PDFs go to a fresh folder per test, through the default storage."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": "/media/"},
        },
    }
    return root


@pytest.fixture
def quiet_minutes_tasks(monkeypatch):
    """Notices and archive copies are not under test: their hand-over to the broker is a no-op.

    The archive copy is then filed by the first download. The PDF cache is Redis when
    REDIS_URL is set and outlives the test database, so it starts empty.
    """
    from django.core.cache import cache

    for task in ("minutes_archive", "notify_minutes_event", "notify_action_item_assigned"):
        monkeypatch.setattr(f"meetings.tasks.{task}.delay", lambda *a: None)
    cache.clear()
