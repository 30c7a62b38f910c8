"""The werkplek and the professional's own account routes under /werkplek/.

The namespace stays "core": the URL names (`core:home`, `core:api_token`,
`core:password_change`) are used by templates and tests, and moving the code up a layer
was no reason to rename them.
"""

from django.urls import path

from ketenzorg.accounts import views as account_views
from ketenzorg.site import api_keys, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("api-sleutel/", api_keys.api_token, name="api_token"),
    path("api-sleutel/<str:key_uuid>/intrekken/", api_keys.api_key_revoke, name="api_key_revoke"),
    path("wachtwoord/", account_views.PasswordChangeView.as_view(), name="password_change"),
]
