from django.urls import path

from projects import organisation_views as views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("ny/", views.organisation_create, name="create"),
    path("sok/", views.organisation_search, name="search"),
    path("<int:organisation_id>/", views.organisation_detail, name="detail"),
    path("<int:organisation_id>/endre/", views.organisation_edit, name="edit"),
]
