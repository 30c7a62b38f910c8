"""The professional's referral in a real browser: from the werkproces page to the case's
referral overview, a new version of the perspectiefplan, the verwijsformat completed and sent,
and the referral's page showing it sent. Axe checks the pages on the way."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from ketenzorg.consent import services as consent_services
from ketenzorg.network.models import Role
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import PerspectiefplanVersion, Referral
from tests.e2e.axe import assert_accessible
from tests.e2e.test_accessibility import _referral_world


def test_from_the_werkproces_to_a_sent_referral(page, login_as, live_server):
    okt, case, _provision, draft = _referral_world()
    family = case.family
    consent_services.consent_record(
        actor=okt.user, family=family, child=draft.child, purpose="verwijzing",
        parts=list(rules.SHARED_PARTS), child_consented=False,
        parents=[family.members.get(role="ouder")], method="ondertekend",
        recipient_role=Role.AJH_VERBINDER,
    )  # fmt: skip
    login_as(okt.user)
    page.goto(reverse("werkproces:case", args=[case.uuid]))
    page.get_by_role(
        "link", name="Naar het perspectiefplan, de voorziening en de verwijzingen"
    ).click()
    expect(page.get_by_role("heading", name="Perspectiefplan", exact=True)).to_be_visible()
    assert_accessible(page, "overzicht")

    page.get_by_role("link", name="Het plan bijwerken (nieuwe versie)").click()
    page.get_by_label("De hulpvraag, in de woorden van het gezin").fill(
        "Kim wil weer slapen en naar school"
    )
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_role("heading", name="Perspectiefplan, versie 3")).to_be_visible()
    assert PerspectiefplanVersion.objects.filter(case=case).count() == 3

    page.goto(reverse("verwijzing:referral_form", args=[draft.uuid]))
    page.get_by_role("button", name="Verzenden naar het gebiedsknooppunt").click()
    expect(page.get_by_text("Het verwijsformat is niet compleet")).to_be_visible()
    page.get_by_label("Contact met het gezin (telefoon, taal)").fill("06-00000000 (proef)")
    page.get_by_label("Zorgen over veiligheid en wat daarover is afgesproken").fill("Geen")
    page.get_by_label("Urgentie (regulier of spoed, en waarom)").fill("Regulier")
    page.get_by_label("Eerder ingezette hulp en wat die opleverde").fill("Opvoedadvies")
    page.get_by_label("Postcode en huisnummer").fill("1000 AA 1")
    page.get_by_label("BSN").fill("999990019")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Het verwijsformat is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Verzenden naar het gebiedsknooppunt").click()
    expect(
        page.get_by_text("De verwijzing is verzonden naar het gebiedsknooppunt.")
    ).to_be_visible()
    expect(page.get_by_text("verzonden naar het gebiedsknooppunt").first).to_be_visible()
    assert_accessible(page, "verwijzing verzonden")
    assert Referral.objects.get(pk=draft.pk).status == rules.SENT
