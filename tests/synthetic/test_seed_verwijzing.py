"""The seeded referrals: for the werkprocessen in the step "verwijzing", in every state, each
history replaying to the stored state by the product's own state machine, and gone with the run."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from ketenzorg.access import verwijzing as referral_access
from ketenzorg.consent.models import Consent, Purpose
from ketenzorg.network.models import District
from ketenzorg.synthetic.seed import wipe
from ketenzorg.verwijzing import rules, selectors
from ketenzorg.verwijzing.models import PlanStatus, Referral, VoorzieningStatus
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces.models import Werkproces

pytestmark = pytest.mark.django_db

# Enough werkprocessen in the step "verwijzing" for a referral in every state (about 60).
YOUTH = 25_000
TAG = f"city{YOUTH}-s1"


def _seed(youth=YOUTH, **extra) -> str:
    out = io.StringIO()
    call_command(
        "seed", scale="city", seed=1, youth=youth, reference_date=date(2026, 6, 1),
        no_progress=True, stdout=out, **extra,
    )  # fmt: skip
    return out.getvalue()


def _gebieden(tag=TAG) -> list[int]:
    """The seeded city's gebieden, looked up first: a filter on the city's name through three
    joins of the district table beside the referral's own joins was planned without statistics
    inside the test's transaction (after a wipe and a reseed) and ran for minutes on PostgreSQL."""
    return list(
        District.objects.filter(parent__parent__name__endswith=f"[{tag}]").values_list(
            "pk", flat=True
        )
    )


def _referrals(tag=TAG):
    return Referral.objects.filter(case__family__district_id__in=_gebieden(tag)).select_related(
        "case", "voorziening", "provider", "stadsdeel", "child"
    )


def test_seeded_referrals_are_in_every_state_and_replay():
    output = _seed()
    assert "verwijzingen per status" in output
    referrals = list(_referrals())
    assert set(Counter(r.status for r in referrals)) == set(rules.STATES)
    at_step = Werkproces.objects.filter(
        case__family__district_id__in=_gebieden(), step=werkproces_rules.REFERRAL
    )
    assert {r.case_id for r in referrals} <= set(at_step.values_list("case_id", flat=True))
    assert len({r.case_id for r in referrals}) > 0.6 * at_step.count()
    declines = 0
    for r in referrals:
        events = list(r.events.order_by("seq"))
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert rules.replay([(e.action, e.party) for e in events]) == r.status
        assert all(e.from_status == (events[i - 1].to_status if i else rules.DRAFT)
                   for i, e in enumerate(events))  # fmt: skip
        moments = [e.occurred_at for e in events]
        assert moments == sorted(moments) and (not moments or r.created_at <= moments[0])
        # The milestones are the first time of each step.
        for name, action in rules.MILESTONES:
            first = next((e.occurred_at for e in events if e.action == action), None)
            assert getattr(r, name) == first, (r.status, name)
        declines += any(e.action == rules.DECLINE for e in events)
        # The party of each step is the one the access rules recognise.
        for e in events:
            if e.party == rules.VERBINDER:
                assert e.actor.organisation.district_id == r.stadsdeel_id
            if e.party == rules.PROVIDER:
                assert e.actor.organisation_id == e.organisation_id or (
                    e.organisation_id is None and e.actor.organisation_id == r.provider_id
                )
        if r.status in rules.WITH_PROVIDER:
            assert r.provider_id and r.matched_programme.provider_id == r.provider_id
            assert r.assignment_number
        assert r.voorziening.case_id == r.case_id and r.voorziening.child_id == r.child_id
        assert r.voorziening.changes.count() == r.voorziening.version
        assert r.case.perspectiefplan_versions.exists()
        # Complete when sent, but for the BSN where the seed gave the child none.
        assert {f.key for f in rules.missing_fields(r.form)} <= {"child_bsn"}
    assert declines
    statuses = {v.status for r in referrals for v in r.case.perspectiefplan_versions.all()}
    assert statuses == set(PlanStatus.values)
    assert {r.voorziening.status for r in referrals} == set(VoorzieningStatus.values)
    # Sent or forwarded only with the family's consent for that recipient.
    consents = Consent.objects.filter(
        purpose=Purpose.REFERRAL, child__in=[r.child for r in referrals]
    )
    for r in referrals:
        if r.sent_at:
            assert consents.filter(child=r.child, recipient_role="ajh_verbinder").exists()
        if r.status in rules.WITH_PROVIDER:
            assert consents.filter(child=r.child, recipient_organisation=r.provider).exists()

    # A verbinder of the stadsdeel and the provider's staff see them where the screens show them.
    placed = next(r for r in referrals if r.status == rules.IN_CARE)
    verbinder = next(
        e.actor for e in placed.events.all() if e.party == rules.VERBINDER and e.actor.user_id
    )
    assert referral_access.verbinder_decision(verbinder.user, placed)
    inbox = selectors.inbox_for(actor=verbinder.user)
    assert placed in inbox.columns["geplaatst"]
    staff = next(e.actor for e in placed.events.all() if e.party == rules.PROVIDER)
    listed = selectors.provider_referrals(actor=staff.user, group="lopend")
    assert placed in listed.referrals and listed.counts["lopend"] >= 1


def test_the_referrals_are_the_same_again_and_leave_with_the_run():
    _seed(youth=6000)
    before = sorted(_referrals("city6000-s1").values_list("uuid", "status"))
    assert before
    _seed(youth=6000, replace=True)
    assert sorted(_referrals("city6000-s1").values_list("uuid", "status")) == before
    wipe("city6000-s1")
    assert not _referrals("city6000-s1").exists()
    # Nothing left pointing at a removed row (the test's transaction defers the check).
    connection.check_constraints()
