"""The referral's test world, built through the real services: the werkproces world (a family
in a gebied of Proef-Oost, its OKT professional and the AJH-verbinders), taken to the step
"verwijzen" with a meedenker; a provider with a published programme in the catalogue; the
family's consents for the gebiedsknooppunt and the provider; a perspectiefplan and a
provisional voorziening."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ketenzorg.aanbod import services as aanbod_services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.consent import services as consent_services
from ketenzorg.core.queue import run_queued
from ketenzorg.network.models import OrganisationKind, Role
from ketenzorg.verwijzing import rules as referral_rules
from ketenzorg.verwijzing.services import plan, referral, voorziening
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces import services as werkproces_services
from tests import factories
from tests.werkproces.conftest import *  # noqa: F403 - the werkproces world
from tests.werkproces.gkp_world import *  # noqa: F403 - its gebiedsknooppunt


@pytest.fixture
def at_referral(werkproces, move, family_in_gebied, okt, case, colleague):
    move(werkproces_rules.CONTINUE)
    werkproces_services.consultation_ask(
        actor=okt.user,
        case=case,
        kind="meedenken",
        scope="intern",
        meedenker=colleague,
        question="Wat helpt bij deze zorgen?",
        summary="Een kind van elf met zorgen thuis",
        expects_of_meedenker="Advies binnen twee weken",
        expects_of_professional="Een korte schets vooraf",
        ends_at=timezone.now() + timedelta(days=14),
    )
    move(werkproces_rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    move(werkproces_rules.CONTINUE)
    move(
        werkproces_rules.CONTINUE,
        ajh_with_family=True,
        ajh_meedenker=colleague,
        ajh_participants="Sam, Kim, de meedenker en de OKT-professional",
    )
    werkproces.refresh_from_db()
    return werkproces


@pytest.fixture
def kim(family):
    return family.members.get(given_name="Kim")


@pytest.fixture
def sam(family):
    return family.members.get(given_name="Sam")


@pytest.fixture
def provider(db):
    return factories.make_organisation(
        "Proef-Jeugdhulp Gezinsbegeleiding", kind=OrganisationKind.JEUGDHULPAANBIEDER
    )


@pytest.fixture
def other_provider(db):
    return factories.make_organisation(
        "Proef-Jeugdhulp Anders", kind=OrganisationKind.JEUGDHULPAANBIEDER
    )


@pytest.fixture
def aanbieder(provider):
    return factories.make_professional(Role.AANBIEDER, organisation=provider)


@pytest.fixture
def other_aanbieder(other_provider):
    return factories.make_professional(Role.AANBIEDER, organisation=other_provider)


@pytest.fixture
def beheerder(db):
    return factories.make_professional(Role.BEHEERDER)


@pytest.fixture
def make_programme(beheerder):
    def make(name, provider, *, category="45", min_age=4, max_age=18, waiting=3):
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
            ijw_category=category,
            waiting_weeks=waiting,
            waiting_confirmed_on=timezone.localdate(),
        )
        return aanbod_services.programme_save(actor=beheerder.user, data=data)

    return make


@pytest.fixture
def programme(make_programme, provider):
    return make_programme("Proef-Gezinsbegeleiding thuis", provider)


@pytest.fixture
def other_programme(make_programme, other_provider):
    return make_programme("Proef-Ander aanbod", other_provider, waiting=8)


@pytest.fixture
def consent_for(okt, family, kim, sam):
    def give(**recipient):
        return consent_services.consent_record(
            actor=okt.user,
            family=family,
            child=kim,
            purpose="verwijzing",
            parts=list(referral_rules.SHARED_PARTS),
            child_consented=False,
            parents=[sam],
            method="ondertekend",
            **recipient,
        )

    return give


@pytest.fixture
def gkp_consent(consent_for):
    return consent_for(recipient_role=Role.AJH_VERBINDER)


@pytest.fixture
def provider_consent(consent_for, provider):
    return consent_for(recipient_organisation=provider)


@pytest.fixture
def pplan(okt, case, kim, at_referral):
    return plan.perspectiefplan_save(
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


@pytest.fixture
def provision(okt, case, kim, at_referral):
    today = timezone.localdate()
    return voorziening.voorziening_create(
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


COMPLETION = {
    "family_contact": "Sam, 06-00000000 (proefnummer), Nederlands",
    "safety": "Geen acute zorgen; afspraken over de avond staan in het plan.",
    "urgency": "Regulier",
    "earlier_help": "Opvoedadvies en een training slapen, hielp kort.",
    "address": "1000 AA 1",
    "child_bsn": "999990019",
}


@pytest.fixture
def draft(okt, case, kim, provision, pplan, stadsdeel):
    return referral.referral_create(
        actor=okt.user,
        case=case,
        child=kim,
        voorziening=provision,
        request_kind="match",
        stadsdeel=stadsdeel,
    )


@pytest.fixture
def sent(okt, draft, gkp_consent):
    referral.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    sent = referral.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    run_queued()
    return sent


@pytest.fixture
def forwarded(verbinder, sent, programme, provider_consent):
    referral.referral_take(actor=verbinder.user, referral_uuid=sent.uuid)
    referral.referral_match(
        actor=verbinder.user,
        referral_uuid=sent.uuid,
        programme=programme,
        note="Kan over drie weken starten",
    )
    forwarded = referral.referral_forward(actor=verbinder.user, referral_uuid=sent.uuid)
    run_queued()
    return forwarded


BIRTH = date(2015, 5, 1)
