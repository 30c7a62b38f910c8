"""The signal function in a real browser: the manager opens "Signaalfunctie" from the menu, a
figure from the overview, filters it, and finds in the chart exactly the numbers of the table
(read from the SVG's labels); downloads the CSV and prints the page without the menu."""

from __future__ import annotations

import importlib

from playwright.sync_api import expect

from ketenzorg.aanbod.models import Topic
from ketenzorg.network.models import Role
from ketenzorg.signaal.forms import default_period
from ketenzorg.synthetic.demo import signaal as demo_history
from tests import factories

_TOPICS = importlib.import_module("ketenzorg.frontdoor.migrations.0002_default_topics").TOPICS
CHART_NUMBERS = """() => Object.fromEntries(
  [...document.querySelectorAll("svg.signaal-chart .value")].map(
    (t) => [t.dataset.row + "|" + t.dataset.column, t.dataset.value]))"""
# The labels drawn must say what the data says (a hidden point is a gap with no label).
LABELS_AGREE = """() => [...document.querySelectorAll("svg.signaal-chart text.value")].every(
  (t) => t.textContent.trim() === t.dataset.value)"""
TABLE_NUMBERS = """() => Object.fromEntries(
  [...document.querySelectorAll("table.signaal-table td[data-row]")].map(
    (td) => [td.dataset.row + "|" + td.dataset.column, td.textContent.trim()]))"""


def test_the_manager_reads_a_chart_that_equals_its_table(page, login_as):
    factories.make_professional(Role.OPVOEDADVISEUR)
    # A flushed database (live_server) has lost the migration's topics: the history needs them.
    for order, (name, description) in enumerate(_TOPICS, start=1):
        Topic.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order * 10}
        )
    assert demo_history.load_demo() > 0  # a year of contact moments, above the threshold
    manager = factories.make_professional(Role.MANAGER)
    login_as(manager.user)

    page.goto("/")
    page.get_by_role("link", name="Signaalfunctie", exact=True).click()
    expect(page.get_by_role("heading", name="Signaalfunctie", level=1)).to_be_visible()
    page.get_by_role("link", name="Contactmomenten per onderwerp per maand").click()
    expect(page.get_by_role("img", name="Contactmomenten per onderwerp per maand")).to_be_visible()

    first, last = default_period()
    page.get_by_label("Van maand").fill(f"{first:%Y-%m}")
    page.get_by_label("Tot en met maand").fill(f"{last:%Y-%m}")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", name="Tabel")).to_be_visible()

    chart = page.evaluate(CHART_NUMBERS)
    table = page.evaluate(TABLE_NUMBERS)
    assert len(chart) >= 12 * 5
    assert page.evaluate(LABELS_AGREE)
    assert chart == {key: table[key] for key in chart}
    shown = [v for v in chart.values() if v.isdigit() and int(v) > 0]
    assert shown and all(int(v) >= 10 for v in shown)
    # Small topics are hidden in the table; one hidden every month is not drawn but named.
    assert "<10" in table.values()
    expect(page.get_by_text("Niet getekend, want elke maand verborgen of 0")).to_be_visible()
    expect(page.get_by_text("Ongewone stijging")).to_be_visible()
    expect(page.get_by_text(demo_history.RISING_TOPIC, exact=False).first).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    csv = download.value.path().read_text()
    key = f"{last:%Y-%m}|{demo_history.RISING_TOPIC}"
    assert chart[key] in csv

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(page.get_by_role("img", name="Contactmomenten per onderwerp per maand")).to_be_visible()
