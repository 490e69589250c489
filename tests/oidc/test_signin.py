"""Sign-in with OpenID Connect against a real provider (oidc-provider, tests/oidc/provider.js).

Each refusal is checked the way the user meets it: back on the login page, not logged in,
with a Norwegian message saying why, and nobody created.
"""

from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.models import User
from tests.factories import PersonFactory, UserFactory
from tests.oidc.harness import CALLBACK, LABEL, follow_provider, running_provider, sign_in
from tests.reliability.redis_switch import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(db):
    """What an invitation leaves: a user named by the e-mail, linked to the person."""
    user = UserFactory(username="kari.nordmann@grue.kommune.no", email="")
    user.set_unusable_password()
    user.save()
    PersonFactory(name="Kari Nordmann", email="kari.nordmann@grue.kommune.no", user=user)
    return user


@pytest.fixture
def existing(db):
    """A user from before, with the address (in other letter case) in User.email."""
    return UserFactory(username="ola", email="Ola.Hansen@Grue.Kommune.no")


def logged_in_as(client):
    return client.session.get(SESSION_KEY)


def assert_refused(client, response, text):
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    page = client.get(response["Location"])
    assert text in page.content.decode()
    assert logged_in_as(client) is None


def test_without_providers_the_login_page_has_the_password_form_only(client, settings):
    settings.OIDC_PROVIDERS = ()
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' in page
    assert "/konto/oidc/" not in page


def test_the_login_page_offers_each_provider(client, oidc_provider, settings):
    second = oidc_provider.settings_entry(name="fauske", label="Logg inn med Fauske kommune")
    settings.OIDC_PROVIDERS = (*settings.OIDC_PROVIDERS, second)
    page = client.get(reverse("login") + "?next=/avtaler/").content.decode()
    assert LABEL in page
    assert "Logg inn med Fauske kommune" in page
    assert 'href="/konto/oidc/logg-inn/fauske/?next=/avtaler/"' in page
    assert 'name="password"' in page


def test_invited_person_signs_in_and_lands_where_she_was_going(client, oidc_provider, invited):
    _, response = sign_in(client, oidc_provider, "invited", query="?next=/avtaler/")
    assert response.status_code == 302
    assert response["Location"] == "/avtaler/"
    assert logged_in_as(client) == str(invited.pk)
    assert client.get(reverse("home")).status_code == 200


def test_a_next_address_on_another_site_is_dropped(client, oidc_provider, invited):
    _, response = sign_in(client, oidc_provider, "invited", query="?next=https://evil.example/")
    assert response["Location"] == reverse("home")


def test_a_code_the_provider_refuses_is_explained(client, oidc_provider, invited, settings):
    # The provider knows this client by another secret: its token endpoint answers 401.
    settings.OIDC_PROVIDERS = (oidc_provider.settings_entry(client_secret="wrong"),)
    _, response = sign_in(client, oidc_provider, "invited")
    assert_refused(client, response, "kunne ikke bekreftes. Logg inn på nytt")


def test_existing_user_is_matched_by_email_in_any_letter_case(client, oidc_provider, existing):
    _, response = sign_in(client, oidc_provider, "existing")
    assert response["Location"] == reverse("home")
    assert logged_in_as(client) == str(existing.pk)


def test_user_is_matched_through_the_linked_persons_email(client, oidc_provider, db):
    user = UserFactory(username="kari", email="")
    PersonFactory(name="Kari Nordmann", email="kari.nordmann@grue.kommune.no", user=user)
    sign_in(client, oidc_provider, "invited")
    assert logged_in_as(client) == str(user.pk)


def test_a_person_without_a_user_is_not_invited(client, oidc_provider, db):
    PersonFactory(name="Kari Nordmann", email="kari.nordmann@grue.kommune.no")
    users = User.objects.count()
    _, response = sign_in(client, oidc_provider, "invited")
    assert_refused(client, response, "Du er ikke invitert til Samarbeid ennå")
    assert User.objects.count() == users


def test_two_users_with_the_address_are_refused(client, oidc_provider, invited, existing):
    UserFactory(username="ola2", email="ola.hansen@grue.kommune.no")
    _, response = sign_in(client, oidc_provider, "existing")
    assert_refused(client, response, "Flere kontoer har e-postadressen")


def test_a_closed_account_is_refused(client, oidc_provider, existing):
    existing.is_active = False
    existing.save()
    _, response = sign_in(client, oidc_provider, "existing")
    assert_refused(client, response, "Kontoen din i Samarbeid er stengt")


def test_someone_not_invited_is_refused_and_nothing_is_created(client, oidc_provider, invited):
    users = User.objects.count()
    _, response = sign_in(client, oidc_provider, "stranger")
    assert_refused(client, response, "Du er ikke invitert til Samarbeid ennå")
    assert User.objects.count() == users


def test_not_invited_message_names_the_address(client, oidc_provider):
    _, response = sign_in(client, oidc_provider, "stranger")
    page = client.get(response["Location"]).content.decode()
    assert "per.ukjent@grue.kommune.no" in page
    assert "sekretæren" in page


def test_unverified_email_is_refused(client, oidc_provider, existing):
    _, response = sign_in(client, oidc_provider, "unverified")
    assert_refused(client, response, "har ikke bekreftet at e-postadressen")


def test_no_email_verified_claim_is_refused_unless_the_provider_is_trusted(
    client, oidc_provider, existing, settings
):
    _, response = sign_in(client, oidc_provider, "entra")
    assert_refused(client, response, "har ikke bekreftet at e-postadressen")

    settings.OIDC_PROVIDERS = (oidc_provider.settings_entry(trust_email=True),)
    _, response = sign_in(client, oidc_provider, "entra")
    assert logged_in_as(client) == str(existing.pk)


def test_trusted_provider_vouches_only_for_its_own_domains(
    client, oidc_provider, existing, settings
):
    settings.OIDC_PROVIDERS = (
        oidc_provider.settings_entry(trust_email=True, email_domains=("fauske.kommune.no",)),
    )
    _, response = sign_in(client, oidc_provider, "entra")
    assert_refused(client, response, "kan ikke gå god for e-postadressen")


def test_no_email_is_refused(client, oidc_provider):
    _, response = sign_in(client, oidc_provider, "no-email")
    assert_refused(client, response, "sendte ingen e-postadresse")


def test_bad_signature_is_refused(client, oidc_provider, invited):
    _, response = sign_in(client, oidc_provider, "invited", mode="bad-signature")
    assert_refused(client, response, "var ikke signert med leverandørens nøkkel")


def test_token_for_another_client_is_refused(client, oidc_provider, invited):
    _, response = sign_in(client, oidc_provider, "invited", mode="wrong-audience")
    assert_refused(client, response, "utstedt til en annen tjeneste enn Samarbeid")


def test_expired_token_is_refused(client, oidc_provider, invited):
    _, response = sign_in(client, oidc_provider, "invited", mode="expired")
    assert_refused(client, response, "var utløpt")


def test_replayed_callback_is_refused(client, oidc_provider, invited):
    url, _ = sign_in(client, oidc_provider, "invited")
    assert logged_in_as(client) == str(invited.pk)
    client.logout()
    assert_refused(client, client.get(url), "allerede brukt")


def test_callback_from_another_browser_is_refused(client, oidc_provider, invited):
    from django.test import Client

    url, _ = sign_in(Client(), oidc_provider, "invited")
    assert_refused(client, client.get(url), "allerede brukt")


def test_unknown_or_missing_state_is_refused(client, oidc_provider):
    callback = reverse("oidc_callback")
    assert_refused(client, client.get(f"{callback}?code=abc&state=made-up"), "allerede brukt")
    assert_refused(client, client.get(callback), "allerede brukt")


def test_provider_refusing_at_its_end_is_explained(client, oidc_provider):
    start = client.get(reverse("oidc_login", args=["test"]))
    state = start["Location"].split("state=")[1].split("&")[0]
    response = client.get(f"{reverse('oidc_callback')}?error=access_denied&state={state}")
    assert_refused(client, response, "avbrutt eller avvist hos")


def test_an_answer_naming_another_issuer_is_refused_and_uses_the_state_up(
    client, oidc_provider, invited
):
    provider_url, _ = sign_in(client, oidc_provider, "invited", follow_back=False)
    forged = provider_url.replace(f"iss={quote(oidc_provider.issuer, safe='')}", "iss=x")
    assert forged != provider_url
    assert_refused(client, client.get(forged), "utstedt til en annen tjeneste")
    # The genuine answer, arriving after, finds its state used.
    assert_refused(client, client.get(provider_url), "allerede brukt")


def test_provider_down_is_explained(client, oidc_provider, settings):
    down = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_PROVIDERS = (oidc_provider.settings_entry(issuer=down),)
    response = client.get(reverse("oidc_login", args=["test"]))
    assert_refused(client, response, "svarer ikke akkurat nå")


def test_provider_going_down_before_the_code_is_exchanged_is_explained(
    client, settings, invited, tmp_path
):
    with running_provider(tmp_path, [CALLBACK]) as short_lived:
        settings.OIDC_PROVIDERS = (short_lived.settings_entry(),)
        short_lived.set(login="invited")
        start = client.get(reverse("oidc_login", args=["test"]))
        back = follow_provider(short_lived, start["Location"])
    # The provider has stopped: the token endpoint no longer answers.
    response = client.get(back.removeprefix("http://testserver"))
    assert_refused(client, response, "svarer ikke akkurat nå")


def test_unknown_provider_is_404(client, oidc_provider):
    assert client.get(reverse("oidc_login", args=["nobody"])).status_code == 404
