from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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
