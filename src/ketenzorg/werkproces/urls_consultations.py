"""Routes of consultations: asking one, the meedenker's list, the meedenker's expectations,
findings (also namens a meedenker without an account), the joint evaluation."""

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
        "consultaties/<uuid:consultation_uuid>/bevindingen-namens/",
        views.finding_write_on_behalf,
        name="consultation_findings_on_behalf",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/verwachtingen/",
        views.expectation_add,
        name="consultation_expectations",
    ),
    path(
        "consultaties/<uuid:consultation_uuid>/evaluatie/",
        views.consultation_evaluate,
        name="consultation_evaluate",
    ),
]
