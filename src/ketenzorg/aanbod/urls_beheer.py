"""Maintaining the catalogue, mounted at /beheer/aanbod/: providers (own organisation) and the
beheerder; the approval queue is the beheerder's."""

from django.urls import path

from ketenzorg.aanbod import views_maintenance as views

app_name = "aanbod_beheer"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw/", views.programme_create, name="create"),
    path("importeren/", views.import_csv, name="import"),
    path("export.csv", views.export_csv, name="export"),
    path("goedkeuren/", views.approval_queue, name="queue"),
    path("goedkeuren/<uuid:revision_uuid>/", views.revision_detail, name="revision"),
    path("goedkeuren/<uuid:revision_uuid>/akkoord/", views.revision_approve, name="approve"),
    path("goedkeuren/<uuid:revision_uuid>/afwijzen/", views.revision_reject, name="reject"),
    path("<uuid:programme_uuid>/", views.programme_detail, name="detail"),
    path("<uuid:programme_uuid>/wijzigen/", views.programme_edit, name="edit"),
    path(
        "<uuid:programme_uuid>/wachttijd-bevestigen/",
        views.waiting_time_confirm,
        name="waiting_time_confirm",
    ),
]
