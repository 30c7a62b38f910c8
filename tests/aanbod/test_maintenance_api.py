"""Maintenance through the API: a provider proposes, a beheerder approves, the history says
so; refusals and bad input are problem+json; creating is idempotent; open data is public."""

from __future__ import annotations

from datetime import date

import pytest

from ketenzorg.aanbod.models import Programme, ProgrammeRevision, RevisionStatus, Topic
from tests import factories

pytestmark = pytest.mark.django_db


def body(**changes) -> dict:
    slapen = Topic.objects.get(name="Slapen")
    data = {
        "name": "Slaapcursus API", "description": "Beter slapen.", "audience": "ouders",
        "min_age": 0, "max_age": 4, "access_route": "vrij", "topics": [str(slapen.uuid)],
        "status": "gepubliceerd", "waiting_weeks": 2, "waiting_confirmed_on": "2026-11-01",
    }  # fmt: skip
    return {**data, **changes}


def as_user(client, professional):
    client.logout()
    factories.verified_login(client, professional.user)
    return client


def test_propose_approve_and_history(client, aanbieder, beheerder):
    as_user(client, aanbieder)
    response = client.post(
        "/api/v1/aanbod/beheer/", body(), content_type="application/json",
        headers={"Idempotency-Key": "proef-1"},
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["programme"]["status"] == "concept"
    assert created["revision"]["status"] == "wacht"
    again = client.post(
        "/api/v1/aanbod/beheer/", body(), content_type="application/json",
        headers={"Idempotency-Key": "proef-1"},
    )  # fmt: skip
    assert again.status_code == 201 and again.headers["Idempotency-Replayed"] == "true"
    assert Programme.objects.count() == 1

    as_user(client, beheerder)
    queue = client.get("/api/v1/aanbod/voorstellen/").json()
    assert [r["programme_name"] for r in queue] == ["Slaapcursus API"]
    revision_uuid = queue[0]["uuid"]
    detail = client.get(f"/api/v1/aanbod/voorstellen/{revision_uuid}/").json()
    assert {"field": "description", "old": None, "new": "Beter slapen."} in detail["changes"]
    approved = client.post(f"/api/v1/aanbod/voorstellen/{revision_uuid}/goedkeuren/")
    assert approved.status_code == 200 and approved.json()["status"] == "goedgekeurd"
    programme_uuid = created["programme"]["uuid"]
    assert client.get(f"/api/v1/aanbod/{programme_uuid}/").status_code == 200
    history = client.get(f"/api/v1/aanbod/beheer/{programme_uuid}/geschiedenis/").json()
    assert history[0]["kind"] == "goedgekeurd"
    assert history[0]["approved_by"] == beheerder.full_name
    assert history[0]["author"] == aanbieder.full_name


def test_update_internal_directly_and_public_as_proposal(client, aanbieder, make_programme):
    programme = make_programme("Slaapcursus API", "Oud.", topics=["Slapen"])
    as_user(client, aanbieder)
    response = client.put(
        f"/api/v1/aanbod/beheer/{programme.uuid}/",
        body(description="Nieuw.", waiting_weeks=7), content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    result = response.json()
    assert result["programme"]["waiting_weeks"] == 7
    assert result["programme"]["description"] == "Oud."
    assert result["revision"]["proposed"]["description"] == "Nieuw."
    confirm = client.post(f"/api/v1/aanbod/beheer/{programme.uuid}/wachttijd-bevestigen/")
    assert confirm.status_code == 200


def test_refusals_and_bad_input_are_problems(client, aanbieder, other_aanbieder, make_programme):
    programme = make_programme("Slaapcursus API", "Oud.")
    as_user(client, other_aanbieder)
    refused = client.put(
        f"/api/v1/aanbod/beheer/{programme.uuid}/", body(), content_type="application/json"
    )
    assert refused.status_code == 403
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    as_user(client, aanbieder)
    bad = client.post(
        "/api/v1/aanbod/beheer/", body(topics=["00000000-0000-0000-0000-000000000000"],
                                       min_age=9, max_age=2), content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 400
    assert bad.headers["Content-Type"].startswith("application/problem+json")
    assert not Programme.objects.exclude(pk=programme.pk).exists()
    revision = ProgrammeRevision.objects.create(programme=programme, proposed={}, author=None)
    assert client.post(f"/api/v1/aanbod/voorstellen/{revision.uuid}/goedkeuren/").status_code == 403
    assert ProgrammeRevision.objects.get(pk=revision.pk).status == RevisionStatus.PENDING


def test_reject_needs_a_reason(client, aanbieder, beheerder, make_programme):
    programme = make_programme("Slaapcursus API", "Oud.", topics=["Slapen"])
    as_user(client, aanbieder)
    client.put(f"/api/v1/aanbod/beheer/{programme.uuid}/", body(description="Nieuw."),
               content_type="application/json")  # fmt: skip
    revision = ProgrammeRevision.objects.get()
    as_user(client, beheerder)
    url = f"/api/v1/aanbod/voorstellen/{revision.uuid}/afwijzen/"
    assert client.post(url, {}, content_type="application/json").status_code == 400
    response = client.post(url, {"reason": "Onduidelijk."}, content_type="application/json")
    assert response.json()["status"] == "afgewezen"


def test_open_data_is_public_and_has_only_public_fields(client, make_programme):
    make_programme("Slaapcursus Open", "Openbaar.", topics=["Slapen"], internal_notes="geheim",
                   capacity="vol", waiting_weeks=3, waiting_confirmed_on=date(2026, 1, 1))  # fmt: skip
    make_programme("Concept", "Niet openbaar.", status="concept")
    for url in ("/api/v1/aanbod/open-data/", "/publiek/aanbod/open-data.json"):
        document = client.get(url).json()
        assert document["count"] == 1 and document["format_version"] == 1
        row = document["programmes"][0]
        assert row["name"] == "Slaapcursus Open" and row["topics"] == ["Slapen"]
        assert not {"internal_notes", "capacity", "waiting_weeks", "status"} & set(row)
