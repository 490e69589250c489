"""Every write to projects, groups and their facts goes through here.

Services are atomic, take keyword arguments, validate with ``full_clean()``
before saving, and keep permissions in step (projects.permissions).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from projects import permissions, selectors
from projects.models import (
    CouncilDecision,
    FundingLine,
    GroupMandate,
    GroupMembership,
    GroupSeatPlan,
    Organisation,
    Person,
    Phase,
    ProgressActivity,
    ProgressEntry,
    Project,
    ProjectAdministrator,
    ProjectGroup,
    ProjectParticipation,
)
from projects.roster import NewPerson
from samarbeid.conflicts import ensure_unchanged
from search.indexing import index_object


def _save(instance):
    instance.full_clean()
    instance.save()
    index_object(instance)
    return instance


def _assign(instance, changes: dict) -> None:
    for field, value in changes.items():
        setattr(instance, field, value)


# --- Organisations, people and users --------------------------------------


@transaction.atomic
def organisation_create(
    *, name: str, kind: str, municipality_number: str = "", county: str = ""
) -> Organisation:
    organisation = _save(
        Organisation(name=name, kind=kind, municipality_number=municipality_number, county=county)
    )
    permissions.organisation_auth_group(organisation)
    return organisation


@transaction.atomic
def user_set_organisation(*, user: User, organisation: Organisation | None) -> User:
    if user.organisation_id != getattr(organisation, "pk", None):
        user.organisation = organisation
        _save(user)
    permissions.sync_user_organisation(user)
    return user


@transaction.atomic
def person_create(
    *,
    name: str,
    organisation: Organisation | None = None,
    title: str = "",
    email: str = "",
    phone: str = "",
) -> Person:
    return _save(
        Person(name=name, organisation=organisation, title=title, email=email, phone=phone)
    )


@transaction.atomic
def person_link_user(*, person: Person, user: User | None) -> Person:
    """Give a person a login (or take it away); their group seats follow."""
    if person.user_id != getattr(user, "pk", None):
        person.user = user
        _save(person)
        permissions.sync_permissions_for_person(person)
    return person


# --- Projects -------------------------------------------------------------


@transaction.atomic
def project_create(
    *,
    name: str,
    slug: str,
    short_name: str = "",
    background: str = "",
    status: str = Project.Status.ACTIVE,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    parent: Project | None = None,
    administrator: User | None = None,
) -> Project:
    project = _save(
        Project(
            name=name,
            slug=slug,
            short_name=short_name,
            background=background,
            status=status,
            start_date=start_date,
            end_date=end_date,
            parent=parent,
        )
    )
    if administrator is not None:
        _save(ProjectAdministrator(project=project, user=administrator))
    permissions.sync_project_permissions(project)
    return project


@transaction.atomic
def project_update(
    *, project: Project, changes: dict, seen_updated_at: datetime.datetime | None
) -> Project:
    ensure_unchanged(project, seen_updated_at)
    _assign(project, changes)
    return _save(project)


@transaction.atomic
def project_participation_set(
    *, project: Project, organisation: Organisation, role: str
) -> ProjectParticipation:
    participation = ProjectParticipation.objects.filter(
        project=project, organisation=organisation
    ).first() or ProjectParticipation(project=project, organisation=organisation)
    # Unchanged means no save: a save would add a history row saying nothing.
    if participation.pk is None or participation.role != role:
        participation.role = role
        _save(participation)
    permissions.sync_project_permissions(project)
    return participation


@transaction.atomic
def project_participation_remove(*, participation: ProjectParticipation) -> None:
    project = participation.project
    participation.delete()
    permissions.sync_project_permissions(project)


@transaction.atomic
def project_administrator_add(*, project: Project, user: User) -> ProjectAdministrator:
    administrator, _created = ProjectAdministrator.objects.get_or_create(project=project, user=user)
    permissions.sync_project_permissions(project)
    return administrator


@transaction.atomic
def project_administrator_remove(*, project: Project, user: User) -> None:
    for administrator in ProjectAdministrator.objects.filter(project=project, user=user):
        administrator.delete()
    permissions.sync_project_permissions(project)


@transaction.atomic
def phase_create(*, project: Project, **fields) -> Phase:
    return _save(Phase(project=project, **fields))


@transaction.atomic
def phase_update(
    *, phase: Phase, changes: dict, seen_updated_at: datetime.datetime | None
) -> Phase:
    ensure_unchanged(phase, seen_updated_at)
    _assign(phase, changes)
    return _save(phase)


@transaction.atomic
def funding_line_create(
    *, project: Project, source: str, amount: Decimal, year: int, note: str = ""
) -> FundingLine:
    return _save(FundingLine(project=project, source=source, amount=amount, year=year, note=note))


# --- Groups ---------------------------------------------------------------


@transaction.atomic
def group_create(
    *,
    project: Project,
    kind: str,
    name: str,
    decision_label: str = ProjectGroup.DecisionLabel.DECISION,
    mandate: str = "",
    adopted_on=None,
    mandate_note: str = "",
    seat_plan: Iterable[SeatPlanLine] = (),
) -> ProjectGroup:
    group = _save(
        ProjectGroup(project=project, kind=kind, name=name, decision_label=decision_label)
    )
    if mandate:
        group_mandate_revise(group=group, text=mandate, adopted_on=adopted_on, note=mandate_note)
    group_seat_plan_set(group=group, lines=seat_plan)
    permissions.sync_project_permissions(project)
    return group


@dataclass(frozen=True)
class SeatPlanLine:
    """One line of a group's stated composition: role, from where (or anywhere), how many."""

    role: str
    organisation: Organisation | None
    seats: int


@transaction.atomic
def group_seat_plan_set(
    *, group: ProjectGroup, lines: Iterable[SeatPlanLine]
) -> list[GroupSeatPlan]:
    """Add the lines of the composition; a role from the same place twice is one line."""
    lines = list(lines)
    keys = [(line.role, getattr(line.organisation, "pk", None)) for line in lines]
    if len(set(keys)) != len(keys):
        raise ValidationError(
            _("Each role from the same organisation goes on one line, with its number of seats.")
        )
    return [
        _save(
            GroupSeatPlan(
                group=group, role=line.role, organisation=line.organisation, seats=line.seats
            )
        )
        for line in lines
    ]


@transaction.atomic
def group_update(
    *, group: ProjectGroup, changes: dict, seen_updated_at: datetime.datetime | None
) -> ProjectGroup:
    ensure_unchanged(group, seen_updated_at)
    _assign(group, changes)
    return _save(group)


@transaction.atomic
def group_mandate_revise(
    *,
    group: ProjectGroup,
    text: str,
    adopted_on: datetime.date | None = None,
    note: str = "",
) -> GroupMandate:
    """Add a revision; earlier ones stay, so the group page can show how the mandate grew."""
    return _save(
        GroupMandate(
            group=group,
            text=text,
            adopted_on=adopted_on or timezone.localdate(),
            note=note,
        )
    )


@transaction.atomic
def group_membership_add(
    *,
    group: ProjectGroup,
    person: Person,
    role: str,
    organisation: Organisation | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    replaces: GroupMembership | None = None,
    stands_in_for: GroupMembership | None = None,
    note: str = "",
) -> GroupMembership:
    """Seat a person in a group. Replacing someone ends their seat the day before.

    A deputy (role ``deputy``) stands in for ``stands_in_for``, a member seat of the group,
    or without it is a general deputy of the organisation represented.
    """
    if replaces is not None and start_date is not None and replaces.is_current(start_date):
        replaces.end_date = start_date - datetime.timedelta(days=1)
        _save(replaces)
    membership = _save(
        GroupMembership(
            group=group,
            person=person,
            role=role,
            organisation=organisation if organisation is not None else person.organisation,
            start_date=start_date,
            end_date=end_date,
            replaces=replaces,
            stands_in_for=stands_in_for,
            note=note,
        )
    )
    permissions.sync_project_permissions(group.project)
    return membership


@transaction.atomic
def group_members_add(
    *,
    group: ProjectGroup,
    people: Sequence[Person | NewPerson],
    role: str,
    organisation: Organisation | None = None,
    start_date: datetime.date | None = None,
) -> list[GroupMembership]:
    """Seat several people, creating the new ones: all of them, or none if one is refused.

    The group's row is locked, so two batches for one group are seated one after the other,
    and each person is checked just before their seat: someone seated meanwhile (by another
    batch or the single form) is refused by name, and everything before them is undone.
    """
    # no_key: batches wait for each other, while meetings, cases and single seats of the
    # group (rows pointing at it) are not held up.
    ProjectGroup.objects.select_for_update(no_key=True).filter(pk=group.pk).values_list("pk").get()
    seats = []
    for entry in people:
        person = entry
        if isinstance(entry, NewPerson):
            person = person_create(name=entry.name, title=entry.title, organisation=organisation)
        elif person.pk in selectors.seated_person_ids(group, on=start_date):
            raise ValidationError(
                _("%(name)s already has a seat in the group; nothing was saved.")
                % {"name": person.name}
            )
        seats.append(
            group_membership_add(
                group=group,
                person=person,
                role=role,
                organisation=organisation,
                start_date=start_date,
            )
        )
    return seats


@transaction.atomic
def group_membership_end(
    *, membership: GroupMembership, end_date: datetime.date | None = None
) -> GroupMembership:
    membership.end_date = end_date or timezone.localdate()
    _save(membership)
    permissions.sync_project_permissions(membership.group.project)
    return membership


# --- Council decisions and progress ---------------------------------------


@transaction.atomic
def council_decision_create(
    *,
    project: Project,
    municipality: Organisation,
    case_number: str,
    title: str,
    decided_on: datetime.date | None = None,
    text: str = "",
    phase: Phase | None = None,
) -> CouncilDecision:
    return _save(
        CouncilDecision(
            project=project,
            municipality=municipality,
            case_number=case_number,
            title=title,
            decided_on=decided_on,
            text=text,
            phase=phase,
        )
    )


@transaction.atomic
def progress_activity_create(
    *, project: Project, title: str, order: int = 0, phase: Phase | None = None
) -> ProgressActivity:
    return _save(ProgressActivity(project=project, title=title, order=order, phase=phase))


@transaction.atomic
def progress_entry_set(
    *,
    activity: ProgressActivity,
    organisation: Organisation,
    status: str,
    decision: CouncilDecision | None = None,
    note: str = "",
    seen_updated_at: datetime.datetime | None = None,
    check_seen: bool = False,
) -> ProgressEntry:
    """Set one municipality's status for an activity.

    With ``check_seen`` (the edit form), an entry saved by someone else since the editor
    loaded it (or created meanwhile, when the editor saw none) is a conflict.
    """
    entry = ProgressEntry.objects.filter(activity=activity, organisation=organisation).first()
    if check_seen and entry is not None:
        ensure_unchanged(entry, seen_updated_at)
    entry = entry or ProgressEntry(activity=activity, organisation=organisation)
    wanted = (status, getattr(decision, "pk", None), note)
    if entry.pk is None or (entry.status, entry.decision_id, entry.note) != wanted:
        entry.status, entry.decision, entry.note = status, decision, note
        _save(entry)
    return entry
