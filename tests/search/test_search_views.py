"""The search page, through the view, as each role of the cast."""

import pytest
from django.urls import reverse

from meetings import services
from tests.conftest import ROLES
from tests.search.helpers import (
    AGREEMENT_MARKER,
    DRAFT_MARKER,
    EXEMPT_ITEM_MARKER,
    EXEMPT_MARKER,
    OTHER_PROJECT_MARKER,
    at,
    build,
    search,
)

INSIDERS = {"portal_admin", "project_admin", "secretary", "member"}
VAG_READERS = INSIDERS | {"reader", "director"}
# Parties' organisations (Våler, Grue) and the project's admin read the draft agreement.
AGREEMENT_READERS = {"portal_admin", "project_admin", "member", "reader", "director"}
MARKERS = {
    EXEMPT_MARKER: INSIDERS,
    EXEMPT_ITEM_MARKER: INSIDERS,
    DRAFT_MARKER: INSIDERS,
    AGREEMENT_MARKER: AGREEMENT_READERS,
    OTHER_PROJECT_MARKER: {"portal_admin", "outsider"},
}


@pytest.fixture
def content(world):
    return build(world)


def results(response) -> str:
    """The results section alone: the search box around it repeats the query."""
    body = response.content.decode()
    start = body.index('<section aria-labelledby="results-heading">')
    return body[start : body.index("</section>", start)]


@pytest.mark.parametrize("marker", MARKERS)
def test_markers_are_found_only_by_whoever_reads_them_on_their_page(
    world, content, client_for, marker
):
    for role in ROLES:
        response = search(client_for(world.users[role]), marker)
        if role == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
            continue
        assert response.status_code == 200
        assert (marker in results(response)) == (role in MARKERS[marker]), role


def test_exempt_case_text_found_by_group_insider_not_by_other_municipality(
    world, content, client_for
):
    insider = results(search(client_for(world.users["member"]), EXEMPT_MARKER))
    assert "Personalsak" in insider and f"<mark>{EXEMPT_MARKER}</mark>" in insider
    for role in ("reader", "director", "outsider"):
        found = results(search(client_for(world.users[role]), EXEMPT_MARKER))
        assert EXEMPT_MARKER not in found and "Personalsak" not in found
        assert "0 treff" in found


@pytest.mark.parametrize(
    ("q", "title", "marked"),
    [
        ("avtale", "Samarbeidsavtalen mellom kommunene", "<mark>Samarbeidsavtalen</mark>"),
        ("møtebok", "Samarbeidsavtalen mellom kommunene", "<mark>møtebøker</mark>"),
        ("barnevern", "Barn og unge", "<mark>barnevernstjenesten</mark>"),
        ("Barnevernet", "Barn og unge", "<mark>barnevernstjenesten</mark>"),
    ],
)
def test_norwegian_compounds_and_inflections_are_found(
    world, content, client_for, q, title, marked
):
    body = results(search(client_for(world.users["reader"]), q))
    assert title in body
    assert marked in body


def test_a_typo_still_finds_the_case(world, content, client_for):
    body = search(client_for(world.users["reader"]), "samarbeidsavtalne").content.decode()
    assert "Samarbeidsavtalen mellom kommunene" in body


def test_case_number_finds_that_case_first(world, content, client_for):
    response = search(client_for(world.users["reader"]), "sak 1/18")
    results = response.context["page"].object_list
    assert [entry.title for entry in results] == ["Sak 1/18 Samarbeidsavtalen mellom kommunene"]
    assert f'href="{content.approved.get_absolute_url()}#sak-{content.compound.pk}"' in (
        response.content.decode()
    )
    # 3/18 is the exempt case: its number is nothing to a reader, the case to an insider.
    reader = client_for(world.users["reader"])
    assert not search(reader, "Sak 3/2018").context["page"].paginator.count
    member = client_for(world.users["member"])
    titles = [e.title for e in search(member, "sak 3/18").context["page"]]
    assert titles == ["Sak 3/18 Personalsak"]


def test_filters_by_kind_project_and_year(world, content, client_for):
    client = client_for(world.users["project_admin"])
    kinds = {e.kind for e in search(client, "avtale").context["page"]}
    assert {"case", "agreement", "action_item"} <= kinds
    only = search(client, "avtale", kind="agreement").context["page"]
    assert [e.title for e in only] == ["Avtale om økonomitjenester"]
    other = search(client, "avtale", project=world.other_project.pk)
    assert other.context["form"].errors  # not a project the project admin may read
    assert not search(client, "avtale", year=2017).context["page"].paginator.count
    assert search(client, "avtale", year=2018, kind="case").context["page"].paginator.count == 1


def test_newest_first(world, content, client_for):
    client = client_for(world.users["member"])
    page = search(client, "styringsgruppemøte", order="newest", kind="meeting")
    titles = [e.title for e in page.context["page"]]
    assert titles[:2] == ["Styringsgruppemøte juni", "Styringsgruppemøte mars"]


def test_a_case_saved_through_its_service_is_found_at_once(world, content, client_for):
    services.case_update(
        case=content.draft_case,
        changes={"notes": "<p>Nytt om kommunesammenslåingen.</p>"},
        seen_updated_at=content.draft_case.updated_at,
    )
    body = results(search(client_for(world.users["member"]), "kommunesammenslåing"))
    assert "Budsjett 2019" in body and DRAFT_MARKER not in body


def test_user_text_is_escaped_in_titles_and_snippets(world, content, client_for):
    services.case_add(
        meeting=content.draft,
        title="<script>alert(1)</script> Revisjon",
        notes="<p>Tegnet &lt;b&gt;fet&lt;/b&gt; i revisjonen</p>",
    )
    body = search(client_for(world.users["member"]), "revisjon").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Revisjon" in body
    assert "&lt;b&gt;fet&lt;/b&gt; i <mark>revisjonen</mark>" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Skriv hva du leter etter."),
        ({"q": "x" * 201}, "Et søk kan være høyst 200 tegn langt."),
        ({"q": "!!! ..."}, "Skriv minst ett ord eller et saksnummer."),
        ({"q": "avtale", "year": "i fjor"}, "Oppgi et heltall."),
    ],
)
def test_bad_input_gets_a_norwegian_message(world, client_for, params, message):
    response = client_for(world.users["member"]).get(reverse("search:results"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"] is None


def test_the_page_without_a_query_shows_only_the_form(world, client_for):
    response = client_for(world.users["member"]).get(reverse("search:results"))
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "Skriv hva du leter etter." not in response.content.decode()


def test_results_are_paginated_and_pages_keep_the_query(world, content, client_for):
    for n in range(25):
        services.case_add(meeting=content.draft, title=f"Veivedlikehold {n}")
    client = client_for(world.users["member"])
    first = search(client, "veivedlikehold", kind="case")
    assert first.context["page"].paginator.count == 25
    assert len(first.context["page"].object_list) == 20
    assert "?q=veivedlikehold&amp;kind=case&amp;side=2" in first.content.decode()
    second = search(client, "veivedlikehold", kind="case", side=2)
    assert len(second.context["page"].object_list) == 5


def test_the_header_has_a_search_box_for_signed_in_users(world, client_for):
    action = f'action="{reverse("search:results")}"'
    assert action in client_for(world.users["reader"]).get(reverse("home")).content.decode()
    login = client_for(None).get(reverse("login")).content.decode()
    assert action not in login


def test_pages_of_results_count_once_and_a_page_past_the_end_shows_the_last(world, client_for):
    meeting = services.meeting_plan(
        group=world.steering_group, title="Møte", starts_at=at(2018, 3, 12), standing_cases=False
    )
    for n in range(45):
        services.case_add(meeting=meeting, title=f"Sidesak {n:02d} kommunerevisjon")
    client = client_for(world.users["member"])
    url = reverse("search:results")

    def titles(side):
        response = client.get(url, {"q": "kommunerevisjon", "order": "newest", "side": side})
        assert response.status_code == 200
        page = response.context["page"]
        assert page.paginator.count == 45 and "45 treff" in results(response)
        return page.number, [entry.title for entry in page.object_list]

    number, second = titles("2")
    assert number == 2 and len(second) == 20
    assert titles("3") == (3, titles("9")[1]) and len(titles("3")[1]) == 5
    assert titles("9")[0] == 3  # past the end: the last page
    assert titles("tre")[0] == 1  # not a number: the first
    first = titles("1")[1]
    assert not set(first) & set(second) and len(set(first + second + titles("3")[1])) == 45

    empty = client.get(url, {"q": "finnesikkeord"})
    assert empty.context["page"].paginator.count == 0 and "0 treff" in results(empty)
