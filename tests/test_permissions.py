import datetime

import pytest

from projects import permissions, services
from projects.models import GroupMembership
from tests.factories import PersonFactory, UserFactory


def visible_slugs(user):
    return set(permissions.projects_for_user(user).values_list("slug", flat=True))


def test_each_role_sees_its_own_projects_only(world):
    users = world.users
    assert visible_slugs(users["portal_admin"]) == {"vag", "bodo"}
    for role in ("project_admin", "secretary", "member", "reader", "director"):
        assert visible_slugs(users[role]) == {"vag"}, role
    assert visible_slugs(users["outsider"]) == {"bodo"}


def test_anonymous_sees_no_project(world):
    from django.contrib.auth.models import AnonymousUser

    assert visible_slugs(AnonymousUser()) == set()


def test_member_from_non_participating_organisation_reads_the_project(world):
    consultant = UserFactory(username="konsulent", organisation=world.bodo)
    person = PersonFactory(name="Silje Randby Trane", organisation=world.bodo)
    services.person_link_user(person=person, user=consultant)
    services.group_membership_add(
        group=world.working_group, person=person, role=GroupMembership.Role.OBSERVER
    )
    assert visible_slugs(consultant) == {"vag", "bodo"}
    assert permissions.has_group_perm(consultant, "take_part", world.working_group)
    assert not permissions.has_group_perm(consultant, "record_minutes", world.working_group)


def test_ending_a_membership_removes_the_grants(world):
    outsider = world.users["outsider"]
    person = PersonFactory(organisation=world.bodo)
    services.person_link_user(person=person, user=outsider)
    seat = services.group_membership_add(
        group=world.steering_group, person=person, role=GroupMembership.Role.MEMBER
    )
    assert "vag" in visible_slugs(outsider)
    services.group_membership_end(
        membership=seat, end_date=datetime.date.today() - datetime.timedelta(days=1)
    )
    assert visible_slugs(outsider) == {"bodo"}


def test_removing_participation_removes_the_readers(world):
    participation = world.project.participations.get(organisation=world.grue)
    services.project_participation_remove(participation=participation)
    assert visible_slugs(world.users["reader"]) == set()
    # The member from Grue still sits in the steering group, so keeps reading.
    assert visible_slugs(world.users["member"]) == {"vag"}


def test_moving_to_another_organisation_moves_the_access(world):
    reader = world.users["reader"]
    services.user_set_organisation(user=reader, organisation=world.bodo)
    assert visible_slugs(reader) == {"bodo"}


def test_secretary_records_minutes_only_in_own_group(world):
    secretary = world.users["secretary"]
    assert permissions.has_group_perm(secretary, "record_minutes", world.steering_group)
    assert not permissions.has_group_perm(secretary, "record_minutes", world.working_group)


def test_project_admin_gets_new_groups(world):
    group = services.group_create(project=world.project, kind="working_group", name="Arkiv")
    assert permissions.has_group_perm(world.users["project_admin"], "change_projectgroup", group)


def test_sync_is_idempotent_and_repairs_drift(world):
    from projects.models import ProjectUserPermission

    before = set(ProjectUserPermission.objects.values_list("user_id", "permission_id"))
    ProjectUserPermission.objects.filter(user=world.users["member"]).delete()
    assert visible_slugs(world.users["member"]) == {"vag"}  # still a reader through Grue
    permissions.sync_all_permissions()
    permissions.sync_all_permissions()
    after = set(ProjectUserPermission.objects.values_list("user_id", "permission_id"))
    assert before == after


@pytest.mark.parametrize("role", ["reader", "director", "outsider", "member"])
def test_roles_without_change_permission(world, role):
    assert not permissions.has_project_perm(world.users[role], "change_project", world.project)


def test_visible_projects_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(permissions.projects_for_user(world.users["reader"]))
