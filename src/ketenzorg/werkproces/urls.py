"""The werkproces screens: the steps of a case's werkproces (`urls_steps`) and the
consultations (`urls_consultations`), kept apart so each grows in its own module."""

from django.urls import include, path

app_name = "werkproces"
urlpatterns = [
    path("", include("ketenzorg.werkproces.urls_steps")),
    path("", include("ketenzorg.werkproces.urls_consultations")),
    path("", include("ketenzorg.werkproces.urls_gkp")),
]
