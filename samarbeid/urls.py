from django.contrib import admin
from django.urls import include, path

from meetings.public_views import portal_home
from samarbeid.health import health

handler400 = "samarbeid.errors.bad_request"
handler500 = "samarbeid.errors.server_error"

urlpatterns = [
    path("", portal_home, name="home"),
    path("prosjekter/", include("projects.urls")),
    path("personer/", include("projects.people_urls")),
    path("organisasjoner/", include("projects.organisation_urls")),
    path("konto/", include("accounts.urls")),
    path("avtaler/", include("agreements.urls")),
    path("arkivuttrekk/", include("archive.urls")),
    path("", include("meetings.urls")),
    path("varsler/", include("notifications.urls")),
    path("sok/", include("search.urls")),
    # Open data, OParl 1.1 in shape (opendata/README.md).
    path("api/oparl/v1/", include("opendata.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
]
