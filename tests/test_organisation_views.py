"""The organisation pages and the search behind the organisation picker (issue 14)."""

import re

import pytest
from django.urls import reverse

from projects import services
from projects.models import Organisation
from projects.organisation_register import register_load


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def register(world):
    """The shipped register on top of the cast: Grue, Åsnes, Våler and Bodø are matched."""
    register_load()
    return world


def test_the_register_matches_the_casts_municipalities_instead_of_duplicating_them(register):
    assert Organisation.objects.filter(municipality_number="3417").get().pk == register.grue.pk
    assert Organisation.objects.filter(name__startswith="Grue").count() == 1


def test_the_list_searches_by_name_and_number_and_marks_ended_ones(register, client_for):
    client = client_for(register.users["reader"])
    page = text(client.get(reverse("organisations:list"), {"q": "grue"}))
    assert "Grue kommune" in page and "Våler" not in page
    page = text(client.get(reverse("organisations:list"), {"q": "1804"}))
    assert "Bodø kommune" in page
    page = text(client.get(reverse("organisations:list"), {"q": "Ballangen"}))
    assert "Ballangen kommune" not in page
    page = text(client.get(reverse("organisations:list"), {"q": "Ballangen", "ended": "on"}))
    assert "Ballangen kommune Sammenslått med Narvik kommune" in page
    page = text(client.get(reverse("organisations:list"), {"q": "Tysfjord", "ended": "on"}))
    assert "Delt i Hábmer - Hamarøy kommune, Narvik kommune" in page
    page = text(client.get(reverse("organisations:list"), {"q": "Viken", "ended": "on"}))
    assert "Delt i Akershus fylkeskommune, Buskerud fylkeskommune, Østfold fylkeskommune" in page


def test_the_list_filters_by_kind_in_norwegian_order(register, client_for):
    client = client_for(register.users["reader"])
    response = client.get(reverse("organisations:list"), {"kind": "county_council"})
    names = [organisation.name for organisation, _split in response.context["rows"]]
    assert len(names) == 15  # Viken and the other ended ones are left out
    assert names[0] == "Agder fylkeskommune"
    assert names[-3:] == [
        "Vestfold fylkeskommune",
        "Vestland fylkeskommune",
        "Østfold fylkeskommune",
    ]


def test_the_detail_page_shows_numbers_county_successors_people_and_visible_projects(
    register, client_for
):
    services.person_create(name="Kari Grue", organisation=register.grue, title="rådgiver")
    page = text(
        client_for(register.users["reader"]).get(
            reverse("organisations:detail", args=[register.grue.pk])
        )
    )
    assert "Kommunenummer 3417" in page
    assert "Fylke Innlandet" in page
    assert "Kari Grue, rådgiver" in page
    assert register.project.name in page
    # Someone from Bodø reads Grue's page, but not the project they may not open.
    outsider = client_for(register.users["outsider"])
    page = text(outsider.get(reverse("organisations:detail", args=[register.grue.pk])))
    assert "Kari Grue" in page and register.project.name not in page

    narvik = Organisation.objects.get(municipality_number="1806")
    page = text(
        client_for(register.users["reader"]).get(reverse("organisations:detail", args=[narvik.pk]))
    )
    assert "Ballangen kommune" in page and "Divtasvuodna - Tysfjord kommune" in page


def test_a_project_admin_registers_a_nav_office(register, client_for):
    client = client_for(register.users["project_admin"])
    response = client.post(
        reverse("organisations:create"),
        {"name": "NAV Grue", "kind": "nav_office", "organisation_number": "974 760 673"},
    )
    office = Organisation.objects.get(name="NAV Grue")
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=[office.pk])
    assert office.organisation_number == "974760673"
    assert office.auth_group is not None


def test_a_duplicate_name_names_the_organisation_that_exists(register, client_for):
    client = client_for(register.users["project_admin"])
    response = client.post(
        reverse("organisations:create"), {"name": "grue  kommune", "kind": "company"}
    )
    assert response.status_code == 200
    assert "«Grue kommune» er allerede registrert (Kommune)." in text(response).replace(
        "“", "«"
    ).replace("”", "»")
    assert Organisation.objects.filter(name__iexact="grue kommune").count() == 1


def test_an_organisation_number_that_does_not_exist_keeps_the_form(register, client_for):
    client = client_for(register.users["project_admin"])
    response = client.post(
        reverse("organisations:create"),
        {"name": "Statens vegvesen", "kind": "state_agency", "organisation_number": "974760674"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "974760674 er ikke et organisasjonsnummer som finnes" in page
    assert 'value="Statens vegvesen"' in response.content.decode()
    assert not Organisation.objects.filter(name="Statens vegvesen").exists()


def test_municipalities_are_not_created_by_hand(register, client_for):
    client = client_for(register.users["portal_admin"])
    response = client.post(
        reverse("organisations:create"), {"name": "Nykommune", "kind": "municipality"}
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Nykommune").exists()


def test_a_plain_municipal_user_may_not_create_or_edit(register, client_for):
    client = client_for(register.users["reader"])
    assert client.get(reverse("organisations:create")).status_code == 404
    nav = services.organisation_create(name="NAV Åsnes", kind="nav_office")
    assert client.get(reverse("organisations:edit", args=[nav.pk])).status_code == 404
    page = text(client.get(reverse("organisations:list")))
    assert "Ny organisasjon" not in page


def test_the_portal_admin_edits_a_municipality_but_not_its_number(register, client_for):
    client = client_for(register.users["portal_admin"])
    url = reverse("organisations:edit", args=[register.grue.pk])
    form = client.get(url).context["form"]
    assert "municipality_number" not in form.fields and "kind" not in form.fields
    response = client.post(
        url,
        {
            "name": "Grue kommune",
            "organisation_number": "964950768",
            "county": "Innlandet",
            "municipality_number": "9999",
            "kind": "company",
            "seen_updated_at": form.initial["seen_updated_at"],
        },
    )
    assert response.status_code == 302
    register.grue.refresh_from_db()
    assert (register.grue.municipality_number, register.grue.kind) == ("3417", "municipality")
    assert register.grue.organisation_number == "964950768"
    # A project admin edits what was made by hand, not the register.
    admin = client_for(register.users["project_admin"])
    assert admin.get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(register, client_for):
    client = client_for(None)
    for url in (
        reverse("organisations:list"),
        reverse("organisations:search") + "?q=Gru",
        reverse("organisations:detail", args=[register.grue.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/" in response["Location"], url


def test_the_search_answers_json_with_current_organisations(register, client_for):
    client = client_for(register.users["reader"])
    data = client.get(reverse("organisations:search"), {"q": "Gru"}).json()
    first = data["results"][0]
    assert first == {
        "id": register.grue.pk,
        "name": "Grue kommune",
        "kind": "municipality",
        "kind_label": "Kommune",
        "number": "3417",
        "ended": False,
    }
    by_number = client.get(reverse("organisations:search"), {"q": "34"}).json()["results"]
    assert len(by_number) == 20
    assert "Innlandet fylkeskommune" in [r["name"] for r in by_number]
    ended = client.get(reverse("organisations:search"), {"q": "Ballangen"}).json()["results"]
    assert ended == []
    ended = client.get(reverse("organisations:search"), {"q": "Ballangen", "ended": "1"}).json()
    assert [r["name"] for r in ended["results"]] == ["Ballangen kommune"]
    kind = client.get(reverse("organisations:search"), {"q": "Nordland", "kind": "county_council"})
    assert [r["name"] for r in kind.json()["results"]] == ["Nordland fylkeskommune"]


def test_the_participation_form_offers_the_picker_and_still_posts_a_plain_select(
    register, client_for
):
    client = client_for(register.users["project_admin"])
    url = reverse("projects:participation_add", args=["vag"])
    page = client.get(url).content.decode()
    assert 'data-organisation-search="/organisasjoner/sok/"' in page
    assert "js/organisation-picker" in page
    bodo = register.bodo
    response = client.post(url, {"organisation": bodo.pk, "role": "participant"})
    assert response.status_code == 302
    assert register.project.participations.filter(organisation=bodo).exists()
