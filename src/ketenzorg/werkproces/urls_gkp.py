"""Routes of the GKP-overleg: the AJH-verbinder's meetings and agenda, and a case's items."""

from django.urls import path

from ketenzorg.werkproces import views_gkp as views

urlpatterns = [
    path("gkp/", views.gkp_meetings, name="gkp_meetings"),
    path("gkp/plannen/", views.gkp_plan, name="gkp_plan"),
    path("gkp/overleg/<uuid:gkp_meeting_uuid>/", views.gkp_meeting, name="gkp_meeting"),
    path("gkp/agendapunt/<uuid:gkp_item_uuid>/", views.gkp_item, name="gkp_item"),
    path("gkp/agendapunt/<uuid:gkp_item_uuid>/uitkomst/", views.gkp_outcome, name="gkp_outcome"),
    path(
        "gkp/agendapunt/<uuid:gkp_item_uuid>/corrigeren/",
        views.gkp_outcome_correct,
        name="gkp_outcome_correct",
    ),
    path(
        "gkp/agendapunt/<uuid:gkp_item_uuid>/intrekken/",
        views.gkp_item_withdraw,
        name="gkp_item_withdraw",
    ),
    path("casus/<uuid:case_uuid>/gkp/", views.gkp_item_add, name="gkp_item_add"),
]
