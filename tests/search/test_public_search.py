"""The public search (``/offentlig/sok/``) finds only what was published (issue 20).

The secretary publishes, reopens, edits and takes down through the pages she uses; the
public (and a signed-in member) search through the view. Marker words sit in an exempt case,
in a draft edit after publishing, in a taken-down and a superseded version, in an
unpublished meeting and in a confidential attachment: none is found, none is in a snippet.
"""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings import attachments, services
from search.models import PUBLIC_KINDS, SearchEntry
from tests.agreements.helpers import SMALL_PDF
from tests.meetings.test_published_minutes import step
from tests.query_counts import Page, assert_constant, row
from tests.search.helpers import at

EXEMPT_TITLE = "Hemmeligsenjord"
EXEMPT_DECISION = "Zebrakonflikt"
EXEMPT_NOTES = "Xylofonsak"
EXEMPT_ITEM = "Kvasiroppgave"
DRAFT_EDIT = "Tyttebærsaft"
TAKEN_DOWN = "Multebærkrem"
SUPERSEDED = "Blåbærsyltetøy"
UNPUBLISHED = "Krekling"
CONFIDENTIAL = "Fortroligmyrull"
MARKERS = (
    EXEMPT_TITLE,
    EXEMPT_DECISION,
    EXEMPT_NOTES,
    EXEMPT_ITEM,
    DRAFT_EDIT,
    TAKEN_DOWN,
    SUPERSEDED,
    UNPUBLISHED,
    CONFIDENTIAL,
)
SEARCHERS = ("anonymous", "member", "portal_admin")
URL = reverse("meetings:public_search")


@pytest.fixture(autouse=True)
def no_broker(monkeypatch, settings, tmp_path):
    # Notices and archive copies are not under test here.
    monkeypatch.setattr("meetings.tasks.minutes_archive.delay", lambda *a: None)
    monkeypatch.setattr("meetings.tasks.notify_minutes_event.delay", lambda *a: None)
    monkeypatch.setattr("meetings.tasks.notify_action_item_assigned.delay", lambda *a: None)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": "/media/"},
        },
    }


@pytest.fixture
def minutes(world, client_for):
    secretary = world.users["secretary"]
    client = client_for(secretary)
    march = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte mars",
        starts_at=at(2018, 3, 12),
        standing_cases=False,
    )
    bus = services.case_add(
        meeting=march,
        title="Skoleskyss i regionen",
        decision="<p>Styringsgruppen godkjenner innkjøpsavtalen for skoleskyssen.</p>",
    )
    exempt = services.case_add(
        meeting=march,
        title=f"{EXEMPT_TITLE} personalsak",
        notes=f"<p>{EXEMPT_NOTES} ble drøftet.</p>",
        decision=f"<p>{EXEMPT_DECISION} løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.action_item_add(case=exempt, description=f"{EXEMPT_ITEM} følges opp")
    attachments.attachment_add(
        meeting=march,
        case=bus,
        upload=SimpleUploadedFile("notat.pdf", SMALL_PDF, "application/pdf"),
        title=CONFIDENTIAL,
        confidential=True,
        by=secretary,
    )
    step(client, march, "godkjenn")
    step(client, march, "publiser")
    # Reopened and edited after publishing: the edit is a draft until published again.
    step(client, march, "gjenapne", "Retting")
    bus.refresh_from_db()
    services.case_update(
        case=bus,
        changes={"decision": f"<p>Styringsgruppen godkjenner {DRAFT_EDIT}.</p>"},
        seen_updated_at=bus.updated_at,
    )

    taken_down = services.meeting_plan(
        group=world.steering_group,
        title=f"{TAKEN_DOWN} møte",
        starts_at=at(2018, 4, 9),
        standing_cases=False,
    )
    services.case_add(meeting=taken_down, title="Vegvedlikehold", decision=f"<p>{TAKEN_DOWN}</p>")
    step(client, taken_down, "publiser")
    step(client, taken_down, "avpubliser", "Feil deltakerliste")

    # Published twice: the first version's text is superseded.
    june = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte juni",
        starts_at=at(2018, 6, 4),
        standing_cases=False,
    )
    budget = services.case_add(
        meeting=june, title="Budsjett 2019", decision=f"<p>{SUPERSEDED} vedtas.</p>"
    )
    step(client, june, "publiser")
    budget.refresh_from_db()
    services.case_update(
        case=budget,
        changes={"decision": "<p>Budsjettet vedtas enstemmig.</p>"},
        seen_updated_at=budget.updated_at,
    )
    step(client, june, "publiser")

    unpublished = services.meeting_plan(
        group=world.steering_group,
        title=f"{UNPUBLISHED} møte",
        starts_at=at(2018, 5, 7),
        standing_cases=False,
    )
    services.case_add(meeting=unpublished, title="Kulturhus", decision=f"<p>{UNPUBLISHED}</p>")
    services.minutes_approve(meeting=unpublished, by=None)
    return {"march": march, "bus": bus, "exempt": exempt, "june": june, "taken_down": taken_down}


def public_search(client, q, **params):
    return client.get(URL, {"q": q, **params})


def results(response) -> str:
    """The results section alone: the search box above it repeats the query."""
    body = response.content.decode()
    start = body.index('<section aria-labelledby="results-heading">')
    return body[start : body.index("</section>", start)]


def titles(response) -> list[str]:
    return [entry.title for entry in response.context["page"]]


def client_as(world, client_for, role):
    return client_for(None if role == "anonymous" else world.users[role])


@pytest.mark.parametrize("role", SEARCHERS)
def test_markers_are_never_found_nor_shown(world, minutes, client_for, role):
    client = client_as(world, client_for, role)
    for marker in MARKERS:
        response = public_search(client, marker)
        assert response.status_code == 200, marker
        assert titles(response) == [], marker
        assert marker not in results(response), marker
    # Words that find the meetings and the exempt case as published: no marker in the text.
    for q in ("styringsgruppemøte", "offentlighet", "offl", "sak", "styringsgruppen", "budsjett"):
        response = public_search(client, q)
        assert titles(response), q
        found = results(response)
        for marker in MARKERS:
            assert marker not in found, (q, marker)


@pytest.mark.parametrize("role", SEARCHERS)
def test_a_published_decision_is_found_by_stem_compound_and_typo(world, minutes, client_for, role):
    client = client_as(world, client_for, role)
    march = minutes["march"]
    page = reverse("meetings:public_meeting", args=[march.pk])
    for q in ("skoleskyssen", "innkjøpsavtale", "avtale", "skyss", "innkjøpsavtalne"):
        response = public_search(client, q)
        assert titles(response) == ["Sak 1/18 Skoleskyss i regionen"], q
        found = results(response)
        assert f'href="{page}#sak-{minutes["bus"].pk}"' in found
        assert "<mark>" in found
    # The exempt case: by its number, public title and legal basis, as the public page shows it.
    response = public_search(client, "sak 2/18")
    assert titles(response)[0] == "Sak 2/18 Unntatt offentlighet"
    assert "offl. § 13" in results(response)
    # The meeting by its published title, group and date.
    response = public_search(client, "styringsgruppemøte mars")
    assert f'href="{page}"' in results(response)
    assert "Styringsgruppemøte mars" in titles(response)
    assert "Styringsgruppemøte juni" in titles(public_search(client, "4. juni 2018"))
    # The second version of June is the one found.
    assert titles(public_search(client, "enstemmig")) == ["Sak 4/18 Budsjett 2019"]


def test_snippets_are_escaped_and_marked(world, client_for):
    meeting = services.meeting_plan(
        group=world.steering_group, title="Møte", starts_at=at(2018, 3, 12), standing_cases=False
    )
    services.case_add(
        meeting=meeting,
        title="Skilting",
        decision="<p>Vedtak om &lt;script&gt;alert(1)&lt;/script&gt; skiltplanen.</p>",
    )
    step(client_for(world.users["secretary"]), meeting, "publiser")
    found = results(public_search(client_for(None), "skiltplan"))
    assert "<script>" not in found
    assert "&lt;script&gt;" in found
    assert "<mark>skiltplanen</mark>" in found


def test_a_take_down_removes_the_meeting_from_the_search(world, minutes, client_for):
    anonymous = client_for(None)
    assert titles(public_search(anonymous, "enstemmig")) == ["Sak 4/18 Budsjett 2019"]
    step(client_for(world.users["secretary"]), minutes["june"], "avpubliser", "Feil vedtak")
    assert titles(public_search(anonymous, "enstemmig")) == []
    assert titles(public_search(anonymous, "styringsgruppemøte juni")) == []
    assert not SearchEntry.objects.filter(
        kind__in=PUBLIC_KINDS, published_version__meeting=minutes["june"]
    ).exists()


def test_a_renamed_group_is_found_by_its_new_name(world, minutes, client_for):
    from projects import services as project_services

    group = world.steering_group
    group.refresh_from_db()
    project_services.group_update(
        group=group, changes={"name": "Regionrådet"}, seen_updated_at=group.updated_at
    )
    found = titles(public_search(client_for(None), "regionrådet"))
    assert sorted(found) == ["Styringsgruppemøte juni", "Styringsgruppemøte mars"]


def test_the_signed_in_search_shows_the_live_rows_once(world, minutes, client_for):
    response = client_for(world.users["member"]).get(reverse("search:results"), {"q": "skyss"})
    kinds = [entry.kind for entry in response.context["page"]]
    assert kinds == ["case"]
    admin = client_for(world.users["portal_admin"])
    response = admin.get(reverse("search:results"), {"q": "skyss"})
    assert [entry.kind for entry in response.context["page"]] == ["case"]


def test_a_project_page_searches_its_own_project(world, minutes, client_for):
    anonymous = client_for(None)
    project_page = anonymous.get(reverse("meetings:public_project", args=[world.project.slug]))
    assert f'action="{URL}"' in project_page.content.decode()
    assert f'value="{world.project.slug}"' in project_page.content.decode()
    front = anonymous.get(reverse("meetings:public_front"))
    assert f'action="{URL}"' in front.content.decode()
    bodo = services.meeting_plan(
        group=world.other_group, title="Bodømøte", starts_at=at(2018, 8, 1), standing_cases=False
    )
    services.case_add(meeting=bodo, title="Skyssordning", decision="<p>Vedtatt.</p>")
    # Bodø's group has no secretary in the cast: the portal admin publishes there.
    services.minutes_publish(meeting=bodo, by=world.users["portal_admin"])
    everywhere = titles(public_search(anonymous, "skyss"))
    assert sorted(everywhere) == ["Sak 1/18 Skoleskyss i regionen", "Sak 1/18 Skyssordning"]
    response = public_search(anonymous, "skyss", project=world.project.slug)
    assert titles(response) == ["Sak 1/18 Skoleskyss i regionen"]
    response = public_search(anonymous, "skyss", project="finnes-ikke")
    assert response.context["page"] is None
    assert "Ingen prosjekter har publisert referater med det navnet." in response.content.decode()


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Skriv hva du leter etter."),
        ("   ", "Skriv hva du leter etter."),
        ("x" * 201, "Et søk kan være høyst 200 tegn langt."),
        ("!!! ---", "Skriv minst ett ord eller et saksnummer."),
    ],
)
def test_bad_input_gets_a_norwegian_message(minutes, client_for, q, message):
    response = client_for(None).get(URL, {"q": q})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"] is None


def test_results_are_paginated(world, client_for):
    meeting = services.meeting_plan(
        group=world.steering_group, title="Møte", starts_at=at(2018, 3, 12), standing_cases=False
    )
    for n in range(25):
        services.case_add(meeting=meeting, title=f"{row(n)} veilys")
    step(client_for(world.users["secretary"]), meeting, "publiser")
    anonymous = client_for(None)
    first = public_search(anonymous, "veilys")
    assert len(titles(first)) == 20
    assert "Side 1 av 2" in first.content.decode()
    second = public_search(anonymous, "veilys", side=2)
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))


def test_the_rebuild_command_restores_the_public_entries(world, minutes, client_for):
    def public_rows():
        return sorted(
            SearchEntry.objects.filter(kind__in=PUBLIC_KINDS).values_list(
                "kind", "object_id", "published_version", "title", "body", "url"
            )
        )

    written = public_rows()
    SearchEntry.objects.filter(kind__in=PUBLIC_KINDS).delete()
    assert titles(public_search(client_for(None), "skyss")) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "public_versions: 2" in out.getvalue()
    assert public_rows() == written
    assert titles(public_search(client_for(None), "skyss")) == ["Sak 1/18 Skoleskyss i regionen"]
    # The first deploy with the public search: the index is in use, its public part empty.
    SearchEntry.objects.filter(kind__in=PUBLIC_KINDS).delete()
    call_command("rebuild_search_index", "--if-empty", stdout=StringIO())
    assert public_rows() == written
    out = StringIO()
    call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert "nothing rebuilt" in out.getvalue()


def test_public_results_cost_the_same_for_2_and_50(world, client_for):
    meeting = services.meeting_plan(
        group=world.steering_group, title="Møte", starts_at=at(2018, 3, 12), standing_cases=False
    )
    secretary = world.users["secretary"]

    def grow(start, count):
        for n in range(start, start + count):
            services.case_add(meeting=meeting, title=f"{row(n)} budsjettrad")
        services.minutes_publish(meeting=meeting, by=secretary)

    def shown(n):
        # Equal ranks and dates: the last made first, on the first page of 20.
        return [row(n - 1), f"{n} treff"]

    url = URL + "?q=budsjettrad"
    counts = assert_constant([Page(lambda: client_for(None), url, shown)], grow)
    # The page of results with the total in its rows (the project and group joined), the
    # form's projects.
    assert counts == [2], counts


@pytest.fixture
def two_years(world, client_for):
    """Street lights in the title of a case of 2018, in the decision of one of 2021."""
    secretary = client_for(world.users["secretary"])
    for when, title, decision in (
        (at(2018, 3, 12), "Veilys i sentrum", ""),
        (at(2021, 9, 6), "Trafikksikkerhet", "<p>Mer veilys langs skoleveien.</p>"),
    ):
        meeting = services.meeting_plan(
            group=world.steering_group, title="Møte", starts_at=when, standing_cases=False
        )
        services.case_add(meeting=meeting, title=title, decision=decision)
        step(secretary, meeting, "publiser")


def test_the_public_search_filters_by_year(two_years, client_for):
    anonymous = client_for(None)
    assert titles(public_search(anonymous, "veilys", year="2021")) == ["Sak 1/21 Trafikksikkerhet"]
    assert titles(public_search(anonymous, "veilys", year="2018")) == ["Sak 1/18 Veilys i sentrum"]
    assert titles(public_search(anonymous, "veilys", year="2019")) == []
    # The box sends an empty year when none is chosen: every year.
    assert len(titles(public_search(anonymous, "veilys", year="", order=""))) == 2


def test_the_public_search_orders_newest_first(two_years, client_for):
    anonymous = client_for(None)
    best = ["Sak 1/18 Veilys i sentrum", "Sak 1/21 Trafikksikkerhet"]
    assert titles(public_search(anonymous, "veilys")) == best
    assert titles(public_search(anonymous, "veilys", order="relevance")) == best
    assert titles(public_search(anonymous, "veilys", order="newest")) == best[::-1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "i fjor"}, "Oppgi et heltall."),
        ({"year": "1800"}, "større enn eller lik 1900"),
        ({"order": "eldst"}, "Velg et gyldig valg."),
    ],
)
def test_a_bad_year_or_order_gets_a_norwegian_message(two_years, client_for, params, message):
    response = public_search(client_for(None), "veilys", **params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"] is None
