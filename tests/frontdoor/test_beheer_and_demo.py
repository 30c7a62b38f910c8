"""Beheer of locations, hours with their staff, exceptions and topics; the schedule; the demo city."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry
from ketenzorg.frontdoor.models import (
    ContactMoment,
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Question,
    Topic,
)
from ketenzorg.network.models import District, Role
from ketenzorg.synthetic.demo import frontdoor as demo
from ketenzorg.synthetic.demo import loader
from tests import factories
from tests.frontdoor.conftest import make_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    return factories.verified_login(client, factories.make_professional(Role.BEHEERDER).user)


LOCATION = {
    "kind": "inloop",
    "name": "Inloop De Proefhoeve",
    "health_centre": "Gezondheidscentrum De Proefhoeve",
    "street": "Proefweg 1",
    "postcode": "9911ab",
    "city": "Demostad",
    "phone_number": "",
    "directions": "",
    "closed_on_holidays": "on",
    "is_active": "on",
}


def slots(*rows):
    data = {
        "slots-TOTAL_FORMS": str(len(rows)),
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "30",
    }
    for n, (weekday, opens, closes, adviser) in enumerate(rows):
        data.update({f"slots-{n}-weekday": weekday, f"slots-{n}-opens": opens, f"slots-{n}-closes": closes,
                     f"slots-{n}-adviser": adviser})  # fmt: skip
    return data


def test_create_a_location_then_its_hours_with_staff(manager_client):
    response = manager_client.post("/advies/beheer/locaties/nieuw/", LOCATION)
    location = Location.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/advies/beheer/locaties/{location.uuid}/openingstijden/"
    )
    assert location.postcode == "9911 AB"
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    saved = manager_client.post(
        f"/advies/beheer/locaties/{location.uuid}/openingstijden/",
        slots(
            ("1", "09:00", "11:00", str(adviser.uuid)),
            ("3", "13:30", "15:30", ""),
            ("", "", "", ""),
        ),
    )
    assert saved.status_code == 302
    assert list(location.hours.values_list("weekday", "adviser")) == [(1, adviser.pk), (3, None)]
    assert AuditEntry.objects.filter(
        object_type="frontdoor.OpeningHours", object_uuid=str(location.uuid)
    ).exists()


def test_overlapping_or_backwards_hours_are_refused(manager_client):
    location = make_location("Proefhuis")
    url = f"/advies/beheer/locaties/{location.uuid}/openingstijden/"
    overlap = manager_client.post(
        url, slots(("1", "09:00", "11:00", ""), ("1", "10:00", "12:00", ""))
    )
    assert overlap.status_code == 400 and "overlappen" in overlap.content.decode()
    backwards = manager_client.post(url, slots(("2", "11:00", "09:00", "")))
    assert (
        backwards.status_code == 400
        and "De eindtijd ligt na de begintijd" in backwards.content.decode()
    )
    half = manager_client.post(url, slots(("2", "09:00", "", "")))
    assert half.status_code == 400
    assert list(location.hours.values_list("weekday", flat=True)) == [1]  # unchanged


def test_a_walk_in_location_needs_an_address_and_the_phone_line_a_number(manager_client):
    bad = manager_client.post(
        "/advies/beheer/locaties/nieuw/", {**LOCATION, "street": "", "postcode": "99"}
    )
    assert bad.status_code == 400 and "Inloop De Proefhoeve" in bad.content.decode()
    phone = manager_client.post(
        "/advies/beheer/locaties/nieuw/", {**LOCATION, "kind": "telefoon", "name": "Lijn"}
    )
    assert phone.status_code == 400 and "Vul het telefoonnummer in" in phone.content.decode()
    assert not Location.objects.exists()


def test_exceptions_are_added_and_removed(manager_client):
    location = make_location("Proefhuis")
    day = timezone.localdate() + timedelta(days=5)
    url = f"/advies/beheer/locaties/{location.uuid}/uitzonderingen/"
    assert (
        manager_client.post(
            url, {"date": day.isoformat(), "is_closed": "on", "reason": "verbouwing"}
        ).status_code
        == 302
    )
    twice = manager_client.post(url, {"date": day.isoformat(), "is_closed": "on"})
    assert twice.status_code == 400
    odd = manager_client.post(
        url, {"date": (day + timedelta(days=1)).isoformat(), "opens": "14:00", "closes": "13:00"}
    )
    assert odd.status_code == 400
    exception = OpeningException.objects.get()
    assert "verbouwing" in manager_client.get(url).content.decode()
    assert (
        manager_client.post(
            f"/advies/beheer/uitzonderingen/{exception.uuid}/verwijderen/"
        ).status_code
        == 302
    )
    assert not OpeningException.objects.exists()


def test_topics_are_kept_by_beheer(manager_client):
    assert (
        manager_client.post(
            "/advies/beheer/onderwerpen/nieuw/",
            {"name": "Mantelzorg door kinderen", "sort_order": "5", "is_active": "on"},
        ).status_code
        == 302
    )
    topic = Topic.objects.get(name="Mantelzorg door kinderen")
    duplicate = manager_client.post(
        "/advies/beheer/onderwerpen/nieuw/", {"name": "slapen", "sort_order": "5"}
    )
    assert duplicate.status_code == 400 and "bestaat al" in duplicate.content.decode()
    assert (
        manager_client.post(
            f"/advies/beheer/onderwerpen/{topic.uuid}/",
            {"name": "Jonge mantelzorgers", "sort_order": "5"},
        ).status_code
        == 302
    )
    topic.refresh_from_db()
    assert topic.name == "Jonge mantelzorgers" and not topic.is_active


def test_advisers_may_not_manage_but_see_the_schedule(client):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    make_location("Proefhuis", adviser=adviser)
    factories.verified_login(client, adviser.user)
    assert client.get("/advies/beheer/").status_code == 403
    assert client.post("/advies/beheer/locaties/nieuw/", LOCATION).status_code == 403
    assert not Location.objects.filter(name=LOCATION["name"]).exists()
    html = client.get("/advies/rooster/").content.decode()
    assert "Proefhuis" in html and adviser.full_name in html and "Dinsdag" in html
    assert (
        AuditEntry.objects.filter(
            user_id_snapshot=adviser.user.pk, outcome="denied", object_type="frontdoor.Location"
        ).count()
        == 2
    )


def test_schedule_query_count_does_not_grow(client, django_assert_max_num_queries):
    factories.verified_login(client, factories.make_professional(Role.BEHEERDER).user)
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    make_location("Huis 0", adviser=adviser)
    with django_assert_max_num_queries(20) as few:
        client.get("/advies/rooster/")
    for n in range(1, 15):
        make_location(f"Huis {n}", adviser=factories.make_professional(Role.OPVOEDADVISEUR))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/advies/rooster/").status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        assert client.get("/advies/beheer/").status_code == 200


def test_demo_front_door_needs_the_city_first():
    out = StringIO()
    assert not any(demo.load_demo(stdout=out).values())
    assert not Location.objects.exists() and "eerst de demostad laden" in out.getvalue()


def test_demo_has_15_walk_in_locations_the_phone_line_and_synthetic_traffic():
    loader.load_city()
    out = StringIO()
    created = demo.load_demo(stdout=out)
    assert created["locations"] == 15
    walk_ins = Location.objects.filter(kind=LocationKind.WALK_IN).select_related("district")
    assert walk_ins.count() == 15
    # the map's walk-in hours lie in their stadsdeel: the postcode is one of its areas
    assert all(w.postcode[:4] in w.district.postcode_prefixes.split(",") for w in walk_ins), [
        (w.name, w.postcode, w.district.name) for w in walk_ins
    ]
    assert set(walk_ins.values_list("district__name", flat=True)) == {
        "Centrum",
        "Haven",
        "Buiten",
        "Poort",
        "Hout",
        "Noord",
    }
    assert all(
        name.startswith("Gezondheidscentrum")
        for name in walk_ins.values_list("health_centre", flat=True)
    )
    phone = Location.objects.get(kind=LocationKind.PHONE)
    assert phone.phone_number == "(0999) 123 45 67" and phone.hours.count() == 5
    assert not OpeningHours.objects.filter(
        location__kind=LocationKind.WALK_IN, adviser__isnull=True
    ).exists()
    assert OpeningHours.objects.filter(adviser__user__username="opvoedadviseur").exists()
    assert Question.objects.count() == 25 and set(
        Question.objects.values_list("status", flat=True)
    ) == {"nieuw", "opgepakt", "beantwoord", "gesloten"}
    assert all(
        e.endswith(".invalid")
        for e in Question.objects.exclude(email="").values_list("email", flat=True)
    )
    assert ContactMoment.objects.filter(question__isnull=True).count() > 30
    assert District.objects.filter(name="Demostad", kind="stad").count() == 1
    assert "15 locaties" in out.getvalue()
    # Idempotent: the second run adds nothing.
    again = StringIO()
    assert not any(demo.load_demo(stdout=again).values())
    assert Location.objects.count() == 16 and Question.objects.count() == 25
    assert "niets veranderd" in again.getvalue()
