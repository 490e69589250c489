"""Password paths in Chromium: the portal admin gives a demo person access, the person
chooses a password from the e-mail's link and is logged in; later they forget it and choose
a new one from the login page. Every page of the way passes axe.

The person (Alf Marcus Vang, VÅG's steering group) has no login in the demo, so the other
browser tests, which log in as the demo's users, see no change they could trip over.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from projects.models import Person
from tests.accounts.helpers import link_in
from tests.browser.axe import scan
from tests.outbox_helpers import deliver_waiting

pytestmark = pytest.mark.django_db

ADDRESS = "alf.marcus.vang@samarbeid-demo.example"


def choose_password(page, password: str) -> None:
    page.get_by_label(re.compile(r"^Nytt passord")).fill(password)
    page.get_by_label(re.compile(r"^Bekreft nytt passord")).fill(password)


def test_an_invited_person_chooses_a_password_and_later_a_new_one(page, site, login):
    person = Person.objects.get(name="Alf Marcus Vang")
    login(page, "admin")
    page.goto(site(reverse("accounts:person_invite", args=[person.pk])))
    assert scan(page) == []
    page.get_by_role("button", name="Gi tilgang").click()
    expect(page.get_by_role("status")).to_contain_text(f"sendt til {ADDRESS}")
    # The worker's part, here: the request only recorded the e-mail.
    assert deliver_waiting("accounts.tasks.send_invitation") == 1
    page.context.clear_cookies()

    page.goto(site(link_in(mail.outbox[-1])))
    expect(page.get_by_role("heading", name="Velkommen til Samarbeid")).to_be_visible()
    assert scan(page) == []
    choose_password(page, "forste-passord-for-alf")
    page.get_by_role("button", name="Lagre passordet og logg inn").click()
    expect(page.get_by_role("status")).to_contain_text("Passordet ditt er lagret")
    page.context.clear_cookies()

    page.goto(site(reverse("login")))
    page.get_by_role("link", name="Glemt passordet?").click()
    assert scan(page) == []
    page.get_by_label("E-post").fill(ADDRESS)
    page.get_by_role("button", name="Send lenken").click()
    expect(page.get_by_role("heading", name="Sjekk e-posten din")).to_be_visible()
    assert scan(page) == []
    assert deliver_waiting("accounts.tasks.send_password_reset") == 1
    page.goto(site(link_in(mail.outbox[-1])))
    assert scan(page) == []
    choose_password(page, "nytt-passord-for-alf")
    page.get_by_role("button", name="Lagre passordet").click()
    expect(page.get_by_role("heading", name="Passordet er lagret")).to_be_visible()
    page.get_by_role("link", name="Logg inn").last.click()
    page.get_by_label("Brukernavn").fill(ADDRESS)
    page.get_by_label("Passord").fill("nytt-passord-for-alf")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/konto/logg-inn/" not in url)
