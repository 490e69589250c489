"""A new collaboration set up from an empty portal, in Chromium, by the pages alone (issue 14).

Only what a deployment ships is there: the migrations, the organisation register
(``manage.py load_organisations``, which the compose file's migrate step runs) and the
operator's account (``createsuperuser``). The operator starts the joint emergency-ward project
of Våler, Åsnes and Grue, sets up its steering group with its secretary and gives her a login
by invitation. She seats the members and a deputy herself, plans the first meeting and sends
the invitation: each member's arrives with the meeting for their calendar; the deputy, called
in only when needed, gets none.
"""

import datetime
import email
import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from meetings.models import Meeting
from projects.models import Organisation
from tests.accounts.helpers import link_in
from tests.browser.axe import scan
from tests.browser.editing import choose_organisation
from tests.journeys.steps import log_in, start_project
from tests.outbox_helpers import deliver_waiting

pytestmark = pytest.mark.django_db

PROJECT = "Felles legevakt Solør"
GROUP = "Styringsgruppe for legevakten"
SECRETARY = ("Ingrid Solbakken", "ingrid.solbakken@valer.example")
MEMBERS = (
    # name, e-mail, role, municipality typed, municipality chosen
    ("Per Haugen", "per.haugen@valer.example", "leader", "Våler", "Våler kommune (Innlandet)"),
    ("Kari Nordby", "kari.nordby@asnes.example", "member", "Åsn", "Åsnes kommune"),
    ("Ola Bakken", "ola.bakken@grue.example", "member", "Gru", "Grue kommune"),
)
DEPUTY = ("Anne Lund", "anne.lund@grue.example", "Ola Bakken (Grue kommune)")


def seat(page, name: str, address: str, role: str, municipality: tuple[str, str], **more):
    page.get_by_role("link", name="Legg til medlem", exact=True).click()
    page.get_by_label("Eller en ny person: navn").fill(name)
    page.get_by_label("Den nye personens e-post").fill(address)
    page.get_by_label("Rolle").select_option(role)
    choose_organisation(page, re.compile(r"^Representerer"), *municipality)
    if "deputy_for" in more:
        page.get_by_label("Vara for").select_option(label=more["deputy_for"])
        assert scan(page) == []
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Medlemmet er lagt til.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(GROUP)


def calendar_of(message) -> Calendar:
    received = email.message_from_bytes(message.message().as_bytes())
    (part,) = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True))


def test_a_new_collaboration_is_set_up_and_its_first_meeting_invited(
    page, empty_site, operator, screenshot
):
    site = empty_site
    assert Organisation.objects.filter(kind="municipality", ended_on=None).count() == 357

    # The operator: the project, its three municipalities, the steering group and its secretary.
    log_in(page, site)
    start_project(
        page,
        site,
        PROJECT,
        ("Våler", "Våler kommune (Innlandet)"),
        ("Åsn", "Åsnes kommune"),
        ("Gru", "Grue kommune"),
    )
    participants = page.locator("main")
    for name in ("Våler kommune (Innlandet)", "Åsnes kommune", "Grue kommune"):
        expect(participants).to_contain_text(name)

    page.get_by_role("link", name="Ny gruppe").click()
    page.get_by_label("Type").select_option(label="Styringsgruppe")
    page.get_by_label(re.compile(r"^Navn")).fill(GROUP)
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(GROUP)
    group_url = page.url
    seat(page, *SECRETARY, "secretary", ("Våler", "Våler kommune (Innlandet)"))
    page.get_by_role("link", name=SECRETARY[0], exact=True).click()
    page.get_by_role("link", name="Gi tilgang til portalen").click()
    page.get_by_role("button", name="Gi tilgang").click()
    expect(page.get_by_role("status")).to_contain_text(f"sendt til {SECRETARY[1]}")
    assert deliver_waiting("accounts.tasks.send_invitation") == 1
    page.context.clear_cookies()

    # The secretary: a password from the e-mail's link, then the group's roster is hers.
    (welcome,) = [m for m in mail.outbox if m.to == [SECRETARY[1]]]
    page.goto(site(link_in(welcome)))
    page.get_by_label(re.compile(r"^Nytt passord")).fill("sekretaerens-eget-passord")
    page.get_by_label(re.compile(r"^Bekreft nytt passord")).fill("sekretaerens-eget-passord")
    page.get_by_role("button", name="Lagre passordet og logg inn").click()
    expect(page.get_by_role("status")).to_contain_text("Passordet ditt er lagret")
    page.goto(group_url)
    for name, address, role, *municipality in MEMBERS:
        seat(page, name, address, role, tuple(municipality))
    name, address, stands_in_for = DEPUTY
    seat(page, name, address, "deputy", ("Gru", "Grue kommune"), deputy_for=stands_in_for)
    roster = page.locator("main")
    expect(roster).to_contain_text("Vara: Anne Lund")
    screenshot(page, "journey-new-collaboration-roster")

    # The first meeting, three weeks on, and its invitation.
    day = datetime.date.today() + datetime.timedelta(days=21)
    page.get_by_role("link", name="Planlegg et møte").first.click()
    page.get_by_label("Tittel").fill("Første møte i styringsgruppen")
    page.get_by_label(re.compile(r"^Dato")).fill(day.isoformat())
    page.get_by_label("Starter", exact=True).fill("10:00")
    page.get_by_label("Slutter", exact=True).fill("12:00")
    page.get_by_label("Rom").fill("Kommunestyresalen")
    page.get_by_label("Adresse").fill("Grue rådhus, Kirkenær")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Første møte i styringsgruppen")
    page.get_by_role("link", name="Send innkalling").click()
    page.get_by_role("button", name=re.compile("^Send innkalling")).click()
    expect(page.get_by_role("status")).to_contain_text("Innkallingen er på vei til medlemmene.")
    screenshot(page, "journey-new-collaboration-invited")

    meeting = Meeting.objects.get(group__name=GROUP)
    mail.outbox.clear()
    assert deliver_waiting("meetings.tasks.send_invitations") >= 1
    invited = {address: message for message in mail.outbox for address in message.to}
    assert set(invited) == {SECRETARY[1]} | {address for _, address, *_ in MEMBERS}
    assert DEPUTY[1] not in invited
    for message in invited.values():
        (event,) = calendar_of(message).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Første møte i styringsgruppen"
        assert event.decoded("DTSTART") == meeting.starts_at
        assert "Grue rådhus, Kirkenær" in str(event["LOCATION"])
