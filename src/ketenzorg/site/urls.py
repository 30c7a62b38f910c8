"""The werkplek and the professional's own account routes under /werkplek/.

The namespace stays "core": the URL names (`core:home`, `core:api_token`,
`core:password_change`) are used by templates and tests, and moving the code up a layer
was no reason to rename them.
"""

from django.urls import path

from ketenzorg.accounts import views as account_views
from ketenzorg.site import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("api-sleutel/", account_views.api_token, name="api_token"),
    path("wachtwoord/", account_views.PasswordChangeView.as_view(), name="password_change"),
]
