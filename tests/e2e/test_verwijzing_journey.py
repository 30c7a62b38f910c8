"""The whole referral in a real browser, by the three people who do it: the OKT professional
completes the verwijsformat and sends it to the gebiedsknooppunt; the AJH-verbinder finds it in
the inbox, takes it, matches a provider and forwards it; the provider's staff member finds it,
opens the verwijsformat, accepts it and records the first contact with the family; and the
professional sees every step on the referral's page. The queued work (documents, e-mails) runs
between the people through the real task code. Axe checks a page of each."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.core.queue import run_queued
from ketenzorg.network.models import OrganisationKind, Role, Team
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import DocumentDelivery, Referral
from ketenzorg.verwijzing.services import referral as referral_services
from tests import factories
from tests.e2e.axe import assert_accessible
from tests.verwijzing import inbox_chain


def _world():
    stadsdeel = factories.make_district("Proef-Ketenstad")
    okt_org = factories.make_organisation("OKT Proef-Ketenstad")
    okt_org.district = stadsdeel
    okt_org.save()
    okt = factories.make_professional("okt", organisation=okt_org)
    okt.team = Team.objects.create(organisation=okt_org, name="Team Keten", district=stadsdeel)
    okt.save()
    gkp_org = factories.make_organisation(
        "Gebiedsknooppunt Proef-Ketenstad", kind=OrganisationKind.GEBIEDSKNOOPPUNT
    )
    gkp_org.district = stadsdeel
    gkp_org.save()
    verbinder = factories.make_professional("ajh_verbinder", organisation=gkp_org)
    provider = factories.make_organisation(
        "Proef-Jeugdhulp Keten", kind=OrganisationKind.JEUGDHULPAANBIEDER
    )
    aanbieder = factories.make_professional(Role.AANBIEDER, organisation=provider)
    inbox_chain.published_programme(provider, "Proef-Gezinsbegeleiding keten")
    # Kim's case at the step "verwijzen", a plan, a provisional voorziening, the consents for
    # the gebiedsknooppunt and the provider, and a draft the professional completes on screen.
    sent = inbox_chain.sent_referral(okt, stadsdeel, family_name="Gezin Ketenproef")
    family = sent.case.family
    inbox_chain.give_consent(okt, family, recipient_organisation=provider)
    draft = referral_services.referral_create(
        actor=okt.user,
        case=sent.case,
        child=sent.child,
        voorziening=sent.voorziening,
        request_kind="match",
        stadsdeel=stadsdeel,
    )
    referral_services.referral_withdraw(
        actor=okt.user, referral_uuid=sent.uuid, reason="Dubbel: deze wordt opnieuw gemaakt"
    )
    run_queued()
    mail.outbox.clear()
    return okt, verbinder, aanbieder, draft


def test_from_the_professional_through_the_gebiedsknooppunt_to_the_provider(page, login_as):
    okt, verbinder, aanbieder, draft = _world()
    detail = f"/verwijzingen/{draft.uuid}/"

    # 1. The OKT professional completes the verwijsformat and sends it.
    login_as(okt.user)
    page.goto(f"/verwijzingen/{draft.uuid}/verwijsformat/")
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
    assert Referral.objects.get(pk=draft.pk).status == rules.SENT
    run_queued()  # the verwijsformat is rendered and sealed; the verbinder is told
    assert any(verbinder.email in m.to for m in mail.outbox)
    assert all("Proefmans" not in m.body + m.subject for m in mail.outbox)  # no name in a mail

    # 2. The AJH-verbinder: the inbox, take, match, forward.
    login_as(verbinder.user)
    page.goto("/")
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    nieuw = page.locator("section", has=page.get_by_role("heading", name="Nieuw"))
    nieuw.get_by_role("link", name="Kim Proefmans").click()
    expect(
        page.get_by_role("heading", name="Verwijzing naar aanvullende jeugdhulp")
    ).to_be_visible()
    assert_accessible(page, "de verwijzing voor de AJH-verbinder")
    page.get_by_role("button", name="Oppakken").click()
    page.wait_for_load_state()
    page.goto(detail)
    page.get_by_role("link", name="Aanbod zoeken en matchen").click()
    page.get_by_label("Proef-Gezinsbegeleiding keten").check()
    page.get_by_label("Terugmelding aan de professional").fill(
        "Kan over twee weken starten, twee keer per week thuis."
    )
    page.get_by_role("button", name="Match vastleggen en terugmelden").click()
    expect(page.get_by_text("De match is vastgelegd en teruggemeld")).to_be_visible()
    page.get_by_role("button", name="Doorsturen naar de aanbieder").click()
    expect(
        page.get_by_text("De verwijzing is doorgestuurd naar Proef-Jeugdhulp Keten.")
    ).to_be_visible()
    assert Referral.objects.get(pk=draft.pk).status == rules.FORWARDED
    run_queued()  # the professional hears of the match, the provider of the forwarding
    assert any(aanbieder.email in m.to for m in mail.outbox)
    assert any(okt.email in m.to for m in mail.outbox)

    # 3. The provider: its list, the verwijsformat, accept, the first contact.
    Referral.objects.filter(pk=draft.pk).update(forwarded_at=timezone.now() - timedelta(hours=1))
    login_as(aanbieder.user)
    page.goto("/")
    page.get_by_role("link", name="Verwijzingen", exact=True).click()
    page.get_by_role("link", name="Kim Proefmans").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="verwijsformat downloaden (pdf)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert DocumentDelivery.objects.filter(professional=aanbieder).count() == 1
    page.goto(detail)
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_load_state()
    page.goto(detail)
    now = timezone.localtime()
    page.get_by_label("Datum van het eerste contact").fill(now.date().isoformat())
    page.get_by_label("Tijdstip").fill(now.strftime("%H:%M"))
    page.get_by_label("Korte notitie over het contact").fill("Gebeld met Sam, huisbezoek gepland")
    page.get_by_role("button", name="Eerste contact vastleggen").click()
    page.wait_for_load_state()
    assert Referral.objects.get(pk=draft.pk).status == rules.CONTACTED

    # 4. The professional sees every step on the referral's page.
    login_as(okt.user)
    page.goto(detail)
    verloop = page.locator("section", has=page.get_by_role("heading", name="Verloop"))
    for step in (
        "verzonden",
        "opgepakt door het gebiedsknooppunt",
        "aanbieder gevonden en teruggemeld",
        "doorgestuurd naar de aanbieder",
        "geaccepteerd",
        "eerste contact met het gezin",
    ):
        expect(verloop.get_by_text(step, exact=False).first).to_be_visible()
    expect(page.get_by_text("aanbieder heeft contact met het gezin").first).to_be_visible()
    assert_accessible(page, "de verwijzing voor de professional")
