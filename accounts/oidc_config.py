"""The OpenID providers users may sign in with, read from OIDC_PROVIDERS at start-up.

Plain data, no Django models: settings.py imports it, so a bad entry stops the portal at
start-up with a message naming it.
"""

import json
import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_REQUIRED = ("name", "label", "issuer", "client_id", "client_secret")
_OPTIONAL = {"display_name", "trust_email", "email_domains", "scopes"}
_LABEL_PREFIXES = ("logg inn med ", "log in with ", "sign in with ")


@dataclass(frozen=True)
class OIDCProvider:
    """One OpenID provider: a municipality's Entra ID tenant, or any standard provider."""

    name: str
    label: str
    issuer: str
    client_id: str
    client_secret: str
    # Entra ID sends no email_verified claim. Set only for a single-tenant issuer whose
    # administrators own the addresses (the municipality's own tenant); an explicit
    # email_verified=false is refused all the same.
    trust_email: bool = False
    # Addresses this provider may vouch for (e.g. ["grue.kommune.no"]); empty: any.
    email_domains: tuple[str, ...] = ()
    scopes: str = "openid email profile"
    # How messages name the provider ("Microsoft Entra ID svarer ikke"); by default the
    # label without its "Logg inn med".
    display_name: str = ""

    @property
    def title(self) -> str:
        if self.display_name:
            return self.display_name
        for prefix in _LABEL_PREFIXES:
            if self.label.lower().startswith(prefix):
                return self.label[len(prefix) :]
        return self.label

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def parse_providers(raw: str | None) -> tuple[OIDCProvider, ...]:
    """OIDC_PROVIDERS: a JSON list of objects with the fields of OIDCProvider."""
    if not raw or not raw.strip():
        return ()
    try:
        entries = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"OIDC_PROVIDERS is not valid JSON: {error}") from error
    if not isinstance(entries, list):
        raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON list of providers.")
    providers = tuple(_provider(index, entry) for index, entry in enumerate(entries))
    names = [provider.name for provider in providers]
    if len(set(names)) != len(names):
        raise ImproperlyConfigured("OIDC_PROVIDERS: each provider needs a name of its own.")
    return providers


def _provider(index: int, entry) -> OIDCProvider:
    where = f"OIDC_PROVIDERS[{index}]"
    if not isinstance(entry, dict):
        raise ImproperlyConfigured(f"{where} must be an object.")
    missing = [key for key in _REQUIRED if not isinstance(entry.get(key), str) or not entry[key]]
    if missing:
        raise ImproperlyConfigured(f"{where} needs {', '.join(missing)} (text).")
    unknown = set(entry) - set(_REQUIRED) - _OPTIONAL
    if unknown:
        raise ImproperlyConfigured(f"{where} has unknown keys: {', '.join(sorted(unknown))}.")
    if not _NAME.match(entry["name"]):
        raise ImproperlyConfigured(
            f"{where}: name must be lower-case letters, digits and hyphens (it is in the URL)."
        )
    if not entry["issuer"].startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{where}: issuer must be an https:// URL.")
    trust_email = entry.get("trust_email", False)
    if not isinstance(trust_email, bool):
        raise ImproperlyConfigured(f"{where}: trust_email must be true or false.")
    domains = entry.get("email_domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
        raise ImproperlyConfigured(f"{where}: email_domains must be a list of domain names.")
    scopes = entry.get("scopes", OIDCProvider.scopes)
    if not isinstance(scopes, str) or "openid" not in scopes.split():
        raise ImproperlyConfigured(f"{where}: scopes must be text that includes openid.")
    display_name = entry.get("display_name", "")
    if not isinstance(display_name, str):
        raise ImproperlyConfigured(f"{where}: display_name must be text.")
    return OIDCProvider(
        **{key: entry[key] for key in _REQUIRED},
        display_name=display_name,
        trust_email=trust_email,
        email_domains=tuple(domain.lower().lstrip("@") for domain in domains),
        scopes=scopes,
    )
