from django.urls import path

from projects import membership_views, people_views, project_admin_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    # Before "<slug>/": these addresses are reserved (projects.models.projects.RESERVED_SLUGS).
    path("ny/", project_admin_views.project_create, name="create"),
    path("arkiverte/", project_admin_views.archived_list, name="archived"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/endre/", views.project_edit, name="edit"),
    path("<slug:slug>/delprosjekt/ny/", project_admin_views.pilot_create, name="pilot_create"),
    path("<slug:slug>/avslutt/", project_admin_views.project_close, name="close"),
    path("<slug:slug>/arkiver/", project_admin_views.project_archive, name="archive"),
    path("<slug:slug>/gjenapne/", project_admin_views.project_reopen, name="reopen"),
    path("<slug:slug>/finansiering/ny/", project_admin_views.funding_create, name="funding_create"),
    path(
        "<slug:slug>/finansiering/<int:line_id>/endre/",
        project_admin_views.funding_edit,
        name="funding_edit",
    ),
    path(
        "<slug:slug>/finansiering/<int:line_id>/slett/",
        project_admin_views.funding_delete,
        name="funding_delete",
    ),
    path(
        "<slug:slug>/framdrift/aktiviteter/ny/",
        project_admin_views.activity_create,
        name="activity_create",
    ),
    path(
        "<slug:slug>/framdrift/aktiviteter/<int:activity_id>/endre/",
        project_admin_views.activity_edit,
        name="activity_edit",
    ),
    path(
        "<slug:slug>/framdrift/aktiviteter/<int:activity_id>/slett/",
        project_admin_views.activity_delete,
        name="activity_delete",
    ),
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
