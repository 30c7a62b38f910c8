"""Routes of consultations: asking one, the meedenker's list, findings, the joint evaluation."""

from django.urls import path

from ketenzorg.werkproces import views_consultations as views

urlpatterns = [
    path("casus/<uuid:case_uuid>/consultatie/", views.consultation_ask, name="consultation_ask"),
    path("consultaties/", views.my_consultations, name="my_consultations"),
    path(
        "consultaties/<uuid:consultation_uuid>/",
        views.consultation_detail,
        name="consultation",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/bevindingen/",
        views.finding_write,
        name="consultation_findings",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/evaluatie/",
        views.consultation_evaluate,
        name="consultation_evaluate",
    ),
]
