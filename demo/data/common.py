"""Helpers and names shared by the demo data modules."""

import datetime

D = datetime.date

INNLANDET = "Innlandet"
NORDLAND = "Nordland"


def seat(
    person: str,
    role: str = "member",
    *,
    organisation: str | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    replaces: str | None = None,
    note: str = "",
) -> dict:
    """A seat in a group. ``replaces`` names a person seated earlier in the same list."""
    return {
        "person": person,
        "role": role,
        "organisation": organisation,
        "start_date": start_date,
        "end_date": end_date,
        "replaces": replaces,
        "note": note,
    }
