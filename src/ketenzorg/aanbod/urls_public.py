"""The public catalogue, mounted at /publiek/aanbod/ (no login; see accounts.middleware)."""

from django.urls import path

from ketenzorg.aanbod import views, views_open_data

app_name = "aanbod_public"
urlpatterns = [
    path("", views.search, name="search"),
    path("<uuid:programme_uuid>/", views.detail, name="detail"),
    path("open-data.json", views_open_data.open_data, name="open_data"),
]
