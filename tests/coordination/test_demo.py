"""The demo city gets cases at every level in roughly the pyramid's shares; loading twice adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.utils import timezone

from ketenzorg.coordination import rules, tasks
from ketenzorg.coordination.models import (
    Agreement,
    Case,
    CaseCoordinator,
    Meeting,
    StagnationSignal,
)
from ketenzorg.coordination.tasks import OPEN_MEETING
from ketenzorg.synthetic.cases import FamilyFacts, levels_by_rule
from ketenzorg.synthetic.demo import accounts, loader
from ketenzorg.synthetic.demo import cases as demo

pytestmark = pytest.mark.django_db


def test_demo_cases_at_every_level(settings):
    if not accounts.may_load_demo():
        pytest.skip("demo only loads with the demo secret key")
    loader.load_city()
    out = StringIO()
    placed = demo.load_demo(stdout=out)
    assert placed is not None and "Casussen geladen" in out.getvalue()
    by_level = {lv: Case.objects.filter(level=lv).count() for lv in rules.LEVELS}
    assert all(by_level[lv] >= 1 for lv in rules.LEVELS)
    assert by_level[1] > by_level[2] > by_level[3] >= by_level[4] >= by_level[5]
    assert CaseCoordinator.objects.filter(professional__user__username="procescoordinator").exists()
    assert Agreement.objects.filter(status="open").exists()
    assert StagnationSignal.objects.count() == 1
    for case in Case.objects.filter(level__lte=3, suggestion_handled=True).select_related("family")[
        :20
    ]:
        # confirmed levels 1–3 either follow the rule or carry a reason in their event
        event = case.events.filter(kind="niveau").first()
        assert case.level == 1 or event.rule
    again = StringIO()
    assert demo.load_demo(stdout=again) is None and "staan er al" in again.getvalue()


def test_the_daily_check_signals_every_overdue_demo_agreement_once():
    """The demo signals one overdue agreement itself; the daily check must raise the others."""
    loader.load_city()
    placed = demo.load_demo()
    today = timezone.localdate()
    overdue = Agreement.objects.filter(status="open", due_on__lt=today)
    assert placed.overdue == overdue.count() >= 2 and placed.signals == 1
    # no meeting is late yet: the ones to plan are due in the coming working days
    assert not Meeting.objects.filter(status__in=OPEN_MEETING, deadline__lt=today).exists()
    assert tasks.tick().signals == placed.overdue - 1
    assert set(StagnationSignal.objects.values_list("agreement_id", flat=True)) == set(
        overdue.values_list("pk", flat=True)
    )
    assert tasks.tick().signals == 0


def test_place_cases_follows_the_counting_rule_for_seeded_cities(okt, family):
    import random
    from datetime import date

    facts = [FamilyFacts(family.pk, [okt.pk])]
    assert levels_by_rule(facts) == {family.pk: 1}
    many = [FamilyFacts(n, [1, 2, 3, 4]) for n in range(1, 4)] + [
        FamilyFacts(n, [1]) for n in range(4, 200)
    ]
    levels = levels_by_rule(many)
    # 0.03 % of 199 rounds up to one at level 5, 1.47 % to three at level 4: the busiest level-3 families
    assert sorted(levels[n] for n in (1, 2, 3)) == [4, 4, 5]
    assert set(levels[n] for n in range(4, 200)) == {1}
    placed = demo.place_cases(
        facts,
        today=date.today(),
        coordinators=demo.Coordinators(),
        rng=random.Random(1),
        levels={family.pk: 1},
    )
    assert placed.cases == 1 and Case.objects.get(family=family).level == 1
