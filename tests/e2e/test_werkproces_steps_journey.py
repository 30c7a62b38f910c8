"""The OKT professional works the werkproces of a family's case in a real browser: from the case
page to the werkproces, start, evaluate "not enough", on to the internal step, and the history
shows who did what. Axe checks the page after each decision."""

from __future__ import annotations

from playwright.sync_api import expect

from ketenzorg.coordination import services as case_services
from ketenzorg.werkproces.models import Werkproces
from tests import factories
from tests.e2e.axe import assert_accessible


def test_okt_starts_evaluates_not_enough_and_goes_on_to_intern(page, login_as):
    okt = factories.make_professional("okt")
    family = factories.register_family(okt, name="Gezin Stappenproef")
    case = case_services.case_open(actor=okt.user, family=family, reason="Zorgen thuis")

    login_as(okt.user)
    page.goto(f"/casussen/{case.uuid}/")
    page.get_by_role("link", name="Werkproces: stappen, evaluaties en besluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkproces Gezin Stappenproef")
    page.get_by_role("button", name="Werkproces starten").click()
    expect(
        page.get_by_text("Het werkproces is gestart: ondersteuning door het OKT.")
    ).to_be_visible()
    expect(page.locator("ol.steps li[aria-current=step]")).to_contain_text(
        "ondersteuning door het OKT"
    )
    assert_accessible(page, "werkproces na de start")

    page.get_by_label("Nee, er is meer nodig").check()
    page.get_by_label("Wat leverde deze stap op?").fill("Twee gesprekken; de zorgen blijven")
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    expect(page.get_by_text("De evaluatie is vastgelegd.")).to_be_visible()

    page.get_by_role("button", name="Verder", exact=True).click()
    expect(page.get_by_text("Het gezin is naar de volgende stap gegaan.")).to_be_visible()
    expect(page.locator("ol.steps li[aria-current=step]")).to_contain_text(
        "meedenken/meedoen binnen team of stadsdeel"
    )
    history = page.get_by_role("table").first
    expect(history.get_by_role("row")).to_have_count(3)  # header, start, on to intern
    expect(history).to_contain_text("naar de volgende stap")
    expect(history).to_contain_text("Twee gesprekken; de zorgen blijven")
    expect(history).to_contain_text(okt.full_name)
    assert_accessible(page, "werkproces in de stap intern")
    assert Werkproces.objects.get(case=case).step == "intern"
