from django.urls import path

from ketenzorg.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    path("personen/<str:person_uuid>/", views.person_log, name="person_log"),
]
