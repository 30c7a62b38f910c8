"""The family's consent in a real browser: an OKT professional records the parents' consent for a
consultation with an organisation, sees it listed, withdraws it and sees it under withdrawn."""

from __future__ import annotations

from playwright.sync_api import expect

from ketenzorg.consent import selectors
from ketenzorg.consent.models import Consent
from tests import factories


def test_record_and_withdraw_the_parents_consent(page, login_as):
    okt = factories.make_professional(
        "okt", organisation=factories.make_organisation("OKT Proefstad")
    )
    ggz = factories.make_organisation("Proef-GGZ Jeugd")
    family = factories.register_family(okt, name="Gezin Reisproef")
    kim = family.members.get(given_name="Kim")
    sam = family.members.get(given_name="Sam")

    login_as(okt.user)
    page.goto(f"/gezinnen/{family.uuid}/")
    page.get_by_role("link", name="Toestemmingen van het gezin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemmingen van Gezin Reisproef")
    expect(page.get_by_text("Kim is jonger dan 12: de ouders met gezag")).to_be_visible()

    page.get_by_role("link", name="Toestemming vastleggen").click()
    page.get_by_label("consultatie (meedenken/meedoen)").check()
    page.get_by_label("Ontvangende organisatie").select_option(label=ggz.name)
    page.get_by_label("het plan (zorgen, krachten, doelen)").check()
    page.get_by_role("group", name="Voor welk kind of welke kinderen?").get_by_label(
        kim.full_name, exact=False
    ).check()
    page.get_by_role("group", name="Wie gaf de toestemming?").get_by_label(
        sam.full_name, exact=False
    ).check()
    page.get_by_label("ondertekend").check()
    page.get_by_role("button", name="Toestemming vastleggen").click()
    expect(page.get_by_text("De toestemming is vastgelegd")).to_be_visible()
    current = page.locator(
        "section", has=page.get_by_role("heading", name="Geldende toestemmingen")
    )
    expect(current.get_by_role("heading", level=3)).to_contain_text(ggz.name)
    assert selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], child=kim
    )

    current.get_by_role("link", name="Intrekken").click()
    expect(
        page.get_by_text("Verder delen stopt direct; wat al gedeeld is, blijft gedeeld.")
    ).to_be_visible()
    page.get_by_label(f"{sam.full_name} (", exact=False).check()
    page.get_by_label("Toelichting (niet verplicht)").fill("Ouders willen eerst zelf praten")
    page.get_by_role("button", name="Toestemming nu intrekken").click()
    expect(page.get_by_text("De toestemming is ingetrokken.")).to_be_visible()
    expect(page.get_by_text("Er is geen geldende toestemming.")).to_be_visible()
    withdrawn = page.locator(
        "section", has=page.get_by_role("heading", name="Ingetrokken toestemmingen")
    )
    expect(withdrawn.get_by_role("heading", level=3)).to_contain_text(ggz.name)
    expect(withdrawn.get_by_text("Ouders willen eerst zelf praten")).to_be_visible()
    assert Consent.objects.get(family=family).is_withdrawn
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], child=kim
    )
