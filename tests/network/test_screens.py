"""Every beheer screen opens for the beheerder and is refused (and logged) for anyone else."""

import pytest
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry
from ketenzorg.network.models import GovernanceBody, Institution, Role, Team
from tests import factories
from tests.network.helpers import city_tree

pytestmark = pytest.mark.django_db

GET_PAGES = [
    "network:index",
    "network:district_list",
    "network:district_create",
    "network:district_edit",
    "network:organisation_list",
    "network:organisation_create",
    "network:organisation_detail",
    "network:organisation_edit",
    "network:team_create",
    "network:team_edit",
    "network:professional_list",
    "network:professional_create",
    "network:professional_detail",
    "network:professional_edit",
    "network:professional_account",
    "network:institution_list",
    "network:institution_create",
    "network:institution_edit",
    "network:governance_list",
    "network:governance_detail",
    "network:governance_edit",
    "network:import",
]
POST_ONLY = [
    "network:organisation_deactivate",
    "network:organisation_reactivate",
    "network:professional_deactivate",
    "network:professional_reactivate",
    "network:governance_member_add",
    "network:governance_member_remove",
]
KWARGS = {
    "network:district_edit": ["district_uuid"],
    "network:organisation_detail": ["organisation_uuid"],
    "network:organisation_edit": ["organisation_uuid"],
    "network:organisation_deactivate": ["organisation_uuid"],
    "network:organisation_reactivate": ["organisation_uuid"],
    "network:team_create": ["organisation_uuid"],
    "network:team_edit": ["team_uuid"],
    "network:professional_detail": ["professional_uuid"],
    "network:professional_edit": ["professional_uuid"],
    "network:professional_account": ["professional_uuid"],
    "network:professional_deactivate": ["professional_uuid"],
    "network:professional_reactivate": ["professional_uuid"],
    "network:institution_edit": ["institution_uuid"],
    "network:governance_detail": ["body_uuid"],
    "network:governance_edit": ["body_uuid"],
    "network:governance_member_add": ["body_uuid"],
    "network:governance_member_remove": ["body_uuid", "professional_uuid"],
}


@pytest.fixture
def world(db):
    _, stadsdeel, _ = city_tree()
    organisation = factories.make_organisation("Proef-OKT Haven")
    return {
        "district_uuid": stadsdeel.uuid,
        "organisation_uuid": organisation.uuid,
        "team_uuid": Team.objects.create(organisation=organisation, name="Team Haven").uuid,
        "professional_uuid": factories.make_professional(
            "okt", organisation=organisation, user=False
        ).uuid,
        "institution_uuid": Institution.objects.create(name="De Regenboog", kind="school").uuid,
        "body_uuid": GovernanceBody.objects.get(level="kerngroep").uuid,
    }


def _url(name, world):
    return reverse(name, kwargs={key: world[key] for key in KWARGS.get(name, [])})


@pytest.mark.parametrize("name", GET_PAGES)
def test_beheerder_opens_every_page(admin_client, world, name):
    response = admin_client.get(_url(name, world))
    assert response.status_code == 200, response.content[:500]
    assert b"<h1>" in response.content


@pytest.mark.parametrize("name", GET_PAGES)
def test_other_professional_is_refused_and_logged(okt_client, professional, world, name):
    response = okt_client.get(_url(name, world))
    assert response.status_code == 403
    assert "functioneel beheerder" in response.content.decode()
    assert AuditEntry.objects.filter(
        user_id_snapshot=professional.user.pk, outcome="denied"
    ).exists()


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_actions(admin_client, world, name):
    url = _url(name, world)
    assert admin_client.get(url).status_code == 405
    assert admin_client.post(url, {}).status_code in (302, 400)


@pytest.mark.parametrize("name", POST_ONLY)
def test_post_actions_refused_for_others(okt_client, world, name):
    assert okt_client.post(_url(name, world), {}).status_code == 403


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("network:index"))
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


def test_unknown_uuid_is_404(admin_client):
    response = admin_client.get("/beheer/organisaties/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_index_shows_counts_and_links(admin_client, world):
    body = admin_client.get(reverse("network:index")).content.decode()
    for name in (
        "district_list",
        "organisation_list",
        "professional_list",
        "institution_list",
        "governance_list",
        "import",
    ):
        assert reverse(f"network:{name}") in body
    assert "1 zonder actieve vaste contactpersoon" in body


def test_pages_have_labelled_fields_and_scoped_headers(admin_client, world):
    body = admin_client.get(reverse("network:professional_list")).content.decode()
    assert '<th scope="col">' in body and '<th scope="row">' in body
    assert '<label for="id_q">' in body
    form = admin_client.get(reverse("network:professional_create")).content.decode()
    assert "<legend>Rollen" in form and '<label for="id_first_name">' in form


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_role_sees_the_directory_but_only_beheerder_manages(client, world, role):
    factories.verified_login(client, factories.make_professional(role).user)
    allowed = role == Role.BEHEERDER
    assert client.get(reverse("network:directory")).status_code == 200
    assert client.get("/api/v1/professionals/").status_code == 200
    assert client.get(reverse("network:index")).status_code == (200 if allowed else 403)
    created = client.post(
        reverse("network:organisation_create"),
        {"name": f"Org {role}", "kind": "okt", "domains": ["zorg"]},
    )
    assert created.status_code == (302 if allowed else 403)
    api = client.post("/api/v1/organisaties/", {}, content_type="application/json")
    assert api.status_code == (400 if allowed else 403)
