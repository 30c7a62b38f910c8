"""The public pages: search with filters and paging, a programme's own page, bad input."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from ketenzorg.aanbod.models import AccessRoute, ProgrammeStatus, Topic
from tests.aanbod.conftest import WAITING

pytestmark = pytest.mark.django_db


def result_names(html: str) -> list[str]:
    return re.findall(
        r'<h2 class="card-title"><a href="/publiek/aanbod/[0-9a-f-]+/">([^<]+)</a>', html
    )


def test_search_page_without_login_finds_by_words_and_filters(client, make_programme, city):
    make_programme("Slaapspreekuur", "Hulp bij slaapproblemen.", min_age=0, max_age=4,
                   districts=[city["noord"]], topics=["Slapen"])  # fmt: skip
    make_programme("Slaapspreekuur Zuid", "Slapen.", min_age=0, max_age=4, districts=[city["zuid"]])
    make_programme("Tienertraining", "Slapen voor tieners.", min_age=12, max_age=18)
    slapen = Topic.objects.get(name="Slapen")
    response = client.get(
        "/publiek/aanbod/",
        {"q": "slapen", "leeftijd": "4", "gebied": str(city["noorderhof"].uuid),
         "onderwerp": str(slapen.uuid)},
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert result_names(html) == ["Slaapspreekuur"]
    assert "1 resultaat gevonden" in html
    assert 'for="id_leeftijd"' in html and 'for="id_gebied"' in html and 'for="id_q"' in html


def test_the_search_keeps_no_trace_of_the_searcher(client, make_programme):
    make_programme("Slaapspreekuur", "Slapen.")
    response = client.get("/publiek/aanbod/", {"q": "slapen"})
    assert response.status_code == 200
    # Only the language switch's CSRF cookie (strictly necessary); no session, no tracking.
    assert set(response.cookies) <= {"csrftoken"}
    assert "sessionid" not in response.cookies
    from ketenzorg.audit.models import AuditEntry

    assert not AuditEntry.objects.filter(object_type="aanbod.Programme", action="search").exists()


def test_pages_of_results_link_to_each_other_with_the_same_filters(client, make_programme):
    for n in range(12):
        make_programme(f"Slaapgroep {n:02d}", "Slapen.")
    first = client.get("/publiek/aanbod/", {"q": "slapen"}).content.decode()
    assert result_names(first) == [f"Slaapgroep {n:02d}" for n in range(10)]
    assert 'href="?q=slapen&amp;pagina=2" rel="next"' in first
    second = client.get("/publiek/aanbod/", {"q": "slapen", "pagina": "2"}).content.decode()
    assert result_names(second) == ["Slaapgroep 10", "Slaapgroep 11"]
    assert 'rel="prev"' in second and 'rel="next"' not in second


@pytest.mark.parametrize(
    "params",
    [
        {"leeftijd": "abc"},
        {"leeftijd": "99"},
        {"gebied": "00000000-0000-0000-0000-000000000000"},
        {"onderwerp": "nope"},
        {"pagina": "0"},
        {"q": "x" * 101},
    ],
)
def test_bad_filters_are_a_400_with_the_form(client, city, params):
    response = client.get("/publiek/aanbod/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="search"' in html
    # The form still offers every area to choose from, whether or not one was checked.
    assert f'<option value="{city["noorderhof"].uuid}">' in html


def test_a_page_past_the_end_shows_the_last(client, make_programme):
    for n in range(12):
        make_programme(f"Slaapgroep {n:02d}", "Slapen.")
    for params in ({"q": "slapen", "pagina": "9"}, {"pagina": "7"}):
        html = client.get("/publiek/aanbod/", params).content.decode()
        assert "pagina 2 van 2" in html and 'rel="next"' not in html, params
    html = client.get("/publiek/aanbod/", {"q": "paardrijden", "pagina": "3"}).content.decode()
    assert "Er is geen aanbod" in html


def test_programme_page_shows_public_fields_only(client, make_programme):
    programme = make_programme(
        "Slaapspreekuur", "Hulp bij slaapproblemen.", costs="gratis", location="Buurthuis De Proef",
        access_route=AccessRoute.REFERRAL, contact_phone="099-1234567", capacity="8 gezinnen",
        internal_notes="Intern: alleen op dinsdag bellen.", internal_contact="Intake, 099-7654321",
        **WAITING,
    )  # fmt: skip
    response = client.get(f"/publiek/aanbod/{programme.uuid}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Slaapspreekuur" in html and "Buurthuis De Proef" in html and "gratis" in html
    assert "verwijzing" in html
    for internal in ("Intern: alleen", "099-7654321", "8 gezinnen", "wachttijd", "Wachttijd"):
        assert internal not in html


@pytest.mark.parametrize("status", [ProgrammeStatus.DRAFT, ProgrammeStatus.WITHDRAWN])
def test_an_unpublished_programme_has_no_public_page(client, make_programme, status):
    programme = make_programme("Concept", status=status)
    assert client.get(f"/publiek/aanbod/{programme.uuid}/").status_code == 404


def test_an_unknown_programme_is_a_404(client):
    assert client.get("/publiek/aanbod/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_pages_in_english(client, make_programme, settings):
    programme = make_programme("Slaapspreekuur", "Slapen.", min_age=0, max_age=4)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # LocaleMiddleware leaves the request's language active on this thread; keep it here.
    with translation.override(settings.LANGUAGE_CODE):
        html = client.get("/publiek/aanbod/", {"q": "slapen"}).content.decode()
        detail = client.get(f"/publiek/aanbod/{programme.uuid}/").content.decode()
    assert "1 result found" in html and "Age of your child (years)" in html
    assert "0 to 4 years" in detail and "open to everyone" in detail


def test_a_card_shows_the_provider_audience_access_and_districts(client, make_programme, city):
    make_programme("Slaapspreekuur", "Hulp bij slapen.", access_route=AccessRoute.REFERRAL,
                   districts=[city["zuid"], city["noord"]])  # fmt: skip
    make_programme("Slaapcursus", "Slapen.")
    html = client.get("/publiek/aanbod/", {"q": "slapen"}).content.decode()
    cards = dict(zip(result_names(html), html.split('<li class="card">')[1:], strict=True))
    assert "Noord, Zuid</dd>" in cards["Slaapspreekuur"]  # by name
    assert "alleen met een verwijzing of beschikking" in cards["Slaapspreekuur"]
    assert "ouders en verzorgers" in cards["Slaapspreekuur"]
    assert "de hele stad</dd>" in cards["Slaapcursus"]
    assert '<p class="muted">Stichting Proefhulp</p>' in cards["Slaapcursus"]


def test_the_page_reads_in_a_fixed_number_of_queries(client, make_programme, city,
                                                     django_assert_num_queries):  # fmt: skip
    for n in range(12):
        make_programme(f"Slaapgroep {n:02d}", "Slapen.", districts=[city["noord"], city["zuid"]])
    client.get("/publiek/aanbod/")  # the choices are compiled once per process
    # The choices (which also check and resolve the gebied), the page's cards with the total,
    # the cards' districts.
    with django_assert_num_queries(4):
        response = client.get(
            "/publiek/aanbod/", {"q": "slapen", "gebied": str(city["noorderhof"].uuid)}
        )
    assert len(result_names(response.content.decode())) == 10
    # Without a topic or gebied the choices come with the page (one round trip on PostgreSQL).
    with django_assert_num_queries(4):
        response = client.get("/publiek/aanbod/", {"q": "slapen"})
    assert len(result_names(response.content.decode())) == 10
    # Nothing found: the choices and the (empty) page.
    with django_assert_num_queries(3):
        response = client.get("/publiek/aanbod/", {"q": "paardrijden"})
    assert "Er is geen aanbod" in response.content.decode()
