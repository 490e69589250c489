"""What the public sees is what was published: reopened minutes stay as published until the
secretary publishes them again, or takes them down (issue 13, findings 1, 5a, 5b, 5c).

Everything goes through the views, with the forms the pages render: the secretary approves,
publishes, reopens, autosaves and edits the case form; the public reads logged out.
"""

import datetime
import importlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from tests.pdf.helpers import pdf_text
from tests.reliability.test_lost_updates import post_data

FIRST = "Styringsgruppen vedtok budsjettet for Åsnes."
NEW_SENTENCE = "Denne setningen kom etter gjenåpningen."
# Words only in the exempt case: no public page or PDF may hold them while it is exempt.
EXEMPT_WORDS = ("Hemmeligsen", "Xylofonsaken", "Zebrakonflikten")
REOPEN_REASON = "Intern uenighet om Kvasirsens rolle"

pytestmark = pytest.mark.usefixtures("quiet_minutes_tasks")


@pytest.fixture
def meeting(world, media):
    meeting = services.meeting_plan(
        group=world.steering_group,
        title="Styringsgruppemøte",
        starts_at=timezone.make_aware(datetime.datetime(2018, 9, 14, 11)),
    )
    services.case_add(meeting=meeting, title="Budsjett 2019", notes=f"<p>{FIRST}</p>")
    exempt = services.case_add(
        meeting=meeting,
        title="Personalsak Hemmeligsen",
        notes="<p>Xylofonsaken ble drøftet.</p>",
        decision="<p>Zebrakonflikten løses internt.</p>",
        exempt_from_public=True,
        legal_basis="offl. § 13",
    )
    services.action_item_add(case=exempt, description="Ringe Hemmeligsen", responsible_note="Leder")
    return meeting


def step(client, meeting, name, reason=""):
    url = reverse("meetings:minutes_step", args=[meeting.pk, name])
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302, response.content[:500]


def public_page(meeting):
    return reverse("meetings:public_meeting", args=[meeting.pk])


def public_pdf(meeting):
    return reverse("meetings:public_minutes_pdf", args=[meeting.pk])


def read_pdf(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return " ".join(pdf_text(response.content).split())


def what_the_public_sees(client_for, meeting):
    anonymous = client_for(None)
    page = anonymous.get(public_page(meeting))
    assert page.status_code == 200
    return page.content.decode(), read_pdf(anonymous, public_pdf(meeting))


def reopen_and_edit(client, meeting):
    """Reopen, autosave a new sentence in the open case, untick "exempt" on the other."""
    step(client, meeting, "gjenapne", REOPEN_REASON)
    open_case = meeting.cases.get(title="Budsjett 2019")
    exempt = meeting.cases.get(exempt_from_public=True)
    autosave = reverse("meetings:case_autosave", args=[meeting.pk, open_case.pk])
    edit = client.get(reverse("meetings:case_edit", args=[meeting.pk, open_case.pk]))
    data = post_data(edit.context["form"]) | {"notes": f"<p>{FIRST}</p><p>{NEW_SENTENCE}</p>"}
    assert client.post(autosave, data).status_code == 200

    url = reverse("meetings:case_edit", args=[meeting.pk, exempt.pk])
    data = post_data(client.get(url).context["form"])
    del data["exempt_from_public"]  # the tick box, unticked: the browser sends nothing
    assert client.post(url, data).status_code == 302
    open_case.refresh_from_db()
    exempt.refresh_from_db()
    assert NEW_SENTENCE in open_case.notes and not exempt.exempt_from_public


def test_reopened_minutes_stay_as_published_until_published_again(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    page, pdf = what_the_public_sees(client_for, meeting)
    assert FIRST in page and FIRST in pdf

    secretary = client_for(world.users["secretary"])
    reopen_and_edit(secretary, meeting)
    page, pdf = what_the_public_sees(client_for, meeting)
    for text in (page, pdf):
        assert FIRST in text
        assert NEW_SENTENCE not in text
        assert not any(word in text for word in EXEMPT_WORDS)
    assert "Publisert versjon av" in page
    assert "UTKAST" not in pdf  # it was published approved, and that is what it still is

    # The secretary works on the live draft, and is told what the public sees instead.
    secretary = client_for(world.users["secretary"])
    detail = secretary.get(meeting.get_absolute_url()).content.decode()
    assert NEW_SENTENCE in detail and "Personalsak Hemmeligsen" in detail
    assert "Offentligheten ser versjonen publisert" in detail
    listing = client_for(None).get(reverse("meetings:public_project", args=["vag"]))
    assert listing.status_code == 200 and "ikke godkjent" not in listing.content.decode()

    # Those who see the meeting only because it was published get the published version too.
    for role in ("outsider", "reader"):
        client = client_for(world.users[role])
        detail = client.get(meeting.get_absolute_url())
        assert detail.status_code == 200
        html = detail.content.decode()
        assert FIRST in html and NEW_SENTENCE not in html and "Hemmeligsen" not in html
        text = read_pdf(client, reverse("meetings:minutes_pdf", args=[meeting.pk]))
        assert FIRST in text and NEW_SENTENCE not in text and "Hemmeligsen" not in text

    # Approved again: still not public until published.
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    page, pdf = what_the_public_sees(client_for, meeting)
    assert NEW_SENTENCE not in page and NEW_SENTENCE not in pdf

    step(client_for(world.users["secretary"]), meeting, "publiser")
    page, pdf = what_the_public_sees(client_for, meeting)
    for text in (page, pdf):
        assert NEW_SENTENCE in text
        assert "Xylofonsaken" in text  # no longer exempt, and now published as such


def test_taken_down_minutes_answer_410_with_the_reason(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "publiser")
    step(secretary, meeting, "avpubliser", "Feil deltakerliste, rettes")

    anonymous = client_for(None)
    for url in (public_page(meeting), public_pdf(meeting)):
        response = anonymous.get(url)
        assert response.status_code == 410
        assert "Feil deltakerliste, rettes" in response.content.decode()
        assert FIRST not in response.content.decode()
    assert anonymous.get(reverse("meetings:public_project", args=["vag"])).status_code == 404
    # Nothing public is left: the outsider does not see the meeting at all.
    outsider = client_for(world.users["outsider"])
    assert outsider.get(meeting.get_absolute_url()).status_code == 404


def test_publishing_unchanged_minutes_again_is_refused(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "publiser")
    url = reverse("meetings:minutes_step", args=[meeting.pk, "publiser"])
    response = secretary.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Referatet er allerede publisert" in response.content.decode()
    assert meeting.published_versions.count() == 1


# --- 5a: public PDFs are revalidated, never served stale from a shared cache ------


def test_public_pdf_must_be_revalidated_and_answers_304_then_410(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    anonymous = client_for(None)
    first = anonymous.get(public_pdf(meeting))
    assert first.status_code == 200
    cache_control = first["Cache-Control"]
    assert "no-cache" in cache_control and "max-age" not in cache_control
    etag = first["ETag"]
    assert etag

    again = anonymous.get(public_pdf(meeting), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    # A new publication is a new version: the cached one is not confirmed.
    secretary = client_for(world.users["secretary"])
    reopen_and_edit(secretary, meeting)
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    anonymous = client_for(None)
    newer = anonymous.get(public_pdf(meeting), HTTP_IF_NONE_MATCH=etag)
    assert newer.status_code == 200 and newer["ETag"] != etag

    step(client_for(world.users["secretary"]), meeting, "avpubliser", "Tatt ned")
    gone = client_for(None).get(public_pdf(meeting), HTTP_IF_NONE_MATCH=newer["ETag"])
    assert gone.status_code == 410


# --- 5b: group calendar feeds carry nothing of exempt cases but number and public title -----


def test_group_feed_hides_exempt_case_titles_and_item_text(world, client_for, client, meeting):
    exempt = meeting.cases.get(exempt_from_public=True)
    item = exempt.action_items.get()
    item.deadline = datetime.date(2030, 1, 15)
    item.save()
    secretary = client_for(world.users["secretary"])
    response = secretary.post(
        reverse("meetings:calendar_feeds"), {"action": "create", "group": world.steering_group.pk}
    )
    path = re.sub(r"^https?://[^/]+", "", response.context["new_url"])
    client.logout()
    feed = client.get(path)
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    deadline = next(e for e in events if str(e["UID"]) == f"actionitem-{item.pk}@samarbeid")
    text = " ".join(str(e.get(key, "")) for e in events for key in ("SUMMARY", "DESCRIPTION"))
    assert "Hemmeligsen" not in text and "Ringe" not in text
    assert exempt.label in str(deadline["DESCRIPTION"])
    assert "Unntatt offentlighet" in str(deadline["DESCRIPTION"])


# --- 5c: the reasons of workflow steps are for the group's insiders -------------------------


def test_event_reasons_only_for_the_groups_insiders(world, client_for, meeting):
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    step(secretary, meeting, "gjenapne", REOPEN_REASON)
    step(secretary, meeting, "godkjenn")
    for role, sees in (
        ("secretary", True),
        ("member", True),
        ("reader", False),  # Grue takes part in the project, but sits in no group
        ("outsider", False),  # Bodø: reads the meeting only because it is published
    ):
        response = client_for(world.users[role]).get(meeting.get_absolute_url())
        assert response.status_code == 200, role
        assert (REOPEN_REASON in response.content.decode()) is sees, role


# --- The data migration: minutes published before versions existed ---------------------------


def test_migration_freezes_a_version_for_minutes_already_published(world, client_for, meeting):
    from django.apps import apps

    freeze = importlib.import_module("meetings.migrations.0006_freeze_published_minutes").freeze
    services.minutes_approve(meeting=meeting, by=world.users["secretary"])
    # Published the old way: the flag on the meeting, no version.
    meeting.published_at = timezone.now()
    meeting.save()
    assert client_for(None).get(public_page(meeting)).status_code == 404

    freeze(apps, None)
    freeze(apps, None)  # run again (a re-run migration): still one version

    version = meeting.published_versions.get()
    assert (version.number, version.status, version.approved) == (1, "public", True)
    assert version.published_at == meeting.published_at
    page, pdf = what_the_public_sees(client_for, meeting)
    for text in (page, pdf):
        assert FIRST in text and not any(word in text for word in EXEMPT_WORDS)


def test_the_register_shows_readers_no_action_item_of_reopened_minutes(world, client_for, meeting):
    """The register reads live rows: while the minutes are reopened, they are a draft."""
    secretary = client_for(world.users["secretary"])
    step(secretary, meeting, "godkjenn")
    step(secretary, meeting, "publiser")
    reopen_and_edit(secretary, meeting)  # the exempt case with "Ringe Hemmeligsen" is open now
    services.action_item_add(
        case=meeting.cases.get(title="Budsjett 2019"),
        description="Utkastoppgaven etter gjenåpningen",
        responsible_note="Leder",
    )
    register = reverse("meetings:project_register", args=["vag"])
    export = reverse("meetings:project_register_export", args=["vag", "csv"])

    for role in ("reader", "outsider"):
        client = client_for(world.users[role])
        for url in (register, export):
            response = client.get(url)
            if response.status_code == 404:
                continue  # the outsider's municipality does not take part: no register at all
            assert response.status_code == 200, (role, url)
            text = b"".join(
                response.streaming_content if response.streaming else [response.content]
            )
            text = text.decode("utf-8-sig")
            assert "Hemmeligsen" not in text, (role, url)
            assert "Utkastoppgaven" not in text, (role, url)

    # The secretary, an insider, sees the draft's items; readers see them once approved again.
    assert "Utkastoppgaven" in client_for(world.users["secretary"]).get(register).content.decode()
    step(client_for(world.users["secretary"]), meeting, "godkjenn")
    reader_sees = client_for(world.users["reader"]).get(register).content.decode()
    assert "Utkastoppgaven" in reader_sees and "Hemmeligsen" in reader_sees
