from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("<slug:slug>/grupper/<int:group_id>/", views.export_list, name="exports"),
    path(
        "<slug:slug>/grupper/<int:group_id>/<int:export_id>/last-ned/",
        views.export_download,
        name="download",
    ),
]
