"""Steps the journeys share: signing in, and starting a project as the operator does."""

import re

from playwright.sync_api import expect

from tests.browser.axe import scan
from tests.browser.editing import choose_organisation

OPERATOR, OPERATOR_PASSWORD = "drift", "driftspassord-kun-for-testen"


def log_in(page, site, username: str = OPERATOR, password: str = OPERATOR_PASSWORD) -> None:
    page.goto(site("/konto/logg-inn/"))
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/konto/logg-inn/" not in url)


def start_project(page, site, name: str, owner: tuple[str, str], *others: tuple[str, str]):
    """A new project owned by ``owner`` with ``others`` taking part, each (typed, chosen)."""
    page.goto(site("/prosjekter/"))
    page.get_by_role("link", name="Nytt prosjekt").click()
    page.get_by_label(re.compile(r"^Navn")).fill(name)
    choose_organisation(page, re.compile(r"^Eierorganisasjon"), *owner)
    assert scan(page) == []
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Prosjektet ble opprettet.")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    project_url = page.url
    for organisation in others:
        page.get_by_role("link", name="Legg til deltakende organisasjon").click()
        choose_organisation(page, re.compile(r"^Organisasjon"), *organisation)
        page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_role("status")).to_contain_text("Organisasjonen deltar nå i prosjektet.")
    return project_url
