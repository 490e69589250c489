"""Repeated failed logins lock the account and the address for a while, and say so."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.backends import client_address
from accounts.models import User
from tests.factories import PASSWORD
from tests.infra.test_settings_env import run_python

LIMIT = 5


@pytest.fixture(autouse=True)
def limits(settings, world):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_MINUTES = 15
    # Each try checks a password; at PBKDF2's production cost that would be most of the time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


def attempt(client, username, password="feil-passord", **extra):  # noqa: S107
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_a_wrong_password_shows_the_form_again(world, client):
    response = attempt(client, "referent")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_a_username_longer_than_the_lockout_log_takes_is_a_form_error(world):
    # django-axes stores the username in a 255-character column; PostgreSQL refused the
    # insert with a 500. The form now refuses it first, in Norwegian.
    client = Client(raise_request_exception=False)
    for _ in range(2):
        response = attempt(client, "a" * 5000)
        assert response.status_code == 200
        assert "Brukernavnet er for langt" in response.content.decode()


def test_an_account_is_locked_from_the_guessing_address_even_with_the_right_password(world):
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(LIMIT - 1):
        assert attempt(client, "referent").status_code == 200
    assert attempt(client, "referent").status_code == 429
    response = attempt(client, "referent", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "5 mislykkede innlogginger" in text
    assert "15 minutter" in text
    assert "_auth_user_id" not in response.client.session


def test_failures_for_a_user_name_from_one_address_do_not_lock_the_user_out_elsewhere(world):
    # Anyone who knows a user name could otherwise lock its owner out for 15 minutes.
    guesser = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(LIMIT):
        attempt(guesser, "referent")
    assert attempt(guesser, "referent", PASSWORD).status_code == 429
    assert attempt(guesser, "medlem", PASSWORD).status_code == 429, "the address is refused"
    owner = attempt(Client(REMOTE_ADDR="198.51.100.2"), "referent", PASSWORD)
    assert owner.status_code == 302
    assert owner.client.session["_auth_user_id"] == str(User.objects.get(username="referent").pk)


def test_an_address_is_locked_after_failures_across_accounts(world):
    client = Client(REMOTE_ADDR="192.0.2.7")
    for username in ["referent", "medlem", "leser", "direktor", "admin"]:
        attempt(client, username)
    response = attempt(client, "prosjektleder", PASSWORD)
    assert response.status_code == 429
    # Another address is not affected.
    assert attempt(Client(REMOTE_ADDR="192.0.2.8"), "prosjektleder", PASSWORD).status_code == 302


def test_a_success_before_the_limit_clears_the_count(world):
    client = Client(REMOTE_ADDR="192.0.2.9")
    for _ in range(LIMIT - 1):
        attempt(client, "medlem")
    assert attempt(client, "medlem", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert attempt(client, "medlem").status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_address_lock(world):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for number, username in enumerate(["referent", "medlem", "leser", "direktor", "admin"]):
        attempt(client, username, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    response = attempt(client, "prosjektleder", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert response.status_code == 429


def test_without_a_trusted_proxy_a_rotating_forwarded_for_does_not_escape_the_limit(
    world, settings
):
    # What a client reaching a published web port directly would send: a new
    # X-Forwarded-For with each guess at one account.
    settings.TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="192.0.2.11")
    answers = [
        attempt(client, "medlem", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code
        for number in range(8)
    ]
    assert answers == [200] * (LIMIT - 1) + [429] * (8 - LIMIT + 1)
    forged = attempt(client, "medlem", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert forged.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.1.1.1")
    for username in ["referent", "medlem", "leser", "direktor", "admin"]:
        attempt(proxy, username, HTTP_X_FORWARDED_FOR="forged.example, 198.51.100.5")
    blocked = attempt(
        proxy, "prosjektleder", PASSWORD, HTTP_X_FORWARDED_FOR="forged.example, 198.51.100.5"
    )
    assert blocked.status_code == 429
    # Everyone else behind the same proxy can still log in.
    other = attempt(
        proxy, "prosjektleder", PASSWORD, HTTP_X_FORWARDED_FOR="forged.example, 198.51.100.6"
    )
    assert other.status_code == 302


def test_the_forwarded_header_is_read_only_when_a_proxy_is_trusted(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TRUSTED_PROXY_COUNT)"
    )
    for given, expected in [(None, "0"), ("2", "2")]:
        env = {"SECRET_KEY": "x"} | ({"TRUSTED_PROXY_COUNT": given} if given else {})
        result = run_python(tmp_path, env, ["-c", script])
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == expected


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.1", "192.0.2.1"),
        (1, "", "192.0.2.1"),
        (1, "203.0.113.1", "203.0.113.1"),
        (1, "6.6.6.6, 203.0.113.1", "203.0.113.1"),
        (2, "6.6.6.6, 203.0.113.1, 10.0.0.2", "203.0.113.1"),
    ],
)
def test_client_address_trusts_only_the_proxies_entries(settings, rf, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
