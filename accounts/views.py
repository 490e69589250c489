from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import emails, invitations
from accounts.tokens import invitation_token_generator
from projects import permissions


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login after too many failures: why, and for how long."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": settings.AXES_COOLOFF_MINUTES,
    }
    return render(request, "registration/locked_out.html", context, status=429)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(days=emails.link_valid_days(), **kwargs)


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation's link: choose a first password, and be logged in."""

    template_name = "registration/invitation_accept.html"
    token_generator = invitation_token_generator
    post_reset_login = True
    # Several backends are configured; the password was just set, so the model backend.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome! Your password is saved."))
        return response


@login_required
@require_http_methods(["GET", "POST"])
def person_invite(request, person_id: int):
    """Gi tilgang til portalen: asks on GET, makes the user and sends the e-mail on POST."""
    person = permissions.get_person_to_invite(request.user, person_id)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST":
        try:
            user = invitations.account_invite(person=person, by=request.user)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("An invitation to choose a password has been sent to %(email)s.")
                % {"email": user.email},
            )
        return redirect(next_url or request.path)
    context = {
        "person": person,
        "problem": invitations.invitation_problem(person),
        "pending": invitations.invitation_pending(person.user),
        "days": emails.link_valid_days(),
        "next": next_url,
    }
    return render(request, "registration/person_invite.html", context)
