"""Who may see and do what: the one module that owns permissions.

Access follows from three facts, each changed only through a service:
- an organisation takes part in a project → everyone in it reads the project
  (a grant to the organisation's auth group: the municipality reader role);
- a user administers a project (prosjektleder) → may change it and its groups;
- a person with a user account sits in a group → reads the project and takes
  part in the group; a secretary also records its minutes.

``sync_project_permissions`` recomputes a project's grants from those facts,
so every service that changes one of them ends by calling it. Lists filter
with one ``id__in`` subquery; a single object is fetched with ``get_*_for_user``
which answers 404, never 403, so an object's existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from projects.models import (
    GroupMembership,
    Organisation,
    Person,
    Project,
    ProjectAdministrator,
    ProjectGroup,
    ProjectGroupUserPermission,
    ProjectOrganisationPermission,
    ProjectParticipation,
    ProjectUserPermission,
)

VIEW_PROJECT = "view_project"
CHANGE_PROJECT = "change_project"
CHANGE_GROUP = "change_projectgroup"
RECORD_MINUTES = "record_minutes"
TAKE_PART = "take_part"
MANAGE_MEMBERS = "manage_members"

# Role → permissions it grants. The roles are documented in projects/README.md.
PROJECT_ADMIN_PROJECT_PERMS = (VIEW_PROJECT, CHANGE_PROJECT)
PROJECT_ADMIN_GROUP_PERMS = (CHANGE_GROUP, RECORD_MINUTES, TAKE_PART, MANAGE_MEMBERS)
MUNICIPALITY_READER_PROJECT_PERMS = (VIEW_PROJECT,)
GROUP_MEMBER_PROJECT_PERMS = (VIEW_PROJECT,)
GROUP_MEMBER_GROUP_PERMS = (TAKE_PART,)
# The secretary keeps the roster of their own group (who sits, deputies, dates), while the
# group itself (name, mandate) and the project's other groups stay with the project admin.
GROUP_SECRETARY_GROUP_PERMS = (TAKE_PART, RECORD_MINUTES, MANAGE_MEMBERS)


AnyUser = User | AnonymousUser


# --- Reading: selectors ---------------------------------------------------


def visible_project_ids(user: AnyUser) -> QuerySet:
    """Ids of the projects ``user`` may read, as a subquery for ``id__in``."""
    if not user.is_authenticated:
        return Project.objects.none().values("id")
    if user.is_superuser:
        return Project.objects.values("id")
    return _project_perm_ids(user, VIEW_PROJECT)


def projects_for_user(user: AnyUser) -> QuerySet[Project]:
    return Project.objects.filter(id__in=visible_project_ids(user))


def groups_for_user(user: AnyUser) -> QuerySet[ProjectGroup]:
    """Groups are as visible as their project: their membership is not confidential."""
    return ProjectGroup.objects.filter(project_id__in=visible_project_ids(user))


def _project_perm_ids(user: AnyUser, codename: str) -> QuerySet:
    direct = ProjectUserPermission.objects.filter(user=user, permission__codename=codename).values(
        "content_object_id"
    )
    through_organisation = ProjectOrganisationPermission.objects.filter(
        group__user=user, permission__codename=codename
    ).values("content_object_id")
    return Project.objects.filter(Q(id__in=direct) | Q(id__in=through_organisation)).values("id")


def has_project_perm(user: AnyUser, codename: str, project: Project) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return _project_perm_ids(user, codename).filter(id=project.pk).exists()


def has_group_perm(user: AnyUser, codename: str, group: ProjectGroup) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return ProjectGroupUserPermission.objects.filter(
        user=user, permission__codename=codename, content_object_id=group.pk
    ).exists()


def get_project_for_user(user: AnyUser, slug: str, *, perm: str = VIEW_PROJECT) -> Project:
    """The project with ``slug`` if ``user`` holds ``perm`` on it; 404 otherwise."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    queryset = Project.objects.all()
    if not user.is_superuser:
        queryset = queryset.filter(id__in=_project_perm_ids(user, perm))
    try:
        return queryset.get(slug=slug)
    except Project.DoesNotExist:
        raise Http404 from None


def get_group_for_user(
    user: AnyUser, project: Project, group_id: int, *, perm: str | None = None
) -> ProjectGroup:
    """A group of a project the caller already fetched through ``get_project_for_user``."""
    try:
        group = project.groups.get(pk=group_id)
    except ProjectGroup.DoesNotExist:
        raise Http404 from None
    group.project = project
    if perm is not None and not has_group_perm(user, perm, group):
        raise Http404
    return group


def get_group_by_id_for_user(
    user: AnyUser, group_id: int, *, perm: str | None = None
) -> ProjectGroup:
    """A group whose project the user may read (and with ``perm``, held on the group); or 404."""
    try:
        group = groups_for_user(user).select_related("project").get(pk=group_id)
    except ProjectGroup.DoesNotExist:
        raise Http404 from None
    if perm is not None and not has_group_perm(user, perm, group):
        raise Http404
    return group


# --- Creating projects and pilots ------------------------------------------
#
# A project owner is a user granted the model permission ``projects.add_project`` (by a
# portal admin, under Permissions on the user in the Django admin). They create projects
# owned by their own organisation; a portal admin creates them for any organisation. A
# pilot is created by whoever may change its parent project, while the parent is open.

ADD_PROJECT = "projects.add_project"


def may_create_project(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.organisation_id:
        return False
    # One query for the grant to the user or to one of their groups, where has_perm()
    # loads both sets of permissions: the project list asks this on every view.
    app_label, codename = ADD_PROJECT.split(".")
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        content_type__app_label=app_label,
        codename=codename,
    ).exists()


def owner_organisations_for(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations ``user`` may name as a new project's owner."""
    if not may_create_project(user):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk=user.organisation_id)


def pilot_owner_organisations_for(user: AnyUser, parent: Project) -> QuerySet[Organisation]:
    """A pilot is owned by one of its parent's organisations (any, for a portal admin)."""
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(participations__project=parent)


def get_project_to_create_pilot(user: AnyUser, slug: str) -> Project:
    """The parent project of a new pilot, or 404 for someone who may not change it."""
    return get_project_for_user(user, slug, perm=CHANGE_PROJECT)


# --- What a page may link to ------------------------------------------------


def viewable_project_ids(request) -> frozenset[int] | None:
    """The ids of the projects the request's user may open, read once per request.

    None stands for "all of them" (a portal admin), so their pages cost no query.
    """
    user = request.user
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    cached = getattr(request, "_viewable_project_ids", None)
    if cached is None:
        cached = frozenset(row["id"] for row in visible_project_ids(user))
        request._viewable_project_ids = cached
    return cached


@dataclass(frozen=True)
class ProjectAbilities:
    """What the user may do on a project page, loaded once for the template."""

    change_project: bool


def project_abilities(user: AnyUser, project: Project) -> ProjectAbilities:
    return ProjectAbilities(change_project=has_project_perm(user, CHANGE_PROJECT, project))


# --- Organisations: a national register everyone logged in may read ----------


def may_manage_organisations(user: AnyUser) -> bool:
    """Portal admins and anyone who runs a project add NAV offices, agencies and companies."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or ProjectAdministrator.objects.filter(user=user).exists()


def may_edit_organisation(user: AnyUser, organisation: Organisation) -> bool:
    # The municipalities and counties come from SSB's register: only a portal admin corrects them.
    if organisation.is_from_register:
        return user.is_authenticated and user.is_superuser
    return may_manage_organisations(user)


def get_organisation_for_user(user: AnyUser, organisation_id: int, *, edit: bool = False):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or (edit and not may_edit_organisation(user, organisation)):
        raise Http404
    return organisation


# --- Writing: keeping grants in step with the facts -----------------------


def organisation_auth_group(organisation: Organisation) -> Group:
    """The auth group that stands for "everyone in this organisation"."""
    if organisation.auth_group_id is None:
        group, _ = Group.objects.get_or_create(name=f"organisation:{organisation.pk}")
        organisation.auth_group = group
        # auth_group is excluded from history; this writes only that column.
        Organisation.objects.filter(pk=organisation.pk).update(auth_group=group)
    return organisation.auth_group


def sync_user_organisation(user: User) -> None:
    """Put the user in their organisation's auth group and no other organisation's."""
    organisation_groups = Group.objects.filter(organisation__isnull=False)
    user.groups.remove(*organisation_groups.exclude(organisation=user.organisation_id))
    if user.organisation_id:
        user.groups.add(organisation_auth_group(user.organisation))


def _permissions_by_codename(model) -> dict[str, Permission]:
    content_type = ContentType.objects.get_for_model(model)
    return {p.codename: p for p in Permission.objects.filter(content_type=content_type)}


@transaction.atomic
def sync_project_permissions(project: Project) -> None:
    """Make the project's stored grants exactly what its facts call for."""
    today = timezone.localdate()
    project_perms = _permissions_by_codename(Project)
    group_perms = _permissions_by_codename(ProjectGroup)
    group_ids = list(project.groups.values_list("id", flat=True))

    wanted_user_project: set[tuple[int, int]] = set()
    wanted_org_project: set[tuple[int, int]] = set()
    wanted_user_group: set[tuple[int, int, int]] = set()

    for user_id in ProjectAdministrator.objects.filter(project=project).values_list(
        "user_id", flat=True
    ):
        wanted_user_project |= {(user_id, project_perms[c].pk) for c in PROJECT_ADMIN_PROJECT_PERMS}
        wanted_user_group |= {
            (user_id, group_perms[c].pk, group_id)
            for c in PROJECT_ADMIN_GROUP_PERMS
            for group_id in group_ids
        }

    for participation in ProjectParticipation.objects.filter(project=project).select_related(
        "organisation"
    ):
        auth_group = organisation_auth_group(participation.organisation)
        wanted_org_project |= {
            (auth_group.pk, project_perms[c].pk) for c in MUNICIPALITY_READER_PROJECT_PERMS
        }

    seats = (
        GroupMembership.objects.current(on=today)
        .filter(group__project=project, person__user__isnull=False)
        .values_list("person__user_id", "group_id", "role")
    )
    for user_id, group_id, role in seats:
        wanted_user_project |= {(user_id, project_perms[c].pk) for c in GROUP_MEMBER_PROJECT_PERMS}
        codenames = (
            GROUP_SECRETARY_GROUP_PERMS
            if role == GroupMembership.Role.SECRETARY
            else GROUP_MEMBER_GROUP_PERMS
        )
        wanted_user_group |= {(user_id, group_perms[c].pk, group_id) for c in codenames}

    _apply(
        ProjectUserPermission.objects.filter(content_object=project),
        ("user_id", "permission_id"),
        wanted_user_project,
        lambda user_id, perm_id: ProjectUserPermission(
            user_id=user_id, permission_id=perm_id, content_object=project
        ),
    )
    _apply(
        ProjectOrganisationPermission.objects.filter(content_object=project),
        ("group_id", "permission_id"),
        wanted_org_project,
        lambda group_id, perm_id: ProjectOrganisationPermission(
            group_id=group_id, permission_id=perm_id, content_object=project
        ),
    )
    _apply(
        ProjectGroupUserPermission.objects.filter(content_object__project=project),
        ("user_id", "permission_id", "content_object_id"),
        wanted_user_group,
        lambda user_id, perm_id, group_id: ProjectGroupUserPermission(
            user_id=user_id, permission_id=perm_id, content_object_id=group_id
        ),
    )


def _apply(existing: QuerySet, key_fields: tuple[str, ...], wanted: set[tuple], build) -> None:
    rows = {tuple(row[1:]): row[0] for row in existing.values_list("id", *key_fields)}
    stale = [row_id for key, row_id in rows.items() if key not in wanted]
    if stale:
        existing.model.objects.filter(id__in=stale).delete()
    missing = [build(*key) for key in wanted if key not in rows]
    # Grant rows carry no history (module docstring), so bulk writes are fine here.
    existing.model.objects.bulk_create(missing)


def sync_permissions_for_person(person) -> None:
    """After a person's login changed: every project where they hold a seat."""
    for project in Project.objects.filter(groups__memberships__person=person).distinct():
        sync_project_permissions(project)


def sync_all_permissions() -> int:
    """Recompute every project's grants; memberships that ended since yesterday lose theirs."""
    count = 0
    for project in Project.objects.all().iterator():
        sync_project_permissions(project)
        count += 1
    return count


# --- Meetings: derived from the group grants above ------------------------
#
# Insiders of a group (its members, its secretary, the project admin) see all its
# meetings, drafts included. Readers of the project see meetings whose minutes
# are approved. Everyone, anonymous too, sees published minutes.

INSIDER_GROUP_PERMS = (TAKE_PART, RECORD_MINUTES, CHANGE_GROUP)


def _group_ids_with(user: AnyUser, codenames: tuple[str, ...]) -> QuerySet:
    return ProjectGroupUserPermission.objects.filter(
        user=user, permission__codename__in=codenames
    ).values("content_object_id")


def insider_group_ids(user: AnyUser) -> QuerySet:
    """Ids of the groups whose drafts and exempt cases ``user`` reads, as a subquery."""
    return _group_ids_with(user, INSIDER_GROUP_PERMS)


def _joint_meeting_ids(insider_groups: QuerySet) -> QuerySet:
    """Meetings held also for one of these groups: their insiders are insiders there too."""
    from meetings.models import Meeting

    return Meeting.also_for.through.objects.filter(projectgroup_id__in=insider_groups).values(
        "meeting_id"
    )


def meetings_for_user(user: AnyUser) -> QuerySet:
    from meetings.models import Meeting

    if user.is_authenticated and user.is_superuser:
        return Meeting.objects.all()
    published = Q(published_at__isnull=False)
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.filter(published)
    insider_groups = _group_ids_with(user, INSIDER_GROUP_PERMS)
    joint = _joint_meeting_ids(insider_groups)
    approved_for_readers = Q(
        group__project_id__in=visible_project_ids(user),
        minutes_status=Meeting.MinutesStatus.APPROVED,
    )
    return Meeting.objects.filter(
        Q(group_id__in=insider_groups) | Q(id__in=joint) | approved_for_readers | published
    )


def get_meeting_for_user(user: AnyUser, meeting_id: int, *, perm: str | None = None):
    """A meeting the user may see, or 404; with ``perm``, one they hold on its group."""
    from meetings.models import Meeting

    try:
        meeting = (
            meetings_for_user(user)
            .select_related("group__project", "secretary", "chair")
            .get(pk=meeting_id)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
    if perm is not None and not has_group_perm(user, perm, meeting.group):
        raise Http404
    return meeting


@dataclass(frozen=True)
class MeetingAbilities:
    """What the user may do with one meeting, loaded once for the page."""

    record_minutes: bool
    take_part: bool

    @property
    def sees_drafts(self) -> bool:
        return self.record_minutes or self.take_part


def meeting_abilities(user: AnyUser, meeting) -> MeetingAbilities:
    if not user.is_authenticated or not user.is_active:
        return MeetingAbilities(False, False)
    if user.is_superuser:
        return MeetingAbilities(True, True)
    group_ids = [meeting.group_id, *meeting.also_for.values_list("id", flat=True)]
    held = set(
        ProjectGroupUserPermission.objects.filter(
            user=user, content_object_id__in=group_ids, permission__codename__in=INSIDER_GROUP_PERMS
        ).values_list("permission__codename", "content_object_id")
    )
    return MeetingAbilities(
        record_minutes=(RECORD_MINUTES, meeting.group_id) in held,
        take_part=any(codename in INSIDER_GROUP_PERMS for codename, _ in held),
    )


def reads_live_minutes(user: AnyUser, meeting, abilities: MeetingAbilities) -> bool:
    """Whether the user reads the minutes as they stand, not only their published version.

    Insiders of the group read drafts; readers of the project read approved minutes (locked,
    so what they read is what was approved). Everyone else sees the meeting only because it
    was published, and gets exactly what was published, not a reopened draft.
    """
    if abilities.sees_drafts:
        return True
    if not meeting.is_locked:
        return False
    return Project.objects.filter(
        pk=meeting.group.project_id, id__in=visible_project_ids(user)
    ).exists()


# --- Action items: derived from the grants and meetings above -------------
#
# A user answers for an item named after them, after their organisation (or one they
# represent in the item's group), or after a group where they hold a seat today (a deputy's
# seat does not count: deputies stand in at meetings). They see the items they answer for,
# every item of a group they are an insider of, and the items of minutes they may read.
# They update the status of the items they answer for; the group's secretary and the project
# admin update any.


def responsible_action_item_ids(user: AnyUser) -> QuerySet:
    """Ids of the items ``user`` answers for, as one UNION subquery (each part uses an index)."""
    from meetings.models import ActionItem

    if not user.is_authenticated:
        return ActionItem.objects.none().values("id")
    people = ActionItem.responsible_people.through.objects.filter(person__user=user)
    parts = [people.order_by().values("actionitem_id")]
    if user.organisation_id:
        by_organisation = ActionItem.objects.filter(
            responsible_organisation_id=user.organisation_id
        )
        parts.append(by_organisation.order_by().values("id"))
    seats = GroupMembership.objects.current().without_deputies().filter(person__user=user)
    by_group = ActionItem.objects.filter(responsible_group_id__in=seats.values("group_id"))
    parts.append(by_group.order_by().values("id"))
    # Someone representing an organisation in the item's group answers for it too, whatever
    # organisation employs them (a consultant seated for a municipality).
    represented = seats.filter(
        organisation_id=OuterRef("responsible_organisation_id"), group_id=OuterRef("case__group_id")
    )
    by_representation = ActionItem.objects.filter(
        Exists(represented),
        responsible_organisation_id__in=seats.exclude(organisation=None).values("organisation_id"),
    )
    parts.append(by_representation.order_by().values("id"))
    holding = seats.filter(role=OuterRef("responsible_role"), group_id=OuterRef("case__group_id"))
    by_role = ActionItem.objects.filter(
        Exists(holding), responsible_role__in=seats.values("role")
    ).exclude(responsible_role="")
    parts.append(by_role.order_by().values("id"))
    first, *rest = parts
    return first.union(*rest)


def action_items_for_user(user: AnyUser) -> QuerySet:
    from meetings.models import ActionItem, Meeting

    if not user.is_authenticated or not user.is_active:
        return ActionItem.objects.none()
    if user.is_superuser:
        return ActionItem.objects.all()
    insider_groups = _group_ids_with(user, INSIDER_GROUP_PERMS)
    # Readers of the minutes see their items, except under cases exempt from public access, and
    # only while the minutes are approved: reopened minutes are a draft again, and what was
    # published of them is read from the published version, not from these live rows.
    readable_meetings = meetings_for_user(user).filter(
        Q(minutes_status=Meeting.MinutesStatus.APPROVED)
        | Q(id__in=_joint_meeting_ids(insider_groups))
    )
    return ActionItem.objects.filter(
        Q(case__group_id__in=insider_groups)
        | Q(case__meeting_id__in=readable_meetings.values("id"), case__exempt_from_public=False)
        | Q(id__in=responsible_action_item_ids(user)),
        case__group__project_id__in=visible_project_ids(user),
    )


def sees_every_action_item(user: AnyUser, *, group=None, project=None) -> bool:
    """True where the visibility filter can be left out: insiders of the group, project admins.

    The registers then filter on the group or project alone, which an index answers.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if group is not None:
        return ProjectGroupUserPermission.objects.filter(
            user=user, content_object_id=group.pk, permission__codename__in=INSIDER_GROUP_PERMS
        ).exists()
    return has_project_perm(user, CHANGE_PROJECT, project)


def get_action_item_for_user(user: AnyUser, item_id: int, *, to_update: bool = False):
    """An item the user may see (and with ``to_update``, change the status of); or 404."""
    from meetings.models import ActionItem

    try:
        item = (
            action_items_for_user(user)
            .select_related("case__meeting", "case__group__project")
            .get(pk=item_id)
        )
    except ActionItem.DoesNotExist:
        raise Http404 from None
    if to_update and not may_update_action_item(user, item):
        raise Http404
    return item


def may_update_action_item(user: AnyUser, item) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or has_group_perm(user, RECORD_MINUTES, item.case.group):
        return True
    return type(item).objects.filter(pk=item.pk, id__in=responsible_action_item_ids(user)).exists()


def updatable_action_item_ids(user: AnyUser, items) -> set[int]:
    """Which of a page's items the user may update: two queries, whatever the page holds."""
    from meetings.models import ActionItem

    items = list(items)
    if not user.is_authenticated or not user.is_active or not items:
        return set()
    if user.is_superuser:
        return {item.pk for item in items}
    recording = set(
        ProjectGroupUserPermission.objects.filter(
            user=user,
            permission__codename=RECORD_MINUTES,
            content_object_id__in={item.case.group_id for item in items},
        ).values_list("content_object_id", flat=True)
    )
    mine = set(
        ActionItem.objects.filter(
            id__in=[item.pk for item in items if item.case.group_id not in recording]
        )
        .filter(id__in=responsible_action_item_ids(user))
        .values_list("id", flat=True)
    )
    return {item.pk for item in items if item.case.group_id in recording or item.pk in mine}


# --- Agreements -----------------------------------------------------------
#
# An agreement that is not published is seen by the users of its parties' organisations
# and by the project's admins; a published one also by every reader of the project. Only
# the project's admins change it; only a party's designated signatory signs for it
# (agreements.services checks that against the party).


def agreements_for_user(user: AnyUser) -> QuerySet:
    from agreements.models import Agreement, AgreementParty

    if not user.is_authenticated or not user.is_active:
        return Agreement.objects.none()
    if user.is_superuser:
        return Agreement.objects.all()
    rules = Q(project_id__in=_project_perm_ids(user, CHANGE_PROJECT)) | Q(
        published=True, project_id__in=_project_perm_ids(user, VIEW_PROJECT)
    )
    if user.organisation_id:
        party_of = AgreementParty.objects.filter(organisation_id=user.organisation_id)
        rules |= Q(id__in=party_of.values("agreement_id"))
    return Agreement.objects.filter(rules)


def get_agreement_for_user(user: AnyUser, agreement_id: int, *, manage: bool = False):
    """An agreement the user may see (with ``manage``: change, as a project admin), or 404."""
    from agreements.models import Agreement

    try:
        agreement = (
            agreements_for_user(user)
            .select_related("project", "host_municipality")
            .get(pk=agreement_id)
        )
    except Agreement.DoesNotExist:
        raise Http404 from None
    if manage and not has_project_perm(user, CHANGE_PROJECT, agreement.project):
        raise Http404
    return agreement


def get_party_to_sign(user: AnyUser, agreement, party_id: int):
    """The party ``user`` is the designated signatory of; 404 for anyone else."""
    from agreements.models import AgreementParty

    if not user.is_authenticated or not user.is_active:
        raise Http404
    try:
        return agreement.parties.select_related("organisation", "signatory").get(
            pk=party_id, signatory__user=user
        )
    except AgreementParty.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class AgreementAbilities:
    """What the user may do with one agreement, loaded once for the page."""

    manage: bool
    comment: bool
    sign_party_ids: frozenset[int]


def agreement_abilities(user: AnyUser, agreement, consultation=None) -> AgreementAbilities:
    if not user.is_authenticated or not user.is_active:
        return AgreementAbilities(False, False, frozenset())
    manage = has_project_perm(user, CHANGE_PROJECT, agreement.project)
    comment = consultation is not None and (
        user.is_superuser or consultation.invited.filter(pk=user.organisation_id or 0).exists()
    )
    sign = frozenset(agreement.parties.filter(signatory__user=user).values_list("id", flat=True))
    return AgreementAbilities(manage=manage, comment=comment, sign_party_ids=sign)


# --- People: who may give a person a login ---------------------------------


def may_invite_person(user: AnyUser, person: Person) -> bool:
    """Portal admins, and whoever runs a group the person holds a seat in that has not ended:
    its project's admins and its secretary (both hold record_minutes on the group)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    run_by_user = _group_ids_with(user, (RECORD_MINUTES, CHANGE_GROUP))
    today = timezone.localdate()
    return (
        GroupMembership.objects.filter(person=person, group_id__in=run_by_user)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exists()
    )


def get_person_to_invite(user: AnyUser, person_id: int) -> Person:
    """A person ``user`` may give a login (``may_invite_person``); 404 for anyone else."""
    person = Person.objects.select_related("organisation", "user").filter(pk=person_id).first()
    if person is None or not may_invite_person(user, person):
        raise Http404
    return person
