"""Reading and writing organisations outside the shipped register: search, create, edit."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from projects import permissions
from projects.models import Organisation
from samarbeid.conflicts import ensure_unchanged

SEARCH_LIMIT = 20


def current_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(ended_on__isnull=True, merged_into__isnull=True)


def organisation_search(
    query: str, *, kind: str = "", include_ended: bool = False
) -> QuerySet[Organisation]:
    """Name (start of the name or of any word first, then anywhere) or official number."""
    query = " ".join(query.split())
    organisations = Organisation.objects.all() if include_ended else current_organisations()
    if kind:
        organisations = organisations.filter(kind=kind)
    if not query:
        return organisations
    matches = Q(name__icontains=query)
    if query.isdigit():
        matches |= (
            Q(municipality_number__startswith=query)
            | Q(county_number__startswith=query)
            | Q(organisation_number__startswith=query)
        )
    rank = Case(
        When(name__istartswith=query, then=Value(0)),
        When(name__icontains=f" {query}", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    # The name column sorts in Norwegian order on PostgreSQL (migration 0002).
    return organisations.filter(matches).annotate(rank=rank).order_by("rank", "name")


def organisation_as_json(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": str(organisation.get_kind_display()),
        "number": organisation.number,
        "ended": organisation.is_ended,
    }


@transaction.atomic
def organisation_add(
    *,
    name: str,
    kind: str,
    organisation_number: str = "",
    county: str = "",
    ended_on: datetime.date | None = None,
) -> Organisation:
    organisation = Organisation(
        name=name,
        kind=kind,
        organisation_number=organisation_number,
        county=county,
        ended_on=ended_on,
    )
    organisation.full_clean()
    organisation.save()
    permissions.organisation_auth_group(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, changes: dict, seen_updated_at: datetime.datetime | None
) -> Organisation:
    ensure_unchanged(organisation, seen_updated_at)
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation
