"""The API applies the same access and audit as the screens, and speaks RFC 9457."""

import pytest

from ketenzorg.audit.models import AuditEntry
from ketenzorg.families.models import Family
from tests import factories

pytestmark = pytest.mark.django_db

FAMILY = {
    "name": "Gezin Apiproef",
    "postcode": "9902CD",
    "members": [
        {
            "given_name": "Lin",
            "family_name": "Apiproef",
            "birthdate": "2017-09-09",
            "role": "kind",
            "bsn": "111222333",
        },
        {
            "given_name": "Jo",
            "family_name": "Apiproef",
            "birthdate": "1990-01-01",
            "role": "ouder",
            "has_parental_authority": True,
        },
    ],
}


@pytest.fixture
def api(client, professional):
    return factories.verified_login(client, professional.user)


def test_create_read_update_family(api):
    response = api.post("/api/v1/gezinnen/", FAMILY, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {m["given_name"] for m in body["members"]} == {"Lin", "Jo"}
    assert all("bsn" not in m for m in body["members"])
    assert any(m["bsn_masked"].endswith("2333") for m in body["members"])
    uuid = body["uuid"]
    assert api.get(f"/api/v1/gezinnen/{uuid}/").json()["name"] == "Gezin Apiproef"
    updated = api.put(
        f"/api/v1/gezinnen/{uuid}/",
        {"name": "Gezin Apiproef-Nieuw"},
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert updated.json()["name"] == "Gezin Apiproef-Nieuw"
    found = api.post(
        "/api/v1/gezinnen/zoeken/", {"name": "apiproef"}, content_type="application/json"
    )
    assert found.json()["count"] == 1
    # Search terms never in the URL: the list takes only a page.
    assert (
        api.get("/api/v1/gezinnen/", {"name": "apiproef"}).json()["count"] == 1
    )  # the filter is ignored
    assert (
        api.post(
            "/api/v1/gezinnen/zoeken/", {"birthdate": "gisteren"}, content_type="application/json"
        ).status_code
        == 400
    )


def test_add_and_update_person(api):
    uuid = api.post("/api/v1/gezinnen/", FAMILY, content_type="application/json").json()["uuid"]
    added = api.post(
        f"/api/v1/gezinnen/{uuid}/gezinsleden/",
        {"given_name": "Mo", "family_name": "Apiproef", "birthdate": "2019-02-02", "role": "kind"},
        content_type="application/json",
    )
    assert added.status_code == 201
    person = added.json()["uuid"]
    changed = api.put(
        f"/api/v1/personen/{person}/",
        {
            "given_name": "Momo",
            "family_name": "Apiproef",
            "birthdate": "2019-02-02",
            "role": "kind",
        },
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["given_name"] == "Momo"


def test_validation_errors_are_problem_json_and_write_nothing(api):
    bad = dict(FAMILY, members=[dict(FAMILY["members"][0], bsn="111222334"), FAMILY["members"][1]])
    response = api.post("/api/v1/gezinnen/", bad, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 400 and problem["title"]
    assert any("elfproef" in p["reason"] for p in problem["invalid_params"])
    assert not Family.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"name": "x", "members": "geen lijst"},
        {"name": "x", "members": [{"given_name": "a"}]},
        {
            "name": "x",
            "members": [
                {"given_name": "a", "family_name": "b", "birthdate": "2020-13-45", "role": "kind"}
            ],
        },
        {"name": "x" * 500, "members": []},
        ["geen", "object"],
    ],
)
def test_malformed_payloads_are_400(api, payload):
    response = api.post("/api/v1/gezinnen/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_unparseable_json_is_400(api):
    response = api.post("/api/v1/gezinnen/", "{niet: json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_uninvolved_gets_403_problem_and_the_attempt_is_logged(client, professional):
    family = factories.register_family(professional)
    stranger = factories.make_professional("okt")
    factories.verified_login(client, stranger.user)
    response = client.get(f"/api/v1/gezinnen/{family.uuid}/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert AuditEntry.objects.filter(
        user_id_snapshot=stranger.user.pk, outcome="denied", channel="api"
    ).exists()


def test_unknown_family_is_404_problem(api):
    response = api.get("/api/v1/gezinnen/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_token_authentication(client, professional):
    family = factories.register_family(professional)
    token = factories.make_api_key(professional.user)
    response = client.get(f"/api/v1/gezinnen/{family.uuid}/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert (
        client.get(f"/api/v1/gezinnen/{family.uuid}/", HTTP_AUTHORIZATION="Token fout").status_code
        == 401
    )


def test_session_without_second_factor_is_not_enough(client, professional):
    family = factories.register_family(professional)
    client.force_login(professional.user)
    assert client.get(f"/api/v1/gezinnen/{family.uuid}/").status_code in (401, 403)


def test_anonymous_gets_problem_json(client):
    response = client.get("/api/v1/gezinnen/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/problem+json")


def test_schema_is_public_and_openapi_31(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/gezinnen/" in schema["paths"]


def test_browsable_docs_are_served_offline(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"cdn.jsdelivr" not in response.content


def test_privacy_officer_reads_the_access_log_via_api(client, professional):
    family = factories.register_family(professional)
    person = family.members.first()
    officer = factories.make_professional("privacy")
    factories.verified_login(client, officer.user)
    response = client.get(f"/api/v1/personen/{person.uuid}/toegangslog/")
    assert response.status_code == 200
    assert response.json()["count"] >= 1
