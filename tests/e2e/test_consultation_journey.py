"""Meedenken in a real browser: the OKT professional asks a team colleague with the matching
expertise, the meedenker finds it under "Mijn consultaties" and writes findings, and the OKT
professional records the joint evaluation. Axe checks the pages on the way."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import ExpertiseTag, Team
from ketenzorg.werkproces import rules
from ketenzorg.werkproces import services as werkproces
from ketenzorg.werkproces.models import Consultation
from tests import factories
from tests.e2e.axe import assert_accessible


def test_ask_a_colleague_findings_and_the_joint_evaluation(page, login_as):
    organisation = factories.make_organisation("OKT Proefstad")
    team = Team.objects.create(organisation=organisation, name="Team Proefwijk")
    okt = factories.make_professional("okt", organisation=organisation)
    colleague = factories.make_professional("meedenker", organisation=organisation)
    for professional in (okt, colleague):
        professional.team = team
        professional.save()
    expertise = ExpertiseTag.objects.create(name="Proefexpertise angst")
    colleague.expertise.add(expertise)
    family = factories.register_family(okt, name="Gezin Denkproef")
    case = case_services.case_open(actor=okt.user, family=family, reason="Angst en spanning")
    werkproces.werkproces_start(actor=okt.user, case=case)
    werkproces.step_evaluate(actor=okt.user, case=case, yielded_enough=False, summary="Te weinig")
    werkproces.step_take(actor=okt.user, case=case, transition=rules.CONTINUE)

    # The OKT professional picks the expertise and asks the proposed colleague.
    login_as(okt.user)
    page.goto(f"/werkproces/casus/{case.uuid}/consultatie/")
    page.get_by_label("binnen team of stadsdeel").check()
    page.get_by_label("Gezochte expertise").select_option(label=expertise.name)
    page.get_by_role("button", name="Toon wie ik kan vragen").click()
    page.get_by_label(colleague.full_name, exact=False).check()
    page.get_by_label("meedenken", exact=True).check()
    page.get_by_label("De vraag aan de meedenker").fill("Hoe helpen we met de angst van het kind?")
    page.get_by_label("Samenvatting zonder herkenbare gegevens").fill("Kind van tien, angstig")
    page.get_by_label("Wat verwacht u van de meedenker?").fill("Advies na één gesprek")
    page.get_by_label("Wat mag de meedenker van u verwachten?").fill("Een korte samenvatting")
    page.get_by_label("Loopt tot en met").fill("2099-01-01")
    page.get_by_role("button", name="Consultatie vragen").click()
    # Too long a period: the service's Dutch message, nothing written.
    expect(page.get_by_text("Een consultatie loopt hoogstens drie maanden.").first).to_be_visible()
    assert not Consultation.objects.exists()
    assert_accessible(page, "consultatie vragen met fouten")
    page.get_by_label("Loopt tot en met").fill(
        (timezone.localdate() + timedelta(days=21)).isoformat()
    )
    page.get_by_role("button", name="Consultatie vragen").click()
    expect(page.get_by_text("De consultatie is gevraagd.")).to_be_visible()
    consultation = Consultation.objects.get()
    assert consultation.meedenker == colleague and not consultation.identified
    page.context.clear_cookies()

    # The meedenker sees it in "Mijn consultaties" and writes findings.
    login_as(colleague.user)
    page.goto("/")
    page.get_by_role("link", name="Mijn consultaties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn consultaties")
    assert_accessible(page, "mijn consultaties")
    page.get_by_role("link", name="Hoe helpen we met de angst van het kind?").click()
    expect(page.get_by_text("Gezin Denkproef")).to_have_count(0)
    page.get_by_label("Uw bevindingen").fill("Angst past bij de leeftijd; oefenen met moeder")
    page.get_by_role("button", name="Bevindingen vastleggen").click()
    expect(page.get_by_text("Uw bevindingen zijn vastgelegd.")).to_be_visible()
    assert_accessible(page, "consultatie als meedenker")
    page.context.clear_cookies()

    # The OKT professional records the joint evaluation.
    login_as(okt.user)
    page.goto(f"/werkproces/consultaties/{consultation.uuid}/")
    expect(page.get_by_text("Angst past bij de leeftijd; oefenen met moeder")).to_be_visible()
    page.get_by_label("Wat heeft de consultatie opgeleverd?").fill("Een oefenplan voor thuis")
    page.get_by_role(
        "group", name="Kan het gezin verder met de bestaande ondersteuning?"
    ).get_by_label("ja").check()
    page.get_by_role(
        "group", name="Is duidelijk welke aanvullende jeugdhulp nodig is?"
    ).get_by_label("nee").check()
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    expect(page.get_by_text("De gezamenlijke evaluatie is vastgelegd.")).to_be_visible()
    assert_accessible(page, "consultatie met evaluatie")
    evaluation = Consultation.objects.get().evaluation
    assert evaluation.can_continue_with_existing and not evaluation.additional_care_clear
