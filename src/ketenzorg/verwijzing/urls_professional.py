"""Routes of the professional's side of the referral: the case's overview, the perspectiefplan,
the voorziening, the referral and its ONE detail page, and the documents behind a personal
expiring link."""

from django.urls import path

from ketenzorg.verwijzing import views_professional as views

urlpatterns = [
    path("casus/<uuid:case_uuid>/", views.case_referrals, name="case_referrals"),
    path("casus/<uuid:case_uuid>/perspectiefplan/", views.plan_edit, name="plan_edit"),
    path(
        "casus/<uuid:case_uuid>/perspectiefplan/<int:number>/",
        views.plan_version,
        name="plan_version",
    ),
    path(
        "casus/<uuid:case_uuid>/perspectiefplan/<int:number>/pdf/",
        views.plan_pdf,
        name="plan_pdf",
    ),
    path(
        "casus/<uuid:case_uuid>/perspectiefplan/vergelijken/",
        views.plan_compare,
        name="plan_compare",
    ),
    path(
        "casus/<uuid:case_uuid>/perspectiefplan/definitief/",
        views.plan_definitive,
        name="plan_definitive",
    ),
    path("casus/<uuid:case_uuid>/voorziening/", views.voorziening_new, name="voorziening_new"),
    path("voorziening/<uuid:voorziening_uuid>/", views.voorziening, name="voorziening"),
    path(
        "voorziening/<uuid:voorziening_uuid>/wijzigen/",
        views.voorziening_change,
        name="voorziening_change",
    ),
    path(
        "voorziening/<uuid:voorziening_uuid>/definitief/",
        views.voorziening_definitive,
        name="voorziening_definitive",
    ),
    path("casus/<uuid:case_uuid>/verwijzing/", views.referral_new, name="referral_new"),
    path("<uuid:referral_uuid>/", views.referral, name="referral"),
    path("<uuid:referral_uuid>/verwijsformat/", views.referral_form, name="referral_form"),
    path("<uuid:referral_uuid>/verzenden/", views.referral_send, name="referral_send"),
    path("<uuid:referral_uuid>/intrekken/", views.referral_withdraw, name="referral_withdraw"),
    path("document/<uuid:document_uuid>/", views.document, name="document"),
    path("document/link/<str:token>/", views.document_download, name="document_download"),
]
