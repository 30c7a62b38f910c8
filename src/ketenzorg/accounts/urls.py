from django.urls import path

from ketenzorg.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("tweede-factor/instellen/", views.mfa_enrol, name="mfa_enrol"),
    path("tweede-factor/", views.mfa_verify, name="mfa_verify"),
]
