"""The referrals in Demostad: after `make run` the demo OKT professional, AJH-verbinder and
aanbieder each see referrals at every stage of the chain that is theirs, through the same
selectors the screens use; the history replays; the documents are rendered and sealed."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ketenzorg.consent.models import Consent, Purpose
from ketenzorg.core.errors import AccessDenied, NotFound
from ketenzorg.documents import vault
from ketenzorg.network.models import Role
from ketenzorg.synthetic.demo import city
from ketenzorg.synthetic.demo import verwijzing as demo_verwijzing
from ketenzorg.verwijzing import rules, selectors
from ketenzorg.verwijzing.models import (
    DocumentState,
    PlanStatus,
    Referral,
    ReferralDocument,
    VoorzieningStatus,
)
from ketenzorg.werkproces.models import Step, Werkproces

pytestmark = pytest.mark.django_db


def _user(role: str):
    return get_user_model().objects.get(username=city.account_for(role).username)


def test_the_referral_demo_needs_the_city_first():
    out = io.StringIO()
    assert demo_verwijzing.load_demo(stdout=out) is None
    assert "eerst de demostad laden" in out.getvalue()
    assert not Referral.objects.exists()


def test_every_stage_is_there_for_the_three_accounts():
    call_command("demo", stdout=io.StringIO())
    okt, verbinder, aanbieder = (
        _user(Role.OKT),
        _user(Role.AJH_VERBINDER),
        _user(Role.AANBIEDER),
    )
    referrals = list(Referral.objects.filter(referred_by=okt.professional))
    assert {r.status for r in referrals} == set(rules.STATES)

    # The OKT professional: every referral on its cases, families in the step "verwijzing".
    for r in referrals:
        assert r in selectors.referrals_of_case(actor=okt, case=r.case)
        view = selectors.referral_view(actor=okt, referral_uuid=r.uuid)
        assert view.party == rules.PROFESSIONAL
        assert rules.replay([(e.action, e.party) for e in view.events]) == r.status
        werkproces = Werkproces.objects.get(case=r.case)
        assert werkproces.step == Step.REFERRAL
        into = werkproces.transitions.get(to_step=Step.REFERRAL)
        assert into.ajh_with_family and into.ajh_meedenker == verbinder.professional
        assert selectors.perspectiefplan_versions(actor=okt, case=r.case)
        assert r.voorziening.case_id == r.case_id
        sent = [e.occurred_at for e in view.events]
        assert sent == sorted(sent) and (not sent or r.created_at < sent[0])
    assert {r.voorziening.status for r in referrals} == set(VoorzieningStatus.values)
    plans = {v.status for r in referrals for v in r.case.perspectiefplan_versions.all()}
    assert plans == set(PlanStatus.values)
    assert any(e.action == rules.DECLINE for r in referrals for e in r.events.all())

    # The AJH-verbinder of Centrum: an inbox with every column; another stadsdeel's refused.
    inbox = selectors.inbox_for(actor=verbinder)
    assert all(inbox.columns[c] for c in rules.INBOX_COLUMNS), inbox.counts
    served = {s.pk for s in inbox.stadsdelen}
    elsewhere = [r for r in referrals if r.stadsdeel_id not in served]
    assert len(elsewhere) >= 2 and all(r.status == rules.SENT for r in elsewhere)
    for r in referrals:
        if r in elsewhere or r.status == rules.DRAFT:
            with pytest.raises(AccessDenied):
                selectors.referral_view(actor=verbinder, referral_uuid=r.uuid)
        else:
            view = selectors.referral_view(actor=verbinder, referral_uuid=r.uuid)
            assert view.party == rules.VERBINDER

    # The aanbieder: only its own organisation's, new, running and finished.
    organisation = aanbieder.professional.organisation
    seen = []
    for group in selectors.PROVIDER_GROUPS:
        rows = selectors.provider_referrals(actor=aanbieder, group=group).referrals
        assert rows and all(r.provider_id == organisation.pk for r in rows), group
        seen += rows
    assert {r.status for r in seen} == rules.WITH_PROVIDER
    for r in referrals:
        if r in seen:
            view = selectors.referral_view(actor=aanbieder, referral_uuid=r.uuid)
            assert view.party == rules.PROVIDER and view.documents
        else:  # not (or no longer) theirs: as if it did not exist
            with pytest.raises(NotFound):
                selectors.referral_view(actor=aanbieder, referral_uuid=r.uuid)
    views = [selectors.referral_view(actor=aanbieder, referral_uuid=r.uuid) for r in seen]
    # the family withdrew its consent for the provider after forwarding: documents closed
    assert [v for v in views if not v.documents_open]
    assert [v for v in views if v.documents_open]
    requests = [q for v in views for q in v.requests]
    assert {q.fulfilled_at is None for q in requests} == {True, False}

    # The family's consents for purpose "verwijzing": to the role and to the provider.
    consents = Consent.objects.filter(
        purpose=Purpose.REFERRAL, child__in=[r.child for r in referrals]
    )
    assert consents.filter(recipient_role=Role.AJH_VERBINDER).exists()
    to_provider = consents.filter(recipient_organisation=organisation)
    assert to_provider.exists() and to_provider.filter(withdrawn_at__isnull=False).exists()

    # The documents were rendered and sealed by the task code: READY and readable.
    documents = list(ReferralDocument.objects.filter(referral__in=referrals))
    assert len(documents) >= len([r for r in referrals if r.status != rules.DRAFT])
    assert all(d.state == DocumentState.READY for d in documents)
    assert all(vault.unseal(d.sealed).startswith(b"%PDF") for d in documents)

    # A second run adds nothing.
    before = Referral.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert Referral.objects.count() == before
