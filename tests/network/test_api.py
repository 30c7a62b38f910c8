"""The network API: every professional reads the directory, only the beheerder writes; problem+json on errors."""

import pytest

from ketenzorg.audit.models import Action, AuditEntry
from ketenzorg.network.models import ExpertiseTag, Organisation, Professional
from tests import factories
from tests.network.helpers import audited, city_tree

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "name": "Stichting Apiproef",
    "kind": "welzijn",
    "domains": ["welzijn"],
    "phone": "036-1234567",
}


@pytest.fixture
def directory(db):
    _, haven, centrum = city_tree()
    organisation = factories.make_organisation("OKT Haven")
    autisme = ExpertiseTag.objects.create(name="autisme")
    meedenker = factories.make_professional("meedenker", organisation=organisation)
    meedenker.areas.set([centrum])
    meedenker.expertise.set([autisme])
    other = factories.make_professional("okt", organisation=organisation)
    return {
        "haven": haven,
        "centrum": centrum,
        "organisation": organisation,
        "meedenker": meedenker,
        "other": other,
    }


def test_any_professional_reads(logged_in, directory):
    districts = logged_in.get("/api/v1/gebieden/").json()
    assert {d["name"] for d in districts["results"]} == {"Almere", "Haven", "Centrum"}
    organisations = logged_in.get("/api/v1/organisaties/", {"kind": "okt"}).json()
    assert "OKT Haven" in {o["name"] for o in organisations["results"]}
    uuid = directory["organisation"].uuid
    assert logged_in.get(f"/api/v1/organisaties/{uuid}/").json()["name"] == "OKT Haven"
    found = logged_in.get(
        "/api/v1/professionals/", {"area": str(directory["haven"].uuid), "expertise": "Autisme"}
    ).json()
    assert [p["uuid"] for p in found["results"]] == [str(directory["meedenker"].uuid)]
    one = found["results"][0]
    assert (
        one["roles"] == ["meedenker"]
        and one["expertise"] == ["autisme"]
        and one["areas"][0]["name"] == "Centrum"
    )
    assert set(one) == {
        "uuid",
        "first_name",
        "last_name",
        "email",
        "phone",
        "organisation",
        "team",
        "roles",
        "expertise",
        "areas",
        "is_active",
        "available_for_consultation",
        "availability_note",
        "available_from",
        "available_now",
    }
    by_role = logged_in.get("/api/v1/professionals/", {"role": "meedenker"}).json()
    assert by_role["count"] == 1
    detail = logged_in.get(f"/api/v1/professionals/{directory['other'].uuid}/")
    assert detail.status_code == 200


def test_bad_filters_are_problem_json(logged_in, directory):
    response = logged_in.get(
        "/api/v1/professionals/", {"area": "00000000-0000-0000-0000-000000000000"}
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "area"
    assert logged_in.get("/api/v1/professionals/", {"role": "tovenaar"}).status_code == 400
    assert logged_in.get("/api/v1/professionals/", {"expertise": "onbekend"}).status_code == 400
    assert logged_in.get("/api/v1/organisaties/", {"domain": "geld"}).status_code == 400


def test_inactive_entries_are_hidden_from_others(logged_in, directory):
    directory["other"].is_active = False
    directory["other"].save()
    assert logged_in.get(f"/api/v1/professionals/{directory['other'].uuid}/").status_code == 404
    assert (
        logged_in.get("/api/v1/professionals/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )


def test_writes_refused_for_non_beheerder_and_logged(logged_in, professional, directory):
    response = logged_in.post(
        "/api/v1/organisaties/", ORGANISATION, content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "functioneel beheerder" in response.json()["detail"]
    uuid = directory["meedenker"].uuid
    assert (
        logged_in.put(
            f"/api/v1/professionals/{uuid}/", {}, content_type="application/json"
        ).status_code
        == 403
    )
    assert not Organisation.objects.filter(name="Stichting Apiproef").exists()
    assert (
        AuditEntry.objects.filter(user_id_snapshot=professional.user.pk, outcome="denied").count()
        == 2
    )


def test_anonymous_and_non_professional(client, directory):
    assert client.get("/api/v1/organisaties/").status_code in (401, 403)
    factories.verified_login(client, factories.make_user())
    assert client.get("/api/v1/professionals/").status_code == 403


def test_beheerder_creates_and_updates_organisation(client, beheerder, directory):
    factories.verified_login(client, beheerder.user)
    created = client.post(
        "/api/v1/organisaties/",
        {**ORGANISATION, "district": str(directory["haven"].uuid)},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["district"]["name"] == "Haven"
    assert audited(Action.CREATE, "network.Organisation", body["uuid"])
    updated = client.put(
        f"/api/v1/organisaties/{body['uuid']}/",
        {**ORGANISATION, "domains": ["zorg", "welzijn"], "name": "Stichting Apiproef 2"},
        content_type="application/json",
    )
    assert updated.status_code == 200 and updated.json()["name"] == "Stichting Apiproef 2"
    duplicate = client.post(
        "/api/v1/organisaties/",
        {**ORGANISATION, "name": "okt haven"},
        content_type="application/json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["invalid_params"][0]["name"] == "name"
    assert (
        client.post(
            "/api/v1/organisaties/",
            {**ORGANISATION, "domains": []},
            content_type="application/json",
        ).status_code
        == 400
    )


def test_beheerder_creates_professional_with_account_by_token(client, beheerder, directory):
    token = factories.make_api_key(beheerder.user)
    payload = {
        "first_name": "Api",
        "last_name": "Proef",
        "email": "api@proef.example",
        "organisation": str(directory["organisation"].uuid),
        "roles": ["okt"],
        "expertise": ["Schulden"],
        "areas": [str(directory["centrum"].uuid)],
        "username": "apiproef",
    }
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    created = client.post(
        "/api/v1/professionals/", payload, content_type="application/json", **headers
    )
    assert created.status_code == 201, created.content
    assert "no-store" in created["Cache-Control"]
    body = created.json()
    professional = Professional.objects.get(uuid=body["uuid"])
    assert professional.user.check_password(body["initial_password"])
    assert body["expertise"] == ["Schulden"] and body["roles"] == ["okt"]
    again = client.get(f"/api/v1/professionals/{body['uuid']}/", **headers).json()
    assert "initial_password" not in again
    payload.pop("username")
    updated = client.put(
        f"/api/v1/professionals/{body['uuid']}/",
        {**payload, "roles": ["okt", "meedenker"]},
        content_type="application/json",
        **headers,
    )
    assert updated.status_code == 200 and updated.json()["roles"] == ["meedenker", "okt"]
    assert audited(Action.UPDATE, "network.Professional", body["uuid"])
    wrong_team = client.put(
        f"/api/v1/professionals/{body['uuid']}/",
        {**payload, "team": "00000000-0000-0000-0000-000000000000"},
        content_type="application/json",
        **headers,
    )
    assert wrong_team.status_code == 400


def test_list_query_count_bounded(logged_in, directory, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            p = factories.make_professional(
                "okt", organisation=directory["organisation"], user=False
            )
            p.areas.set([directory["centrum"]])

    add(2)
    with django_assert_max_num_queries(20) as few:
        assert logged_in.get("/api/v1/professionals/").status_code == 200
    add(30)
    with django_assert_max_num_queries(20) as many:
        assert logged_in.get("/api/v1/professionals/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_schema_lists_the_operations(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = {
        op["operationId"] for methods in schema["paths"].values() for op in methods.values()
    }
    assert {
        "gebieden_list",
        "organisaties_list",
        "organisaties_create",
        "organisaties_retrieve",
        "organisaties_update",
        "professionals_list",
        "professionals_create",
        "professionals_retrieve",
        "professionals_update",
    } <= operations
