"""A parent on a phone finds sleeping help for a four-year-old in their own district, and opens it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.aanbod.builders import sleeping_catalogue
from tests.e2e.axe import assert_accessible

PHONE = {"width": 375, "height": 667}


def test_a_parent_finds_sleeping_help_for_a_four_year_old_on_a_phone(page, live_server):
    catalogue = sleeping_catalogue()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Bekijk het aanbod").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbod op maat")

    page.get_by_label("Zoekwoorden").fill("slapen")
    page.get_by_label("Leeftijd van uw kind (jaren)").fill("4")
    page.get_by_label("Waar woont u?").select_option(label="Noorderhof")
    page.get_by_role("button", name="Zoeken").click()

    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^1 resultaat gevonden"))
    # Nothing personal in the address: only the words and the filters.
    assert re.search(r"[?&]q=slapen&leeftijd=4&onderwerp=&gebied=[0-9a-f-]+", page.url)
    # The page fits the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "zoekresultaten op een telefoon")

    page.get_by_role("link", name="Slaapspreekuur Noord").click()
    expect(page).to_have_url(re.compile(rf"/publiek/aanbod/{catalogue['programme'].uuid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Slaapspreekuur Noord")
    expect(page.get_by_text("Buurthuis De Proef")).to_be_visible()
    expect(page.get_by_role("link", name="099-1234567")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "aanbod op een telefoon")


def test_paging_through_the_results_on_a_phone(page, live_server):
    sleeping_catalogue()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/publiek/aanbod/?q=opvoeden")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^12 resultaten gevonden"))
    page.get_by_role("link", name="Volgende pagina").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"pagina 2 van 2"))
    expect(page.locator(".programme-list > li")).to_have_count(2)
