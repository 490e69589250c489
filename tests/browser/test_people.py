"""The register of people in Chromium, on the demo: the demo's prosjektleder adds a person
whose name is already taken in the organisation (a warning, confirmed with a tick), then
imports a group's new members from a CSV file after its preview."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from projects import person_permissions
from projects.models import Person, ProjectGroup

pytestmark = pytest.mark.django_db


def test_prosjektleder_adds_a_namesake_after_the_warning(page, site, login, tmp_path):
    user = User.objects.get(username="prosjektleder")
    namesake = (
        Person.objects.filter(
            organisation__in=person_permissions.organisations_for_new_people(user),
            id__in=person_permissions.manageable_person_ids(user),
        )
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    login(page, "prosjektleder")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Personer").click()
    page.get_by_role("link", name="Ny person").click()
    page.get_by_label(re.compile(r"^Navn")).fill(namesake.name)
    page.get_by_label("Organisasjon", exact=True).select_option(label=namesake.organisation.name)
    page.get_by_label("E-post", exact=True).fill("navnebror@example.no")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("alert")).to_contain_text(
        f"Det finnes allerede en {namesake.name} i {namesake.organisation.name}"
    )
    page.get_by_label("Ja, dette er en annen person med samme navn").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Personen ble lagt til.")
    expect(page.get_by_role("heading", level=1)).to_have_text(namesake.name)
    assert Person.objects.filter(email="navnebror@example.no").exists()

    group = ProjectGroup.objects.filter(project__administrators__user=user).order_by("pk").first()
    upload = tmp_path / "medlemmer.csv"
    upload.write_text(
        "navn;tittel;e-post;rolle\nImporterte Ingrid;rådgiver;ingrid@example.no;medlem\n"
    )
    page.goto(site(group.get_absolute_url()))
    page.get_by_role("link", name="Importer fra fil").click()
    page.get_by_label(re.compile(r"^Fil")).set_input_files(str(upload))
    page.get_by_role("button", name="Forhåndsvis").click()
    expect(page.get_by_role("table")).to_contain_text("Importerte Ingrid")
    page.get_by_role("button", name="Importer alle").click()
    expect(page.get_by_role("status")).to_contain_text("1 medlem ble importert.")
    assert group.memberships.filter(person__email="ingrid@example.no").exists()
