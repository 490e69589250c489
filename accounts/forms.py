import time

from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from samarbeid.outbox.services import enqueue

# One reset e-mail per user in this many seconds, however often the form is sent.
RESET_WINDOW_SECONDS = 15 * 60


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a username longer than any account can have.

    AuthenticationForm sets the field's max_length after construction, so no validator
    checks it; a 5,000-character username then reached django-axes' 255-character
    column and PostgreSQL answered 500.
    """

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        if len(username) > self.fields["username"].max_length:
            raise ValidationError(_("The username is too long."), code="max_length")
        return username


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, recording the e-mail in the outbox instead of sending it here.

    The request only records a promise (the worker makes the link and sends it), so it never
    waits on SMTP or Redis, and no token is stored anywhere. The key holds the user and a
    window of RESET_WINDOW_SECONDS: asking again and again sends one e-mail per window, so the
    form cannot flood someone's inbox. Known address or not, the answer is the same page.
    """

    def get_users(self, email):
        """Active users with this address who log in with a password, or have yet to choose one.

        An invited user who never logged in has no usable password: an expired invitation is
        renewed here. Others without one (Django's rule) had password login turned off.
        """
        users = User.objects.filter(email__iexact=email, is_active=True)
        return [
            user
            for user in users
            if (user.has_usable_password() or user.last_login is None)
            and auth_forms._unicode_ci_compare(email, user.email)
        ]

    @transaction.atomic
    def save(self, **kwargs):
        window = int(time.time() // RESET_WINDOW_SECONDS)
        for user in self.get_users(self.cleaned_data["email"]):
            enqueue(
                "accounts.tasks.send_password_reset",
                user.pk,
                key=f"password-reset:{user.pk}:{window}",
            )
