"""The public front door: walk-in locations with search, the phone line, youth, offer, landing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from ketenzorg.frontdoor.models import OpeningException
from tests.frontdoor.conftest import make_location, make_phone_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Pins `timezone.now()` to a local wall-clock moment: whether a location is open, and
    the text that says so, depend on the moment of the request."""

    def set_to(*wall_clock):
        moment = timezone.make_aware(datetime(*wall_clock))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def _card(html: str, name: str) -> str:
    """The card of one location on the list page."""
    return next(card for card in html.split('<li class="card">')[1:] if f">{name}</a>" in card)


@pytest.fixture
def locations(city):
    every_day = tuple((d, time(0, 0), time(23, 59)) for d in range(7))
    return {
        "haven": make_location(
            "Havenhuis", district=city["haven"], postcode="9911 AB", slots=every_day
        ),
        "noord": make_location(
            "Noorderhuis",
            district=city["noord"],
            postcode="9952 CD",
            slots=((1, time(9), time(11)),),
        ),
    }


def test_list_groups_by_stadsdeel_and_shows_open_status(client, locations, clock):
    clock(2026, 3, 4, 10, 0)  # a Wednesday: Havenhuis opens every day, Noorderhuis on Tuesdays
    html = client.get("/publiek/inloopspreekuren/").content.decode()
    assert "Stadsdeel Haven" in html and "Stadsdeel Noord" in html
    assert "2 inloopspreekuren, 1 nu open." in html
    assert "Nu open</strong> tot 23:59 uur" in _card(html, "Havenhuis")
    noord = _card(html, "Noorderhuis")
    assert "Nu gesloten</strong> weer open dinsdag 10 maart om 09:00" in noord
    assert "Nu open" not in noord

    clock(2026, 3, 3, 10, 30)  # the Tuesday before, within Noorderhuis' hours
    html = client.get("/publiek/inloopspreekuren/").content.decode()
    assert "2 inloopspreekuren, 2 nu open." in html
    assert "Nu open</strong> tot 11:00 uur" in _card(html, "Noorderhuis")
    assert "Nu gesloten" not in html


def test_search_by_stadsdeel(client, locations, city):
    html = client.get(
        "/publiek/inloopspreekuren/", {"stadsdeel": str(city["noord"].uuid)}
    ).content.decode()
    assert "Noorderhuis" in html and "Havenhuis" not in html


def test_search_by_postcode_finds_the_stadsdeel_also_through_its_gebied(client, locations):
    assert (
        "Havenhuis"
        in client.get("/publiek/inloopspreekuren/", {"postcode": "9912 XY"}).content.decode()
    )
    html = client.get("/publiek/inloopspreekuren/", {"postcode": "9952XY"}).content.decode()
    assert "Noorderhuis" in html and "Havenhuis" not in html


def test_unknown_postcode_shows_the_nearest(client, locations):
    html = client.get("/publiek/inloopspreekuren/", {"postcode": "9950"}).content.decode()
    assert "dichtstbijzijnde" in html
    assert html.index("Noorderhuis") < html.index("Havenhuis")


def test_bad_postcode_is_a_400_with_the_list_still_there(client, locations):
    response = client.get("/publiek/inloopspreekuren/", {"postcode": "hallo"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een postcode begint met vier cijfers" in html and "Havenhuis" in html
    assert 'value="hallo"' in html


def test_location_detail_has_week_and_exceptions(client, locations):
    location = locations["noord"]
    OpeningException.objects.create(
        location=location, date=timezone.localdate() + timedelta(days=3), reason="verbouwing"
    )
    html = client.get(f"/publiek/inloopspreekuren/{location.uuid}/").content.decode()
    assert "Dinsdag" in html and "09:00–11:00" in html
    assert "verbouwing" in html


def test_unknown_or_inactive_location_is_404(client, locations):
    locations["haven"].is_active = False
    locations["haven"].save()
    assert client.get(f"/publiek/inloopspreekuren/{locations['haven'].uuid}/").status_code == 404
    assert (
        client.get("/publiek/inloopspreekuren/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )


def test_phone_page_and_landing_show_number_and_status(client, clock):
    make_phone_line()
    clock(2026, 3, 3, 10, 0)  # a Tuesday morning: the line is open until 16:30
    html = client.get("/publiek/telefoon/").content.decode()
    assert "(0999) 123 45 67" in html
    assert "Nu open</strong> tot 16:30 uur" in html and "Nu gesloten" not in html
    clock(2026, 3, 3, 16, 30)  # closing time: closed until the next morning
    html = client.get("/publiek/telefoon/").content.decode()
    assert "Nu gesloten</strong> weer open morgen om 09:00" in html and "Nu open" not in html
    landing = client.get("/").content.decode()
    assert "(0999) 123 45 67" in landing
    for path in (
        "/publiek/inloopspreekuren/",
        "/publiek/telefoon/",
        "/publiek/vraag/",
        "/publiek/jongeren/",
        "/publiek/aanbod/",
    ):
        assert f'href="{path}"' in landing
    assert 'href="/inloggen/"' in landing and 'href="/begrippen/"' in landing


def test_youth_page_links_to_the_question_as_youth(client):
    html = client.get("/publiek/jongeren/").content.decode()
    assert "/publiek/vraag/?voor=jongere" in html
    form = client.get("/publiek/vraag/?voor=jongere").content.decode()
    assert 'value="jongere" required id="id_asker_kind_1" checked' in form
    assert 'value="ouder" required id="id_asker_kind_0">' in form


def test_offer_page_is_the_catalogue_search(client):
    # The placeholder made way for the catalogue (tests/aanbod has its own tests).
    response = client.get("/publiek/aanbod/")
    assert response.status_code == 200
    assert 'role="search"' in response.content.decode()


def test_public_api_lists_locations_phone_and_topics(client, locations, city, clock):
    make_phone_line()
    clock(2026, 3, 4, 10, 0)
    data = client.get("/api/v1/inloopspreekuren/", {"district": str(city["haven"].uuid)}).json()
    assert [d["name"] for d in data] == ["Havenhuis"]
    assert data[0]["status"]["is_open"] is True and data[0]["district"] == "Haven"
    assert len(data[0]["hours"]) == 7
    one = client.get(f"/api/v1/inloopspreekuren/{locations['noord'].uuid}/").json()
    assert one["hours"] == [{"weekday": "dinsdag", "opens": "09:00", "closes": "11:00"}]
    phone = client.get("/api/v1/telefoon/").json()
    assert phone["number"] == "(0999) 123 45 67" and len(phone["hours"]) == 5
    topics = client.get("/api/v1/onderwerpen/").json()
    assert "Slapen" in {t["name"] for t in topics}
    bad = client.get("/api/v1/inloopspreekuren/", {"postcode": "abc"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_without_a_phone_line_the_api_says_404(client):
    response = client.get("/api/v1/telefoon/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_location_list_query_count_does_not_grow_with_locations(
    client, city, django_assert_max_num_queries
):
    make_phone_line()
    for n in range(3):
        make_location(f"Huis {n}", district=city["haven"])
    with django_assert_max_num_queries(12) as few:
        client.get("/publiek/inloopspreekuren/")
    for n in range(3, 20):
        make_location(
            f"Huis {n}",
            district=city["noord"],
            slots=((0, time(9), time(10)), (3, time(13), time(15))),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/publiek/inloopspreekuren/").status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/inloopspreekuren/").status_code == 200
