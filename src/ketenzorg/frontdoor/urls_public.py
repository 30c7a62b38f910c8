"""The public front door, mounted at /publiek/ (no login; see accounts.middleware)."""

from django.urls import path

from ketenzorg.frontdoor import views_public as views

app_name = "frontdoor_public"
urlpatterns = [
    path("inloopspreekuren/", views.locations, name="locations"),
    path("inloopspreekuren/<uuid:location_uuid>/", views.location_detail, name="location_detail"),
    path("telefoon/", views.phone, name="phone"),
    path("vraag/", views.question, name="question"),
    path("vraag/verstuurd/", views.question_sent, name="question_sent"),
    path("jongeren/", views.youth, name="youth"),
    path("privacy/", views.privacy, name="privacy"),
]
