"""Routes of the werkproces steps of a case: the page, and one POST per decision on it."""

from django.urls import path

from ketenzorg.werkproces import views_steps as views

urlpatterns = [
    path("casus/<uuid:case_uuid>/", views.case_werkproces, name="case"),
    path("casus/<uuid:case_uuid>/starten/", views.start, name="start"),
    path("casus/<uuid:case_uuid>/evalueren/", views.evaluate, name="evaluate"),
    path("casus/<uuid:case_uuid>/verder/", views.take_continue, name="continue"),
    path("casus/<uuid:case_uuid>/stoppen/", views.take_stop, name="stop"),
    path("casus/<uuid:case_uuid>/terug/", views.take_back, name="back"),
    path("casus/<uuid:case_uuid>/hervatten/", views.take_resume, name="resume"),
]
