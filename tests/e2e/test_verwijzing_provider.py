"""The provider's side of a referral in a real browser: the aanbieder opens "Verwijzingen",
finds the referral forwarded to the organisation, accepts it, asks for the perspectiefplan
(still a concept: it waits for the professional) and records the first contact with the
family. Axe checks each page on the way."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.network.models import OrganisationKind, Team
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import DocumentRequest, Referral
from tests import factories
from tests.e2e.axe import assert_accessible
from tests.verwijzing.provider_world import build_forwarded


def provider_world():
    okt_org = factories.make_organisation("OKT Proef-Verwijs")
    okt = factories.make_professional("okt", organisation=okt_org)
    okt.team = Team.objects.create(organisation=okt_org, name="Team Verwijs")
    okt.save(update_fields=["team"])
    provider = factories.make_organisation(
        "Proef-Jeugdhulp Thuis", kind=OrganisationKind.JEUGDHULPAANBIEDER
    )
    aanbieder = factories.make_professional("aanbieder", organisation=provider)
    referral = build_forwarded(okt, provider, bsn="999990019")
    # Forwarded an hour ago, so a first contact "now" in whole minutes lies after it.
    Referral.objects.filter(pk=referral.pk).update(forwarded_at=timezone.now() - timedelta(hours=1))
    return aanbieder, referral


def test_accept_request_the_plan_and_record_the_first_contact(page, login_as):
    aanbieder, referral = provider_world()
    login_as(aanbieder.user)
    page.goto("/werkplek/")
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    expect(page.get_by_role("heading", name="Verwijzingen aan uw organisatie")).to_be_visible()
    expect(page.get_by_role("link", name="Kim Proefverwezen")).to_be_visible()
    expect(page.get_by_text("Proef-Matrixaanbod")).to_be_visible()
    assert_accessible(page, "lijst van de aanbieder")

    page.goto(reverse("verwijzing:referral_accept", args=[referral.uuid]))
    assert_accessible(page, "accepteren")
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_load_state()
    assert Referral.objects.get(pk=referral.pk).status == rules.ACCEPTED

    page.goto(reverse("verwijzing:referral_request_documents", args=[referral.uuid]))
    page.get_by_label("het definitieve perspectiefplan").check()
    page.get_by_role("button", name="Opvragen").click()
    page.wait_for_load_state()
    request = DocumentRequest.objects.get(referral=referral)
    assert request.kind == "perspectiefplan" and request.fulfilled_at is None
    page.goto(reverse("verwijzing:referral_request_documents", args=[referral.uuid]))
    expect(page.get_by_text("wacht op de definitieve versie van de professional")).to_be_visible()

    page.goto(reverse("verwijzing:referral_first_contact", args=[referral.uuid]))
    # In the future: refused with the service's Dutch message, nothing written.
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Datum van het eerste contact").fill(tomorrow.isoformat())
    page.get_by_label("Tijdstip").fill("10:00")
    page.get_by_role("button", name="Eerste contact vastleggen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "eerste contact met fouten")
    assert Referral.objects.get(pk=referral.pk).status == rules.ACCEPTED
    now = timezone.localtime()
    page.get_by_label("Datum van het eerste contact").fill(now.date().isoformat())
    page.get_by_label("Tijdstip").fill(now.strftime("%H:%M"))
    page.get_by_label("Korte notitie over het contact").fill("Gebeld met Sam, huisbezoek gepland")
    page.get_by_role("button", name="Eerste contact vastleggen").click()
    page.wait_for_load_state()
    saved = Referral.objects.get(pk=referral.pk)
    assert saved.status == rules.CONTACTED and saved.first_contact_at is not None

    page.goto(reverse("verwijzing:provider_list") + "?groep=lopend")
    expect(page.get_by_role("link", name="Kim Proefverwezen")).to_be_visible()
    expect(page.get_by_text("aangevraagd op", exact=False)).to_be_visible()
