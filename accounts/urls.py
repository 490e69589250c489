from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import oidc_views
from accounts.forms import LoginForm

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
]
