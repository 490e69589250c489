"""Writes to the register of people beyond creating one (projects.services.person_create):
editing, merging duplicates, and a person leaving their organisation.

Atomic, keyword-only, ``full_clean()`` before ``save()``, like projects.services.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects import permissions, selectors, services
from projects.member_import import ImportRow
from projects.models import GroupMembership, Organisation, Person, Project, ProjectGroup
from samarbeid.conflicts import ensure_unchanged

# Fields a merge copies to the kept person when theirs is empty.
FILLED_FROM_DUPLICATE = ("title", "organisation", "email", "phone")


@transaction.atomic
def person_update(
    *, person: Person, changes: dict, seen_updated_at: datetime.datetime | None
) -> Person:
    ensure_unchanged(person, seen_updated_at)
    for field, value in changes.items():
        setattr(person, field, value)
    person.full_clean()
    person.save()
    return person


# --- Merging duplicates ---------------------------------------------------


def _overlap(a: GroupMembership, b: GroupMembership) -> bool:
    """Two seats overlap unless one ends before the other starts (open ends never end)."""
    a_before_b = a.end_date is not None and b.start_date is not None and a.end_date < b.start_date
    b_before_a = b.end_date is not None and a.start_date is not None and b.end_date < a.start_date
    return not (a_before_b or b_before_a)


def _seat_clashes(keep: Person, remove: Person) -> list[str]:
    kept = list(keep.memberships.select_related("group"))
    clashes = []
    for seat in remove.memberships.select_related("group"):
        for other in kept:
            if other.group_id == seat.group_id and _overlap(seat, other):
                clashes.append(seat.group.name)
    return sorted(set(clashes))


def _relations():
    """Every foreign key and many-to-many to Person, in every app (history tables aside:
    they are hidden relations and keep the removed person's rows as they were)."""
    return [rel for rel in Person._meta.related_objects if not rel.field.model._meta.auto_created]


def _unique_clash(rel, row, keep: Person) -> bool:
    """Whether moving ``row`` to ``keep`` would break a unique constraint of its model
    (e.g. both people are participants of one meeting)."""
    model = rel.related_model
    name = rel.field.name
    unique_sets = [c.fields for c in model._meta.total_unique_constraints]
    unique_sets += [tuple(fields) for fields in model._meta.unique_together]
    for fields in unique_sets:
        if name in fields:
            others = {f: getattr(row, model._meta.get_field(f).attname) for f in fields}
            others[rel.field.attname] = keep.pk
            others.pop(name, None)
            if model._base_manager.filter(**others).exclude(pk=row.pk).exists():
                return True
    return False


@transaction.atomic
def person_merge(*, keep: Person, remove: Person) -> Person:
    """Move everything that names ``remove`` to ``keep`` and delete ``remove``.

    All or nothing. Both rows are locked (in id order, so two merges cannot deadlock). Seats
    both hold in one group at overlapping times are refused: one of them must be ended or
    removed first, as a group cannot seat one person twice.
    """
    if keep.pk == remove.pk:
        raise ValidationError(_("Choose two different people to merge."))
    list(Person.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk]).order_by("pk"))
    keep.refresh_from_db()
    remove.refresh_from_db()
    if keep.user_id and remove.user_id:
        raise ValidationError(
            _("Both people have a login to the portal; one of the logins must go first.")
        )
    clashes = _seat_clashes(keep, remove)
    if clashes:
        raise ValidationError(
            _(
                "Both people have a seat at the same time in %(groups)s. End or correct one "
                "of the seats first; nothing was merged."
            )
            % {"groups": ", ".join(clashes)}
        )
    # Seats give grants: the projects of both people's seats are recomputed afterwards.
    projects = set(
        Project.objects.filter(groups__memberships__person__in=[keep, remove]).values_list(
            "id", flat=True
        )
    )
    for rel in _relations():
        if rel.many_to_many:
            _move_many(rel, keep, remove)
        else:
            _move_rows(rel, keep, remove)
    user = remove.user
    filled = {f: getattr(remove, f) for f in FILLED_FROM_DUPLICATE if not getattr(keep, f)}
    remove.delete()
    for field, value in filled.items():
        setattr(keep, field, value)
    if user is not None:
        keep.user = user
    keep.full_clean()
    keep.save()
    for project in Project.objects.filter(pk__in=projects):
        permissions.sync_project_permissions(project)
    return keep


def _move_rows(rel, keep: Person, remove: Person) -> None:
    model = rel.related_model
    for row in model._base_manager.filter(**{rel.field.name: remove}):
        if _unique_clash(rel, row, keep):
            raise ValidationError(
                _("Both people are named in %(what)s; remove one of them there first.")
                % {"what": f"{model._meta.verbose_name} «{row}»"}
            )
        setattr(row, rel.field.name, keep)
        # save(), not update(): the move is recorded in the row's history.
        row.save()


def _move_many(rel, keep: Person, remove: Person) -> None:
    accessor = rel.field.name
    for row in rel.related_model._base_manager.filter(**{accessor: remove}):
        manager = getattr(row, accessor)
        manager.add(keep)
        manager.remove(remove)


# --- Leaving an organisation ----------------------------------------------


@transaction.atomic
def person_leave_organisation(
    *,
    person: Person,
    end_date: datetime.date,
    seats: Sequence[GroupMembership],
    successors: Mapping[int, Person | None],
    new_organisation: Organisation | None = None,
) -> list[GroupMembership]:
    """End ``seats`` on ``end_date`` and seat each successor from the next day, replacing it.

    ``successors`` maps a seat's id to who takes it over (or None). The person then works in
    ``new_organisation`` (or nowhere known). All of it, or nothing if one step is refused.
    """
    start = end_date + datetime.timedelta(days=1)
    created = []
    for seat in seats:
        if seat.start_date is not None and seat.start_date > end_date:
            raise ValidationError(
                _("The seat in %(group)s starts after %(date)s; end it from the group page.")
                % {"group": seat.group.name, "date": date_format(end_date)}
            )
        services.group_membership_end(membership=seat, end_date=end_date)
        successor = successors.get(seat.pk)
        if successor is None:
            continue
        if successor.pk in selectors.seated_person_ids(seat.group, on=start):
            raise ValidationError(
                _("%(name)s already has a seat in %(group)s; nothing was saved.")
                % {"name": successor.name, "group": seat.group.name}
            )
        created.append(
            services.group_membership_add(
                group=seat.group,
                person=successor,
                role=seat.role,
                organisation=seat.organisation,
                start_date=start,
                replaces=seat,
            )
        )
    if person.organisation_id != getattr(new_organisation, "pk", None):
        person.organisation = new_organisation
        person.full_clean()
        person.save()
    return created


# --- Importing members ------------------------------------------------------


@transaction.atomic
def group_members_import(
    *, group: ProjectGroup, rows: Sequence[ImportRow]
) -> list[GroupMembership]:
    """Seat every row of a checked import, creating the new people: all of it, or nothing.

    The group's row is locked as for services.group_members_add, and each known person is
    checked again just before their seat.
    """
    ProjectGroup.objects.select_for_update(no_key=True).filter(pk=group.pk).values_list("pk").get()
    seats = []
    for row in rows:
        person = row.person or _new_person(row)
        if row.person is not None and person.pk in selectors.seated_person_ids(
            group, on=row.start_date
        ):
            raise ValidationError(
                _("%(name)s already has a seat in the group; nothing was saved.")
                % {"name": person.name}
            )
        seats.append(
            services.group_membership_add(
                group=group,
                person=person,
                role=row.role,
                organisation=row.organisation,
                start_date=row.start_date,
            )
        )
    return seats


def _new_person(row: ImportRow) -> Person:
    try:
        with transaction.atomic():
            return services.person_create(
                name=row.name,
                title=row.title,
                organisation=row.organisation,
                email=row.email,
                phone=row.phone,
            )
    except (IntegrityError, ValidationError):
        # Someone saved a person with this address since the preview.
        raise ValidationError(
            _("Row %(number)s: %(name)s could not be added; preview the file again.")
            % {"number": row.number, "name": row.name}
        ) from None
