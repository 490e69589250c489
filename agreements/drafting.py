"""Drafting: an agreement made from a template, its versions, and the fill-ins still open.

An open fill-in is a marker ``[[Label]]`` left in a section's text. The same label may stand
in several places (the NAV office is named in most sections); filling it replaces all of
them at once. An agreement cannot go to signing while any marker remains.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from agreements.models import Agreement, AgreementParty, AgreementVersion
from agreements.template_texts import Choice, Template, get_template
from projects.models import Organisation, Person, Project
from samarbeid.conflicts import WorkflowError, ensure_unchanged
from search.indexing import index_object

MARKER = re.compile(r"\[\[([^\[\]]+)\]\]")


def marker(label: str) -> str:
    return f"[[{label}]]"


@dataclass(frozen=True)
class OpenFillIn:
    label: str
    sections: tuple[str, ...]
    choice: Choice | None


@dataclass(frozen=True)
class PartySpec:
    organisation: Organisation
    signatory: Person | None = None
    signatory_role: str = ""


# --- What the portal knows ----------------------------------------------------


def _short(name: str, prefix: str = "", suffix: str = "") -> str:
    """ "Fauske kommune" → "Fauske"; "NAV Nordland" → "Nordland": the template adds the word."""
    if prefix and name.startswith(prefix):
        name = name[len(prefix) :]
    if suffix and name.endswith(suffix):
        name = name[: -len(suffix)]
    return name.strip()


def _join(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"


def _period(valid_from: datetime.date | None, valid_until: datetime.date | None) -> str:
    if not valid_from:
        return ""
    start = date_format(valid_from, "d.m.Y")
    if not valid_until:
        return _("from %(start)s until further notice") % {"start": start}
    return f"{start}–{date_format(valid_until, 'd.m.Y')}"


def known_values(
    *,
    project: Project,
    parties: list[PartySpec],
    host: Organisation | None,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None,
) -> dict[str, str]:
    """The fill-ins the portal can answer from the parties, the project and the dates."""
    organisations = [party.organisation for party in parties]
    municipalities = [o for o in organisations if o.is_municipality]
    municipality = host or (municipalities[0] if len(municipalities) == 1 else None)
    values: dict[str, str] = {}
    if municipality is not None:
        values["municipality"] = _short(municipality.name, suffix=" kommune")
    served = [o for o in project.organisations.all() if o.is_municipality]
    served_names = sorted({_short(o.name, suffix=" kommune") for o in served + municipalities})
    if host is not None:
        host_name = _short(host.name, suffix=" kommune")
        others = [name for name in served_names if name != host_name]
        if others:
            values["member_municipalities"] = _join(others)
        served_names = [host_name, *others]
    if served_names:
        values["municipalities_served"] = _join(served_names)
    for organisation in organisations:
        if organisation.kind == Organisation.Kind.NAV_COUNTY:
            values["nav_county"] = _short(organisation.name, prefix="NAV ")
        elif organisation.kind == Organisation.Kind.NAV_OFFICE:
            values["nav_office"] = _short(organisation.name, prefix="NAV ")
    if period := _period(valid_from, valid_until):
        values["validity_period"] = period
    return values


def render_sections(template: Template, values: dict[str, str], *, alternative: str) -> list[dict]:
    """The template's sections with ``values`` put in and a marker for every other fill-in."""
    fills = {
        name: values.get(name) or marker(item.label) for name, item in template.by_name.items()
    }
    sections = []
    for section in template.sections:
        text = section.text
        if section.alternatives:
            chosen = next(
                (a for a in section.alternatives if a.key == alternative), section.alternatives[0]
            )
            text = f"{chosen.text}\n\n{text}" if text else chosen.text
        sections.append(
            {"number": section.number, "title": section.title, "text": text.format(**fills)}
        )
    return sections


# --- Open fill-ins --------------------------------------------------------------


def open_fill_ins(
    agreement: Agreement, version: AgreementVersion | None = None
) -> list[OpenFillIn]:
    """Each distinct marker still in the text, with the sections it stands in."""
    version = version or current_version(agreement)
    if version is None:
        return []
    template = get_template(agreement.template_key)
    found: dict[str, list[str]] = {}
    for section in version.sections:
        for label in MARKER.findall(section["title"] + "\n" + section["text"]):
            places = found.setdefault(label, [])
            if section["number"] not in places:
                places.append(section["number"])
    return [
        OpenFillIn(
            label=label,
            sections=tuple(places),
            choice=template.choice_for_label(label) if template else None,
        )
        for label, places in found.items()
    ]


def current_version(agreement: Agreement) -> AgreementVersion | None:
    return agreement.versions.order_by("-number").first()


# --- Writing --------------------------------------------------------------------


def _lock(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


def ensure_editable(agreement: Agreement) -> None:
    if agreement.is_locked:
        raise WorkflowError(_("The agreement is signed and locked."))
    if not agreement.is_editable:
        raise WorkflowError(
            _("The agreement is agreed and out for signing. Reopen it to change the text.")
        )


def _check_sections(sections: list[dict]) -> None:
    numbers = [section.get("number", "").strip() for section in sections]
    if not sections or any(not number for number in numbers):
        raise ValidationError(_("Every section needs a number."))
    if len(set(numbers)) != len(numbers):
        raise ValidationError(_("Two sections have the same number."))


def _add_version(agreement: Agreement, *, sections: list[dict], by: User | None, note: str):
    _check_sections(sections)
    latest = current_version(agreement)
    version = AgreementVersion(
        agreement=agreement,
        number=(latest.number if latest else 0) + 1,
        sections=sections,
        note=note,
        sha256=AgreementVersion.digest(agreement.title, sections),
        created_by=by,
    )
    version._history_user = by
    version.full_clean()
    version.save()
    index_object(version)
    return version


def _add_parties(agreement: Agreement, parties: list[PartySpec], by: User | None) -> None:
    for order, spec in enumerate(parties):
        party = AgreementParty(
            agreement=agreement,
            organisation=spec.organisation,
            signatory=spec.signatory,
            signatory_role=spec.signatory_role,
            order=order,
        )
        party._history_user = by
        party.full_clean()
        party.save()


@transaction.atomic
def agreement_create_from_template(
    *,
    project: Project,
    template: Template,
    title: str,
    parties: list[PartySpec],
    host_municipality: Organisation | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    revision_interval_months: int | None = None,
    values: dict[str, str] | None = None,
    by: User | None,
) -> Agreement:
    """A draft whose first version is the template filled with what the portal knows.

    ``values`` answers further fill-ins by name (the demo data uses it); everything else
    stays open as a marker.
    """
    if len({party.organisation.pk for party in parties}) != len(parties) or len(parties) < 2:
        raise ValidationError(_("An agreement needs at least two different parties."))
    agreement = Agreement(
        project=project,
        kind=template.kind,
        title=title,
        template_key=template.key,
        host_municipality=host_municipality,
        valid_from=valid_from,
        valid_until=valid_until,
        revision_interval_months=revision_interval_months,
        created_by=by,
    )
    agreement._history_user = by
    agreement.full_clean()
    agreement.save()
    _add_parties(agreement, parties, by)
    filled = known_values(
        project=project,
        parties=parties,
        host=host_municipality,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    filled.update(values or {})
    sections = render_sections(
        template, filled, alternative="host" if host_municipality else "single"
    )
    _add_version(agreement, sections=sections, by=by, note=_("Made from the template."))
    return agreement


@transaction.atomic
def agreement_create_blank(
    *,
    project: Project,
    kind: str,
    title: str,
    parties: list[PartySpec],
    host_municipality: Organisation | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    revision_interval_months: int | None = None,
    by: User | None,
) -> Agreement:
    """An agreement without a template: one empty section to start from."""
    if len({party.organisation.pk for party in parties}) != len(parties) or len(parties) < 2:
        raise ValidationError(_("An agreement needs at least two different parties."))
    agreement = Agreement(
        project=project,
        kind=kind,
        title=title,
        host_municipality=host_municipality,
        valid_from=valid_from,
        valid_until=valid_until,
        revision_interval_months=revision_interval_months,
        created_by=by,
    )
    agreement._history_user = by
    agreement.full_clean()
    agreement.save()
    _add_parties(agreement, parties, by)
    sections = [{"number": "1.0", "title": _("Parties"), "text": ""}]
    _add_version(agreement, sections=sections, by=by, note="")
    return agreement


@transaction.atomic
def agreement_save_version(
    *,
    agreement: Agreement,
    sections: list[dict],
    seen_version: int | None,
    note: str = "",
    by: User | None,
) -> AgreementVersion:
    """A new version with ``sections``; refused if someone saved one since the editor loaded."""
    agreement = _lock(agreement)
    ensure_editable(agreement)
    latest = current_version(agreement)
    if latest is not None and seen_version != latest.number:
        raise WorkflowError(
            _(
                "Someone saved version %(number)s while you were editing. Open the agreement "
                "again and compare before saving."
            )
            % {"number": latest.number}
        )
    if latest is not None and latest.sections == sections:
        return latest
    return _add_version(agreement, sections=sections, by=by, note=note)


@transaction.atomic
def agreement_fill_in(
    *,
    agreement: Agreement,
    answers: dict[str, str],
    seen_version: int | None,
    by: User | None,
) -> AgreementVersion:
    """Replace the markers named in ``answers`` everywhere, as one new version."""
    latest = current_version(agreement)
    template = get_template(agreement.template_key)
    sections = []
    for section in latest.sections:
        text, title = section["text"], section["title"]
        for label, answer in answers.items():
            answer = (answer or "").strip()
            if not answer:
                continue
            choice = template.choice_for_label(label) if template else None
            if choice is not None and answer not in choice.options:
                raise ValidationError({label: _("Choose one of the given wordings.")})
            text = text.replace(marker(label), answer)
            title = title.replace(marker(label), answer)
        sections.append({**section, "title": title, "text": text})
    return agreement_save_version(
        agreement=agreement,
        sections=sections,
        seen_version=seen_version,
        note=_("Fill-ins answered."),
        by=by,
    )


@transaction.atomic
def party_update(
    *, party: AgreementParty, changes: dict, seen_updated_at, by: User | None
) -> AgreementParty:
    """Who signs for a party, and in which role."""
    ensure_unchanged(party, seen_updated_at)
    ensure_editable(party.agreement)
    for name, value in changes.items():
        setattr(party, name, value)
    party._history_user = by
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def agreement_update(
    *, agreement: Agreement, changes: dict, seen_updated_at, by: User | None
) -> Agreement:
    """The agreement's facts (title, dates, host, publication); not its text."""
    ensure_unchanged(agreement, seen_updated_at)
    changes = dict(changes)
    replaces = changes.pop("replaces", None)
    if replaces is not None and set(replaces) == set(agreement.replaces.all()):
        replaces = None
    # Which agreements it replaces is a fact about it, not its text: a signed one may say so.
    if agreement.is_locked and set(changes) - {"published"}:
        raise WorkflowError(_("The agreement is signed and locked."))
    for name, value in changes.items():
        setattr(agreement, name, value)
    agreement._history_user = by
    agreement.full_clean()
    agreement.save()
    index_object(agreement)
    if replaces is not None:
        _check_replaces(agreement, replaces)
        agreement.replaces.set(replaces)
    return agreement


def _check_replaces(agreement: Agreement, replaced) -> None:
    """An agreement replaces earlier ones of its own project, never itself."""
    for earlier in replaced:
        if earlier.pk == agreement.pk:
            raise ValidationError({"replaces": _("An agreement cannot replace itself.")})
        if earlier.project_id != agreement.project_id:
            message = _("%(agreement)s belongs to another project.") % {"agreement": earlier}
            raise ValidationError({"replaces": message})
