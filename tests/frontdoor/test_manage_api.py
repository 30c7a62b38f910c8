"""Beheer of the front door through the API: the same services (and messages) as the screens."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry
from ketenzorg.frontdoor.models import Location, OpeningException, OpeningHours, Topic
from ketenzorg.network.models import DistrictKind, Role
from tests import factories
from tests.frontdoor.conftest import make_location

PROBLEM = "application/problem+json"


@pytest.fixture
def manager_client(client, db):
    beheerder = factories.make_professional(Role.BEHEERDER)
    return factories.verified_login(client, beheerder.user)


@pytest.fixture
def location(db):
    return make_location("Inloop Proefhuis")


def _json(client, method, url, body=None):
    return getattr(client, method)(url, body or {}, content_type="application/json")


def _invalid(response, *names):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    reported = {p["name"] for p in response.json().get("invalid_params", [])}
    for name in names:
        assert any(r == name or r.startswith(name) for r in reported), reported


def test_create_and_update_a_location(manager_client):
    stadsdeel = factories.make_district("Haven", kind=DistrictKind.STADSDEEL)
    response = _json(manager_client, "post", "/api/v1/inloopspreekuren/", {
        "name": "Inloop Havenhuis", "street": "Kade 1", "postcode": "9911ab", "city": "Proefstad",
        "district": str(stadsdeel.uuid),
    })  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["postcode"] == "9911 AB"
    assert body["district"] == str(stadsdeel.uuid)
    location = Location.objects.get(uuid=body["uuid"])
    assert AuditEntry.objects.filter(
        object_type="frontdoor.Location", object_uuid=location.uuid
    ).exists()
    # the public retrieve on the same path still needs no login
    response = _json(manager_client, "put", f"/api/v1/inloopspreekuren/{location.uuid}/", {
        "name": "Inloop Havenhuis", "street": "Kade 2", "postcode": "9911 AB", "is_active": False,
    })  # fmt: skip
    assert response.status_code == 200, response.content
    location.refresh_from_db()
    assert (location.street, location.is_active, location.district) == ("Kade 2", False, None)


def test_an_invalid_location_is_refused_and_nothing_written(manager_client, location):
    response = _json(manager_client, "post", "/api/v1/inloopspreekuren/", {
        "name": "inloop proefhuis", "postcode": "99", "street": "",
    })  # fmt: skip
    _invalid(response, "name", "postcode", "street")
    assert Location.objects.count() == 1
    response = _json(
        manager_client, "put", f"/api/v1/inloopspreekuren/{location.uuid}/", {"name": ""}
    )
    _invalid(response, "name")
    location.refresh_from_db()
    assert location.name == "Inloop Proefhuis"


def test_replace_the_weekly_hours(manager_client, location):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    response = _json(manager_client, "put", f"/api/v1/inloopspreekuren/{location.uuid}/openingstijden/", {
        "slots": [
            {"weekday": 0, "opens": "09:00", "closes": "11:00", "adviser": str(adviser.uuid)},
            {"weekday": 3, "opens": "13:00", "closes": "15:30"},
        ],
    })  # fmt: skip
    assert response.status_code == 200, response.content
    assert [s["weekday"] for s in response.json()] == [0, 3]
    hours = list(location.hours.order_by("weekday"))
    assert [(h.weekday, h.opens, h.adviser) for h in hours] == [
        (0, time(9), adviser),
        (3, time(13), None),
    ]


def test_overlapping_or_reversed_hours_leave_the_week_as_it_was(manager_client, location):
    before = list(location.hours.values_list("weekday", "opens", "closes"))
    url = f"/api/v1/inloopspreekuren/{location.uuid}/openingstijden/"
    response = _json(manager_client, "put", url, {"slots": [
        {"weekday": 1, "opens": "09:00", "closes": "11:00"},
        {"weekday": 1, "opens": "10:00", "closes": "12:00"},
        {"weekday": 2, "opens": "12:00", "closes": "10:00"},
    ]})  # fmt: skip
    _invalid(response, "slots", "slots-2-closes")
    assert list(location.hours.values_list("weekday", "opens", "closes")) == before
    _invalid(_json(manager_client, "put", url, {}), "slots")
    colleague = factories.make_professional(Role.JGZ)
    response = _json(manager_client, "put", url, {"slots": [
        {"weekday": 1, "opens": "09:00", "closes": "11:00", "adviser": str(colleague.uuid)},
    ]})  # fmt: skip
    _invalid(response, "slots-0-adviser")
    assert list(location.hours.values_list("weekday", "opens", "closes")) == before


def test_add_and_delete_an_exception(manager_client, location):
    day = timezone.localdate() + timedelta(days=7)
    url = f"/api/v1/inloopspreekuren/{location.uuid}/uitzonderingen/"
    response = _json(manager_client, "post", url, {"date": day.isoformat(), "reason": "studiedag"})
    assert response.status_code == 201, response.content
    exception = OpeningException.objects.get(uuid=response.json()["uuid"])
    assert (exception.is_closed, exception.reason, exception.location) == (
        True,
        "studiedag",
        location,
    )
    response = manager_client.delete(f"/api/v1/uitzonderingen/{exception.uuid}/")
    assert response.status_code == 204
    assert not OpeningException.objects.exists()
    assert manager_client.delete(f"/api/v1/uitzonderingen/{exception.uuid}/").status_code == 404


def test_an_invalid_exception_writes_nothing(manager_client, location):
    url = f"/api/v1/inloopspreekuren/{location.uuid}/uitzonderingen/"
    past = timezone.localdate() - timedelta(days=10)
    _invalid(_json(manager_client, "post", url, {"date": past.isoformat()}), "date")
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = _json(
        manager_client, "post", url, {"date": day, "is_closed": False, "opens": "12:00"}
    )
    _invalid(response, "closes")
    _invalid(_json(manager_client, "post", url, {}), "date")
    assert not OpeningException.objects.exists()


def test_create_and_update_a_topic(manager_client):
    response = _json(
        manager_client, "post", "/api/v1/onderwerpen/", {"name": "Mediagebruik", "sort_order": 5}
    )
    assert response.status_code == 201, response.content
    topic = Topic.objects.get(uuid=response.json()["uuid"])
    assert (topic.name, topic.sort_order, topic.is_active) == ("Mediagebruik", 5, True)
    response = _json(manager_client, "put", f"/api/v1/onderwerpen/{topic.uuid}/", {
        "name": "Schermgebruik", "description": "tv, telefoon, games", "is_active": False,
    })  # fmt: skip
    assert response.status_code == 200, response.content
    topic.refresh_from_db()
    assert (topic.name, topic.is_active) == ("Schermgebruik", False)
    assert "Schermgebruik" not in [
        t["name"] for t in manager_client.get("/api/v1/onderwerpen/").json()
    ]


def test_a_duplicate_or_empty_topic_is_refused(manager_client):
    count = Topic.objects.count()
    _invalid(_json(manager_client, "post", "/api/v1/onderwerpen/", {"name": "slapen"}), "name")
    _invalid(_json(manager_client, "post", "/api/v1/onderwerpen/", {}), "name")
    topic = Topic.objects.get(name="Slapen")
    _invalid(
        _json(
            manager_client, "put", f"/api/v1/onderwerpen/{topic.uuid}/", {"name": "eten en drinken"}
        ),
        "name",
    )
    assert Topic.objects.count() == count
    topic.refresh_from_db()
    assert topic.name == "Slapen"


@pytest.mark.parametrize(
    "method,path",
    [
        ("post", "/api/v1/inloopspreekuren/"),
        ("put", "/api/v1/inloopspreekuren/{location}/"),
        ("put", "/api/v1/inloopspreekuren/{location}/openingstijden/"),
        ("post", "/api/v1/inloopspreekuren/{location}/uitzonderingen/"),
        ("delete", "/api/v1/uitzonderingen/{exception}/"),
        ("post", "/api/v1/onderwerpen/"),
        ("put", "/api/v1/onderwerpen/{topic}/"),
    ],
)
def test_an_adviser_is_refused_before_the_input_is_read(
    adviser_client, adviser, location, method, path
):
    exception = OpeningException.objects.create(
        location=location, date=timezone.localdate() + timedelta(days=5)
    )
    topic = Topic.objects.get(name="Slapen")
    url = path.format(location=location.uuid, exception=exception.uuid, topic=topic.uuid)
    response = _json(adviser_client, method, url)  # an empty body: still 403, not 400
    assert response.status_code == 403, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert AuditEntry.objects.filter(user_id_snapshot=adviser.user.pk, outcome="denied").exists()
    assert Location.objects.count() == 1
    assert OpeningException.objects.filter(pk=exception.pk).exists()
    assert list(location.hours.values_list("weekday", flat=True)) == [1]
    assert OpeningHours.objects.count() == 1
    topic.refresh_from_db()
    assert topic.name == "Slapen"


def test_writing_needs_a_login_but_reading_does_not(client, location):
    assert client.get(f"/api/v1/inloopspreekuren/{location.uuid}/").status_code == 200
    assert client.get("/api/v1/onderwerpen/").status_code == 200
    response = _json(
        client, "put", f"/api/v1/inloopspreekuren/{location.uuid}/", {"name": "Gekaapt"}
    )
    assert response.status_code in (401, 403)
    assert _json(client, "post", "/api/v1/onderwerpen/", {"name": "Gekaapt"}).status_code in (
        401,
        403,
    )
    location.refresh_from_db()
    assert location.name == "Inloop Proefhuis"
