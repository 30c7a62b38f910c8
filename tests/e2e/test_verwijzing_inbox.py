"""The gebiedsknooppunt in a real browser: the AJH-verbinder opens "Verwijzingen" from the menu,
finds Kim's referral under "Nieuw", takes it, compares the programmes side by side, records
the match with a note for the professional, and forwards it to the provider. Axe checks the
inbox and the match page (also with the form's errors)."""

from __future__ import annotations

from playwright.sync_api import expect

from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import Referral
from tests.e2e.axe import assert_accessible
from tests.verwijzing.inbox_chain import gkp_world


def test_take_match_and_forward_a_referral(page, login_as):
    world = gkp_world()
    referral = world.referral

    login_as(world.verbinder.user)
    page.goto("/")
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    nieuw = page.locator("section", has=page.get_by_role("heading", name="Nieuw"))
    expect(nieuw.get_by_text("Kim Proefmans")).to_be_visible()
    expect(page.get_by_role("link", name="Nieuw (1)")).to_be_visible()
    assert_accessible(page, "inbox")

    # The referral's page (the match page until the detail page links it) and its steps.
    page.goto(f"/verwijzingen/{referral.uuid}/matchen/")
    page.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_text("U hebt de verwijzing opgepakt.")).to_be_visible()
    assert Referral.objects.get(pk=referral.pk).status == rules.MATCHING
    assert_accessible(page, "matchpagina")

    # Without a choice and a note: the error summary, nothing written.
    page.get_by_role("button", name="Match vastleggen en terugmelden").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "matchpagina met fouten")
    assert Referral.objects.get(pk=referral.pk).status == rules.MATCHING

    page.get_by_label("Proef-Gezinsbegeleiding thuis").check()
    page.get_by_label("Terugmelding aan de professional").fill(
        "Kan over drie weken starten, twee keer per week thuis."
    )
    page.get_by_role("button", name="Match vastleggen en terugmelden").click()
    expect(page.get_by_text("De match is vastgelegd en teruggemeld")).to_be_visible()
    assert Referral.objects.get(pk=referral.pk).status == rules.MATCHED

    page.get_by_role("button", name="Doorsturen naar de aanbieder").click()
    expect(
        page.get_by_text("De verwijzing is doorgestuurd naar Proef-Jeugdhulp Thuis.")
    ).to_be_visible()
    wacht = page.locator("section", has=page.get_by_role("heading", name="Wacht op aanbieder"))
    expect(wacht.get_by_text("Kim Proefmans")).to_be_visible()
    forwarded = Referral.objects.get(pk=referral.pk)
    assert forwarded.status == rules.FORWARDED and forwarded.provider == world.provider


def test_forward_without_the_providers_consent_says_what_to_do(page, login_as):
    world = gkp_world(provider_consent=False)
    login_as(world.verbinder.user)
    page.goto(f"/verwijzingen/{world.referral.uuid}/matchen/")
    page.get_by_label("Proef-Gezinsbegeleiding thuis").check()
    page.get_by_label("Terugmelding aan de professional").fill("Kan snel starten.")
    page.get_by_role("button", name="Match vastleggen en terugmelden").click()
    page.get_by_role("button", name="Doorsturen naar de aanbieder").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("geen toestemming gegeven")
    expect(alert).to_contain_text(f"Wat nu: vraag {world.okt.full_name}")
    assert_accessible(page, "doorsturen zonder toestemming")
    assert Referral.objects.get(pk=world.referral.pk).status == rules.MATCHED
