"""The register of people, under /personer/ (beside /prosjekter/, whose slugs it would shadow)."""

from django.urls import path

from projects import people_views

app_name = "people"

urlpatterns = [
    path("", people_views.person_list, name="list"),
    path("ny/", people_views.person_create, name="create"),
    path("<int:person_id>/", people_views.person_detail, name="detail"),
    path("<int:person_id>/endre/", people_views.person_edit, name="edit"),
    path("<int:person_id>/sla-sammen/", people_views.person_merge, name="merge"),
    path("<int:person_id>/slutter/", people_views.person_leave, name="leave"),
]
