"""The referral's screens for the provider side: its list, its steps and the iJw export."""

from django.urls import path

from ketenzorg.verwijzing import views_provider as views

urlpatterns = [
    path("aanbieder/", views.provider_list, name="provider_list"),
    path("<uuid:referral_uuid>/accepteren/", views.referral_accept, name="referral_accept"),
    path("<uuid:referral_uuid>/afwijzen/", views.referral_decline, name="referral_decline"),
    path(
        "<uuid:referral_uuid>/documenten-opvragen/",
        views.referral_request_documents,
        name="referral_request_documents",
    ),
    path(
        "<uuid:referral_uuid>/eerste-contact/",
        views.referral_first_contact,
        name="referral_first_contact",
    ),
    path("<uuid:referral_uuid>/start-zorg/", views.referral_start_care, name="referral_start_care"),
    path("<uuid:referral_uuid>/einde-zorg/", views.referral_end_care, name="referral_end_care"),
    path("<uuid:referral_uuid>/ijw/<str:kind>/", views.ijw_message, name="ijw_message"),
]
