"""A referral sent to a gebiedsknooppunt, built through the real services as plain functions
(no fixtures): for the authorization matrix's world and the browser journey, which cannot use
the fixtures of tests/verwijzing/conftest.py. The steps are those of its `sent` fixture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from ketenzorg.aanbod import services as aanbod_services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.consent import services as consent_services
from ketenzorg.coordination import services as case_services
from ketenzorg.core.queue import run_queued
from ketenzorg.network.models import OrganisationKind, Role, Team
from ketenzorg.verwijzing import rules as referral_rules
from ketenzorg.verwijzing.services import plan, referral, voorziening
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces import services as werkproces_services
from tests import factories
from tests.verwijzing.conftest import COMPLETION


def _at_referral_step(okt, case) -> None:
    """The werkproces taken to "verwijzen", with a meedenker of the own organisation."""
    meedenker = factories.make_professional("meedenker", organisation=okt.organisation)
    meedenker.team = okt.team
    meedenker.save()

    def move(**inputs):
        werkproces_services.step_evaluate(
            actor=okt.user, case=case, yielded_enough=False, summary="Wat de stap opleverde"
        )
        werkproces_services.step_take(
            actor=okt.user, case=case, transition=werkproces_rules.CONTINUE, **inputs
        )

    werkproces_services.werkproces_start(actor=okt.user, case=case)
    move()
    werkproces_services.consultation_ask(
        actor=okt.user,
        case=case,
        kind="meedenken",
        scope="intern",
        meedenker=meedenker,
        question="Wat helpt bij deze zorgen?",
        summary="Een kind van elf met zorgen thuis",
        expects_of_meedenker="Advies binnen twee weken",
        expects_of_professional="Een korte schets vooraf",
        ends_at=timezone.now() + timedelta(days=14),
    )
    move(team_decision="Het team besloot samen: expertise van buiten")
    move()
    move(
        ajh_with_family=True,
        ajh_meedenker=meedenker,
        ajh_participants="Sam, Kim, de meedenker en de OKT-professional",
    )


def give_consent(okt, family, **recipient):
    return consent_services.consent_record(
        actor=okt.user,
        family=family,
        child=family.members.get(given_name="Kim"),
        purpose="verwijzing",
        parts=list(referral_rules.SHARED_PARTS),
        child_consented=False,
        parents=[family.members.get(given_name="Sam")],
        method="ondertekend",
        **recipient,
    )


def sent_referral(okt, stadsdeel, *, family_name="Gezin Verwijsproef"):
    """Kim (born 1 May 2015) referred for ambulant youth care, in the stadsdeel's inbox."""
    family = factories.register_family(
        okt,
        name=family_name,
        members=[
            factories.member("Kim", born=date(2015, 5, 1)),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
        ],
    )
    kim = family.members.get(given_name="Kim")
    case = case_services.case_open(actor=okt.user, family=family, reason="Zorgen over thuis")
    _at_referral_step(okt, case)
    plan.perspectiefplan_save(
        actor=okt.user,
        case=case,
        family_question="We willen dat Kim weer rustig slaapt en naar school gaat.",
        analysis=[{"member": str(kim.uuid), "domains": {"psychisch": "Angstig, slaapt slecht"}}],
        agreements=[
            {
                "action": "Gezinsbegeleiding thuis",
                "who": "Aanbieder",
                "specialist_help": "Ambulante jeugdhulp",
                "results": "Kim slaapt vijf nachten per week door",
            }
        ],
    )
    today = timezone.localdate()
    provision = voorziening.voorziening_create(
        actor=okt.user,
        case=case,
        child=kim,
        form="natura",
        ijw_category="45",
        product_code="45A01",
        volume=3,
        unit="04",
        frequency="2",
        starts_on=today,
        ends_on=today + timedelta(days=180),
        note="",
    )
    give_consent(okt, family, recipient_role=Role.AJH_VERBINDER)
    draft = referral.referral_create(
        actor=okt.user,
        case=case,
        child=kim,
        voorziening=provision,
        request_kind="match",
        stadsdeel=stadsdeel,
    )
    referral.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    sent = referral.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    run_queued()
    return sent


def published_programme(provider, name, *, min_age=4, max_age=18, waiting=3):
    beheerder = factories.make_professional(Role.BEHEERDER)
    data = aanbod_services.ProgrammeInput(
        provider=provider,
        name=name,
        description="Proefaanbod voor de verwijzing.",
        audience=Audience.FAMILY,
        min_age=min_age,
        max_age=max_age,
        access_route=AccessRoute.REFERRAL,
        topics=[],
        districts=[],
        status=ProgrammeStatus.PUBLISHED,
        ijw_category="45",
        waiting_weeks=waiting,
        waiting_confirmed_on=timezone.localdate(),
    )
    return aanbod_services.programme_save(actor=beheerder.user, data=data)


@dataclass
class GkpWorld:
    okt: object
    verbinder: object
    referral: object
    provider: object
    programme: object
    family: object


def gkp_world(*, provider_consent: bool = True) -> GkpWorld:
    """Stadsdeel Proef-Noord: an OKT professional of its team, its gebiedsknooppunt with an
    AJH-verbinder, a provider with a published programme, and Kim's referral sent there."""
    stadsdeel = factories.make_district("Proef-Noord")
    okt_org = factories.make_organisation("OKT Proef-Noord")
    okt_org.district = stadsdeel
    okt_org.save()
    okt = factories.make_professional("okt", organisation=okt_org)
    okt.team = Team.objects.create(organisation=okt_org, name="Team Noord", district=stadsdeel)
    okt.save()
    gkp_org = factories.make_organisation(
        "Gebiedsknooppunt Proef-Noord", kind=OrganisationKind.GEBIEDSKNOOPPUNT
    )
    gkp_org.district = stadsdeel
    gkp_org.save()
    verbinder = factories.make_professional("ajh_verbinder", organisation=gkp_org)
    provider = factories.make_organisation(
        "Proef-Jeugdhulp Thuis", kind=OrganisationKind.JEUGDHULPAANBIEDER
    )
    programme = published_programme(provider, "Proef-Gezinsbegeleiding thuis")
    referral = sent_referral(okt, stadsdeel)
    family = referral.case.family
    if provider_consent:
        give_consent(okt, family, recipient_organisation=provider)
    return GkpWorld(okt, verbinder, referral, provider, programme, family)
