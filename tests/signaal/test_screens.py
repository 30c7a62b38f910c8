"""The dashboard's screens: who sees them, the filters, and a chart that equals its table."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from defusedxml.ElementTree import fromstring
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import Action, AuditEntry, Outcome
from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import DistrictKind, Role
from ketenzorg.signaal import catalogue
from tests import factories
from tests.querycount import LOG_ENTRY_WITHOUT_SUBJECTS, LOGIN_WALL

LIMIT = 3
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.SIGNAL_THRESHOLD = LIMIT


@pytest.fixture
def city(db):
    city = factories.make_district("Proefstad", kind=DistrictKind.CITY)
    oost = factories.make_district("Oost", parent=city)
    west = factories.make_district("West", parent=city)
    okt = factories.make_professional(Role.OKT)
    for n in range(7):
        family = factories.register_family(okt, name=f"Gezin Scherm {n}", district=oost)
        case = case_services.case_open(actor=okt.user, family=family, reason="proef")
        if n < 3:
            case_services.level_set(actor=okt.user, case=case, level=2, reason="meer nodig")
    for n in range(4):
        family = factories.register_family(okt, name=f"Gezin West {n}", district=west)
        case_services.case_open(actor=okt.user, family=family, reason="proef")
    return {"city": city, "oost": oost, "west": west, "okt": okt}


@pytest.fixture
def manager(client, city):
    professional = factories.make_professional(Role.MANAGER)
    factories.verified_login(client, professional.user)
    return professional


class Cells(HTMLParser):
    """The table cells marked with their row and column, as shown."""

    def __init__(self):
        super().__init__()
        self.cells, self._key = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-row" in attrs:
            self._key = (attrs["data-row"], attrs["data-column"])
            self.cells[self._key] = ""

    def handle_data(self, data):
        if self._key:
            self.cells[self._key] += data.strip()

    def handle_endtag(self, tag):
        if tag == "td":
            self._key = None


def chart_and_table(html: str):
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    root = fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text
    chart = {
        (t.get("data-row"), t.get("data-column")): t.get("data-value")
        for t in root.iter()
        if "value" in (t.get("class") or "").split()
    }
    parser = Cells()
    parser.feed(html)
    return chart, parser.cells


@pytest.mark.parametrize("entry", catalogue.ENTRIES, ids=lambda e: e.key)
def test_every_figure_has_its_page_and_csv_with_the_same_numbers(client, manager, entry):
    page = client.get(reverse("signaal:figure", args=[entry.key]))
    assert page.status_code == 200
    assert "<svg" in page.content.decode() and str(entry.title) in page.content.decode()
    csv_response = client.get(reverse("signaal:figure_csv", args=[entry.key]))
    assert csv_response.status_code == 200
    assert catalogue.definition(entry)[:40] in csv_response.content.decode()


def test_the_overview_lists_every_figure_with_its_definition(client, manager):
    response = client.get(reverse("signaal:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    for entry in catalogue.ENTRIES:
        assert reverse("signaal:figure", args=[entry.key]) in html
        assert str(entry.title) in html
    assert "Signaalfunctie" in html  # the menu entry
    assert AuditEntry.objects.filter(
        user_id_snapshot=manager.user.pk, object_type="signaal.figuur", object_uuid="overzicht"
    ).exists()


def test_the_pyramid_chart_shows_the_numbers_of_its_table(client, manager, city):
    url = reverse("signaal:figure", args=["zorgniveaus"])
    response = client.get(url, {"gebied": str(city["city"].uuid)})
    assert response.status_code == 200
    html = response.content.decode()
    chart, table = chart_and_table(html)
    assert chart == {key: table[key] for key in chart}
    assert chart[("niveau 1", "werkelijk")] == "72,7"  # 8 of 11 open cases
    assert chart[("niveau 1", "verwacht (zorgpiramide)")] == "85"
    assert table[("Oost", "niveau 2")] == "3" and table[("Oost", "totaal")] == "7"
    assert "zorgpiramide" in html and 'href="/signaal/#zorgniveaus"' in html


def test_a_series_chart_equals_its_table_and_hides_what_the_table_hides(client, manager, city):
    url = reverse("signaal:figure", args=["zorgniveaus_per_maand"])
    this_month = f"{timezone.localdate():%Y-%m}"  # the cases were opened today
    response = client.get(url, {"gebied": str(city["west"].uuid), "tot": this_month})
    assert response.status_code == 200
    chart, table = chart_and_table(response.content.decode())
    assert chart and chart == {key: table[key] for key in chart}
    assert set(chart.values()) >= {"4", "0"}
    # Oost's 3 at level 2 are shown in its own row; in West nothing small is shown.
    assert all(v == "<3" or int(v) == 0 or int(v) >= LIMIT for v in table.values())


def test_bad_filters_answer_400_in_dutch_and_compute_nothing(client, manager):
    url = reverse("signaal:figure", args=["opschalingen"])
    response = client.get(url, {"van": "2026-13", "tot": "2026-01"})
    assert response.status_code == 400
    assert "Geef een maand als JJJJ-MM" in response.content.decode()
    assert "<svg" not in response.content.decode()
    response = client.get(url, {"van": "2026-05", "tot": "2026-01"})
    assert response.status_code == 400 and "ligt na" in response.content.decode()
    response = client.get(url, {"gebied": "00000000-0000-0000-0000-000000000000"})
    assert response.status_code == 400


def test_the_csv_download_is_logged_as_an_export(client, manager, city):
    url = reverse("signaal:figure_csv", args=["zorgniveaus"])
    response = client.get(url, {"gebied": str(city["city"].uuid)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Proefstad" in response.content.decode()
    entry = AuditEntry.objects.filter(user_id_snapshot=manager.user.pk).last()
    assert entry.action == Action.EXPORT and entry.object_uuid == "zorgniveaus"


def test_an_unknown_figure_is_404(client, manager):
    assert client.get(reverse("signaal:figure", args=["onbekend"])).status_code == 404


def test_a_caseworker_is_refused_logged_and_has_no_menu_entry(client, city):
    okt = city["okt"]
    factories.verified_login(client, okt.user)
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("signaal:overview") not in home
    for url in (
        reverse("signaal:overview"),
        reverse("signaal:figure", args=["zorgniveaus"]),
        reverse("signaal:figure_csv", args=["zorgniveaus"]),
    ):
        assert client.get(url).status_code == 403
    assert (
        AuditEntry.objects.filter(user_id_snapshot=okt.user.pk, outcome=Outcome.DENIED).count() == 3
    )


def test_the_dashboard_speaks_english_when_chosen(client, manager, city, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        html = client.get(reverse("signaal:figure", args=["zorgniveaus"])).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    assert "Open cases per care level" in html
    assert "Signal function" in html and "Download as CSV" in html
    assert "care pyramid" in html


# A figure's page: the session with its user (and roles) and device, the district tree or the steps, the figure's GROUP BYs,
# the access-log entry, the menu. The counts are aggregated in the database, so the number does
# not grow with the city; a figure that gains a query fails here (issue 17).
FIGURE_QUERIES = {
    "zorgniveaus": LOGIN_WALL + 4 + LOG_ENTRY_WITHOUT_SUBJECTS,
    "contactmomenten_topic": LOGIN_WALL + 4 + LOG_ENTRY_WITHOUT_SUBJECTS,
    "wachttijd_per_stap": LOGIN_WALL + 5 + LOG_ENTRY_WITHOUT_SUBJECTS,
}


@pytest.mark.parametrize("key", sorted(FIGURE_QUERIES))
def test_a_figure_costs_a_fixed_number_of_queries(client, manager, key):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("signaal:figure", args=[key])).status_code == 200
    assert len(queries) == FIGURE_QUERIES[key], "\n".join(q["sql"][:120] for q in queries)


def test_the_menu_shows_the_signal_function_to_the_manager_and_the_governance_only(client, db):
    from ketenzorg.network.models import GovernanceBody, GovernanceMembership

    def menu(professional):
        factories.verified_login(client, professional.user)
        return dict(client.get(reverse("glossary:index")).context["nav_items"])

    assert "signaal:overview" in menu(factories.make_professional(Role.MANAGER))
    member = factories.make_professional(Role.JGZ)
    assert "signaal:overview" not in menu(member)
    body, _ = GovernanceBody.objects.get_or_create(
        level="kerngroep", defaults={"name": "Kerngroep OKé (proef)"}
    )
    GovernanceMembership.objects.create(body=body, professional=member)
    assert "signaal:overview" in menu(member)


def test_the_waiting_times_are_compiled_once_per_period(client, manager, monkeypatch):
    """The four steps' GROUP BYs carry their months' boundaries in the SQL: compiled once per
    period asked (`core.prepared.QueryPerValues`), not on every request."""
    from tests.querycount import record_compiles

    url = reverse("signaal:figure", args=["wachttijd_per_stap"])
    first = client.get(url).content.decode()
    compiled = record_compiles(monkeypatch)
    again = client.get(url)
    assert again.status_code == 200 and again.content.decode().count("<tr") == first.count("<tr")
    assert not [sql for _, sql in compiled if 'FROM "verwijzing_referral"' in sql]
