from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import oidc_views, views
from accounts.forms import LoginForm, PasswordResetForm

# Giving a person a login, under the "accounts" namespace (the log-in pages keep Django's
# un-namespaced names, which LOGIN_URL and Django's own views use).
invitation_patterns = [
    path("inviter/<int:person_id>/", views.person_invite, name="person_invite"),
    path(
        "velkommen/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]

urlpatterns = [
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/logg-inn/<slug:provider>/", oidc_views.oidc_login, name="oidc_login"),
    path("oidc/tilbake/", oidc_views.oidc_callback, name="oidc_callback"),
    # Password reset by e-mail: Django's views, our form (the outbox) and templates.
    path(
        "glemt-passord/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "glemt-passord/sendt/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/lagret/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", include((invitation_patterns, "accounts"))),
]
