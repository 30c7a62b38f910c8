"""Breaking the glass, then its review: a JGZ nurse opens a family she is not involved with,
and the privacy officer finds it in the overview, marks it reviewed with a note and finds it
under "Beoordeeld". Axe checks the overview and the review page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from ketenzorg.access.models import EmergencyAccessReview
from tests import factories
from tests.e2e.axe import assert_accessible

REASON = "Kind met onverklaard letsel op het consult; eerdere zorgen nagaan"
NOTE = "Reden gegrond; nagebeld met de jeugdverpleegkundige."


def test_the_privacy_officer_reviews_a_break_of_the_glass(page, login_as):
    family = factories.register_family(factories.make_professional("okt"), name="Gezin Glasreis")
    nurse = factories.make_professional(
        "jgz", organisation=factories.make_organisation("JGZ Glasreis")
    )
    officer = factories.make_professional("privacy")

    # The nurse breaks the glass and opens the family once.
    login_as(nurse.user)
    page.goto(f"/gezinnen/{family.uuid}/noodtoegang/")
    page.get_by_label("Reden voor noodtoegang").fill(REASON)
    page.get_by_role("button", name="Noodtoegang gebruiken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Glasreis")

    # The privacy officer finds it from the access log, still to be reviewed.
    login_as(officer.user)
    page.goto("/toegangslog/")
    page.get_by_role(
        "link", name="Noodtoegang beoordelen: elke keer dat iemand het glas brak"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang beoordelen")
    row = page.get_by_role("row").filter(has_text="Gezin Glasreis")
    expect(row).to_contain_text(nurse.full_name)
    expect(row).to_contain_text("JGZ Glasreis")
    expect(row).to_contain_text(REASON)
    expect(row.get_by_role("cell", name="1 keer", exact=True)).to_be_visible()
    expect(row.get_by_role("link", name="Kim Proefmans")).to_be_visible()
    assert_accessible(page, "overzicht noodtoegang")

    # ... marks it reviewed with a note (after first forgetting the note) ...
    row.get_by_role("link", name=re.compile("^Beoordelen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang tot Gezin Glasreis")
    page.get_by_role("button", name="Markeren als beoordeeld").click()
    expect(page.get_by_text("Schrijf bij de beoordeling een toelichting.")).to_be_visible()
    assert_accessible(page, "beoordeling zonder toelichting")
    page.get_by_label("Toelichting bij de beoordeling").fill(NOTE)
    page.get_by_role("button", name="Markeren als beoordeeld").click()

    # ... and finds it under "Beoordeeld", no longer under "Nog te beoordelen".
    expect(page).to_have_url(re.compile(r"/toegangslog/noodtoegang/\?toon=beoordeeld$"))
    expect(page.get_by_text("De beoordeling is opgeslagen.")).to_be_visible()
    filters = page.get_by_role("navigation", name="Welke noodtoegang")
    expect(filters.get_by_role("link", name="Beoordeeld")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("row").filter(has_text="Gezin Glasreis")).to_contain_text(
        "Beoordeeld op"
    )
    filters.get_by_role("link", name="Nog te beoordelen").click()
    expect(page.get_by_text("Geen noodtoegang in deze lijst.")).to_be_visible()
    review = EmergencyAccessReview.objects.get()
    assert (review.reviewed_by, review.note) == (officer.user, NOTE)
