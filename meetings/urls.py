from django.urls import path

from meetings import (
    action_views,
    attachment_views,
    bulk_views,
    decision_views,
    editor_views,
    invitation_views,
    pdf_views,
    public_feed,
    public_views,
    views,
    word_import_views,
    workflow_views,
)

app_name = "meetings"

urlpatterns = [
    path("oppfolging/", action_views.my_action_items, name="my_action_items"),
    path("oppfolging/<int:item_id>/", action_views.action_item_detail, name="action_item_detail"),
    path(
        "oppfolging/<int:item_id>/oppdater/",
        action_views.action_item_update,
        name="action_item_update",
    ),
    path(
        "oppfolging/prosjekt/<slug:slug>/",
        action_views.project_register,
        name="project_register",
    ),
    path(
        "oppfolging/prosjekt/<slug:slug>/eksport.<str:fmt>",
        action_views.project_register,
        name="project_register_export",
    ),
    path("kalender/", action_views.calendar_feeds, name="calendar_feeds"),
    path("kalender/<str:token>.ics", action_views.calendar_feed, name="calendar_feed"),
    path("oppfolging/gruppe/<int:group_id>/", action_views.group_register, name="group_register"),
    path(
        "oppfolging/gruppe/<int:group_id>/eksport.<str:fmt>",
        action_views.group_register,
        name="group_register_export",
    ),
    path("grupper/<int:group_id>/moter/", views.group_meetings, name="group_meetings"),
    path("grupper/<int:group_id>/moter/ny/", views.meeting_create, name="create"),
    path(
        "grupper/<int:group_id>/moter/importer/",
        word_import_views.word_import_upload,
        name="word_import",
    ),
    path(
        "grupper/<int:group_id>/moter/importer/<str:token>/",
        word_import_views.word_import_preview,
        name="word_import_preview",
    ),
    path("grupper/<int:group_id>/saker/foresla/", views.case_propose, name="case_propose"),
    path("moter/<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("moter/<int:meeting_id>/endre/", views.meeting_edit, name="edit"),
    path("moter/<int:meeting_id>/deltakere/", views.participants, name="participants"),
    path(
        "moter/<int:meeting_id>/deltakere/flere/",
        bulk_views.participants_add,
        name="participants_add",
    ),
    path("moter/<int:meeting_id>/saker/ny/", views.case_create, name="case_create"),
    path("moter/<int:meeting_id>/saker/<int:case_id>/", views.case_edit, name="case_edit"),
    path("moter/<int:meeting_id>/saker/<int:case_id>/flytt/", views.case_move, name="case_move"),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/autolagre/",
        editor_views.case_autosave,
        name="case_autosave",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/historikk/",
        editor_views.case_history,
        name="case_history",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/historikk/<int:history_id>/gjenopprett/",
        editor_views.case_restore,
        name="case_restore",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/fjern/", views.case_delete, name="case_delete"
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/utsett/",
        views.case_postpone,
        name="case_postpone",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/sett-opp/",
        views.case_schedule,
        name="case_schedule",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/kommentar/",
        views.case_comment,
        name="case_comment",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/godkjenn-referat/",
        views.case_approve_minutes,
        name="case_approve_minutes",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/oppfolging/ny/",
        views.action_item_create,
        name="action_item_create",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/opprett-gruppe/",
        decision_views.case_group_establish,
        name="case_group_establish",
    ),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/kommunestyrevedtak/",
        decision_views.case_council_decision,
        name="case_council_decision",
    ),
    path(
        "moter/<int:meeting_id>/oppfolging/<int:item_id>/",
        views.action_item_follow_up,
        name="action_item_follow_up",
    ),
    path("moter/<int:meeting_id>/referat/send/", workflow_views.minutes_send, name="minutes_send"),
    path("moter/<int:meeting_id>/referat.pdf", pdf_views.minutes_download, name="minutes_pdf"),
    path(
        "moter/<int:meeting_id>/referat/arkiv/<int:archive_id>.pdf",
        pdf_views.minutes_archive_download,
        name="minutes_archive_pdf",
    ),
    path(
        "moter/<int:meeting_id>/referat/<slug:step>/",
        workflow_views.minutes_step,
        name="minutes_step",
    ),
    path("offentlig/", public_views.public_front_door, name="public_front"),
    # Before "<slug>/": "sok" is reserved (projects.models.projects.RESERVED_SLUGS).
    path("offentlig/sok/", public_views.public_search, name="public_search"),
    path("offentlig/<slug:slug>/", public_views.public_project, name="public_project"),
    path("offentlig/<slug:slug>/feed/", public_feed.PublicMinutesFeed(), name="public_feed"),
    path("offentlig/moter/<int:meeting_id>/", public_views.public_meeting, name="public_meeting"),
    path(
        "offentlig/moter/<int:meeting_id>/einnsyn.xml",
        public_views.public_meeting_einnsyn,
        name="public_meeting_einnsyn",
    ),
    path(
        "offentlig/moter/<int:meeting_id>/referat.pdf",
        pdf_views.public_minutes_download,
        name="public_minutes_pdf",
    ),
    path(
        "moter/<int:meeting_id>/vedlegg/ny/",
        attachment_views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "moter/<int:meeting_id>/vedlegg/<int:attachment_id>/",
        attachment_views.attachment_download,
        name="attachment_download",
    ),
    path(
        "moter/<int:meeting_id>/vedlegg/<int:attachment_id>/fjern/",
        attachment_views.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "offentlig/moter/<int:meeting_id>/vedlegg/<int:attachment_id>/",
        attachment_views.public_attachment_download,
        name="public_attachment_download",
    ),
    path("moter/<int:meeting_id>/innkalling/", invitation_views.meeting_invite, name="invite"),
    path("moter/<int:meeting_id>/avlys/", invitation_views.meeting_cancel, name="cancel"),
]
