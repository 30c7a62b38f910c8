"""The provider's side of the referral world: the referral forwarded to the provider (from
tests/verwijzing/conftest.py), Kim with a test BSN, and the referral taken further through the
real services — accepted, contacted, in care, ended."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ketenzorg.aanbod import services as aanbod_services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.consent import services as consent_services
from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import DistrictKind, OrganisationKind, Role
from ketenzorg.verwijzing import ijw_export
from ketenzorg.verwijzing import rules as referral_rules
from ketenzorg.verwijzing.services import plan, voorziening
from ketenzorg.verwijzing.services import referral as services
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces import services as werkproces_services
from tests import factories

TEST_BSN = "999990019"  # passes the elfproef, belongs to nobody


@pytest.fixture
def kim_bsn(kim):
    kim.set_bsn(TEST_BSN)
    kim.save(update_fields=["bsn_encrypted", "bsn_lookup", "bsn_last4"])
    return kim


@pytest.fixture
def accepted(aanbieder, forwarded):
    return services.referral_accept(actor=aanbieder.user, referral_uuid=forwarded.uuid)


@pytest.fixture
def contacted(aanbieder, accepted):
    return services.referral_first_contact(
        actor=aanbieder.user,
        referral_uuid=accepted.uuid,
        contacted_at=timezone.now(),
        note="Gebeld met Sam, afspraak gemaakt",
    )


@pytest.fixture
def in_care(aanbieder, contacted):
    return services.referral_start_care(
        actor=aanbieder.user, referral_uuid=contacted.uuid, on=timezone.localdate()
    )


@pytest.fixture
def ended(aanbieder, in_care):
    return services.referral_end_care(
        actor=aanbieder.user,
        referral_uuid=in_care.uuid,
        on=timezone.localdate(),
        reason=ijw_export.stop_reason_text("02", "Samen afgerond"),
    )


# --- without fixtures ---------------------------------------------------------------------------


def _to_referral_step(owner, case, meedenker):
    werkproces = werkproces_services.werkproces_start(actor=owner.user, case=case)

    def move(enough=False, **inputs):
        werkproces_services.step_evaluate(
            actor=owner.user, case=case, yielded_enough=enough, summary="Matrix: de stap"
        )
        werkproces_services.step_take(
            actor=owner.user, case=case, transition=werkproces_rules.CONTINUE, **inputs
        )

    move()
    werkproces_services.consultation_ask(
        actor=owner.user,
        case=case,
        kind="meedenken",
        scope="intern",
        meedenker=meedenker,
        question="Matrix: wat helpt?",
        summary="Matrix: een kind met zorgen",
        expects_of_meedenker="Advies",
        expects_of_professional="Een schets",
        ends_at=timezone.now() + timedelta(days=14),
    )
    move(team_decision="Matrix: het team besloot samen tot expertise van buiten")
    move()
    move(
        ajh_with_family=True,
        ajh_meedenker=meedenker,
        ajh_participants="Matrix: het gezin, de meedenker en de professional",
    )
    werkproces.refresh_from_db()
    assert werkproces.step == werkproces_rules.REFERRAL, werkproces.step
    return werkproces


def build_forwarded(owner, provider, *, bsn: str = ""):
    """A referral of a family of its own, forwarded to `provider`, through the real services
    (for the worlds without pytest fixtures: the authorization matrix, the browser journey).
    `owner` is the OKT professional who registers the family and works its case."""
    stadsdeel = factories.make_district("Proef-Verwijzing-stadsdeel")
    gebied = factories.make_district("Proef-Verwijzing-gebied", DistrictKind.GEBIED, stadsdeel)
    gkp_org = factories.make_organisation(
        "Proef-GKP Verwijzing", kind=OrganisationKind.GEBIEDSKNOOPPUNT
    )
    gkp_org.district = stadsdeel
    gkp_org.save(update_fields=["district"])
    verbinder = factories.make_professional("ajh_verbinder", organisation=gkp_org)
    meedenker = factories.make_professional("meedenker", organisation=owner.organisation)
    meedenker.team = owner.team
    meedenker.save(update_fields=["team"])
    beheerder = factories.make_professional("beheerder")
    family = factories.register_family(
        owner,
        name="Gezin Proefverwezen",
        members=[
            factories.member("Kim", family="Proefverwezen", born=date(2015, 5, 1)),
            factories.member(
                "Sam", family="Proefverwezen", role="ouder", born=date(1985, 3, 2), authority=True
            ),
        ],
    )
    family.district = gebied
    family.save(update_fields=["district"])
    kim = family.members.get(given_name="Kim")
    sam = family.members.get(given_name="Sam")
    case = case_services.case_open(actor=owner.user, family=family, reason="Matrix: verwijzen")
    _to_referral_step(owner, case, meedenker)
    for recipient in ({"recipient_role": Role.AJH_VERBINDER}, {"recipient_organisation": provider}):
        consent_services.consent_record(
            actor=owner.user,
            family=family,
            child=kim,
            purpose="verwijzing",
            parts=list(referral_rules.SHARED_PARTS),
            child_consented=False,
            parents=[sam],
            method="ondertekend",
            **recipient,
        )
    plan.perspectiefplan_save(
        actor=owner.user,
        case=case,
        family_question="Matrix: rustig slapen",
        analysis=[{"member": str(kim.uuid), "domains": {"psychisch": "Matrix: angstig"}}],
        agreements=[{"action": "Begeleiding", "who": "Aanbieder", "results": "Slaapt door"}],
    )
    today = timezone.localdate()
    provision = voorziening.voorziening_create(
        actor=owner.user,
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
    programme = aanbod_services.programme_save(
        actor=beheerder.user,
        data=aanbod_services.ProgrammeInput(
            provider=provider,
            name="Proef-Matrixaanbod",
            description="Matrix: aanbod voor de verwijzing.",
            audience=Audience.FAMILY,
            min_age=4,
            max_age=18,
            access_route=AccessRoute.REFERRAL,
            topics=[],
            districts=[],
            status=ProgrammeStatus.PUBLISHED,
            ijw_category="45",
            waiting_weeks=3,
            waiting_confirmed_on=today,
        ),
    )
    made = services.referral_create(
        actor=owner.user,
        case=case,
        child=kim,
        voorziening=provision,
        request_kind="match",
        stadsdeel=stadsdeel,
    )
    services.referral_form_save(
        actor=owner.user,
        referral_uuid=made.uuid,
        form={
            "family_contact": "Sam, 06-00000000 (proefnummer)",
            "safety": "Matrix: geen acute zorgen",
            "urgency": "Regulier",
            "earlier_help": "Matrix: opvoedadvies",
            "address": "1000 AA 1",
            "child_bsn": "999990019",
        },
    )
    services.referral_send(actor=owner.user, referral_uuid=made.uuid)
    services.referral_match(
        actor=verbinder.user, referral_uuid=made.uuid, programme=programme, note="Matrix: plek"
    )
    services.referral_forward(actor=verbinder.user, referral_uuid=made.uuid)
    if bsn:
        kim.set_bsn(bsn)
        kim.save(update_fields=["bsn_encrypted", "bsn_lookup", "bsn_last4"])
    made.refresh_from_db()
    return made
