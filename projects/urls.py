from django.urls import path

from projects import membership_views, people_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/endre/", views.project_edit, name="edit"),
    path("<slug:slug>/faser/ny/", views.phase_create, name="phase_create"),
    path("<slug:slug>/faser/<int:number>/endre/", views.phase_edit, name="phase_edit"),
    path("<slug:slug>/deltakere/ny/", views.participation_add, name="participation_add"),
    path(
        "<slug:slug>/deltakere/<int:participation_id>/fjern/",
        views.participation_remove,
        name="participation_remove",
    ),
    path("<slug:slug>/vedtak/ny/", views.council_decision_create, name="decision_create"),
    path(
        "<slug:slug>/framdrift/<int:activity_id>/<int:organisation_id>/",
        views.progress_edit,
        name="progress_edit",
    ),
    path("<slug:slug>/grupper/ny/", views.group_create, name="group_create"),
    path("<slug:slug>/grupper/<int:group_id>/", views.group_detail, name="group_detail"),
    path("<slug:slug>/grupper/<int:group_id>/endre/", views.group_edit, name="group_edit"),
    path("<slug:slug>/grupper/<int:group_id>/mandat/", views.mandate_revise, name="mandate_revise"),
    path(
        "<slug:slug>/grupper/<int:group_id>/medlemmer/ny/",
        views.membership_add,
        name="membership_add",
    ),
    path(
        "<slug:slug>/grupper/<int:group_id>/medlemmer/flere/",
        views.members_add,
        name="members_add",
    ),
    path(
        "<slug:slug>/grupper/<int:group_id>/medlemmer/importer/",
        people_views.members_import,
        name="members_import",
    ),
    path(
        "<slug:slug>/grupper/<int:group_id>/medlemmer/<int:membership_id>/avslutt/",
        views.membership_end,
        name="membership_end",
    ),
    path(
        "<slug:slug>/grupper/<int:group_id>/medlemmer/<int:membership_id>/endre/",
        membership_views.membership_edit,
        name="membership_edit",
    ),
]
