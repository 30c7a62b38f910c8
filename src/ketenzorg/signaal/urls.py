"""The signal function's screens, mounted at /signaal/: figures only, never a person."""

from django.urls import path

from ketenzorg.signaal import views

app_name = "signaal"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:figure_key>/", views.figure, name="figure"),
    path("<slug:figure_key>/csv/", views.figure_csv, name="figure_csv"),
]
