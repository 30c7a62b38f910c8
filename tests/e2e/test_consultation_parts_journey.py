"""The consultation's parts in a real browser: a meedenker marks themselves available in the
sociale kaart, the OKT professional asks them on name and finds them first among the
proposals, the meedenker reads the shared plan and records their own expectations, and a
meedenker without an account gets findings recorded namens them. Axe checks the pages."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import ExpertiseTag, Team
from ketenzorg.werkproces import rules
from ketenzorg.werkproces import services as werkproces
from ketenzorg.werkproces.models import Consultation, Finding, MeedenkerExpectation
from tests import factories
from tests.e2e.axe import assert_accessible


def test_availability_expectations_shared_plan_and_findings_namens(page, login_as):
    organisation = factories.make_organisation("OKT Beschikbaarstad")
    team = Team.objects.create(organisation=organisation, name="Team Beschikbaar")
    okt = factories.make_professional("okt", organisation=organisation)
    busy = factories.make_professional("meedenker", organisation=organisation)
    free = factories.make_professional("meedenker", organisation=organisation)
    busy.last_name, free.last_name = "Aalbers", "Zomer"
    expertise = ExpertiseTag.objects.create(name="Proefexpertise slaap")
    for professional in (okt, busy, free):
        professional.team = team
        professional.save()
    for professional in (busy, free):
        professional.expertise.add(expertise)
    family = factories.register_family(okt, name="Gezin Slaapproef")
    case = case_services.case_open(actor=okt.user, family=family, reason="Slaapt slecht")
    case_services.plan_save(
        actor=okt.user,
        case=case,
        plan=case_services.PlanInput(
            worries="Het kind slaapt slecht door",
            goals=[case_services.Goal(goal="Weer doorslapen", action="Slaapdagboek")],
        ),
    )
    werkproces.werkproces_start(actor=okt.user, case=case)
    werkproces.step_evaluate(actor=okt.user, case=case, yielded_enough=False, summary="Te weinig")
    werkproces.step_take(actor=okt.user, case=case, transition=rules.CONTINUE)

    # The meedenker marks themselves available in the sociale kaart.
    login_as(free.user)
    page.goto("/beheer/sociale-kaart/")
    page.get_by_role("link", name="Mijn beschikbaarheid en expertise bijhouden").click()
    page.get_by_label("Ik ben beschikbaar voor meedenken en meedoen").check()
    page.get_by_label("Wanneer").fill("di en do ochtend")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw beschikbaarheid en expertise zijn opgeslagen.")).to_be_visible()
    assert_accessible(page, "mijn beschikbaarheid")
    page.context.clear_cookies()

    # The OKT professional sees the available colleague first (before the name order) and asks.
    login_as(okt.user)
    page.goto(f"/werkproces/casus/{case.uuid}/consultatie/")
    page.get_by_label("binnen team of stadsdeel").check()
    page.get_by_label("Gezochte expertise").select_option(label=expertise.name)
    page.get_by_role("button", name="Toon wie ik kan vragen").click()
    options = page.locator("input[name=meedenker]")
    first_label = page.locator(f"label[for='{options.first.get_attribute('id')}']").inner_text()
    assert free.full_name in first_label and "di en do ochtend" in first_label
    page.get_by_label(free.full_name, exact=False).check()
    page.get_by_label("meedenken", exact=True).check()
    page.get_by_label("De vraag aan de meedenker").fill("Hoe helpen we met het slapen?")
    page.get_by_label("Samenvatting zonder herkenbare gegevens").fill("Kind van tien")
    page.get_by_label("Wat verwacht u van de meedenker?").fill("Advies na het plan")
    page.get_by_label("Wat mag de meedenker van u verwachten?").fill("Het plan vooraf")
    page.get_by_label("Op naam: ik deel delen van het dossier").check()
    page.get_by_label("het plan (zorgen, krachten, doelen)").check()
    page.get_by_label("Loopt tot en met").fill(
        (timezone.localdate() + timedelta(days=21)).isoformat()
    )
    page.get_by_role("button", name="Consultatie vragen").click()
    expect(page.get_by_text("De consultatie is gevraagd.")).to_be_visible()
    consultation = Consultation.objects.get()
    page.context.clear_cookies()

    # The meedenker reads the shared plan and records what they expect back.
    login_as(free.user)
    page.goto(f"/werkproces/consultaties/{consultation.uuid}/")
    expect(page.get_by_text("Het kind slaapt slecht door")).to_be_visible()
    page.get_by_role("group", name="Kunt u doen wat de professional van u verwacht?").get_by_label(
        "ja"
    ).check()
    page.get_by_label("Wat verwacht u van de professional?").fill("Vooraf een belafspraak")
    page.get_by_role("button", name="Verwachtingen vastleggen").click()
    expect(page.get_by_text("Uw verwachtingen zijn vastgelegd.")).to_be_visible()
    assert_accessible(page, "consultatie op naam met verwachtingen")
    assert MeedenkerExpectation.objects.get().written_by == free
    page.context.clear_cookies()

    # A meedenker without an account: the OKT professional records the findings namens them.
    no_account = factories.make_professional("meedenker", organisation=organisation, user=False)
    by_phone = werkproces.consultation_ask(
        actor=okt.user, case=case, kind="meedenken", scope=rules.SCOPE_INTERNAL,
        meedenker=no_account, question="Telefonisch advies?", summary="Kind van tien",
        expects_of_meedenker="Advies", expects_of_professional="Samenvatting",
        ends_at=timezone.now() + timedelta(days=14), expertise=expertise,
    )  # fmt: skip
    login_as(okt.user)
    page.goto(f"/werkproces/consultaties/{by_phone.uuid}/")
    expect(page.get_by_text("Vooraf een belafspraak")).to_have_count(0)
    page.get_by_label("Bevindingen van de meedenker").fill("Vaste bedtijd en geen schermen")
    page.get_by_role("button", name="Bevindingen namens de meedenker vastleggen").click()
    expect(page.get_by_text("De bevindingen zijn namens de meedenker vastgelegd.")).to_be_visible()
    expect(
        page.get_by_text(f"Namens {no_account.full_name}, vastgelegd door {okt.full_name}")
    ).to_be_visible()
    assert_accessible(page, "bevindingen namens de meedenker")
    assert Finding.objects.get().on_behalf_of == no_account
