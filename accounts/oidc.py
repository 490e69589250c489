"""Sign-in with OpenID Connect (Microsoft Entra ID and other standard providers).

mozilla-django-oidc runs the code flow: state, nonce and PKCE in the session (each state is
used once), the code exchanged at the token endpoint, the ID token's signature checked
against the provider's JWKS. It is made for one provider read from settings; here each
sign-in carries its provider (OIDC_PROVIDERS), found from the state it started with.

What is added on top, and why:
- the audience and issuer are checked (the library decodes with verify_aud off);
- every failure ends as an OIDCRefused with a reason the login page explains in Norwegian,
  where the library would answer 400 or 500 (an expired token, a provider that is down);
- nobody is created: the verified e-mail must belong to an active user a secretary invited.
"""

import hashlib
import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.oidc_config import OIDCProvider

logger = logging.getLogger(__name__)

# Entra ID and ID-porten sign with RS256; accepting only it rules out "alg": "none" and
# HS256 signed with the (shared) client secret.
SIGNING_ALGORITHM = "RS256"
METADATA_SECONDS = 60 * 60


class OIDCRefused(Exception):
    """A sign-in that must not go through; `reason` picks the message the user sees."""

    def __init__(self, reason: str, *, email: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.email = email


def providers() -> dict[str, OIDCProvider]:
    return {provider.name: provider for provider in settings.OIDC_PROVIDERS}


def provider_metadata(provider: OIDCProvider) -> dict:
    """The provider's discovery document, cached for an hour; OIDCRefused if unreachable."""
    key = "oidc-metadata:" + hashlib.sha256(provider.discovery_url.encode()).hexdigest()
    metadata = cache.get(key)
    if metadata is None:
        try:
            response = requests.get(provider.discovery_url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            metadata = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.warning("OIDC provider %s unreachable: %s", provider.name, error)
            raise OIDCRefused("unavailable") from error
        # A document naming another issuer would let that issuer's tokens through.
        if metadata.get("issuer") != provider.issuer:
            logger.error(
                "OIDC provider %s: discovery names issuer %r, configured %r",
                provider.name,
                metadata.get("issuer"),
                provider.issuer,
            )
            raise OIDCRefused("unavailable")
        missing = {"authorization_endpoint", "token_endpoint", "jwks_uri"} - set(metadata)
        if missing:
            logger.error("OIDC provider %s: discovery lacks %s", provider.name, sorted(missing))
            raise OIDCRefused("unavailable")
        cache.set(key, metadata, METADATA_SECONDS)
    return metadata


def provider_settings(provider: OIDCProvider, metadata: dict) -> dict:
    """The library's settings (OIDC_*) for one provider."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": metadata.get("authorization_endpoint"),
        "OIDC_OP_TOKEN_ENDPOINT": metadata.get("token_endpoint"),
        "OIDC_OP_USER_ENDPOINT": metadata.get("userinfo_endpoint"),
        "OIDC_OP_JWKS_ENDPOINT": metadata.get("jwks_uri"),
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_RP_SIGN_ALGO": SIGNING_ALGORITHM,
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_TIMEOUT": settings.OIDC_TIMEOUT,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_callback",
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "LOGIN_REDIRECT_URL": settings.LOGIN_REDIRECT_URL,
    }


class ProviderSettingsMixin:
    """Reads the library's OIDC_* settings from the provider of this sign-in."""

    oidc_settings: dict = {}

    def get_settings(self, attr, *args):
        if attr in self.oidc_settings:
            return self.oidc_settings[attr]
        if args:
            return getattr(settings, attr, args[0])
        return getattr(settings, attr)


def email_is_verified(provider: OIDCProvider, claims: dict) -> bool:
    verified = claims.get("email_verified")
    if isinstance(verified, str):
        # Some providers (older Cognito, some Keycloak mappers) send the text "true".
        verified = verified.strip().lower() == "true"
    if verified is None:
        return provider.trust_email
    return verified is True


def invited_user(email: str):
    """The one active user this e-mail belongs to, or OIDCRefused.

    An invitation makes a user with the e-mail as user name, linked to the person; older
    accounts carry it in User.email. Matching is case-insensitive: Entra ID keeps the
    address as typed into the directory.
    """
    users = list(
        get_user_model()
        .objects.filter(
            Q(email__iexact=email) | Q(username__iexact=email) | Q(person__email__iexact=email)
        )
        .distinct()
    )
    if not users:
        raise OIDCRefused("not_invited", email=email)
    if len(users) > 1:
        logger.warning("OIDC sign-in: %d users share the e-mail %s", len(users), email)
        raise OIDCRefused("ambiguous", email=email)
    if not users[0].is_active:
        raise OIDCRefused("inactive", email=email)
    return users[0]


class ProviderBackend(ProviderSettingsMixin, OIDCAuthenticationBackend):
    """The library's backend, for the provider the callback view puts on the request."""

    def __init__(self, *args, **kwargs):
        # The library reads its settings here; ours come per sign-in, in authenticate().
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "oidc_provider", None) if request is not None else None
        if provider is None or "nonce" not in kwargs:
            return None  # a password login
        self.provider = provider
        self.oidc_settings = provider_settings(provider, request.oidc_metadata)
        for name in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ):
            setattr(self, name, self.oidc_settings[name])
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            logger.warning("OIDC provider %s failed during sign-in: %s", provider.name, error)
            status = error.response.status_code if error.response is not None else 500
            # A 4xx is the provider refusing this code or this client, not being down.
            raise OIDCRefused("unavailable" if status >= 500 else "invalid") from error
        except SuspiciousOperation as error:
            # The library's own refusals: wrong alg, no matching key, nonce mismatch.
            logger.warning("OIDC sign-in via %s refused: %s", provider.name, error)
            raise OIDCRefused("invalid") from error

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except (KeyError, jwt.PyJWTError) as error:
            # No token, a token that is not a JWT, or one without a key id.
            raise OIDCRefused("invalid") from error

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != SIGNING_ALGORITHM:
            raise OIDCRefused("invalid")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[SIGNING_ALGORITHM],
                audience=self.provider.client_id,
                issuer=self.provider.issuer,
                leeway=settings.OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidSignatureError as error:
            raise OIDCRefused("signature") from error
        except jwt.ExpiredSignatureError as error:
            raise OIDCRefused("expired") from error
        except (jwt.InvalidAudienceError, jwt.InvalidIssuerError) as error:
            raise OIDCRefused("audience") from error
        except jwt.InvalidTokenError as error:
            raise OIDCRefused("invalid") from error

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed from the userinfo endpoint when it has no e-mail."""
        if "email" in payload or not self.OIDC_OP_USER_ENDPOINT:
            return payload
        userinfo = super().get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: userinfo for another subject must not be used.
        if userinfo.get("sub") != payload.get("sub"):
            raise OIDCRefused("invalid")
        return {**payload, **userinfo}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = (claims.get("email") or "").strip()
        if not email:
            raise OIDCRefused("no_email")
        if not email_is_verified(self.provider, claims):
            raise OIDCRefused("unverified", email=email)
        domain = email.rpartition("@")[2].lower()
        if self.provider.email_domains and domain not in self.provider.email_domains:
            raise OIDCRefused("domain", email=email)
        return invited_user(email)
