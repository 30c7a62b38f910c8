"""Idempotency-Key: a retry after a lost answer replays it instead of writing twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

from ketenzorg.api.models import IdempotentRequest
from ketenzorg.audit.models import AuditEntry
from ketenzorg.coordination import services as coordination_services
from ketenzorg.coordination.models import Agreement
from ketenzorg.families.models import Family
from ketenzorg.frontdoor.models import Question, Topic
from tests import factories

pytestmark = pytest.mark.django_db
KEY = "5b0c7a52-3f7e-4a7e-9d55-0d6f1f0c2a11"


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


def agreement(okt, what="Gezin belt school") -> dict:
    due = (date.today() + timedelta(days=7)).isoformat()
    return {"what": what, "due_on": due, "responsible_professional": str(okt.uuid)}


def post(client, url, body, key=KEY, **extra):
    if key is not None:
        extra["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, body, content_type="application/json", **extra)


def test_the_same_key_and_body_twice_writes_once_and_replays_the_answer(api, case, okt):
    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    first = post(api, url, agreement(okt))
    assert first.status_code == 201, first.content
    assert "Idempotency-Replayed" not in first
    entries = AuditEntry.objects.count()
    again = post(api, url, agreement(okt))
    assert again.status_code == 201
    assert again["Idempotency-Replayed"] == "true"
    assert again.json() == first.json()
    assert again.content == first.content
    assert Agreement.objects.count() == 1
    assert AuditEntry.objects.count() == entries  # the service did not run again


def test_the_same_key_with_another_body_is_a_422_problem(api, case, okt):
    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    assert post(api, url, agreement(okt)).status_code == 201
    other = post(api, url, agreement(okt, what="Iets anders"))
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["status"] == 422
    assert Agreement.objects.count() == 1


def test_the_same_key_on_another_operation_is_a_422_problem(api, case, okt):
    assert post(api, f"/api/v1/casussen/{case.uuid}/afspraken/", agreement(okt)).status_code == 201
    other = post(api, f"/api/v1/casussen/{case.uuid}/overleggen/", agreement(okt))
    assert other.status_code == 422


def test_without_the_header_every_post_writes(api, case, okt):
    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    assert post(api, url, agreement(okt), key=None).status_code == 201
    assert post(api, url, agreement(okt), key=None).status_code == 201
    assert Agreement.objects.count() == 2
    assert not IdempotentRequest.objects.exists()


def test_keys_belong_to_one_user(api, case, okt, client):
    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    assert post(api, url, agreement(okt)).status_code == 201
    colleague = factories.make_professional("okt")
    family = factories.register_family(colleague, name="Gezin Anders")
    other_case = coordination_services.case_open(
        actor=colleague.user, family=family, reason="Zorgen"
    )
    factories.verified_login(client, colleague.user)
    response = post(client, f"/api/v1/casussen/{other_case.uuid}/afspraken/", agreement(colleague))
    assert response.status_code == 201 and "Idempotency-Replayed" not in response
    assert Agreement.objects.count() == 2


def test_an_error_is_not_remembered_and_a_refusal_is_still_logged(api, case, okt, client):
    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    assert post(api, url, {"what": ""}).status_code == 400
    assert not IdempotentRequest.objects.exists()
    assert post(api, url, agreement(okt)).status_code == 201  # same key, now valid: runs

    outsider = factories.make_professional("okt")
    factories.verified_login(client, outsider.user)
    refused = post(client, url, agreement(okt), key="a-key-of-the-outsider")
    assert refused.status_code == 403
    assert AuditEntry.objects.filter(user_id_snapshot=outsider.user.pk, outcome="denied").exists()
    assert Agreement.objects.count() == 1


def test_a_key_expires_after_a_day(api, case, okt):
    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    assert post(api, url, agreement(okt)).status_code == 201
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    again = post(api, url, agreement(okt))
    assert again.status_code == 201 and "Idempotency-Replayed" not in again
    assert Agreement.objects.count() == 2
    assert IdempotentRequest.objects.count() == 1  # the expired one is gone


def test_the_daily_pass_deletes_expired_answers(api, case, okt):
    """Without a next keyed write, the background pass is what keeps an answer to one day."""
    from ketenzorg.coordination import tasks

    url = f"/api/v1/casussen/{case.uuid}/afspraken/"
    assert post(api, url, agreement(okt)).status_code == 201
    tasks.tick()
    assert IdempotentRequest.objects.count() == 1  # still fresh
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=24, seconds=1))
    tasks.tick()
    assert not IdempotentRequest.objects.exists()


def test_the_write_and_its_key_are_one_transaction(api, case, okt, monkeypatch):
    """If the key cannot be stored, the agreement is not stored either: no write without its key."""
    from ketenzorg.api import idempotency

    def fail(**kwargs):
        raise DatabaseError("schijf vol")

    monkeypatch.setattr(idempotency, "_remember", fail)
    response = post(api, f"/api/v1/casussen/{case.uuid}/afspraken/", agreement(okt))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert not Agreement.objects.exists()


def test_the_stored_answer_is_encrypted_at_rest(api, case, okt):
    post(api, f"/api/v1/casussen/{case.uuid}/afspraken/", agreement(okt, what="Geheimpje"))
    row = IdempotentRequest.objects.get()
    assert "Geheimpje" not in row.response_body and row.response_status == 201


@pytest.mark.parametrize("key", ["", "x" * 256, "sleutel met spatie", "sleutel\u00e9"])
def test_a_malformed_key_is_a_400_problem(api, case, okt, key):
    response = post(api, f"/api/v1/casussen/{case.uuid}/afspraken/", agreement(okt), key=key)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "Idempotency-Key"
    assert not Agreement.objects.exists()


def test_family_registration_replays(api):
    family = {
        "name": "Gezin Herhaal",
        "members": [
            {
                "given_name": "Lin",
                "family_name": "Herhaal",
                "birthdate": "2017-09-09",
                "role": "kind",
            }
        ],
    }
    first = post(api, "/api/v1/gezinnen/", family)
    again = post(api, "/api/v1/gezinnen/", family)
    assert first.status_code == again.status_code == 201
    assert again.json()["uuid"] == first.json()["uuid"]
    assert Family.objects.filter(name="Gezin Herhaal").count() == 1


def test_an_anonymous_question_is_scoped_to_the_address():
    body = {
        "topic": str(Topic.objects.get(name="Slapen").uuid),
        "text": "Ons kind slaapt slecht en wij weten niet meer wat we moeten doen. " * 3,
        "child_age": 6,
        "consent": True,
        "asker_kind": "ouder",
    }
    parent = Client(REMOTE_ADDR="192.0.2.10")
    first = post(parent, "/api/v1/vragen/", body)
    again = post(parent, "/api/v1/vragen/", body)
    assert first.status_code == again.status_code == 201
    assert again["Idempotency-Replayed"] == "true"
    assert again.json()["reference"] == first.json()["reference"]
    assert Question.objects.count() == 1
    elsewhere = post(Client(REMOTE_ADDR="192.0.2.99"), "/api/v1/vragen/", body)
    assert elsewhere.status_code == 201 and "Idempotency-Replayed" not in elsewhere
    assert Question.objects.count() == 2
    row = IdempotentRequest.objects.filter(user=None).first()
    assert "192.0.2.10" not in row.owner  # only a keyed hash of the address is kept


def test_the_schema_names_the_header_on_writes_only():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    create = schema["paths"]["/api/v1/casussen/{case_uuid}/afspraken/"]["post"]
    listing = schema["paths"]["/api/v1/casussen/{case_uuid}/afspraken/"]["get"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in create["parameters"])
    assert not any(p["name"] == "Idempotency-Key" for p in listing.get("parameters", []))


def test_a_key_stored_meanwhile_by_a_concurrent_request_rolls_this_write_back(api, case, okt):
    """Two requests with one key at once: the one that stores the key second loses its write.

    The concurrent request is played by a receiver that stores the key while this request's
    agreement is being written; in one test connection that row is rolled back with ours, so
    the answer is the 409 for "still being processed" (with a committed winner it is a replay).
    """
    from django.db.models.signals import post_save

    def meanwhile(sender, instance, created, **kwargs):
        IdempotentRequest.objects.create(
            owner=f"user:{okt.user.pk}", user=okt.user, key=KEY, method="POST", path="/",
            request_hash="0" * 64, response_status=201, response_body="",
        )  # fmt: skip

    post_save.connect(meanwhile, sender=Agreement, weak=False)
    try:
        response = post(api, f"/api/v1/casussen/{case.uuid}/afspraken/", agreement(okt))
    finally:
        post_save.disconnect(meanwhile, sender=Agreement)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert not Agreement.objects.exists() and not IdempotentRequest.objects.exists()
