"""The public catalogue, mounted at /publiek/aanbod/ (no login; see accounts.middleware)."""

from django.urls import path

from ketenzorg.aanbod import views

app_name = "aanbod_public"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:programme_uuid>/", views.detail, name="detail"),
]
