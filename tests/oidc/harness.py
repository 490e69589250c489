"""A real OpenID provider (tests/oidc/provider.js, the npm package oidc-provider) for the tests.

Fixtures in conftest.py; the browser test (tests/browser/test_oidc_signin.py) starts its own.

`make test` installs it with `npm ci` into tests/oidc/node_modules (not committed). The
Django side runs in the test client; its calls to the provider (discovery, token, keys) are
real HTTP, and the test carries the browser's redirects between the two.
"""

import json
import selectors
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from accounts.oidc_config import OIDCProvider
from tests.conftest import require_real_service

HERE = Path(__file__).resolve().parent
CALLBACK = "http://testserver/konto/oidc/tilbake/"
CLIENT_ID = "samarbeid-test"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"
LABEL = "Logg inn med Testkommunens konto"

# The provider's directory: who may sign in there, and what it says about them.
ACCOUNTS = {
    "invited": {
        "email": "Kari.Nordmann@grue.kommune.no",
        "email_verified": True,
        "name": "Kari Nordmann",
    },
    "existing": {"email": "ola.hansen@grue.kommune.no", "email_verified": True},
    "stranger": {"email": "per.ukjent@grue.kommune.no", "email_verified": True},
    "unverified": {"email": "ola.hansen@grue.kommune.no", "email_verified": False},
    # As Entra ID: an e-mail address and no email_verified claim at all.
    "entra": {"email": "ola.hansen@grue.kommune.no"},
    "no-email": {"name": "Uten Adresse"},
    # The demo's steering-group member (Cato Rødsand), for the browser test on the demo data.
    "demo-member": {"email": "Cato.Rodsand@nav-luroy.example", "email_verified": True},
}


@dataclass
class RunningProvider:
    issuer: str

    def set(self, *, login: str | None = None, mode: str = "normal") -> None:
        params = {"mode": mode, **({"login": login} if login else {})}
        requests.post(f"{self.issuer}/_test/state", params=params, timeout=5).raise_for_status()

    def settings_entry(self, **overrides) -> OIDCProvider:
        values = {
            "name": "test",
            "label": LABEL,
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            **overrides,
        }
        return OIDCProvider(**values)


@contextmanager
def running_provider(folder: Path, redirect_uris: list[str]):
    """Starts tests/oidc/provider.js with one client for these callback URLs."""
    node = shutil.which("node")
    installed = (HERE / "node_modules" / "oidc-provider" / "package.json").exists()
    require_real_service(
        bool(node) and installed, "Node.js and tests/oidc/node_modules (`make test` runs npm ci)"
    )
    config = folder / "config.json"
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
    }
    config.write_text(json.dumps({"clients": [client], "accounts": ACCOUNTS}))
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own script
        [node, "provider.js", str(config)],
        cwd=HERE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        waiting = selectors.DefaultSelector()
        waiting.register(process.stdout, selectors.EVENT_READ)
        line = process.stdout.readline() if waiting.select(timeout=30) else ""
        if not line.startswith("READY "):
            pytest.fail(f"the OpenID provider did not start: {line!r}, see {log.name}")
        yield RunningProvider(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def follow_provider(provider: RunningProvider, location: str, browser=None) -> str:
    """Follows the provider's redirects as a browser would; returns the URL back to Django."""
    browser = browser or requests.Session()
    while location.startswith(provider.issuer):
        response = browser.get(location, allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), response.text
        location = urljoin(location, response.headers["Location"])
    return location


def sign_in(
    client,
    provider: RunningProvider,
    login: str,
    *,
    mode: str = "normal",
    query="",
    follow_back=True,
):
    """The whole flow: Django → provider (logs `login` in) → back to Django's callback.

    Returns (callback URL as Django got it, Django's answer to it, or None without
    follow_back).
    """
    provider.set(login=login, mode=mode)
    start = client.get(reverse("oidc_login", args=["test"]) + query)
    assert start.status_code == 302, start
    back = follow_provider(provider, start["Location"])
    assert back.startswith(CALLBACK), back
    parts = urlsplit(back)
    url = f"{parts.path}?{parts.query}"
    return url, client.get(url) if follow_back else None
