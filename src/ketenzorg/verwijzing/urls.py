"""The referral's screens, mounted at /verwijzingen/: one module per party of the chain."""

from django.urls import include, path

app_name = "verwijzing"

urlpatterns = [
    path("", include("ketenzorg.verwijzing.urls_professional")),
    path("", include("ketenzorg.verwijzing.urls_inbox")),
    path("", include("ketenzorg.verwijzing.urls_provider")),
]
