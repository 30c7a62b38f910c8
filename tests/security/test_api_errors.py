"""Attacks on the API's edges: every error is RFC 9457 problem+json, never HTML, never a 500.

Each test sends what an attacker (or a broken client) would: a body nested so deep that
Python's JSON decoder would recurse past its limit, a body over the upload limit, a path
that does not exist or has no valid uuid, a wrong method or media type.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client

from ketenzorg.coordination import services as coordination_services
from ketenzorg.coordination.models import Agreement
from ketenzorg.frontdoor.models import Question, Topic
from tests import factories

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEM
    text = response.content.decode()
    for leak in ("Traceback", "<html", "<!DOCTYPE", "RecursionError", 'File "'):
        assert leak not in text
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"].endswith(str(status))
    return body


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def okt(db):
    return factories.make_professional("okt")


@pytest.fixture
def api(okt):
    return factories.verified_login(Client(raise_request_exception=False), okt.user)


@pytest.fixture
def case(okt):
    family = factories.register_family(okt)
    return coordination_services.case_open(actor=okt.user, family=family, reason="Zorgen")


def question(**overrides) -> dict:
    return {
        "topic": str(Topic.objects.get(name="Slapen").uuid),
        "text": "Ons kind slaapt slecht en wij weten niet meer wat we moeten doen. " * 3,
        "child_age": 6,
        "consent": True,
        "asker_kind": "ouder",
        **overrides,
    }


# --- nesting ----------------------------------------------------------------------------------


def test_anonymous_deeply_nested_array_is_a_400_problem(anonymous):
    response = anonymous.post("/api/v1/vragen/", "[" * 100_000, content_type="application/json")
    assert_problem(response, 400)
    assert not Question.objects.exists()


def test_anonymous_deeply_nested_object_inside_a_valid_field_is_a_400_problem(anonymous):
    deep = '{"a":' * 5_000 + "1" + "}" * 5_000
    body = '{"text": ' + deep + "}"
    response = anonymous.post("/api/v1/vragen/", body, content_type="application/json")
    assert_problem(response, 400)


def test_closed_but_too_deep_nesting_is_refused_before_parsing(api, case):
    body = "[" * 10_000 + "]" * 10_000
    response = api.post(
        f"/api/v1/casussen/{case.uuid}/afspraken/", body, content_type="application/json"
    )
    assert_problem(response, 400)
    assert not Agreement.objects.exists()


def test_authenticated_agreements_endpoint_refuses_unclosed_nesting(api, case):
    response = api.post(
        f"/api/v1/casussen/{case.uuid}/afspraken/", "[" * 10_000, content_type="application/json"
    )
    assert_problem(response, 400)


def test_brackets_inside_strings_are_not_nesting(anonymous):
    text = "Wat betekent [[[[{{{{ in de brief van school? " + "[" * 200 + '\\"[' * 50
    body = question(text=text)
    response = anonymous.post("/api/v1/vragen/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert Question.objects.get().text.startswith("Wat betekent [[[[{{{{")


def test_ordinary_nesting_still_works(api, case, okt):
    due = (date.today() + timedelta(days=7)).isoformat()
    response = api.post(
        f"/api/v1/casussen/{case.uuid}/afspraken/",
        {"what": "Gezin belt school", "due_on": due, "responsible_professional": str(okt.uuid)},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


def test_invalid_json_is_a_400_problem(anonymous):
    response = anonymous.post("/api/v1/vragen/", '{"text": ', content_type="application/json")
    assert_problem(response, 400)


# --- size -------------------------------------------------------------------------------------


def test_a_body_over_the_upload_limit_is_a_413_problem(anonymous, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"text": "' + "a" * 20_000 + '"}'
    response = anonymous.post("/api/v1/vragen/", body, content_type="application/json")
    assert_problem(response, 413)
    assert not Question.objects.exists()


def test_an_authenticated_body_over_the_limit_is_a_413_problem(api, case, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"what": "' + "a" * 20_000 + '"}'
    response = api.post(
        f"/api/v1/casussen/{case.uuid}/afspraken/", body, content_type="application/json"
    )
    assert_problem(response, 413)


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(anonymous, settings):
    """The test client's payload refuses reads past its two bytes: a 413 proves nothing was read."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = anonymous.generic(
        "POST", "/api/v1/vragen/", b"{}", content_type="application/json", CONTENT_LENGTH="10001"
    )
    assert_problem(response, 413)


def test_a_form_body_over_the_limit_is_a_413_problem(anonymous, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = anonymous.post(
        "/api/v1/vragen/",
        "text=" + "a" * 20_000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (413, 415)
    assert_problem(response, response.status_code)


# --- routes, path parameters, methods, media types --------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/api/v1/bestaat-niet/", "/api/v2/", "/api/", "/api/v1/", "/api/v1/vragen/extra/"],
)
def test_an_unknown_api_route_is_a_404_problem(anonymous, path):
    assert_problem(anonymous.get(path), 404)
    assert_problem(anonymous.post(path, "{}", content_type="application/json"), 404)


def test_an_unknown_api_route_is_a_404_problem_when_logged_in_too(api):
    assert_problem(api.get("/api/v1/casussen/bestaat-niet/extra/"), 404)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/casussen/geen-uuid/",
        "/api/v1/casussen/123/afspraken/",
        "/api/v1/gezinnen/%27%20OR%201=1--/",
        "/api/v1/afspraken/00000000-0000-0000-0000-00000000000g/checkins/",
    ],
)
def test_a_malformed_uuid_in_the_path_is_a_404_problem(api, path):
    assert_problem(api.get(path), 404)
    assert_problem(api.post(path, {}, content_type="application/json"), 404)


def test_a_malformed_uuid_on_a_public_path_is_a_404_problem(anonymous):
    assert_problem(anonymous.get("/api/v1/inloopspreekuren/geen-uuid/"), 404)


def test_a_wrong_method_is_a_405_problem(anonymous, api, case):
    assert_problem(anonymous.get("/api/v1/vragen/"), 405)
    response = anonymous.delete("/api/v1/vragen/")
    assert_problem(response, 405)
    assert "POST" in response["Allow"]
    assert_problem(api.delete(f"/api/v1/casussen/{case.uuid}/afspraken/"), 405)


def test_an_unsupported_media_type_is_a_415_problem(anonymous, api, case):
    assert_problem(
        anonymous.post("/api/v1/vragen/", "<vraag/>", content_type="application/xml"), 415
    )
    assert_problem(
        api.post(f"/api/v1/casussen/{case.uuid}/afspraken/", "x", content_type="text/plain"), 415
    )


def test_an_unknown_charset_is_a_400_problem(anonymous):
    response = anonymous.generic(
        "POST", "/api/v1/vragen/", b"{}", content_type="application/json; charset=bz2_codec"
    )
    assert_problem(response, 400)


def test_an_api_error_asked_for_as_html_is_still_problem_json(anonymous):
    assert_problem(anonymous.get("/api/v1/bestaat-niet/", HTTP_ACCEPT="text/html"), 404)
    assert_problem(anonymous.get("/api/v1/vragen/", HTTP_ACCEPT="text/html"), 405)


def test_pages_outside_the_api_keep_their_html_error_page(api):
    response = api.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
