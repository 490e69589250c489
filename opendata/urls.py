"""Mounted at /api/oparl/v1/ by samarbeid/urls.py, by name: no app imports opendata."""

from django.urls import path
from django.views.generic import RedirectView

from opendata.api import api

patterns, _app, _namespace = api.urls
# ninja's root answers an HTML 404 pointing at its docs page, which is off (CDN, CSP): the
# API's entry point is the System. ninja reverses "api-root" for the OpenAPI paths, so the
# name stays.
urlpatterns = [entry for entry in patterns if entry.name != "api-root"]
urlpatterns.append(path("", RedirectView.as_view(pattern_name="oparl:system"), name="api-root"))
app_name = "oparl"
