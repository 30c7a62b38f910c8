from django.urls import path

from ketenzorg.accounts import views as account_views
from ketenzorg.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("api-sleutel/", account_views.api_token, name="api_token"),
    path("wachtwoord/", account_views.PasswordChangeView.as_view(), name="password_change"),
]
