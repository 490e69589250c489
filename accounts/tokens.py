"""The one-time links of password e-mails: reset, and the first password of an invited user."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token under a salt of its own, so an invitation link opens only the
    invitation page and a reset link only the reset page. Like a reset token it is spent
    when the password is set or the user logs in, and expires after PASSWORD_RESET_TIMEOUT."""

    key_salt = "accounts.tokens.InvitationTokenGenerator"


invitation_token_generator = InvitationTokenGenerator()
