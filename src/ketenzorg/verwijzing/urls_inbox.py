"""The gebiedsknooppunt's screens: the inbox and the verbinder's steps on one referral."""

from django.urls import path

from ketenzorg.verwijzing import views_inbox as views

urlpatterns = [
    path("gebiedsknooppunt/", views.inbox, name="inbox"),
    path("<uuid:referral_uuid>/oppakken/", views.referral_take, name="referral_take"),
    path("<uuid:referral_uuid>/matchen/", views.referral_match, name="referral_match"),
    path("<uuid:referral_uuid>/doorsturen/", views.referral_forward, name="referral_forward"),
]
