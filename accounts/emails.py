"""The e-mails that give someone a password: a reset they asked for, an invitation they got.

Run by the worker from the outbox (accounts.tasks), never in a request. The token is made
here, at sending time, so it is stored nowhere but in the e-mail. Each send checks that the
link is still wanted (the user is active; an invitation not yet taken up); a worker killed
after sending but before the outbox marked the message done sends it once more, which is
harmless: both links work until one of them is used.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.tokens import invitation_token_generator


def link_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def _link(url_name: str, user: User, token: str) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.PORTAL_URL + reverse(url_name, args=[uidb64, token])


def _send(user: User, subject_template: str, body_template: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "days": link_valid_days(), **context}
        subject = render_to_string(subject_template, context).strip().replace("\n", " ")
        body = render_to_string(body_template, context)
    EmailMessage(subject=subject, body=body, to=[user.email]).send()


def password_reset_send(*, user_id: int) -> bool:
    """The reset link; False when the user can no longer reset (gone, inactive, no address)."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or not (user.has_usable_password() or user.last_login is None):
        return False
    link = _link("password_reset_confirm", user, default_token_generator.make_token(user))
    _send(
        user,
        "registration/password_reset_subject.txt",
        "registration/password_reset_email.txt",
        {"link": link, "login_url": settings.PORTAL_URL + reverse("login")},
    )
    return True


def invitation_send(*, user_id: int, inviter_id: int | None = None) -> bool:
    """The invitation's link to a first password; False when it is taken up already."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or user.has_usable_password() or user.last_login is not None:
        return False
    inviter = User.objects.filter(pk=inviter_id).first() if inviter_id else None
    link = _link("accounts:invitation_accept", user, invitation_token_generator.make_token(user))
    _send(
        user,
        "registration/invitation_subject.txt",
        "registration/invitation_email.txt",
        {
            "link": link,
            "inviter": inviter,
            "reset_url": settings.PORTAL_URL + reverse("password_reset"),
            "portal_url": settings.PORTAL_URL,
        },
    )
    return True
