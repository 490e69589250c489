"""The register of municipalities and counties shipped in projects/data (issue 14)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from projects.models import Organisation, OrganisationSuccession
from projects.models.organisations import organisation_number_is_valid
from projects.organisation_register import load_data, register_load
from tests.factories import OrganisationFactory

DATA = load_data()


def test_the_data_holds_357_municipalities_and_15_counties():
    assert len(DATA["municipalities"]) == 357
    assert len({m["number"] for m in DATA["municipalities"]}) == 357
    assert len(DATA["counties"]) == 15
    assert "Statistics Norway (SSB) classification 131" in DATA["source"]


def test_numbers_agree_with_a_second_source():
    # Checked against NAV's list of counties and municipalities (see projects/data/README.md).
    numbers = {m["name"]: m["number"] for m in DATA["municipalities"]}
    assert numbers["Grue"] == "3417"
    assert numbers["Åsnes"] == "3418"
    assert numbers["Våler (Innlandet)"] == "3419"
    assert numbers["Våler (Østfold)"] == "3114"
    assert numbers["Bodø"] == "1804"
    assert numbers["Haram"] == "1580"
    assert numbers["Ålesund"] == "1508"
    counties = {c["name"]: c["number"] for c in DATA["counties"]}
    assert counties == {
        "Oslo": "03", "Rogaland": "11", "Møre og Romsdal": "15", "Nordland": "18",
        "Østfold": "31", "Akershus": "32", "Buskerud": "33", "Innlandet": "34",
        "Vestfold": "39", "Telemark": "40", "Agder": "42", "Vestland": "46",
        "Trøndelag": "50", "Troms": "55", "Finnmark": "56",
    }  # fmt: skip
    # Every municipality's first two digits name a county of today.
    assert {m["number"][:2] for m in DATA["municipalities"]} == set(counties.values())


@pytest.mark.django_db
def test_loading_gives_exactly_357_current_municipalities_and_15_counties():
    register_load()
    current = Organisation.objects.filter(ended_on__isnull=True, merged_into__isnull=True)
    assert current.filter(kind="municipality").count() == 357
    assert current.filter(kind="county_council").count() == 15
    grue = Organisation.objects.get(municipality_number="3417")
    assert (grue.name, grue.county) == ("Grue kommune", "Innlandet")
    assert Organisation.objects.get(county_number="34").name == "Innlandet fylkeskommune"
    assert Organisation.objects.get(municipality_number="3419").name == "Våler kommune (Innlandet)"
    assert Organisation.objects.get(municipality_number="3114").name == "Våler kommune (Østfold)"


@pytest.mark.django_db
def test_merges_and_splits_are_recorded_as_successors():
    register_load()
    by_number = Organisation.objects.get
    ballangen = by_number(municipality_number="1854")
    assert ballangen.merged_into == by_number(municipality_number="1806")
    assert ballangen.ended_on == datetime.date(2019, 12, 31)
    assert by_number(municipality_number="0136").merged_into.name == "Moss kommune"
    tysfjord = by_number(municipality_number="1850")
    assert tysfjord.merged_into is None and tysfjord.is_ended
    assert {s.successor.municipality_number for s in tysfjord.successions.all()} == {"1806", "1875"}
    viken = by_number(county_number="30")
    assert viken.ended_on == datetime.date(2023, 12, 31)
    assert sorted(s.successor.county_number for s in viken.successions.all()) == ["31", "32", "33"]
    assert [s.effective_on for s in viken.successions.all()] == [datetime.date(2024, 1, 1)] * 3
    assert {s.successor.county_number for s in by_number(county_number="38").successions.all()} == {
        "39",
        "40",
    }
    assert {s.successor.county_number for s in by_number(county_number="54").successions.all()} == {
        "55",
        "56",
    }
    # Haram left Ålesund in 2024; the Haram merged into Ålesund in 2020 keeps its own row.
    alesund = by_number(municipality_number="1508")
    assert [s.successor.name for s in alesund.successions.all()] == ["Haram kommune"]
    assert not alesund.is_ended
    assert by_number(municipality_number="1534").name == "Haram kommune (til 2019)"
    assert by_number(municipality_number="1534").merged_into == alesund


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_adds_no_history(capsys):
    call_command("load_organisations")
    counts = (
        Organisation.objects.count(),
        Organisation.history.count(),
        OrganisationSuccession.history.count(),
    )
    call_command("load_organisations")
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert (
        Organisation.objects.count(),
        Organisation.history.count(),
        OrganisationSuccession.history.count(),
    ) == counts


@pytest.mark.django_db
def test_existing_rows_are_matched_by_number_then_name_not_duplicated():
    # Renumbered in 2024 (Troms og Finnmark split): the old number finds the row.
    gratangen = OrganisationFactory(name="Gratangen kommune", municipality_number="5414")
    # The Norwegian form of a parallel name is kept as it is.
    fauske = OrganisationFactory(name="Fauske kommune", municipality_number="1841")
    typo = OrganisationFactory(name="Bodø kommune typo", municipality_number="1804")
    register_load()
    gratangen.refresh_from_db()
    assert (gratangen.name, gratangen.municipality_number, gratangen.county) == (
        "Gratangen kommune",
        "5516",
        "Troms",
    )
    fauske.refresh_from_db()
    assert fauske.name == "Fauske kommune"
    typo.refresh_from_db()
    assert typo.name == "Bodø kommune"
    assert Organisation.objects.filter(kind="municipality", ended_on__isnull=True).count() == 357


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("974760673", True),  # Brønnøysundregistrene
        ("964950768", True),
        ("974760674", False),
        ("123456789", False),
        ("97476067", False),
    ],
)
def test_organisation_numbers_are_checked_with_mod11(number, valid):
    assert organisation_number_is_valid(number) is valid


@pytest.mark.django_db
def test_an_organisation_number_that_does_not_exist_is_refused_in_norwegian():
    from django.utils import translation

    organisation = Organisation(
        name="NAV Testby", kind="nav_office", organisation_number="974760674"
    )
    with translation.override("nb"), pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert error.value.message_dict["organisation_number"] == [
        "974760674 er ikke et organisasjonsnummer som finnes: kontrollsifferet er feil. "
        "Sjekk nummeret i Enhetsregisteret (Brønnøysund)."
    ]


@pytest.mark.django_db
def test_only_county_councils_have_a_county_number():
    with pytest.raises(ValidationError) as error:
        Organisation(name="X", kind="nav_office", county_number="34").full_clean()
    assert "county_number" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Organisation(name="Y fylkeskommune", kind="county_council").full_clean()
    assert "county_number" in error.value.message_dict
