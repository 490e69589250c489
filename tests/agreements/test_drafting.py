"""Making an agreement from the partnership template, its open fill-ins, its versions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements import drafting, selectors, services
from agreements.drafting import PartySpec
from agreements.models import Agreement
from projects import services as project_services
from samarbeid.conflicts import WorkflowError
from tests.agreements.helpers import PARTNERSHIP, blank_agreement, person_for, write_text

pytestmark = pytest.mark.usefixtures("postgres")


@pytest.fixture
def nav_county(world):
    return project_services.organisation_create(name="NAV Innlandet", kind="nav_county")


def from_template(world, nav_county, **kwargs):
    defaults = {
        "project": world.project,
        "template": PARTNERSHIP,
        "title": "Partnerskapsavtale NAV Solør",
        "parties": [
            PartySpec(world.valer, person_for(world.users["director"]), "kommunedirektør"),
            PartySpec(nav_county),
        ],
        "host_municipality": world.valer,
        "valid_from": datetime.date(2026, 1, 1),
        "valid_until": datetime.date(2029, 12, 31),
        "by": world.users["project_admin"],
    }
    return drafting.agreement_create_from_template(**(defaults | kwargs))


def section(agreement, number):
    version = drafting.current_version(agreement)
    return next(s for s in version.sections if s["number"] == number)


def test_template_has_numbered_sections_from_1_to_9_with_named_fields():
    numbers = [section.number for section in PARTNERSHIP.sections]
    assert numbers[0] == "1.0" and numbers[-1] == "9.0"
    assert {"2.1", "3.2", "3.8", "4.0"} <= set(numbers)
    every_text = " ".join(
        [s.text for s in PARTNERSHIP.sections]
        + [a.text for s in PARTNERSHIP.sections for a in s.alternatives]
    )
    for name in PARTNERSHIP.by_name:
        assert "{" + name + "}" in every_text, name


def test_the_portal_fills_in_what_it_knows(world, nav_county):
    agreement = from_template(world, nav_county)
    parties = section(agreement, "1.0")["text"]
    # Alternative 2, since Våler is host municipality; the project's other municipalities
    # are the ones it serves.
    assert "rådmann i Våler kommune som er vertskommune for kommunene Grue og Åsnes" in parties
    assert "direktør for NAV Innlandet" in parties
    assert "Alternativ" not in parties
    assert section(agreement, "9.0")["text"] == (
        "Eierne er enig om følgende gyldighetsperiode: 01.01.2026–31.12.2029."
    )
    assert agreement.kind == Agreement.Kind.PARTNERSHIP
    assert agreement.parties.count() == 2


def test_one_municipality_gets_the_first_alternative(world, nav_county):
    agreement = from_template(world, nav_county, host_municipality=None)
    assert section(agreement, "1.0")["text"].startswith(
        "Denne avtalen inngås mellom rådmann i Våler kommune og Arbeids- og velferdsetaten"
    )


def test_open_fill_ins_are_listed_with_their_sections(world, nav_county):
    agreement = from_template(world, nav_county)
    open_items = {item.label: item for item in drafting.open_fill_ins(agreement)}
    # No NAV office is a party, so the portal cannot name it.
    assert open_items["NAV-kontor"].sections[:3] == ("1.0", "2.0", "2.1")
    assert "adresse" in open_items
    assert open_items["ledelse: felles / delt"].choice.options == ("felles", "delt")
    assert "kommune" not in open_items
    assert "gyldighetsperiode" not in open_items


def test_cannot_send_for_signing_while_fill_ins_remain(world, nav_county):
    agreement = from_template(world, nav_county)
    with pytest.raises(WorkflowError, match="Fortsatt åpne: NAV-kontor"):
        services.agreement_send_for_signing(agreement=agreement, by=None)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT


def test_filling_in_replaces_every_place_and_keeps_a_version(world, nav_county):
    agreement = from_template(world, nav_county)
    answers = {item.label: "x" for item in drafting.open_fill_ins(agreement)}
    answers |= {"NAV-kontor": "Solør", "ledelse: felles / delt": "felles"}
    answers["NAV-leders vilkår: kommunale / statlige"] = "statlige"
    answers["statlig ansatte utfører kommunale oppgaver: ja / nei"] = "Eierne er enige om"
    answers["kommunalt ansatte utfører statlige oppgaver: ja / nei"] = "Eierne er enige om"
    version = drafting.agreement_fill_in(
        agreement=agreement, answers=answers, seen_version=1, by=None
    )
    assert version.number == 2
    assert "NAV Solør" in section(agreement, "2.1")["text"]
    assert "[[" not in str(version.sections)
    assert drafting.open_fill_ins(agreement) == []
    agreed = services.agreement_send_for_signing(agreement=agreement, by=None)
    assert agreed.status == Agreement.Status.AGREED
    # Version 1 is kept as it was.
    assert "[[NAV-kontor]]" in str(agreement.versions.get(number=1).sections)


def test_a_choice_takes_only_its_wordings(world, nav_county):
    agreement = from_template(world, nav_county)
    with pytest.raises(ValidationError):
        drafting.agreement_fill_in(
            agreement=agreement,
            answers={"ledelse: felles / delt": "begge deler"},
            seen_version=1,
            by=None,
        )


def test_a_stale_editor_cannot_overwrite_a_newer_version(world):
    agreement = blank_agreement(world)
    write_text(agreement, "Første tekst.")
    with pytest.raises(WorkflowError, match="versjon 2"):
        drafting.agreement_save_version(
            agreement=agreement,
            sections=[{"number": "1.0", "title": "Formål", "text": "Annen tekst."}],
            seen_version=1,
            by=None,
        )


def test_saving_the_same_text_adds_no_version(world):
    agreement = blank_agreement(world)
    write_text(agreement, "Samme.")
    again = write_text(agreement, "Samme.")
    assert again.number == 2
    assert agreement.versions.count() == 2


def test_version_diff_per_section(world):
    agreement = blank_agreement(world)
    first = write_text(agreement, "Partene møtes to ganger i året.")
    second = drafting.agreement_save_version(
        agreement=agreement,
        sections=[
            {"number": "1.0", "title": "Formål", "text": "Partene møtes fire ganger i året."},
            {"number": "2.0", "title": "Økonomi", "text": "Utgiftene deles likt."},
        ],
        seen_version=first.number,
        by=None,
    )
    diffs = {d.number: d for d in selectors.section_diffs(first, second)}
    assert diffs["1.0"].status == "changed"
    assert "<del>to</del><ins>fire</ins>" in diffs["1.0"].html
    assert diffs["2.0"].status == "added"
    unchanged = selectors.section_diffs(second, second)
    assert [d.status for d in unchanged] == ["same", "same"]


def test_sections_need_distinct_numbers(world):
    agreement = blank_agreement(world)
    with pytest.raises(ValidationError):
        drafting.agreement_save_version(
            agreement=agreement,
            sections=[
                {"number": "1.0", "title": "A", "text": ""},
                {"number": "1.0", "title": "B", "text": ""},
            ],
            seen_version=1,
            by=None,
        )


def test_an_agreement_needs_two_parties(world):
    with pytest.raises(ValidationError):
        blank_agreement(world, parties=[PartySpec(world.valer)])


def test_revision_dates_follow_the_interval():
    agreement = Agreement(
        valid_from=datetime.date(2020, 1, 31),
        valid_until=datetime.date(2023, 12, 31),
        revision_interval_months=12,
    )
    assert agreement.revision_dates(after=datetime.date(2021, 6, 1), count=3) == [
        datetime.date(2022, 1, 31),
        datetime.date(2023, 1, 31),
    ]
