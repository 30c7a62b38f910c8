"""The whole OKT werkproces in a real browser, as issue 13 tells it: the OKT professional asks a
team colleague → not enough → finds an external meedenker in the sociale kaart → records the
expectations → the meedenker writes findings → the joint evaluation says aanvullende jeugdhulp
is needed → the question goes on the GKP-overleg agenda → the outcome is on the case.

Only the world (organisations, people, the family and its case) is made in Python; every step
of the werkproces is taken on the screens, by the person whose step it is."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import DistrictKind, ExpertiseTag, OrganisationKind, Team
from ketenzorg.werkproces.models import Consultation, GkpItem, GkpMeeting, Werkproces
from tests import factories
from tests.e2e.axe import assert_accessible


def _world():
    stadsdeel = factories.make_district("Reisstad-West")
    gebied = factories.make_district(
        "Reisstad-West-Haven", kind=DistrictKind.GEBIED, parent=stadsdeel
    )
    okt_org = factories.make_organisation("OKT Reisstad-West")
    team = Team.objects.create(organisation=okt_org, name="Team Haven", district=stadsdeel)
    okt = factories.make_professional("okt", organisation=okt_org)
    colleague = factories.make_professional("meedenker", organisation=okt_org)
    for professional in (okt, colleague):
        professional.team = team
        professional.save()
    opvoeden = ExpertiseTag.objects.create(name="Reisexpertise opvoeden")
    somberheid = ExpertiseTag.objects.create(name="Reisexpertise somberheid")
    colleague.expertise.add(opvoeden)
    ggz = factories.make_organisation("GGZ Reisstad", kind=OrganisationKind.GGZ)
    external = factories.make_professional("meedenker", organisation=ggz)
    external.expertise.add(somberheid)
    external.areas.add(stadsdeel)
    external.available_for_consultation = True
    external.availability_note = "woensdagmiddag"
    external.save()
    gkp_org = factories.make_organisation(
        "Gebiedsknooppunt Reisstad-West", kind=OrganisationKind.GEBIEDSKNOOPPUNT
    )
    gkp_org.district = stadsdeel
    gkp_org.save()
    verbinder = factories.make_professional("ajh_verbinder", organisation=gkp_org)
    family = factories.register_family(okt, name="Gezin Reisproef")
    family.district = gebied
    family.save()
    case = case_services.case_open(actor=okt.user, family=family, reason="Somber en teruggetrokken")
    return okt, colleague, external, verbinder, case, opvoeden, somberheid, stadsdeel


def _as(page, login_as, who):
    page.context.clear_cookies()
    login_as(who.user)


def _evaluate_and_go_on(page, what, **into_external):
    page.get_by_label("Nee, er is meer nodig").check()
    page.get_by_label("Wat leverde deze stap op?").fill(what)
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    expect(page.get_by_text("De evaluatie is vastgelegd.")).to_be_visible()
    if into_external:
        page.get_by_label("Het team besloot samen dat expertise van buiten helpt").check()
        page.get_by_label("Hoe en wanneer besloot het team dat?").fill(into_external["how"])
    page.get_by_role("button", name="Verder", exact=True).click()
    expect(page.get_by_text("Het gezin is naar de volgende stap gegaan.")).to_be_visible()


def _ask(page, *, scope, expertise, meedenker, question, area=None):
    page.get_by_role("link", name="Consultatie vragen").first.click()
    page.get_by_role("radio", name=scope).check()
    page.get_by_label("Gezochte expertise").select_option(label=expertise.name)
    if area is not None:
        page.get_by_label("Werkgebied (sociale kaart", exact=False).select_option(label=str(area))
    page.get_by_role("button", name="Toon wie ik kan vragen").click()
    page.get_by_label(meedenker.full_name, exact=False).check()
    page.get_by_label("meedenken", exact=True).check()
    page.get_by_label("De vraag aan de meedenker").fill(question)
    page.get_by_label("Samenvatting zonder herkenbare gegevens").fill("Kind van elf, somber")
    page.get_by_label("Wat verwacht u van de meedenker?").fill("Een advies na één gesprek")
    page.get_by_label("Wat mag de meedenker van u verwachten?").fill("Wat we al probeerden")
    page.get_by_label("Loopt tot en met").fill(
        (timezone.localdate() + timedelta(days=21)).isoformat()
    )
    page.get_by_role("button", name="Consultatie vragen").click()
    expect(page.get_by_text("De consultatie is gevraagd.")).to_be_visible()
    return Consultation.objects.get(question=question)


def _findings(page, login_as, meedenker, consultation, text):
    _as(page, login_as, meedenker)
    page.goto("/")
    page.get_by_role("link", name="Mijn consultaties").click()
    page.get_by_role("link", name=consultation.question).click()
    expect(page.get_by_text("Gezin Reisproef")).to_have_count(0)  # anonymous
    page.get_by_label("Uw bevindingen").fill(text)
    page.get_by_role("button", name="Bevindingen vastleggen").click()
    expect(page.get_by_text("Uw bevindingen zijn vastgelegd.")).to_be_visible()


def _evaluate_consultation(page, consultation, *, yielded, can_continue, care=""):
    page.goto(f"/werkproces/consultaties/{consultation.uuid}/")
    page.get_by_label("Wat heeft de consultatie opgeleverd?").fill(yielded)
    page.get_by_role(
        "group", name="Kan het gezin verder met de bestaande ondersteuning?"
    ).get_by_label("ja" if can_continue else "nee").check()
    page.get_by_role(
        "group", name="Is duidelijk welke aanvullende jeugdhulp nodig is?"
    ).get_by_label("ja" if care else "nee").check()
    if care:
        page.get_by_label("Welke aanvullende jeugdhulp?").fill(care)
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    expect(page.get_by_text("De gezamenlijke evaluatie is vastgelegd.")).to_be_visible()


def test_from_the_okts_own_support_to_the_gkp_outcome_on_the_case(page, login_as):
    okt, colleague, external, verbinder, case, opvoeden, somberheid, stadsdeel = _world()
    werkproces_url = f"/werkproces/casus/{case.uuid}/"

    # The AJH-verbinder has planned the stadsdeel's overleg.
    _as(page, login_as, verbinder)
    page.goto("/")
    page.get_by_role("link", name="GKP-overleg").click()
    page.get_by_role("link", name="Overleggen plannen").click()
    page.get_by_label("Stadsdeel van het overleg").select_option(label=str(stadsdeel))
    page.get_by_label("Datum van het eerste overleg").fill(
        (timezone.localdate() + timedelta(days=3)).isoformat()
    )
    page.get_by_label("Tijdstip").fill("13:00")
    page.get_by_label("om de week", exact=True).check()
    page.get_by_label("Aantal overleggen").fill("4")
    page.get_by_label("Locatie").fill("Buurthuis De Reis")
    page.get_by_role("button", name="Overleggen plannen").click()
    assert GkpMeeting.objects.filter(stadsdeel=stadsdeel).count() == 4

    # The OKT professional starts the werkproces; its own support is not enough.
    _as(page, login_as, okt)
    page.goto(f"/casussen/{case.uuid}/")
    page.get_by_role("link", name="Werkproces: stappen, evaluaties en besluiten").click()
    page.get_by_role("button", name="Werkproces starten").click()
    _evaluate_and_go_on(page, "Drie gesprekken thuis; de somberheid blijft")

    # Internal expertise first: a team colleague thinks along.
    internal = _ask(
        page, scope="binnen team of stadsdeel", expertise=opvoeden, meedenker=colleague,
        question="Hoe sluiten we aan bij dit gezin?",
    )  # fmt: skip
    _findings(page, login_as, colleague, internal, "Structuur helpt, maar somberheid vraagt meer")
    _as(page, login_as, okt)
    _evaluate_consultation(page, internal, yielded="Meer structuur thuis", can_continue=False)

    # Not enough: the team decides together that expertise from outside helps.
    page.goto(werkproces_url)
    _evaluate_and_go_on(
        page, "Structuur helpt, de somberheid niet",
        how="In het teamoverleg van dinsdag samen besloten",
    )  # fmt: skip

    # The sociale kaart shows who knows about somberheid in the stadsdeel and is available.
    page.goto("/beheer/sociale-kaart/")
    page.get_by_label("Gebied", exact=True).select_option(label=str(stadsdeel))
    page.get_by_label("Expertise", exact=True).select_option(label=somberheid.name)
    page.get_by_label("Alleen beschikbaar voor meedenken").check()
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_text(external.full_name)).to_be_visible()
    expect(page.get_by_text("woensdagmiddag")).to_be_visible()
    expect(page.get_by_text(colleague.full_name)).to_have_count(0)
    assert_accessible(page, "sociale kaart, beschikbaar en gefilterd")

    page.goto(werkproces_url)
    outside = _ask(
        page, scope="van buiten", expertise=somberheid, meedenker=external,
        question="Is dit somberheid die jeugd-GGZ vraagt?", area=stadsdeel,
    )  # fmt: skip

    # The external meedenker answers the expectations and writes findings into the dossier.
    _as(page, login_as, external)
    page.goto(f"/werkproces/consultaties/{outside.uuid}/")
    page.get_by_role("group", name="Kunt u doen wat de professional van u verwacht?").get_by_label(
        "ja"
    ).check()
    page.get_by_label("Wat verwacht u van de professional?").fill("Het verslag van de school")
    page.get_by_role("button", name="Verwachtingen vastleggen").click()
    expect(page.get_by_text("Uw verwachtingen zijn vastgelegd.")).to_be_visible()
    _findings(page, login_as, external, outside, "Somberheid past bij ambulante jeugd-GGZ")

    # The joint evaluation: aanvullende jeugdhulp is needed, and which.
    _as(page, login_as, okt)
    _evaluate_consultation(
        page, outside, yielded="Een duidelijk beeld van de somberheid", can_continue=False,
        care="Ambulante jeugd-GGZ",
    )  # fmt: skip
    page.goto(werkproces_url)
    _evaluate_and_go_on(page, "De meedenker ziet jeugd-GGZ als nodig")
    expect(page.locator("ol.steps li[aria-current=step]")).to_contain_text(
        "aanvullende jeugdhulp verkennen"
    )

    # The question goes on the GKP-overleg agenda, anonymously.
    page.get_by_role("link", name="Agenderen voor het GKP-overleg").click()
    page.get_by_label("Buurthuis De Reis", exact=False).first.check()
    page.get_by_label("De vraag aan het overleg").fill("Welke aanbieder van jeugd-GGZ past?")
    page.get_by_label("Samenvatting zonder herkenbare gegevens").fill(
        "Kind van elf, somber; meedenker adviseert ambulante jeugd-GGZ"
    )
    page.get_by_role("button", name="Agenderen", exact=True).click()
    expect(page.get_by_text("De vraag staat op de agenda van het GKP-overleg.")).to_be_visible()
    item = GkpItem.objects.get()

    # Time passes: the overleg is held. The AJH-verbinder records its outcome.
    GkpMeeting.objects.filter(pk=item.meeting_id).update(
        starts_at=timezone.now() - timedelta(hours=1)
    )
    _as(page, login_as, verbinder)
    page.goto("/")
    page.get_by_role("link", name="GKP-overleg").click()
    page.locator(f'a[href$="{item.meeting.uuid}/"]').click()
    page.get_by_role("link", name="Agendapunt 1").click()
    expect(page.get_by_text("Gezin Reisproef")).to_have_count(0)
    page.get_by_label("Advies van het overleg").fill(
        "Ambulante jeugd-GGZ bij een aanbieder met plek"
    )
    page.get_by_label("jeugd-GGZ").check()
    page.get_by_label(verbinder.full_name, exact=False).check()
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.get_by_text("De uitkomst van het overleg is vastgelegd.")).to_be_visible()

    # The outcome is on the case: the werkproces page and the case's history.
    _as(page, login_as, okt)
    page.goto(werkproces_url)
    section = page.locator("section", has=page.get_by_role("heading", name="GKP-overleg"))
    expect(section.get_by_text("Ambulante jeugd-GGZ bij een aanbieder met plek")).to_be_visible()
    assert_accessible(page, "werkproces met de uitkomst van het GKP-overleg")
    page.goto(f"/casussen/{case.uuid}/")
    expect(page.get_by_text("Werkproces gestart", exact=False)).to_be_visible()
    expect(
        page.get_by_text(
            f"Consultatie met {external.full_name} gezamenlijk geëvalueerd: "
            "aanvullende jeugdhulp nodig: Ambulante jeugd-GGZ"
        )
    ).to_be_visible()
    assert Werkproces.objects.get(case=case).step == "ajh"
    assert Consultation.objects.count() == 2
