"""The public, read-only glossary API."""

import pytest

from ketenzorg.glossary.models import Source, Term

PROBLEM = "application/problem+json"


def test_list_needs_no_login_and_is_paginated(client, db):
    response = client.get("/api/v1/begrippen/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == Term.objects.count()
    assert {"count", "next", "previous", "results"} <= set(body)
    first = body["results"][0]
    assert {
        "slug",
        "term",
        "aliases",
        "definition",
        "definition_en",
        "source",
        "related",
        "url",
    } <= set(first)


def test_list_pages(client, db):
    body = client.get("/api/v1/begrippen/", {"page_size": 10, "page": 2}).json()
    assert len(body["results"]) == 10
    assert body["previous"] and body["next"]


def test_search_with_and_without_accents(client, db):
    for q in ("zorgcoördinatie", "zorgcoordinatie"):
        body = client.get("/api/v1/begrippen/", {"q": q}).json()
        assert body["results"][0]["slug"] == "zorgcoordinatie"


def test_search_nothing_found(client, db):
    body = client.get("/api/v1/begrippen/", {"q": "xyzzyvoorbeeld"}).json()
    assert body["count"] == 0 and body["results"] == []


def test_too_long_search_is_a_problem(client, db):
    response = client.get("/api/v1/begrippen/", {"q": "x" * 101})
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["invalid_params"][0]["name"] == "q"


def test_detail(client, db):
    response = client.get("/api/v1/begrippen/zorgpiramide/")
    assert response.status_code == 200
    body = response.json()
    assert body["term"] == "Zorgpiramide"
    assert body["source"] == Source.OKE_PUNT
    assert "opschalingsmodel" in body["related"]
    assert body["url"] == "http://testserver/begrippen/zorgpiramide/"
    assert "0,03%" in body["definition"]


def test_unknown_term_is_a_dutch_problem(client, db):
    response = client.get("/api/v1/begrippen/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == 404 and "begrippenlijst" in body["detail"]


def test_a_bad_token_does_not_block_public_reading(client, db):
    response = client.get("/api/v1/begrippen/zorgpiramide/", HTTP_AUTHORIZATION="Token ongeldig")
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, db, method):
    response = getattr(client, method)(
        "/api/v1/begrippen/zorgpiramide/", {}, content_type="application/json"
    )
    assert response.status_code == 405
    assert response["Content-Type"].startswith(PROBLEM)


def test_list_query_count_is_bounded(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/begrippen/")
    with django_assert_max_num_queries(3):
        client.get("/api/v1/begrippen/", {"q": "jeugd"})


def test_schema_lists_the_glossary_operations(client, db):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert paths["/api/v1/begrippen/"]["get"]["operationId"] == "glossary_terms_list"
    assert paths["/api/v1/begrippen/{slug}/"]["get"]["operationId"] == "glossary_terms_retrieve"
