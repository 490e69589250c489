"""The public front door (``/`` logged out, ``/offentlig/``) and each project's Atom feed list
published versions only, titled and dated as published (issue 20).

The secretary publishes, reopens, renames and takes down through the pages she uses; the
public reads logged out, and the feed is parsed back as Atom.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import attachments, services
from meetings.models import PublishedMinutes
from tests.agreements.helpers import SMALL_PDF
from tests.conftest import ROLES
from tests.meetings.test_published_minutes import EXEMPT_WORDS, step
from tests.query_counts import Page, assert_constant, row
from tests.reliability.test_lost_updates import post_data

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
PUBLISHED_TITLE = "Styringsgruppemøte september"
# Marker words: none of them may reach the front door or a feed.
LATER_TITLE = "Omdøpt Tyttebærsaft"
DRAFT_TITLE = "Kladdemøte Blåbærsyltetøy"
TAKEN_DOWN_TITLE = "Nedtatt Multebærkrem"
CONFIDENTIAL_TITLE = "Fortrolig Krekling"
MARKERS = (LATER_TITLE, DRAFT_TITLE, TAKEN_DOWN_TITLE, CONFIDENTIAL_TITLE, *EXEMPT_WORDS)

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks", "media")


def on(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 11))


@pytest.fixture
def minutes(world, client_for):
    """Three published meetings in two projects, a draft, and one published then taken down.

    The steering group's meeting of September 2018 has an exempt case and a confidential
    attachment; after publishing, its minutes are reopened and the meeting renamed.
    """
    secretary = world.users["secretary"]
    september = services.meeting_plan(
        group=world.steering_group, title=PUBLISHED_TITLE, starts_at=on(2018, 9, 14)
    )
    services.case_add(meeting=september, title="Budsjett 2019", notes="<p>Vedtatt.</p>")
    services.case_add(
        meeting=september,
        title="Personalsak Hemmeligsen",
        notes="<p>Xylofonsaken ble drøftet.</p>",
        decision="<p>Zebrakonflikten løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    attachments.attachment_add(
        meeting=september,
        upload=SimpleUploadedFile("notat.pdf", SMALL_PDF, "application/pdf"),
        title=CONFIDENTIAL_TITLE,
        confidential=True,
        by=secretary,
    )
    working = services.meeting_plan(
        group=world.working_group, title="Økonomimøte", starts_at=on(2018, 10, 2)
    )
    bodo = services.meeting_plan(
        group=world.other_group, title="Bodømøte", starts_at=on(2018, 8, 1)
    )
    draft = services.meeting_plan(
        group=world.steering_group, title=DRAFT_TITLE, starts_at=on(2018, 11, 1)
    )
    taken_down = services.meeting_plan(
        group=world.steering_group, title=TAKEN_DOWN_TITLE, starts_at=on(2018, 12, 1)
    )

    client = client_for(secretary)
    step(client, september, "godkjenn")
    step(client, september, "publiser")
    # The working group's minutes are the project admin's to publish (the secretary sits
    # in the steering group only).
    step(client_for(world.users["project_admin"]), working, "publiser")
    client = client_for(secretary)
    step(client, taken_down, "publiser")
    step(client, taken_down, "avpubliser", "Feil deltakerliste")
    # Bodø's group has no secretary in the cast: its project admin publishes there.
    services.minutes_publish(meeting=bodo, by=world.users["portal_admin"])

    step(client, september, "gjenapne", "Feil tittel")
    rename(client, september, LATER_TITLE)
    return {"september": september, "working": working, "bodo": bodo, "draft": draft}


def rename(client, meeting, title):
    url = reverse("meetings:edit", args=[meeting.pk])
    data = post_data(client.get(url).context["form"]) | {"title": title}
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == title


def public_link(meeting):
    return f'href="{reverse("meetings:public_meeting", args=[meeting.pk])}"'


def feed_url(slug="vag"):
    return reverse("meetings:public_feed", args=[slug])


def assert_no_markers(text):
    assert [marker for marker in MARKERS if marker in text] == []


# --- The front door ----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/offentlig/"])
def test_the_public_finds_what_was_published_as_it_was_published(world, client_for, minutes, url):
    response = client_for(None).get(url)
    assert response.status_code == 200
    # One address, two pages: a shared cache must not hand the front door to a signed-in user.
    assert "Cookie" in response["Vary"]
    html = response.content.decode()
    assert "Offentlige møter" in html
    assert f'href="{reverse("login")}"' in html
    # Both projects, each with the groups that published.
    assert world.project.name in html and world.other_project.name in html
    assert "Styringsgruppe" in html and "Arbeidsgruppe økonomi" in html
    assert "Bodø styringsgruppe" in html
    # The September meeting under the title it was published with, not the later one.
    assert PUBLISHED_TITLE in html
    assert "14.9.2018" in html
    for name in ("september", "working", "bodo"):
        assert public_link(minutes[name]) in html
    assert public_link(minutes["draft"]) not in html
    assert_no_markers(html)
    # The working group's minutes were published unapproved, and say so.
    assert "ikke godkjent" in html


def test_the_latest_meeting_comes_first(world, client_for, minutes):
    html = client_for(None).get("/").content.decode()
    positions = [html.index(public_link(minutes[name])) for name in ("working", "september")]
    assert positions == sorted(positions)
    assert html.index(public_link(minutes["september"])) < html.index(public_link(minutes["bodo"]))


def test_a_new_title_reaches_the_front_door_when_published_again(world, client_for, minutes):
    september = minutes["september"]
    client = client_for(world.users["secretary"])
    step(client, september, "godkjenn")
    step(client, september, "publiser")
    html = client_for(None).get("/").content.decode()
    assert LATER_TITLE in html and PUBLISHED_TITLE not in html


def test_signed_in_users_keep_their_page_and_find_the_front_door_from_the_footer(
    world, client_for, minutes
):
    client = client_for(world.users["member"])
    home = client.get("/").content.decode()
    assert "Mine grupper" in home and PUBLISHED_TITLE not in home
    assert f'href="{reverse("meetings:public_front")}"' in home
    front = client.get(reverse("meetings:public_front"))
    html = front.content.decode()
    assert front.status_code == 200 and PUBLISHED_TITLE in html
    # The live minutes the member may read are not what the front door shows.
    assert_no_markers(html)
    assert f'href="{reverse("login")}"' not in html


def test_the_front_door_pages_by_side(world, client_for):
    made = grow_published(world, [], 0, 27)
    first = client_for(None).get("/").content.decode()
    assert public_link(made[-1]) in first and public_link(made[0]) not in first
    assert 'href="?side=2"' in first
    second = client_for(None).get("/", {"side": "2"}).content.decode()
    assert public_link(made[0]) in second and public_link(made[-1]) not in second
    # Nonsense in the page number is page 1, not an error.
    assert client_for(None).get("/", {"side": "x'"}).status_code == 200


def test_with_nothing_published_the_front_door_says_so(world, client_for):
    services.meeting_plan(group=world.steering_group, title=DRAFT_TITLE, starts_at=on(2018, 1, 1))
    html = client_for(None).get("/").content.decode()
    assert "Ingen referater er publisert ennå." in html
    assert DRAFT_TITLE not in html and world.project.name not in html


# --- The feed ---------------------------------------------------------------------------


def read_feed(client, slug="vag"):
    response = client.get(feed_url(slug))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    # Our own server's answer, in the test: not untrusted data.
    return body, ET.fromstring(response.content)  # noqa: S314


def entries_of(feed):
    return [
        {
            "title": entry.findtext("atom:title", namespaces=ATOM),
            "link": entry.find("atom:link", ATOM).get("href"),
            "id": entry.findtext("atom:id", namespaces=ATOM),
            "updated": datetime.datetime.fromisoformat(
                entry.findtext("atom:updated", namespaces=ATOM)
            ),
            "summary": entry.findtext("atom:summary", namespaces=ATOM),
        }
        for entry in feed.findall("atom:entry", ATOM)
    ]


def absolute(meeting):
    return "http://testserver" + reverse("meetings:public_meeting", args=[meeting.pk])


@pytest.mark.parametrize("role", ROLES)
def test_the_feed_holds_one_entry_per_published_meeting(world, client_for, minutes, role):
    body, feed = read_feed(client_for(world.users[role]))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    title = feed.findtext("atom:title", namespaces=ATOM)
    assert title == f"Publiserte referater: {world.project.name}"
    assert feed.find("atom:author/atom:name", ATOM).text == world.project.name
    links = {link.get("rel"): link.get("href") for link in feed.findall("atom:link", ATOM)}
    assert links["self"] == "http://testserver" + feed_url()
    assert links["alternate"] == "http://testserver" + reverse(
        "meetings:public_project", args=["vag"]
    )
    entries = entries_of(feed)
    september, working = minutes["september"], minutes["working"]
    versions = {
        v.meeting_id: v
        for v in PublishedMinutes.objects.public().filter(meeting__group__project=world.project)
    }
    # Newest publication first: the working group's minutes were published after September's.
    assert [e["link"] for e in entries] == [absolute(working), absolute(september)]
    assert [e["title"] for e in entries] == ["Økonomimøte", PUBLISHED_TITLE]
    assert [e["updated"] for e in entries] == [
        versions[working.pk].published_at,
        versions[september.pk].published_at,
    ]
    assert entries[1]["summary"] == "14. september 2018, Styringsgruppe"
    assert entries[0]["summary"] == "2. oktober 2018, Arbeidsgruppe økonomi (ikke godkjent)"
    assert_no_markers(body)
    assert "Bodømøte" not in body


def test_publishing_again_updates_the_entry(world, client_for, minutes):
    september = minutes["september"]
    _body, before = read_feed(client_for(None))
    client = client_for(world.users["secretary"])
    step(client, september, "godkjenn")
    step(client, september, "publiser")
    _body, after = read_feed(client_for(None))
    old, new = entries_of(before), entries_of(after)
    assert len(new) == len(old) == 2
    # The same entry, now first, renamed and updated with the new publication.
    assert new[0]["id"] == old[1]["id"] and new[0]["link"] == absolute(september)
    assert new[0]["title"] == LATER_TITLE and new[0]["updated"] > old[0]["updated"]


def test_the_feed_of_an_unknown_or_unpublished_project_is_404(world, client_for, minutes):
    client = client_for(None)
    assert client.get(feed_url("finnes-ikke")).status_code == 404
    services.minutes_unpublish(meeting=minutes["bodo"], by=world.users["portal_admin"], reason="X")
    response = client.get(feed_url("bodo"))
    assert response.status_code == 404
    assert "Bodømøte" not in response.content.decode()


def test_the_public_project_page_points_to_its_feed(world, client_for, minutes):
    html = client_for(None).get(reverse("meetings:public_project", args=["vag"])).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed_url()}"' in html
    assert f'<a href="{feed_url()}">' in html


def test_the_feed_is_cut_at_fifty_entries(world, client_for):
    made = grow_published(world, [], 0, 52)
    _body, feed = read_feed(client_for(None))
    links = [e["link"] for e in entries_of(feed)]
    assert len(links) == 50
    assert links[0] == absolute(made[-1]) and absolute(made[1]) not in links


# --- Query counts -----------------------------------------------------------------------


def grow_published(world, made, start, count):
    """Published meetings of the steering group, a day apart and published in that order."""
    for i in range(start, start + count):
        meeting = services.meeting_plan(
            group=world.steering_group,
            title=f"Møte {row(i)}",
            starts_at=on(2018, 1, 1) + datetime.timedelta(days=i),
            standing_cases=False,
        )
        services.minutes_publish(meeting=meeting, by=world.users["secretary"])
        made.append(meeting)
    return made


def test_front_door_and_feed_cost_the_same_for_50_meetings(world, client_for):
    made = []

    def newest(n):
        # The latest first, 25 a page; the titles as published.
        return [public_link(made[n - 1]), public_link(made[n - 2]), f"Møte {row(n - 1)}"]

    def whole_feed(n):
        return [absolute(made[0]), absolute(made[n - 1])]

    pages = [
        Page(lambda: client_for(None), "/", newest),
        Page(lambda: client_for(world.users["member"]), reverse("meetings:public_front"), newest),
        Page(lambda: client_for(None), feed_url(), whole_feed),
    ]
    counts = assert_constant(pages, lambda s, c: grow_published(world, made, s, c))
    # Logged out: the projects with their groups, the count of meetings, a page of them.
    assert counts[0] == 3
    # The project, and its latest publications.
    assert counts[2] == 2
