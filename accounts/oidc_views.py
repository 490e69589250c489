"""Sign-in with an OpenID provider: start at the provider, come back, or be told why not."""

import logging
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.oidc import (
    OIDCRefused,
    ProviderSettingsMixin,
    provider_metadata,
    provider_settings,
    providers,
)

logger = logging.getLogger(__name__)


class ProviderRequestView(ProviderSettingsMixin, OIDCAuthenticationRequestView):
    pass


class ProviderCallbackView(ProviderSettingsMixin, OIDCAuthenticationCallbackView):
    def login_failure(self):
        raise OIDCRefused("invalid")


@never_cache
@require_GET
def oidc_login(request, provider):
    """Sends the browser to the provider, remembering (by state) which provider it was."""
    chosen = providers().get(provider)
    if chosen is None:
        raise Http404
    try:
        metadata = provider_metadata(chosen)
    except OIDCRefused as refusal:
        return refused(request, refusal, chosen.title)
    view = ProviderRequestView.as_view(oidc_settings=provider_settings(chosen, metadata))
    response = view(request)
    # The library keys its session entries by state: ours says which provider it belongs to.
    state = parse_qs(urlsplit(response.url).query)["state"][0]
    request.session["oidc_states"][state]["provider"] = chosen.name
    request.session.modified = True
    return response


@never_cache
@require_GET
def oidc_callback(request):
    """The provider sends the browser back here, with a code or an error, and the state."""
    entry = request.session.get("oidc_states", {}).get(request.GET.get("state", ""))
    chosen = providers().get(entry.get("provider", "")) if isinstance(entry, dict) else None
    if chosen is None:
        # No such state in this session: used already (a replay), started in another
        # browser, or the session ended while the user was at the provider.
        return refused(request, OIDCRefused("state"), "")
    label = chosen.title
    error = request.GET.get("error")
    # RFC 9207: a provider that names itself must be the one this sign-in went to.
    wrong_issuer = request.GET.get("iss", chosen.issuer) != chosen.issuer
    if error or wrong_issuer:
        # Used up either way, so the same state cannot be tried again with another answer.
        del request.session["oidc_states"][request.GET["state"]]
        request.session.modified = True
        if error:
            logger.info("OIDC provider %s answered %s", chosen.name, error)
            return refused(request, OIDCRefused("provider_error"), label)
        return refused(request, OIDCRefused("audience"), label)
    try:
        request.oidc_provider = chosen
        request.oidc_metadata = provider_metadata(chosen)
        view = ProviderCallbackView.as_view(
            oidc_settings=provider_settings(chosen, request.oidc_metadata)
        )
        return view(request)
    except OIDCRefused as refusal:
        return refused(request, refusal, label)


def refused(request, refusal: OIDCRefused, label: str):
    logger.info("OIDC sign-in refused (%s) via %s", refusal.reason, label or "unknown provider")
    messages.error(request, refusal_message(refusal, label))
    return redirect("login")


def refusal_message(refusal: OIDCRefused, label: str) -> str:
    values = {"provider": label or _("the sign-in service"), "email": refusal.email}
    texts = {
        "not_invited": _(
            "You have not been invited to Samarbeid yet. Ask the secretary of your group to "
            "invite you with the e-mail address %(email)s."
        ),
        "ambiguous": _(
            "More than one account has the e-mail address %(email)s, so we cannot tell which "
            "one is yours. Ask the secretary to merge them, or log in with your password."
        ),
        "inactive": _(
            "Your account in Samarbeid is closed. Ask the secretary if you should have access."
        ),
        "unverified": _(
            "%(provider)s has not confirmed that the e-mail address %(email)s is yours, so it "
            "cannot be used to log in. Log in with your password, or ask your IT department."
        ),
        "no_email": _(
            "%(provider)s sent no e-mail address, so we cannot tell who you are. Ask your IT "
            "department to release the e-mail address to Samarbeid."
        ),
        "domain": _(
            "%(provider)s cannot vouch for the e-mail address %(email)s. Use the sign-in of "
            "the organisation the address belongs to."
        ),
        "signature": _(
            "The sign-in could not be confirmed: the answer from %(provider)s was not signed "
            "with its key. Try again, and tell your IT department if it happens again."
        ),
        "audience": _(
            "The sign-in could not be confirmed: the answer from %(provider)s was issued for "
            "another service than Samarbeid. Try again, and tell your IT department if it "
            "happens again."
        ),
        "expired": _("The sign-in from %(provider)s had expired. Please log in again."),
        "state": _(
            "The sign-in could not be completed: it was already used, started in another "
            "browser, or took too long. Please log in again."
        ),
        "provider_error": _("The sign-in was cancelled or refused at %(provider)s."),
        "unavailable": _(
            "%(provider)s does not answer right now. Try again in a little while, or log in "
            "with your password."
        ),
        "invalid": _("The sign-in from %(provider)s could not be confirmed. Please log in again."),
    }
    return texts.get(refusal.reason, texts["invalid"]) % values
