"""Additions to the referral world for the gebiedsknooppunt's tests: a referral for which the
professional chose a programme, a programme that does not fit the child, and the refusals an
actor left in the access log. Imported by the test_inbox_* modules."""

from __future__ import annotations

import pytest

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.core.queue import run_queued
from ketenzorg.verwijzing.services import referral
from tests.verwijzing.conftest import COMPLETION


def refusals(professional) -> int:
    return AuditEntry.objects.filter(
        user_id_snapshot=professional.user.pk, outcome=Outcome.DENIED
    ).count()


@pytest.fixture
def chosen_sent(okt, case, kim, provision, pplan, stadsdeel, programme, gkp_consent):
    """A second referral of Kim: the professional chose the programme themselves."""
    draft = referral.referral_create(
        actor=okt.user,
        case=case,
        child=kim,
        voorziening=provision,
        request_kind="aanbieder",
        requested_programme=programme,
        stadsdeel=stadsdeel,
    )
    referral.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    sent = referral.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    run_queued()
    return sent


@pytest.fixture
def teen_programme(make_programme, other_provider):
    """Same category, but for youth from sixteen: does not fit Kim (born 2015)."""
    return make_programme("Proef-Zelfstandig wonen 16+", other_provider, min_age=16, waiting=1)
