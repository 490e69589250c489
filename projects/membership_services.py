"""Editing a seat after it was made: role, organisation, dates, whom a deputy stands in for.

Kept apart from projects.services (adding and ending seats) so neither grows past a screen
of reading; the same rules hold: atomic, keyword-only, ``full_clean()`` before ``save()``,
permissions synced at the end.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from projects import permissions, selectors
from projects.models import GroupMembership, ProjectGroup
from samarbeid.conflicts import ensure_unchanged


@transaction.atomic
def group_membership_update(
    *,
    membership: GroupMembership,
    changes: dict,
    seen_updated_at: datetime.datetime | None,
) -> GroupMembership:
    """Change a seat; refused if it would seat the person twice or strand their deputies."""
    group = membership.group
    # The same lock as a batch of new seats: the clash check below and the save happen as one
    # step against every other roster write that checks seats (batches and edits).
    ProjectGroup.objects.select_for_update(no_key=True).filter(pk=group.pk).values_list("pk").get()
    ensure_unchanged(membership, seen_updated_at)
    for field, value in changes.items():
        setattr(membership, field, value)
    clashing = selectors.seated_person_ids(
        group,
        # A seat without a start date has always been there: every earlier seat clashes.
        on=membership.start_date or datetime.date.min,
        until=membership.end_date,
        exclude_seat=membership,
    )
    if membership.person_id in clashing:
        raise ValidationError(
            {
                "start_date": _(
                    "%(name)s has another seat in the group in this period. Change or end "
                    "that seat first."
                )
                % {"name": membership.person.name}
            }
        )
    if membership.is_deputy and membership.deputies.exists():
        raise ValidationError(
            {
                "role": _(
                    "Others are deputies for this seat: give them another member to stand in "
                    "for before making this seat a deputy."
                )
            }
        )
    membership.full_clean()
    membership.save()
    permissions.sync_project_permissions(group.project)
    return membership
