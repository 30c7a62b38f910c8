"""Demostad's maintenance: the demo aanbieder has programmes, a pending proposal and history;
the demo beheerder has a queue to approve."""

from __future__ import annotations

import pytest

from ketenzorg.aanbod import selectors_maintenance as maintenance
from ketenzorg.aanbod.models import ChangeKind, ProgrammeChange, ProgrammeRevision, RevisionStatus
from ketenzorg.synthetic.demo import aanbod as demo_aanbod
from ketenzorg.synthetic.demo import frontdoor as demo_frontdoor
from ketenzorg.synthetic.demo import loader

pytestmark = pytest.mark.django_db


def test_the_demo_aanbieder_and_beheerder_have_work(django_user_model):
    loader.load_city()
    demo_frontdoor.load_demo()
    demo_aanbod.load_demo()
    made = demo_aanbod.load_maintenance_demo()
    assert made["revisions"] >= 3
    aanbieder = django_user_model.objects.get(username="aanbieder")
    beheerder = django_user_model.objects.get(username="beheerder")
    own = list(maintenance.maintained_programmes(actor=aanbieder))
    assert len(own) >= 3 and any(p.has_pending for p in own)
    queue = maintenance.approval_queue(actor=beheerder)
    assert len(queue) >= 2 and all(r.author == aanbieder for r in queue)
    assert ProgrammeChange.objects.filter(kind=ChangeKind.APPROVED, approved_by=beheerder).exists()
    assert ProgrammeRevision.objects.filter(status=RevisionStatus.REJECTED).exists()
    # Idempotent: a second run adds nothing.
    assert demo_aanbod.load_maintenance_demo() == {"revisions": 0}
    assert ProgrammeRevision.objects.count() == made["revisions"]
