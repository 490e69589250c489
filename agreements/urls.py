from django.urls import path

from agreements import case_views, views

app_name = "agreements"

urlpatterns = [
    path("", views.my_agreements, name="mine"),
    path("kontroller/", views.verify, name="verify"),
    path("prosjekt/<slug:slug>/ny/", views.agreement_create, name="create"),
    path("<int:agreement_id>/", views.agreement_detail, name="detail"),
    path("<int:agreement_id>/endre/", views.agreement_edit, name="edit"),
    path("<int:agreement_id>/tekst/", views.text_edit, name="text_edit"),
    path("<int:agreement_id>/fyll-inn/", views.fill_in, name="fill_in"),
    path("<int:agreement_id>/versjoner/", views.version_diff, name="diff"),
    path("<int:agreement_id>/parter/<int:party_id>/", views.party_edit, name="party_edit"),
    path(
        "<int:agreement_id>/parter/<int:party_id>/vedtak/",
        views.approval_record,
        name="approval_record",
    ),
    path("<int:agreement_id>/parter/<int:party_id>/signer/", views.agreement_sign, name="sign"),
    path("<int:agreement_id>/horing/", views.consultation_open, name="consultation_open"),
    path("<int:agreement_id>/horing/kommentar/", views.comment_add, name="comment"),
    path("<int:agreement_id>/steg/<slug:step>/", views.agreement_step, name="step"),
    path("<int:agreement_id>/vedlegg/", views.attachment_upload, name="attachment_upload"),
    path(
        "<int:agreement_id>/vedlegg/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:agreement_id>/signert/last-opp/", views.scan_upload, name="scan_upload"),
    path("<int:agreement_id>/signert.pdf", views.signed_pdf, name="signed_pdf"),
    path(
        "moter/<int:meeting_id>/saker/<int:case_id>/",
        case_views.case_link,
        name="case_link",
    ),
]
