from django import template

from accounts.oidc import providers

register = template.Library()


@register.simple_tag
def oidc_providers():
    """The OpenID providers the login page offers, in the order OIDC_PROVIDERS gives them."""
    return list(providers().values())
