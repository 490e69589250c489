"""Who may see and manage a person in the national register of people.

Part of the permissions owned by ``projects.permissions`` (kept apart only for the size of
that module); it derives everything from the grants stored there and adds none of its own.

- See: the portal admin; anyone in the person's organisation; anyone who may read a project
  the person belongs to (their organisation takes part in it, they hold or held a seat in one
  of its groups, or they are in one of its meetings' minutes).
- Manage (edit, and end their seats on leaving): the portal admin; a project admin for the
  people of the projects they administer (participating organisations and seats); a group
  secretary for the people seated in the groups whose minutes they record; anyone for the
  people they added themselves.
- Merge: the portal admin; a project admin for a person who may be managed and appears only
  in projects they administer (seats, minutes, agreements' signatories).
- Create: the portal admin, project admins and group secretaries.

Anyone else gets 404 from ``get_person_for_user``.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from projects.models import (
    GroupMembership,
    Organisation,
    Person,
    Project,
    ProjectGroupUserPermission,
    ProjectParticipation,
)
from projects.permissions import (
    CHANGE_GROUP,
    CHANGE_PROJECT,
    RECORD_MINUTES,
    AnyUser,
    _project_perm_ids,
    visible_project_ids,
)


def _active(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_active


def _people_of_projects(project_ids: QuerySet) -> Q:
    """People of these projects: by organisation, by a seat, or in a meeting's minutes."""
    organisations = ProjectParticipation.objects.filter(project_id__in=project_ids).values(
        "organisation_id"
    )
    seated = GroupMembership.objects.filter(group__project_id__in=project_ids).values("person_id")
    # Participant is a meetings model; reaching it by its reverse name keeps projects free of
    # an import of meetings (tests/infra/test_layers.py).
    in_minutes = Person.objects.filter(
        participations__meeting__group__project_id__in=project_ids
    ).values("id")
    return Q(organisation_id__in=organisations) | Q(id__in=seated) | Q(id__in=in_minutes)


def visible_person_ids(user: AnyUser) -> QuerySet:
    if not _active(user):
        return Person.objects.none().values("id")
    if user.is_superuser:
        return Person.objects.values("id")
    rules = _people_of_projects(visible_project_ids(user)) | Q(user=user)
    if user.organisation_id:
        rules |= Q(organisation_id=user.organisation_id)
    return Person.objects.filter(rules).values("id")


def people_for_user(user: AnyUser) -> QuerySet[Person]:
    return Person.objects.filter(id__in=visible_person_ids(user))


def _recording_group_ids(user: AnyUser) -> QuerySet:
    return ProjectGroupUserPermission.objects.filter(
        user=user, permission__codename__in=(RECORD_MINUTES, CHANGE_GROUP)
    ).values("content_object_id")


def manageable_person_ids(user: AnyUser) -> QuerySet:
    if not _active(user):
        return Person.objects.none().values("id")
    if user.is_superuser:
        return Person.objects.values("id")
    administered = _project_perm_ids(user, CHANGE_PROJECT)
    seated_in_my_groups = GroupMembership.objects.filter(
        group_id__in=_recording_group_ids(user)
    ).values("person_id")
    added_by_user = Person.history.filter(history_type="+", history_user=user).values("id")
    organisations = ProjectParticipation.objects.filter(project_id__in=administered).values(
        "organisation_id"
    )
    seated_in_my_projects = GroupMembership.objects.filter(
        group__project_id__in=administered
    ).values("person_id")
    return Person.objects.filter(
        Q(organisation_id__in=organisations)
        | Q(id__in=seated_in_my_projects)
        | Q(id__in=seated_in_my_groups)
        | Q(id__in=added_by_user)
    ).values("id")


def may_manage_person(user: AnyUser, person: Person) -> bool:
    return Person.objects.filter(pk=person.pk, id__in=manageable_person_ids(user)).exists()


def may_create_people(user: AnyUser) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return _project_perm_ids(user, CHANGE_PROJECT).exists() or _recording_group_ids(user).exists()


def organisations_for_new_people(user: AnyUser) -> QuerySet[Organisation]:
    """Where a person this user adds may work: the organisations of the projects they run
    or record minutes in, and their own; the portal admin chooses among all."""
    if user.is_superuser:
        return Organisation.objects.all()
    projects = Project.objects.filter(
        Q(id__in=_project_perm_ids(user, CHANGE_PROJECT))
        | Q(groups__id__in=_recording_group_ids(user))
    ).values("id")
    participating = ProjectParticipation.objects.filter(project_id__in=projects).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        Q(id__in=participating) | Q(id=user.organisation_id or 0)
    ).order_by("name")


def person_project_ids(person: Person) -> set[int]:
    """The projects a person appears in: seats, minutes, agreements they sign."""
    return set(
        Project.objects.filter(
            Q(groups__memberships__person=person)
            | Q(groups__meetings__participants__person=person)
            | Q(agreements__parties__signatory=person)
        ).values_list("id", flat=True)
    )


def may_merge_person(user: AnyUser, person: Person) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    if not may_manage_person(user, person):
        return False
    administered = set(_project_perm_ids(user, CHANGE_PROJECT).values_list("id", flat=True))
    return bool(administered) and person_project_ids(person) <= administered


def get_person_for_user(user: AnyUser, person_id: int, *, manage: bool = False) -> Person:
    """The person if ``user`` may see them (with ``manage``: manage them); 404 otherwise."""
    ids = manageable_person_ids(user) if manage else visible_person_ids(user)
    try:
        return Person.objects.select_related("organisation", "user").get(pk=person_id, id__in=ids)
    except Person.DoesNotExist:
        raise Http404 from None


def changeable_group_ids(user: AnyUser, group_ids) -> set[int]:
    """Which of these groups' seats the user may end or fill (``change_projectgroup``)."""
    group_ids = set(group_ids)
    if user.is_superuser:
        return group_ids
    return set(
        ProjectGroupUserPermission.objects.filter(
            user=user, permission__codename=CHANGE_GROUP, content_object_id__in=group_ids
        ).values_list("content_object_id", flat=True)
    )
