"""A portal admin starts a project in the browser: created, funded, a pilot under it, closed."""

import pytest
from playwright.sync_api import expect

from projects.models import Project
from tests.browser.editing import choose_organisation

pytestmark = pytest.mark.django_db

NAME = "Felles barnevern Øst"


def test_portal_admin_sets_up_funds_and_closes_a_project(page, site, login):
    login(page, "admin")
    try:
        page.goto(site("/prosjekter/"))
        page.get_by_role("link", name="Nytt prosjekt").click()
        page.locator("[name=name]").fill(NAME)
        choose_organisation(page, "Eierorganisasjon", "Gru", "Grue kommune")
        page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_role("status")).to_contain_text("Prosjektet ble opprettet.")
        expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
        assert page.url.endswith("/prosjekter/felles-barnevern-ost/")

        page.get_by_role("link", name="Ny finansieringslinje").click()
        page.locator("[name=source]").fill("Statsforvalterens skjønnsmidler")
        page.locator("[name=year]").fill("2026")
        page.get_by_label("Beløp (kr)", exact=False).fill("-10")
        page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_text("Beløpet kan ikke være negativt.").first).to_be_visible()
        page.get_by_label("Beløp (kr)", exact=False).fill("1 250 000,50")
        page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_role("status")).to_contain_text("Finansieringslinjen ble lagt til.")
        row = page.get_by_role("row").filter(has_text="Statsforvalterens skjønnsmidler")
        expect(row).to_contain_text("1\u00a0250\u00a0000,50")

        page.get_by_role("link", name="Nytt delprosjekt/pilot").click()
        page.locator("[name=name]").fill("Pilot Grue")
        choose_organisation(page, "Eierorganisasjon", "Gru", "Grue kommune")
        page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_role("status")).to_contain_text("Prosjektet ble opprettet.")
        breadcrumbs = page.get_by_role("navigation", name="Brødsmulesti")
        expect(breadcrumbs.get_by_role("link", name=NAME)).to_be_visible()

        page.goto(site("/prosjekter/felles-barnevern-ost/"))
        page.get_by_role("link", name="Avslutt prosjektet").click()
        page.get_by_role("button", name="Avslutt prosjektet").click()
        expect(page.get_by_role("status")).to_contain_text("Prosjektet ble avsluttet.")
        expect(page.get_by_role("link", name="Nytt delprosjekt/pilot")).to_have_count(0)
    finally:
        for project in Project.objects.filter(name="Pilot Grue", parent__name=NAME):
            project.delete()
        Project.objects.filter(name=NAME).delete()
