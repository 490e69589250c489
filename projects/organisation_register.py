"""The national register of municipalities and counties, shipped as data (projects/data).

``register_load()`` writes it into Organisation rows and may run any number of times: a row is
found by its official number (a former number too, for a municipality renumbered when its
county was merged or split), then by name, and saved only when a value differs, so a rerun
adds no history rows. Organisations created in the UI (NAV offices, agencies) are never touched.

A municipality that kept its name through a merger or a new county (Narvik 1805 → 1806, Grue
0423 → 3417, Gratangen 5414 → 5516) stays the same Organisation with its new number: its
people, seats and decisions carry on. Those that disappeared are kept, ended, with their
successor: ``merged_into`` for a merger, ``OrganisationSuccession`` rows for a split.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from projects import permissions
from projects.models import Organisation, OrganisationSuccession

DATA_FILE = Path(__file__).resolve().parent / "data" / "organisations.json"
MUNICIPALITY = Organisation.Kind.MUNICIPALITY
COUNTY_COUNCIL = Organisation.Kind.COUNTY_COUNCIL


def load_data(path: Path = DATA_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def municipality_name(ssb_name: str) -> str:
    """ "Grue" → "Grue kommune"; SSB's "Våler (Innlandet)" → "Våler kommune (Innlandet)"."""
    match = re.fullmatch(r"(.*?) \((.+)\)", ssb_name)
    if match:
        return f"{match.group(1)} kommune ({match.group(2)})"
    return f"{ssb_name} kommune"


def county_name(ssb_name: str) -> str:
    # Oslo has no county council: the municipality carries the county's tasks.
    return "Oslo fylke" if ssb_name == "Oslo" else f"{ssb_name} fylkeskommune"


def name_variants(ssb_name: str) -> set[str]:
    """Names an existing row may carry: "Fauske - Fuossko" is also "Fauske kommune"."""
    base = re.sub(r" \(.+\)$", "", ssb_name)
    return {municipality_name(ssb_name)} | {f"{part} kommune" for part in base.split(" - ")}


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


class _Loader:
    def __init__(self, data: dict):
        self.data = data
        self.report = LoadReport()
        rows = list(Organisation.objects.all())
        self.by_municipality_number = {
            o.municipality_number: o for o in rows if o.municipality_number
        }
        self.by_county_number = {o.county_number: o for o in rows if o.county_number}
        self.by_name = {o.name: o for o in rows}
        self.counties = {c["number"]: c["name"] for c in data["counties"] + data["ended_counties"]}

    def _find(self, numbers: list[str], by_number: dict, names: set[str]) -> Organisation | None:
        for number in numbers:
            if number in by_number:
                return by_number[number]
        for name in sorted(names):
            found = self.by_name.get(name)
            # A row of the same name but another official number is another organisation.
            if (
                found is not None
                and found.kind in (MUNICIPALITY, COUNTY_COUNCIL)
                and (found.municipality_number or found.county_number or numbers[0]) in numbers
            ):
                return found
        return None

    def _write(
        self, organisation: Organisation | None, name: str, accepted=frozenset(), **fields
    ) -> Organisation:
        if organisation is None:
            organisation = Organisation(name=name, **fields)
            organisation.full_clean()
            organisation.save()
            permissions.organisation_auth_group(organisation)
            self.report.created += 1
        else:
            wanted = dict(fields)
            holder = self.by_name.get(name)
            if organisation.name in accepted:
                pass  # "Fauske kommune" is as right as "Fauske - Fuossko kommune": keep it.
            elif holder is not None and holder.pk != organisation.pk:
                self.report.warnings.append(
                    f"{organisation.name}: not renamed to {name!r}, another organisation has it."
                )
            else:
                wanted["name"] = name
            changed = {k: v for k, v in wanted.items() if getattr(organisation, k) != v}
            if not changed:
                self.report.unchanged += 1
                return organisation
            self.by_name.pop(organisation.name, None)
            for key, value in changed.items():
                setattr(organisation, key, value)
            organisation.full_clean()
            organisation.save()
            self.report.updated += 1
        self.by_name[organisation.name] = organisation
        if organisation.municipality_number:
            self.by_municipality_number[organisation.municipality_number] = organisation
        if organisation.county_number:
            self.by_county_number[organisation.county_number] = organisation
        return organisation

    def run(self) -> LoadReport:
        counties = {}
        for county in self.data["counties"] + self.data["ended_counties"]:
            ended = county.get("ended_on")
            name = county_name(county["name"])
            found = self._find([county["number"]], self.by_county_number, {name})
            counties[county["number"]] = self._write(
                found,
                name,
                kind=COUNTY_COUNCIL,
                county_number=county["number"],
                municipality_number="",
                county=county["name"],
                ended_on=datetime.date.fromisoformat(ended) if ended else None,
                merged_into=None,
            )
        current = {}
        current_names = set()
        for municipality in self.data["municipalities"]:
            numbers = [municipality["number"]] + [
                f["number"] for f in municipality["former_numbers"]
            ]
            names = name_variants(municipality["name"])
            names |= {municipality_name(f["name"]) for f in municipality["former_numbers"]}
            found = self._find(numbers, self.by_municipality_number, names)
            name = municipality_name(municipality["name"])
            current_names.add(name)
            current[municipality["number"]] = self._write(
                found,
                name,
                accepted=names,
                kind=MUNICIPALITY,
                municipality_number=municipality["number"],
                county_number="",
                county=self.counties[municipality["county"]],
                ended_on=None,
                merged_into=None,
            )
        for municipality in self.data["ended_municipalities"]:
            name = municipality_name(municipality["name"])
            if name in current_names:
                # Haram (1534, merged into Ålesund in 2020) shares its name with today's Haram.
                name = f"{name} (til {municipality['ended_on'][:4]})"
            found = self._find([municipality["number"]], self.by_municipality_number, {name})
            accepted = name_variants(municipality["name"]) - current_names
            merged = municipality.get("merged_into")
            organisation = self._write(
                found,
                name,
                accepted=accepted,
                kind=MUNICIPALITY,
                municipality_number=municipality["number"],
                county_number="",
                county=municipality["county_then"],
                ended_on=datetime.date.fromisoformat(municipality["ended_on"]),
                merged_into=current[merged] if merged else None,
            )
            for successor in municipality.get("split_into", []):
                self._succession(organisation, current[successor], datetime.date(2020, 1, 1))
        for county in self.data["ended_counties"]:
            effective = datetime.date.fromisoformat(county["ended_on"]) + datetime.timedelta(days=1)
            for successor in county["split_into"]:
                self._succession(counties[county["number"]], counties[successor], effective)
        for split in self.data["split_off"]:
            self._succession(
                current[split["from"]],
                current[split["to"]],
                datetime.date.fromisoformat(split["effective_on"]),
            )
        return self.report

    def _succession(self, predecessor, successor, effective_on) -> None:
        existing = OrganisationSuccession.objects.filter(
            predecessor=predecessor, successor=successor
        ).first()
        if existing is None:
            existing = OrganisationSuccession(predecessor=predecessor, successor=successor)
        elif existing.effective_on == effective_on:
            return
        existing.effective_on = effective_on
        existing.full_clean()
        existing.save()


@transaction.atomic
def register_load(*, data: dict | None = None) -> LoadReport:
    """Write the shipped register into the database; safe to run again."""
    return _Loader(data if data is not None else load_data()).run()
