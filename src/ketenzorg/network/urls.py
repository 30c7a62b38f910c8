"""Network beheer, mounted at /beheer/. Every screen needs the beheerder role except the sociale kaart."""

from django.urls import path

from ketenzorg.network.views import (
    availability,
    districts,
    governance,
    importing,
    institutions,
    organisations,
    overview,
    professionals,
)

app_name = "network"
urlpatterns = [
    path("", overview.index, name="index"),
    path("sociale-kaart/", overview.directory, name="directory"),
    path(
        "sociale-kaart/mijn-beschikbaarheid/",
        availability.my_availability,
        name="my_availability",
    ),
    path("gebieden/", districts.district_list, name="district_list"),
    path("gebieden/nieuw/", districts.district_create, name="district_create"),
    path("gebieden/<uuid:district_uuid>/wijzigen/", districts.district_edit, name="district_edit"),
    path("organisaties/", organisations.organisation_list, name="organisation_list"),
    path("organisaties/nieuw/", organisations.organisation_create, name="organisation_create"),
    path(
        "organisaties/<uuid:organisation_uuid>/",
        organisations.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisaties/<uuid:organisation_uuid>/wijzigen/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisaties/<uuid:organisation_uuid>/deactiveren/",
        organisations.organisation_deactivate,
        name="organisation_deactivate",
    ),
    path(
        "organisaties/<uuid:organisation_uuid>/activeren/",
        organisations.organisation_reactivate,
        name="organisation_reactivate",
    ),
    path(
        "organisaties/<uuid:organisation_uuid>/teams/nieuw/",
        organisations.team_create,
        name="team_create",
    ),
    path("teams/<uuid:team_uuid>/wijzigen/", organisations.team_edit, name="team_edit"),
    path("professionals/", professionals.professional_list, name="professional_list"),
    path("professionals/nieuw/", professionals.professional_create, name="professional_create"),
    path(
        "professionals/<uuid:professional_uuid>/",
        professionals.professional_detail,
        name="professional_detail",
    ),
    path(
        "professionals/<uuid:professional_uuid>/wijzigen/",
        professionals.professional_edit,
        name="professional_edit",
    ),
    path(
        "professionals/<uuid:professional_uuid>/inlogaccount/",
        professionals.professional_account,
        name="professional_account",
    ),
    path(
        "professionals/<uuid:professional_uuid>/deactiveren/",
        professionals.professional_deactivate,
        name="professional_deactivate",
    ),
    path(
        "professionals/<uuid:professional_uuid>/activeren/",
        professionals.professional_reactivate,
        name="professional_reactivate",
    ),
    path("instellingen/", institutions.institution_list, name="institution_list"),
    path("instellingen/nieuw/", institutions.institution_create, name="institution_create"),
    path(
        "instellingen/<uuid:institution_uuid>/wijzigen/",
        institutions.institution_edit,
        name="institution_edit",
    ),
    path("netwerkoverleg/", governance.governance_list, name="governance_list"),
    path(
        "netwerkoverleg/<uuid:body_uuid>/", governance.governance_detail, name="governance_detail"
    ),
    path(
        "netwerkoverleg/<uuid:body_uuid>/wijzigen/",
        governance.governance_edit,
        name="governance_edit",
    ),
    path(
        "netwerkoverleg/<uuid:body_uuid>/leden/",
        governance.governance_member_add,
        name="governance_member_add",
    ),
    path(
        "netwerkoverleg/<uuid:body_uuid>/leden/<uuid:professional_uuid>/verwijderen/",
        governance.governance_member_remove,
        name="governance_member_remove",
    ),
    path("import/", importing.import_csv, name="import"),
]
