"""OIDC_PROVIDERS: what a municipality writes, read strictly at start-up."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.oidc import email_is_verified
from accounts.oidc_config import parse_providers
from tests.infra.test_settings_env import load_settings, settings_error

ENTRA = {
    "name": "grue",
    "label": "Logg inn med Microsoft Entra ID",
    "issuer": "https://login.microsoftonline.com/0000-tenant/v2.0",
    "client_id": "app-id",
    "client_secret": "secret",
}


def test_nothing_configured_means_no_providers():
    assert parse_providers(None) == ()
    assert parse_providers("  ") == ()


def test_an_entra_entry_with_its_options():
    entry = {**ENTRA, "trust_email": True, "email_domains": ["@Grue.Kommune.no"]}
    (provider,) = parse_providers(json.dumps([entry]))
    assert provider.trust_email is True
    assert provider.email_domains == ("grue.kommune.no",)
    assert provider.scopes == "openid email profile"
    assert provider.title == "Microsoft Entra ID"
    assert provider.discovery_url == (
        "https://login.microsoftonline.com/0000-tenant/v2.0/.well-known/openid-configuration"
    )


def test_display_name_names_the_provider_in_messages():
    (provider,) = parse_providers(json.dumps([{**ENTRA, "display_name": "Grue kommune"}]))
    assert provider.title == "Grue kommune"


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps(ENTRA), "JSON list"),
        (json.dumps([{**ENTRA, "client_secret": ""}]), "client_secret"),
        (json.dumps([{**ENTRA, "name": "Grue Kommune"}]), "name must be"),
        (json.dumps([{**ENTRA, "issuer": "login.microsoftonline.com"}]), "issuer"),
        (json.dumps([{**ENTRA, "trust_email": "yes"}]), "trust_email"),
        (json.dumps([{**ENTRA, "email_domains": "grue.kommune.no"}]), "email_domains"),
        (json.dumps([{**ENTRA, "scopes": "email"}]), "openid"),
        (json.dumps([{**ENTRA, "tenant": "x"}]), "unknown keys: tenant"),
        (json.dumps([ENTRA, ENTRA]), "name of its own"),
    ],
)
def test_bad_entries_are_refused_with_the_reason(raw, says):
    with pytest.raises(ImproperlyConfigured, match=says):
        parse_providers(raw)


def test_a_bad_entry_stops_start_up_naming_the_variable(tmp_path):
    message = settings_error(tmp_path, SECRET_KEY="x", OIDC_PROVIDERS="[{}]")
    assert "OIDC_PROVIDERS[0]" in message


def test_providers_can_come_from_a_secret_file(tmp_path):
    secret = tmp_path / "oidc_providers.json"
    secret.write_text(json.dumps([ENTRA]))
    load_settings(tmp_path, SECRET_KEY="x", OIDC_PROVIDERS_FILE=str(secret))
    # The file is what is read: a broken one stops start-up.
    secret.write_text(json.dumps([{**ENTRA, "issuer": "ftp://x"}]))
    message = settings_error(tmp_path, SECRET_KEY="x", OIDC_PROVIDERS_FILE=str(secret))
    assert "OIDC_PROVIDERS[0]: issuer" in message


@pytest.mark.parametrize(
    ("claim", "trusted", "verified"),
    [
        (True, False, True),
        ("true", False, True),
        (False, True, False),
        ("false", True, False),
        (None, False, False),
        (None, True, True),
        ("yes", True, False),
    ],
)
def test_email_verified(claim, trusted, verified):
    (provider,) = parse_providers(json.dumps([{**ENTRA, "trust_email": trusted}]))
    claims = {"email": "a@grue.kommune.no"} | ({} if claim is None else {"email_verified": claim})
    assert email_is_verified(provider, claims) is verified
