"""The consent registry's screens: a family's consents, recording one, withdrawing one."""

from django.urls import path

from ketenzorg.consent import views

app_name = "consent"
urlpatterns = [
    path("gezin/<uuid:family_uuid>/", views.family_consents, name="family"),
    path("gezin/<uuid:family_uuid>/nieuw/", views.consent_new, name="new"),
    path("<uuid:consent_uuid>/intrekken/", views.consent_withdraw, name="withdraw"),
]
