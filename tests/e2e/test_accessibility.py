"""WCAG 2.1 A/AA checks (axe-core) on every page a visitor or professional can reach.

Each page is one test, so a report names the page. Pages of the `network`
namespace without URL arguments are found from the URLconf, so a new beheer
screen is checked without touching this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.e2e.axe import assert_accessible


@dataclass
class World:
    """The people and data the pages are shown for, made fresh for each test."""

    page: object
    login_as: Callable

    def okt(self):
        professional = factories.make_professional("okt")
        self.login_as(professional.user)
        return professional

    def okt_with_family(self):
        professional = self.okt()
        return professional, factories.register_family(professional)


@pytest.fixture
def world(page, login_as):
    return World(page=page, login_as=login_as)


def visit(page, path: str, status: int = 200):
    response = page.goto(path)
    assert response is not None, path
    assert response.status == status, f"{path}: HTTP {response.status}, verwacht {status}"
    return response


def visit_any(page, path: str):
    response = page.goto(path)
    assert response is not None, path
    return response


# --- the pages, each a small recipe: who is logged in, where do they go -----------------


def landing(w):
    visit(w.page, "/")


def login(w):
    visit(w.page, reverse("accounts:login"))


def login_with_errors(w):
    visit(w.page, reverse("accounts:login"))
    w.page.get_by_role("button", name="Inloggen").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".error-summary, .field-error").count() > 0


def mfa_verify(w):
    w.login_as(factories.make_professional("okt").user, verified=False)
    visit(w.page, reverse("accounts:mfa_verify"))


def mfa_verify_with_errors(w):
    mfa_verify(w)
    w.page.get_by_label("Code uit de authenticator-app").fill("000000")
    w.page.get_by_role("button", name="Verder").click()
    assert w.page.locator(".field-error").count() > 0


def mfa_enrol(w):
    user = factories.make_professional("okt").user
    TOTPDevice.objects.filter(user=user).delete()
    w.login_as(user, verified=False)
    visit(w.page, reverse("accounts:mfa_enrol"))


def werkplek(w):
    w.okt()
    visit(w.page, reverse("core:home"))


def api_token(w):
    w.okt()
    visit(w.page, reverse("core:api_token"))
    w.page.get_by_label("Naam van de sleutel").fill("Teamscript")
    w.page.get_by_role("button", name="Sleutel maken").click()
    w.page.wait_for_load_state()


def family_list(w):
    w.okt_with_family()
    visit(w.page, reverse("families:list"))


def family_search_with_errors(w):
    w.okt_with_family()
    visit(w.page, reverse("families:list"))
    # A date the browser's date picker would not allow: typed as text, as an old browser would.
    w.page.eval_on_selector("input[name=geboortedatum]", "el => el.type = 'text'")
    w.page.get_by_label("Geboortedatum").fill("geen-datum")
    w.page.get_by_role("button", name="Zoeken").click()
    w.page.get_by_text("Controleer de zoekvelden.").wait_for()


def family_register(w):
    w.okt()
    visit(w.page, reverse("families:register"))


def family_register_with_errors(w):
    w.okt()
    visit(w.page, reverse("families:register"))
    w.page.get_by_role("button", name="Registreren").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".error-summary, .field-error").count() > 0


def family_detail(w):
    _, family = w.okt_with_family()
    visit(w.page, reverse("families:detail", args=[family.uuid]))


def family_edit(w):
    _, family = w.okt_with_family()
    visit(w.page, reverse("families:edit", args=[family.uuid]))


def family_edit_with_errors(w):
    _, family = w.okt_with_family()
    visit(w.page, reverse("families:edit", args=[family.uuid]))
    w.page.get_by_label("Postcode").fill("12")
    w.page.get_by_role("button", name="Opslaan").click()
    assert w.page.locator(".field-error").count() > 0


def person_add(w):
    _, family = w.okt_with_family()
    visit(w.page, reverse("families:person_add", args=[family.uuid]))


def person_edit(w):
    _, family = w.okt_with_family()
    visit(w.page, reverse("families:person_edit", args=[family.members.first().uuid]))


def family_denied(w):
    family = factories.register_family(factories.make_professional("okt"))
    w.okt()
    visit(w.page, reverse("families:detail", args=[family.uuid]), status=403)


def emergency_form(w):
    family = factories.register_family(factories.make_professional("okt"))
    w.okt()
    visit(w.page, reverse("families:emergency", args=[family.uuid]))


def forbidden(w):
    w.okt()
    visit(w.page, reverse("audit:index"), status=403)


def not_found(w):
    w.okt()
    visit(w.page, "/werkplek/bestaat-niet/", status=404)


def _url_or_skip(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        pytest.skip(f"{name} bestaat (nog) niet")


def _glossary_terms():
    """The shipped terms; the flush after each browser test removed the migration's copy."""
    from ketenzorg.glossary.loader import load_terms
    from ketenzorg.glossary.models import Term

    load_terms(Term)
    return Term.objects.order_by("sort_key")


def glossary(w):
    path = _url_or_skip("glossary:index")
    _glossary_terms()
    visit(w.page, path)


def glossary_search(w):
    path = _url_or_skip("glossary:index")
    _glossary_terms()
    visit(w.page, path + "?q=gezin")


def glossary_term(w):
    _url_or_skip("glossary:index")
    term = _glossary_terms().first()
    visit(w.page, _url_or_skip("glossary:detail", term.slug))


def glossary_create_with_errors(w):
    path = _url_or_skip("glossary:create")
    w.login_as(factories.make_professional("beheerder").user)
    visit(w.page, path)
    w.page.locator("main form button[type=submit]").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".error-summary, .field-error").count() > 0


def glossary_edit(w):
    _url_or_skip("glossary:index")
    term = _glossary_terms().first()
    w.login_as(factories.make_professional("beheerder").user)
    visit(w.page, _url_or_skip("glossary:edit", term.slug))


def access_log(w):
    factories.register_family(factories.make_professional("okt"))
    w.login_as(factories.make_professional("privacy").user)
    visit(w.page, reverse("audit:index"))


def access_log_search(w):
    factories.register_family(factories.make_professional("okt"))
    w.login_as(factories.make_professional("privacy").user)
    visit(w.page, reverse("audit:index"))
    w.page.get_by_label("Naam").fill("Proefmans")
    w.page.get_by_role("button", name="Zoeken").click()
    w.page.get_by_text("2 personen gevonden").wait_for()
    assert "Proefmans" not in w.page.url


def access_log_person(w):
    family = factories.register_family(factories.make_professional("okt"))
    w.login_as(factories.make_professional("privacy").user)
    visit(w.page, reverse("audit:person_log", args=[family.members.first().uuid]))


def _break_the_glass():
    from ketenzorg.families import services as family_services

    family = factories.register_family(factories.make_professional("okt"))
    return family_services.emergency_access_grant(
        actor=factories.make_professional("jgz").user,
        family=family,
        reason="Acute zorgen over de veiligheid van het kind",
    )


def emergency_review_list(w):
    _break_the_glass()
    w.login_as(factories.make_professional("privacy").user)
    visit(w.page, reverse("audit:emergency_list"))


def emergency_review_form(w):
    grant = _break_the_glass()
    w.login_as(factories.make_professional("privacy").user)
    visit(w.page, reverse("audit:emergency_detail", args=[grant.uuid]))


def beheer_organisation_detail(w):
    organisation = factories.make_organisation()
    factories.make_professional("okt", organisation=organisation)
    w.login_as(factories.make_professional("beheerder").user)
    visit(w.page, _url_or_skip("network:organisation_detail", organisation.uuid))


def beheer_professional_detail(w):
    professional = factories.make_professional("okt", "jgz")
    w.login_as(factories.make_professional("beheerder").user)
    visit(w.page, _url_or_skip("network:professional_detail", professional.uuid))


def api_docs(w):
    visit(w.page, reverse("api-docs"))
    w.page.wait_for_selector(".swagger-ui .information-container", timeout=15_000)


# --- the family's consent registry ----------------------------------------------------------


def _family_with_consent(w):
    from ketenzorg.consent import services as consent_services

    professional, family = w.okt_with_family()
    members = list(family.members.all())
    (consent,) = consent_services.consent_record_for_children(
        actor=professional.user,
        family=family,
        children=[m for m in members if m.role == "kind"],
        givers=[m for m in members if m.has_parental_authority],
        purpose="consultatie",
        parts=["plan"],
        method="mondeling",
        recipient_organisation=factories.make_organisation("Proef-GGZ"),
    )
    return family, consent


def consent_family(w):
    family, _ = _family_with_consent(w)
    visit(w.page, reverse("consent:family", args=[family.uuid]))


def consent_new_with_errors(w):
    _, family = w.okt_with_family()
    visit(w.page, reverse("consent:new", args=[family.uuid]))
    w.page.get_by_role("button", name="Toestemming vastleggen").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".error-summary").count() > 0


def consent_withdraw(w):
    _, consent = _family_with_consent(w)
    visit(w.page, reverse("consent:withdraw", args=[consent.uuid]))


def _case_with_werkproces(w, *, evaluated: bool):
    """A case in the OKT step, evaluated "not enough" so the decision forms are on the page."""
    from ketenzorg.coordination import services as case_services
    from ketenzorg.werkproces import services as werkproces_services

    professional, family = w.okt_with_family()
    case = case_services.case_open(actor=professional.user, family=family, reason="Proef")
    werkproces_services.werkproces_start(actor=professional.user, case=case)
    if evaluated:
        werkproces_services.step_evaluate(
            actor=professional.user, case=case, yielded_enough=False, summary="Nog niet genoeg"
        )
    return case


def werkproces_steps(w):
    case = _case_with_werkproces(w, evaluated=True)
    visit(w.page, reverse("werkproces:case", args=[case.uuid]))


def werkproces_steps_with_errors(w):
    case = _case_with_werkproces(w, evaluated=False)
    visit(w.page, reverse("werkproces:case", args=[case.uuid]))
    w.page.get_by_role("button", name="Evaluatie vastleggen").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".field-error").count() > 0


def _consultation_world(*, finding=False):
    """An OKT professional at the internal step who asked a team colleague with the expertise."""
    from datetime import timedelta

    from django.utils import timezone

    from ketenzorg.coordination import services as case_services
    from ketenzorg.network.models import ExpertiseTag
    from ketenzorg.werkproces import rules
    from ketenzorg.werkproces import services as werkproces

    organisation = factories.make_organisation()
    okt = factories.make_professional("okt", organisation=organisation)
    colleague = factories.make_professional("meedenker", organisation=organisation)
    expertise = ExpertiseTag.objects.create(name="Proefexpertise OGGZ")
    colleague.expertise.add(expertise)
    case = case_services.case_open(
        actor=okt.user, family=factories.register_family(okt), reason="Zorgen"
    )
    werkproces.werkproces_start(actor=okt.user, case=case)
    werkproces.step_evaluate(actor=okt.user, case=case, yielded_enough=False, summary="Te weinig")
    werkproces.step_take(actor=okt.user, case=case, transition=rules.CONTINUE)
    consultation = werkproces.consultation_ask(
        actor=okt.user, case=case, kind="meedenken", scope=rules.SCOPE_INTERNAL,
        meedenker=colleague, question="Hoe verder?", summary="Een kind van tien",
        expects_of_meedenker="Advies", expects_of_professional="Samenvatting",
        ends_at=timezone.now() + timedelta(days=14), expertise=expertise,
    )  # fmt: skip
    if finding:
        werkproces.finding_write(
            actor=colleague.user, consultation_uuid=consultation.uuid, text_value="Bevinding"
        )
    return okt, colleague, case, expertise, consultation


def consultation_ask(w):
    okt, _, case, expertise, _ = _consultation_world()
    w.login_as(okt.user)
    url = reverse("werkproces:consultation_ask", args=[case.uuid])
    visit(w.page, f"{url}?scope=intern&expertise={expertise.uuid}")


def consultation_ask_with_errors(w):
    consultation_ask(w)
    w.page.get_by_role("button", name="Consultatie vragen").click()
    w.page.locator(".error-summary").wait_for()


def my_consultations(w):
    _, colleague, *_ = _consultation_world()
    w.login_as(colleague.user)
    visit(w.page, reverse("werkproces:my_consultations"))


def consultation_page_meedenker(w):
    _, colleague, _, _, consultation = _consultation_world()
    w.login_as(colleague.user)
    visit(w.page, reverse("werkproces:consultation", args=[consultation.uuid]))


def consultation_page_evaluation(w):
    okt, _, _, _, consultation = _consultation_world(finding=True)
    w.login_as(okt.user)
    visit(w.page, reverse("werkproces:consultation", args=[consultation.uuid]))


def _identified_consultation_world():
    """An identified consultation inside the organisation (no consent needed), with a plan
    and an agreement on the case, and a second one with a meedenker without an account."""
    from datetime import timedelta

    from django.utils import timezone

    from ketenzorg.coordination import services as case_services
    from ketenzorg.werkproces import rules
    from ketenzorg.werkproces import services as werkproces

    okt, colleague, case, expertise, _ = _consultation_world()
    case_services.plan_save(
        actor=okt.user,
        case=case,
        plan=case_services.PlanInput(
            strengths="Moeder zoekt hulp",
            worries="Slaapt slecht",
            goals=[case_services.Goal(goal="Doorslapen", action="Slaapdagboek")],
        ),
    )
    case_services.agreement_add(
        actor=okt.user, case=case, what="Gesprek met school",
        due_on=timezone.localdate() + timedelta(days=10),
        responsible_organisation=okt.organisation,
    )  # fmt: skip
    common = dict(
        actor=okt.user, case=case, kind="meedenken", scope=rules.SCOPE_INTERNAL,
        question="Hoe verder?", summary="Een kind van tien", expects_of_meedenker="Advies",
        expects_of_professional="Samenvatting", ends_at=timezone.now() + timedelta(days=14),
        expertise=expertise,
    )  # fmt: skip
    on_name = werkproces.consultation_ask(
        meedenker=colleague,
        identified=True,
        shared_parts=["personalia", "plan", "afspraken", "werkproces"],
        **common,
    )
    werkproces.meedenker_expectation_add(
        actor=colleague.user,
        consultation_uuid=on_name.uuid,
        agrees=True,
        text_value="Vooraf bellen",
    )
    no_account = factories.make_professional("meedenker", organisation=okt.organisation, user=False)
    namens = werkproces.consultation_ask(meedenker=no_account, **common)
    werkproces.finding_write_on_behalf(
        actor=okt.user, consultation_uuid=namens.uuid, text_value="Telefonisch advies"
    )
    return okt, colleague, on_name, namens


def consultation_page_shared_parts(w):
    _, colleague, on_name, _ = _identified_consultation_world()
    w.login_as(colleague.user)
    visit(w.page, reverse("werkproces:consultation", args=[on_name.uuid]))


def consultation_expectations_with_errors(w):
    consultation_page_shared_parts(w)
    w.page.get_by_role("button", name="Verwachtingen vastleggen").click()
    w.page.locator(".error-summary").wait_for()


def consultation_page_findings_namens(w):
    okt, _, _, namens = _identified_consultation_world()
    w.login_as(okt.user)
    visit(w.page, reverse("werkproces:consultation", args=[namens.uuid]))


def directory_available(w):
    professional = factories.make_professional("meedenker")
    professional.available_for_consultation = True
    professional.availability_note = "di en do ochtend"
    professional.save()
    w.login_as(factories.make_professional("okt").user)
    visit(w.page, reverse("network:directory") + "?beschikbaar=on")


def _phone(w):
    w.page.set_viewport_size({"width": 375, "height": 667})


def aanbod_search(w):
    from tests.aanbod.builders import sleeping_catalogue

    catalogue = sleeping_catalogue()
    _phone(w)
    visit(w.page, f"/publiek/aanbod/?q=slapen&leeftijd=4&gebied={catalogue['noorderhof'].uuid}")


def aanbod_search_paged(w):
    from tests.aanbod.builders import sleeping_catalogue

    sleeping_catalogue()
    visit(w.page, "/publiek/aanbod/?q=opvoeden&pagina=2")


def aanbod_search_with_errors(w):
    _phone(w)
    visit(w.page, "/publiek/aanbod/?leeftijd=abc", status=400)


def aanbod_detail(w):
    from tests.aanbod.builders import sleeping_catalogue

    catalogue = sleeping_catalogue()
    _phone(w)
    visit(w.page, reverse("aanbod_public:detail", args=[catalogue["programme"].uuid]))


def _gkp_world(*, item=False, held=False):
    """An OKT professional at the AJH step and the AJH-verbinder of the family's stadsdeel."""
    from datetime import time, timedelta

    from django.utils import timezone

    from ketenzorg.coordination import services as case_services
    from ketenzorg.network.models import DistrictKind, OrganisationKind
    from ketenzorg.werkproces import rules
    from ketenzorg.werkproces import services as werkproces
    from ketenzorg.werkproces.models import GkpMeeting
    from ketenzorg.werkproces.services import gkp

    stadsdeel = factories.make_district()
    gkp_org = factories.make_organisation(kind=OrganisationKind.GEBIEDSKNOOPPUNT)
    gkp_org.district = stadsdeel
    gkp_org.save()
    verbinder = factories.make_professional("ajh_verbinder", organisation=gkp_org)
    okt = factories.make_professional("okt")
    family = factories.register_family(okt)
    family.district = factories.make_district(kind=DistrictKind.GEBIED, parent=stadsdeel)
    family.save()
    case = case_services.case_open(actor=okt.user, family=family, reason="Zorgen")
    werkproces.werkproces_start(actor=okt.user, case=case)
    for decision in ({}, {"team_decision": "Samen besloten: van buiten"}, {}):
        werkproces.step_evaluate(
            actor=okt.user, case=case, yielded_enough=False, summary="Te weinig"
        )
        werkproces.step_take(actor=okt.user, case=case, transition=rules.CONTINUE, **decision)
    meeting = gkp.gkp_meetings_plan(
        actor=verbinder.user, stadsdeel=stadsdeel, first=timezone.localdate() + timedelta(days=1),
        at=time(13), every_weeks=2, count=2, location="Zaal 1",
    )[0]  # fmt: skip
    agenda_item = None
    if item:
        agenda_item = gkp.gkp_item_add(
            actor=okt.user, case=case, meeting=meeting, question="Welke hulp past?",
            summary="Kind van tien, somber",
        )  # fmt: skip
    if held:
        GkpMeeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - timedelta(hours=1)
        )
    return okt, verbinder, case, meeting, agenda_item


def gkp_item_add(w):
    okt, _, case, *_ = _gkp_world()
    w.login_as(okt.user)
    visit(w.page, reverse("werkproces:gkp_item_add", args=[case.uuid]))


def gkp_item_add_with_errors(w):
    gkp_item_add(w)
    w.page.get_by_role("button", name="Agenderen", exact=True).click()
    w.page.locator(".error-summary").wait_for()


def gkp_meeting(w):
    _, verbinder, _, meeting, _ = _gkp_world(item=True)
    w.login_as(verbinder.user)
    visit(w.page, reverse("werkproces:gkp_meeting", args=[meeting.uuid]))


def gkp_item_outcome(w):
    _, verbinder, _, _, item = _gkp_world(item=True, held=True)
    w.login_as(verbinder.user)
    visit(w.page, reverse("werkproces:gkp_item", args=[item.uuid]))


def gkp_item_outcome_with_errors(w):
    gkp_item_outcome(w)
    w.page.get_by_role("button", name="Uitkomst vastleggen").click()
    w.page.locator(".error-summary").wait_for()


def gkp_item_withdraw_form(w):
    okt, _, _, _, item = _gkp_world(item=True)
    w.login_as(okt.user)
    visit(w.page, reverse("werkproces:gkp_item", args=[item.uuid]))


def werkproces_steps_with_gkp(w):
    okt, _, case, _, _ = _gkp_world(item=True)
    w.login_as(okt.user)
    visit(w.page, reverse("werkproces:case", args=[case.uuid]))


def _case_with_targets(w):
    """A case with an open agreement and a plan, and the sleeping catalogue to link from."""
    from datetime import timedelta

    from django.utils import timezone

    from ketenzorg.coordination import services as case_services
    from tests.aanbod.builders import sleeping_catalogue

    catalogue = sleeping_catalogue()
    professional, family = w.okt_with_family()
    case = case_services.case_open(actor=professional.user, family=family, reason="Proef")
    agreement = case_services.agreement_add(
        actor=professional.user, case=case, what="Moeder volgt het slaapspreekuur",
        due_on=timezone.localdate() + timedelta(days=20), responsible_professional=professional,
    )  # fmt: skip
    case_services.plan_save(
        actor=professional.user, case=case,
        plan=case_services.PlanInput(worries="Slapen", goals=[case_services.Goal(goal="Doorslapen")]),
    )  # fmt: skip
    return professional, case, agreement, catalogue


def _search_picker(w, button="Zoeken"):
    w.page.get_by_label("Zoekwoorden").fill("slapen")
    w.page.get_by_role("button", name=button).click()
    w.page.wait_for_load_state()


def programme_link_results(w):
    _, case, _, _ = _case_with_targets(w)
    visit(w.page, reverse("coordination:programme_link", args=[case.uuid]))
    _search_picker(w)
    assert w.page.get_by_role("radio").count() > 0


def programme_link_with_errors(w):
    programme_link_results(w)
    w.page.get_by_role("button", name="Koppelen").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".field-error").count() > 0


def case_with_programme(w):
    from ketenzorg.coordination import services as case_services

    professional, case, agreement, catalogue = _case_with_targets(w)
    case_services.programme_link(
        actor=professional.user, case=case, programme_uuid=catalogue["programme"].uuid,
        agreement=agreement, goal_index=0,
    )  # fmt: skip
    visit(w.page, reverse("coordination:detail", args=[case.uuid]))


def _contact_moment(w):
    from django.utils import timezone

    from ketenzorg.frontdoor.models import ContactMoment
    from tests.aanbod.builders import sleeping_catalogue

    catalogue = sleeping_catalogue()
    adviser = factories.make_professional("opvoedadviseur")
    w.login_as(adviser.user)
    moment = ContactMoment.objects.create(
        channel="telefoon", adviser=adviser, occurred_at=timezone.now()
    )
    moment.topics.set([catalogue["topic"]])
    return adviser, moment, catalogue


def hand_programme_with_errors(w):
    _, moment, _ = _contact_moment(w)
    visit(w.page, reverse("frontdoor:contact_hand_programme", args=[moment.uuid]))
    _search_picker(w)
    w.page.get_by_role("button", name="Meegeven").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".field-error").count() > 0


def contact_with_handed_programme(w):
    from ketenzorg.frontdoor import services as frontdoor_services

    adviser, moment, catalogue = _contact_moment(w)
    frontdoor_services.programme_hand(
        actor=adviser.user, moment=moment, programme_uuid=catalogue["programme"].uuid, way="afdruk"
    )
    visit(w.page, reverse("frontdoor:contact_detail", args=[moment.uuid]))


def programme_print(w):
    _, _, catalogue = _contact_moment(w)
    visit(w.page, reverse("frontdoor:programme_print", args=[catalogue["programme"].uuid]))


def _forwarded_to_provider(w):
    from datetime import timedelta

    from django.utils import timezone

    from ketenzorg.network.models import OrganisationKind
    from ketenzorg.verwijzing.models import Referral
    from tests.verwijzing.provider_world import build_forwarded

    okt = factories.make_professional("okt")
    provider = factories.make_organisation(
        "Proef-Jeugdhulp Toegankelijk", kind=OrganisationKind.JEUGDHULPAANBIEDER
    )
    aanbieder = factories.make_professional("aanbieder", organisation=provider)
    referral = build_forwarded(okt, provider, bsn="999990019")
    Referral.objects.filter(pk=referral.pk).update(forwarded_at=timezone.now() - timedelta(hours=1))
    w.login_as(aanbieder.user)
    return aanbieder, referral


def provider_list(w):
    _forwarded_to_provider(w)
    visit(w.page, reverse("verwijzing:provider_list"))


def provider_decline_with_errors(w):
    _, referral = _forwarded_to_provider(w)
    visit(w.page, reverse("verwijzing:referral_decline", args=[referral.uuid]))
    w.page.get_by_role("button", name="Afwijzen").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".error-summary").count() == 1


def provider_documents_waiting(w):
    from ketenzorg.verwijzing.services import documents

    aanbieder, referral = _forwarded_to_provider(w)
    documents.documents_request(
        actor=aanbieder.user, referral_uuid=referral.uuid, kinds=["perspectiefplan"]
    )
    visit(w.page, reverse("verwijzing:referral_request_documents", args=[referral.uuid]))


def provider_end_care_with_errors(w):
    from django.utils import timezone

    from ketenzorg.verwijzing.services import referral as services

    aanbieder, referral = _forwarded_to_provider(w)
    services.referral_accept(actor=aanbieder.user, referral_uuid=referral.uuid)
    services.referral_first_contact(
        actor=aanbieder.user, referral_uuid=referral.uuid, contacted_at=timezone.now()
    )
    services.referral_start_care(
        actor=aanbieder.user, referral_uuid=referral.uuid, on=timezone.localdate()
    )
    visit(w.page, reverse("verwijzing:referral_end_care", args=[referral.uuid]))
    w.page.get_by_role("button", name="Einde vastleggen").click()
    w.page.wait_for_load_state()
    assert w.page.locator(".error-summary").count() == 1


PAGES = {
    f.__name__: f
    for f in (
        landing,
        login,
        login_with_errors,
        mfa_verify,
        mfa_verify_with_errors,
        mfa_enrol,
        werkplek,
        api_token,
        family_list,
        family_search_with_errors,
        family_register,
        family_register_with_errors,
        family_detail,
        family_edit,
        family_edit_with_errors,
        person_add,
        person_edit,
        family_denied,
        emergency_form,
        forbidden,
        not_found,
        glossary,
        glossary_search,
        glossary_term,
        glossary_create_with_errors,
        glossary_edit,
        access_log,
        access_log_search,
        access_log_person,
        emergency_review_list,
        emergency_review_form,
        beheer_organisation_detail,
        beheer_professional_detail,
        api_docs,
        consent_family,
        consent_new_with_errors,
        consent_withdraw,
        werkproces_steps,
        werkproces_steps_with_errors,
        consultation_ask,
        consultation_ask_with_errors,
        my_consultations,
        consultation_page_meedenker,
        consultation_page_evaluation,
        consultation_page_shared_parts,
        consultation_expectations_with_errors,
        consultation_page_findings_namens,
        directory_available,
        aanbod_search,
        aanbod_search_paged,
        aanbod_search_with_errors,
        aanbod_detail,
        gkp_item_add,
        gkp_item_add_with_errors,
        gkp_meeting,
        gkp_item_outcome,
        gkp_item_outcome_with_errors,
        gkp_item_withdraw_form,
        werkproces_steps_with_gkp,
        programme_link_results,
        programme_link_with_errors,
        case_with_programme,
        hand_programme_with_errors,
        contact_with_handed_programme,
        programme_print,
        provider_list,
        provider_decline_with_errors,
        provider_documents_waiting,
        provider_end_care_with_errors,
    )
}
# Known violations caused outside tests/e2e: {page: reason}. Strict, so a fix turns them red.
KNOWN_VIOLATIONS: dict[str, str] = {}


def _params(names):
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_VIOLATIONS[n]))
        if n in KNOWN_VIOLATIONS
        else n
        for n in names
    ]


@pytest.mark.parametrize("name", _params(PAGES))
def test_page_meets_wcag_21_aa(world, name):
    PAGES[name](world)
    assert_accessible(world.page, name)


# --- beheer: every argument-less page in the `network` namespace -------------------------


def _names(resolver, prefix=""):
    for name in resolver.reverse_dict:
        if isinstance(name, str):
            yield f"{prefix}{name}"
    for ns, (_, sub) in resolver.namespace_dict.items():
        yield from _names(sub, f"{prefix}{ns}:")


def paths_without_arguments(namespace: str | None = None) -> dict[str, str]:
    """{path: url name} for every named URL that reverses without arguments."""
    root = get_resolver()
    if namespace is not None:
        if namespace not in root.namespace_dict:
            return {}
        names = _names(root.namespace_dict[namespace][1], f"{namespace}:")
    else:
        names = _names(root)
    found = {}
    for name in names:
        try:
            found.setdefault(reverse(name), name)
        except NoReverseMatch:
            continue  # needs arguments
    return dict(sorted(found.items()))


def network_paths() -> list[str]:
    return list(paths_without_arguments("network"))


def submit_empty_form_and_check(page, what: str) -> None:
    """A page with one data-entry form that posts is checked again after sending it empty."""
    forms = page.locator("main form[method=post i]")
    if forms.count() != 1:
        return
    fields = forms.locator(
        "input:visible:not([type=hidden]):not([type=submit]), textarea:visible, select:visible"
    )
    if fields.count() == 0:
        return  # a one-button action, not a form to fill in
    with page.expect_navigation():
        forms.locator("[type=submit]").first.click()
    assert_accessible(page, f"{what} na leeg versturen")


def network_world(w):
    district = factories.make_district()
    organisation = factories.make_organisation()
    factories.make_professional("okt", organisation=organisation)
    beheerder = factories.make_professional("beheerder")
    w.login_as(beheerder.user)
    return district, organisation


@pytest.mark.parametrize(
    "path",
    _params(network_paths())
    or [pytest.param("", marks=pytest.mark.skip(reason="nog geen beheerschermen (network:*)"))],
)
def test_beheer_page_meets_wcag_21_aa(world, path):
    network_world(world)
    visit(world.page, path)
    assert_accessible(world.page, f"beheer {path}")
    submit_empty_form_and_check(world.page, f"beheer {path}")


# --- every other page without URL arguments, so a new screen is checked automatically ----

# Not HTML pages of ours: JSON, the Django admin (a developers' tool), POST-only endpoints.
NOT_SWEPT = (
    "/api/",
    "/djangobeheer/",
    "/i18n/",
    "/gezondheid/",
    "/inloggen/uitloggen/",
    "/beheer/",
)
# Checked above with a fitting user and data.
SWEPT_ABOVE = {
    "/",
    "/inloggen/",
    "/inloggen/tweede-factor/",
    "/inloggen/tweede-factor/instellen/",
    "/werkplek/",
    "/werkplek/api-sleutel/",
    "/gezinnen/",
    "/gezinnen/registreren/",
    "/toegangslog/",
    "/begrippen/",
    "/begrippen/beheer/nieuw/",
}


def swept_paths() -> list[str]:
    return [
        p for p in paths_without_arguments() if not p.startswith(NOT_SWEPT) and p not in SWEPT_ABOVE
    ]


@pytest.mark.parametrize("path", _params(swept_paths()))
def test_every_other_page_meets_wcag_21_aa(world, path):
    """Publicly if the page is public, else as a professional holding every role."""
    from ketenzorg.network.models import Role

    response = visit_any(world.page, path)
    if world.page.url.split("?")[0].endswith(reverse("accounts:login")):
        everyone = factories.make_professional(*Role.values)
        factories.register_family(everyone)
        world.login_as(everyone.user)
        response = visit_any(world.page, path)
    assert response.status < 500, f"{path}: HTTP {response.status}"
    if "text/html" not in (response.headers.get("content-type") or ""):
        return
    assert_accessible(world.page, path)
    submit_empty_form_and_check(world.page, path)


# --- the catalogue's maintenance (issue 14): providers, the beheerder's approval, professionals


def _maintenance_world():
    """A provider with a published programme, a pending proposal and some history."""
    from datetime import date

    from ketenzorg.aanbod import services
    from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus

    beheerder = factories.make_professional("beheerder")
    organisation = factories.make_organisation("Stichting Proefhulp")
    aanbieder = factories.make_professional("aanbieder", organisation=organisation)
    data = services.ProgrammeInput(
        provider=organisation, name="Slaapcursus Proef", description="Beter slapen.",
        audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.OPEN,
        status=ProgrammeStatus.PUBLISHED, waiting_weeks=3, waiting_confirmed_on=date(2024, 1, 1),
        capacity="12 gezinnen", internal_contact="Intake, 099-1234567",
    )  # fmt: skip
    programme = services.programme_save(actor=beheerder.user, data=data)
    services.waiting_time_confirm(actor=aanbieder.user, programme=programme)
    data.description = "Nog beter slapen."
    result = services.programme_change(actor=aanbieder.user, programme=programme, data=data)
    return beheerder, aanbieder, programme, result.revision


def aanbod_beheer_list(w):
    _, aanbieder, _, _ = _maintenance_world()
    w.login_as(aanbieder.user)
    visit(w.page, reverse("aanbod_beheer:list"))


def aanbod_beheer_detail(w):
    _, aanbieder, programme, _ = _maintenance_world()
    w.login_as(aanbieder.user)
    visit(w.page, reverse("aanbod_beheer:detail", args=[programme.uuid]))


def aanbod_beheer_create_with_errors(w):
    _, aanbieder, _, _ = _maintenance_world()
    w.login_as(aanbieder.user)
    visit(w.page, reverse("aanbod_beheer:create"))
    with w.page.expect_navigation():
        w.page.get_by_role("button", name="Opslaan").click()


def aanbod_beheer_edit(w):
    _, aanbieder, programme, _ = _maintenance_world()
    w.login_as(aanbieder.user)
    visit(w.page, reverse("aanbod_beheer:edit", args=[programme.uuid]))


def aanbod_beheer_queue(w):
    beheerder, _, _, _ = _maintenance_world()
    w.login_as(beheerder.user)
    visit(w.page, reverse("aanbod_beheer:queue"))


def aanbod_beheer_revision_with_errors(w):
    beheerder, _, _, revision = _maintenance_world()
    w.login_as(beheerder.user)
    visit(w.page, reverse("aanbod_beheer:revision", args=[revision.uuid]))
    with w.page.expect_navigation():
        w.page.get_by_role("button", name="Afwijzen").click()


def aanbod_beheer_import(w):
    _, aanbieder, _, _ = _maintenance_world()
    w.login_as(aanbieder.user)
    visit(w.page, reverse("aanbod_beheer:import"))


def aanbod_professional(w):
    _, _, programme, _ = _maintenance_world()
    w.okt()
    visit(w.page, reverse("aanbod:professional_detail", args=[programme.uuid]))


MAINTENANCE_PAGES = {
    f.__name__: f
    for f in (
        aanbod_beheer_list,
        aanbod_beheer_detail,
        aanbod_beheer_create_with_errors,
        aanbod_beheer_edit,
        aanbod_beheer_queue,
        aanbod_beheer_revision_with_errors,
        aanbod_beheer_import,
        aanbod_professional,
    )
}


@pytest.mark.parametrize("name", _params(MAINTENANCE_PAGES))
def test_maintenance_page_meets_wcag_21_aa(world, name):
    MAINTENANCE_PAGES[name](world)
    assert_accessible(world.page, name)


# --- the referral, the professional's side (issue 15) ---------------------------------------


def _referral_world(*, sent=False):
    """An OKT professional whose case is in the step "verwijzen", with a perspectiefplan in two
    versions, a provisional voorziening and a draft referral (sent, if asked)."""
    from datetime import timedelta

    from django.utils import timezone

    from ketenzorg.consent import services as consent_services
    from ketenzorg.coordination import services as case_services
    from ketenzorg.core.queue import run_queued
    from ketenzorg.network.models import DistrictKind, Role
    from ketenzorg.verwijzing import rules as referral_rules
    from ketenzorg.verwijzing.services import plan, referral, voorziening
    from ketenzorg.werkproces import rules
    from ketenzorg.werkproces import services as werkproces

    stadsdeel = factories.make_district()
    okt = factories.make_professional("okt")
    meedenker = factories.make_professional("meedenker", organisation=okt.organisation)
    family = factories.register_family(okt)
    family.district = factories.make_district(kind=DistrictKind.GEBIED, parent=stadsdeel)
    family.save()
    kid = family.members.get(role="kind")
    case = case_services.case_open(actor=okt.user, family=family, reason="Zorgen")
    werkproces.werkproces_start(actor=okt.user, case=case)
    for step in range(4):
        if step == 1:
            werkproces.consultation_ask(
                actor=okt.user, case=case, kind="meedenken", scope="intern", meedenker=meedenker,
                question="Wat helpt?", summary="Kind met zorgen", expects_of_meedenker="Advies",
                expects_of_professional="Schets", ends_at=timezone.now() + timedelta(days=14),
            )  # fmt: skip
        werkproces.step_evaluate(
            actor=okt.user, case=case, yielded_enough=False, summary="Te weinig"
        )
        werkproces.step_take(
            actor=okt.user, case=case, transition=rules.CONTINUE,
            team_decision="Samen besloten: van buiten", ajh_with_family=step == 3,
            ajh_meedenker=meedenker if step == 3 else None,
            ajh_participants="Het gezin en de meedenker" if step == 3 else "",
        )  # fmt: skip
    for question in ("Weer slapen", "Weer slapen en naar school"):
        plan.perspectiefplan_save(
            actor=okt.user, case=case, family_question=question,
            analysis=[{"member": str(kid.uuid), "domains": {"psychisch": "Slaapt slecht"}}],
            agreements=[{"action": "Begeleiding", "results": "Slaapt door"}],
        )  # fmt: skip
    today = timezone.localdate()
    provision = voorziening.voorziening_create(
        actor=okt.user, case=case, child=kid, form="natura", ijw_category="45", volume=3,
        unit="04", frequency="2", starts_on=today, ends_on=today + timedelta(days=90),
    )  # fmt: skip
    draft = referral.referral_create(
        actor=okt.user, case=case, child=kid, voorziening=provision, request_kind="match",
        stadsdeel=stadsdeel,
    )  # fmt: skip
    if sent:
        consent_services.consent_record(
            actor=okt.user, family=family, child=kid, purpose="verwijzing",
            parts=list(referral_rules.SHARED_PARTS), child_consented=False,
            parents=[family.members.get(role="ouder")], method="ondertekend",
            recipient_role=Role.AJH_VERBINDER,
        )  # fmt: skip
        referral.referral_form_save(
            actor=okt.user, referral_uuid=draft.uuid,
            form={"family_contact": "06-00000000 (proef)", "safety": "Geen zorgen",
                  "urgency": "Regulier", "earlier_help": "Opvoedadvies",
                  "address": "1000 AA 1", "child_bsn": "999990019"},
        )  # fmt: skip
        referral.referral_send(actor=okt.user, referral_uuid=draft.uuid)
        run_queued()
    return okt, case, provision, draft


def verwijzing_case_referrals(w):
    okt, case, *_ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:case_referrals", args=[case.uuid]))


def verwijzing_plan_edit_with_errors(w):
    okt, case, *_ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:plan_edit", args=[case.uuid]))
    w.page.get_by_label("De hulpvraag, in de woorden van het gezin").fill("")
    with w.page.expect_navigation():
        w.page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    w.page.locator(".error-summary").wait_for()


def verwijzing_plan_version(w):
    okt, case, *_ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:plan_version", args=[case.uuid, 2]))


def verwijzing_plan_compare(w):
    okt, case, *_ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:plan_compare", args=[case.uuid]))


def verwijzing_voorziening_new_with_errors(w):
    okt, case, *_ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:voorziening_new", args=[case.uuid]))
    with w.page.expect_navigation():
        w.page.get_by_role("button", name="Opslaan").click()
    w.page.locator(".error-summary").wait_for()


def verwijzing_voorziening(w):
    okt, _, provision, _ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:voorziening", args=[provision.uuid]))


def verwijzing_voorziening_change(w):
    okt, _, provision, _ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:voorziening_change", args=[provision.uuid]))


def verwijzing_referral_new(w):
    okt, case, *_ = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:referral_new", args=[case.uuid]))


def verwijzing_referral_draft(w):
    okt, _, _, draft = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:referral", args=[draft.uuid]))


def verwijzing_referral_form_send_refused(w):
    okt, _, _, draft = _referral_world()
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:referral_form", args=[draft.uuid]))
    with w.page.expect_navigation():
        w.page.get_by_role("button", name="Verzenden naar het gebiedsknooppunt").click()
    w.page.locator(".error-summary").first.wait_for()


def verwijzing_referral_sent(w):
    okt, _, _, sent = _referral_world(sent=True)
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:referral", args=[sent.uuid]))


def verwijzing_referral_withdraw(w):
    okt, _, _, sent = _referral_world(sent=True)
    w.login_as(okt.user)
    visit(w.page, reverse("verwijzing:referral_withdraw", args=[sent.uuid]))


REFERRAL_PAGES = {
    f.__name__: f
    for f in (
        verwijzing_case_referrals,
        verwijzing_plan_edit_with_errors,
        verwijzing_plan_version,
        verwijzing_plan_compare,
        verwijzing_voorziening_new_with_errors,
        verwijzing_voorziening,
        verwijzing_voorziening_change,
        verwijzing_referral_new,
        verwijzing_referral_draft,
        verwijzing_referral_form_send_refused,
        verwijzing_referral_sent,
        verwijzing_referral_withdraw,
    )
}


@pytest.mark.parametrize("name", _params(REFERRAL_PAGES))
def test_referral_page_meets_wcag_21_aa(world, name):
    REFERRAL_PAGES[name](world)
    assert_accessible(world.page, name)


# --- the gebiedsknooppunt's side of a referral (issue 15): the inbox and the match page ------


def _verbinder_with_a_referral(w):
    from tests.verwijzing.inbox_chain import gkp_world

    found = gkp_world()
    w.login_as(found.verbinder.user)
    return found


def verwijzing_inbox(w):
    _verbinder_with_a_referral(w)
    visit(w.page, reverse("verwijzing:inbox"))


def verwijzing_match(w):
    found = _verbinder_with_a_referral(w)
    visit(w.page, reverse("verwijzing:referral_match", args=[found.referral.uuid]))


def verwijzing_match_with_errors(w):
    found = _verbinder_with_a_referral(w)
    visit(w.page, reverse("verwijzing:referral_match", args=[found.referral.uuid]))
    with w.page.expect_navigation():
        w.page.get_by_role("button", name="Match vastleggen en terugmelden").click()


VERWIJZING_INBOX_PAGES = {
    f.__name__: f for f in (verwijzing_inbox, verwijzing_match, verwijzing_match_with_errors)
}


@pytest.mark.parametrize("name", _params(VERWIJZING_INBOX_PAGES))
def test_verwijzing_inbox_page_meets_wcag_21_aa(world, name):
    VERWIJZING_INBOX_PAGES[name](world)
    assert_accessible(world.page, name)


# --- the signal function's dashboard (issue 16): the overview and a page per kind of chart -----


def _manager_with_figures(w):
    from ketenzorg.coordination import services as case_services

    city = factories.make_district("Proefstad", kind="stad")
    oost = factories.make_district("Oost", parent=city)
    okt = factories.make_professional("okt")
    for n in range(12):
        family = factories.register_family(okt, name=f"Gezin Signaal {n}", district=oost)
        case_services.case_open(actor=okt.user, family=family, reason="proef")
    manager = factories.make_professional("manager")
    w.login_as(manager.user)
    return city


def signaal_overview(w):
    _manager_with_figures(w)
    visit(w.page, reverse("signaal:overview"))


def signaal_pyramid(w):
    city = _manager_with_figures(w)
    visit(w.page, reverse("signaal:figure", args=["zorgniveaus"]) + f"?gebied={city.uuid}")


def signaal_line(w):
    _manager_with_figures(w)
    this_month = f"{timezone.localdate():%Y-%m}"
    visit(w.page, reverse("signaal:figure", args=["zorgniveaus_per_maand"]) + f"?tot={this_month}")


def signaal_bars(w):
    _manager_with_figures(w)
    visit(w.page, reverse("signaal:figure", args=["afspraken_op_tijd"]))


def signaal_referral_stages(w):
    _manager_with_figures(w)
    visit(w.page, reverse("signaal:figure", args=["verwijzingen_per_fase"]))


def signaal_filters_with_errors(w):
    _manager_with_figures(w)
    visit(w.page, reverse("signaal:figure", args=["opschalingen"]) + "?van=2026-13", status=400)


SIGNAAL_PAGES = {
    f.__name__: f
    for f in (
        signaal_overview,
        signaal_pyramid,
        signaal_line,
        signaal_bars,
        signaal_referral_stages,
        signaal_filters_with_errors,
    )
}


@pytest.mark.parametrize("name", _params(SIGNAAL_PAGES))
def test_signaal_page_meets_wcag_21_aa(world, name):
    SIGNAAL_PAGES[name](world)
    assert_accessible(world.page, name)
