"""Choosing an organisation by typing part of its name (projects/widgets.py, issue 14)."""

import pytest
from playwright.sync_api import expect

from projects import services
from projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_project_admin_types_gru_and_chooses_grue(page, login, site, screenshot):
    project = Project.objects.get(slug="nav-nordland")
    assert not project.participations.filter(organisation__name="Grue kommune").exists()
    login(page, "prosjektleder")
    page.goto(site("/prosjekter/nav-nordland/deltakere/ny/"))
    box = page.get_by_role("combobox", name="Organisasjon")
    box.press_sequentially("Gru", delay=50)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option").first).to_contain_text("Grue kommune")
    screenshot(page, "organisation-picker-open")
    # By keyboard, as the combobox pattern has it: down to the first match, Enter to take it.
    box.press("ArrowDown")
    expect(box).to_have_attribute(
        "aria-activedescendant", listbox.get_by_role("option").first.get_attribute("id")
    )
    box.press("Enter")
    expect(box).to_have_value("Grue kommune")
    expect(listbox).to_be_hidden()
    page.get_by_label("Rolle").select_option("participant")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Organisasjonen deltar nå i prosjektet.")
    participation = project.participations.get(organisation__name="Grue kommune")
    try:
        assert participation.role == "participant"
    finally:
        # The site's data is shared by the package's tests: leave it as it was.
        services.project_participation_remove(participation=participation)
