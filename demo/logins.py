"""The demo's logins as printed at the end of ``load_demo`` and when ``run_demo`` serves."""

from __future__ import annotations

from accounts.models import User
from demo import data as demo_data

# Public by design: never load the demo into a database real users log in to.
DEMO_PASSWORD = "samarbeid-demo"  # noqa: S105


def login_lines() -> list[str]:
    """A heading and one aligned line per demo login that exists in the database."""
    users = User.objects.in_bulk(
        [spec["username"] for spec in demo_data.USERS], field_name="username"
    )
    rows = [("Brukernavn", "Passord", "Rolle", "Navn / organisasjon")]
    for spec in demo_data.USERS:
        user = users.get(spec["username"])
        if user is not None:
            who = ", ".join(filter(None, [user.get_full_name(), spec["organisation"]]))
            rows.append((user.username, DEMO_PASSWORD, spec["role"], who or "–"))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [f"Innlogginger (passord for alle: {DEMO_PASSWORD}):"]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[3]]))
    return lines
