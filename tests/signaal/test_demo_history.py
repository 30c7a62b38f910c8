"""The demo's year of contact moments gives the demo manager figures above the threshold."""

from __future__ import annotations

import pytest

from ketenzorg.network.models import Role
from ketenzorg.signaal import figures
from ketenzorg.signaal.forms import default_period
from ketenzorg.synthetic.demo import signaal as demo
from tests import factories


@pytest.mark.django_db
def test_a_year_of_contacts_shows_lines_and_the_rising_topic():
    factories.make_professional(Role.OPVOEDADVISEUR)
    written = demo.load_demo()
    assert written > demo.MONTHS * demo.PER_MONTH * 0.8
    assert demo.load_demo() == 0  # once only
    first, last = default_period()
    channel = figures.contacts("channel", first, last)
    assert len(channel.rows) == demo.MONTHS
    assert all(total is not None and total >= 10 for total in channel.row_totals)
    topic = figures.contacts("topic", first, last)
    rising = [name for name, test in topic.extra["rises"].items() if test.rises]
    assert rising == [demo.RISING_TOPIC]


@pytest.mark.django_db
def test_a_year_of_finished_referrals_fills_the_referral_figures():
    from ketenzorg.families.models import Involvement
    from ketenzorg.network.models import DistrictKind
    from ketenzorg.signaal import figures_verwijzing, queries_verwijzing
    from ketenzorg.synthetic.demo import signaal_verwijzing as history
    from ketenzorg.synthetic.demo.city import ORGANISATIONS
    from ketenzorg.verwijzing import rules
    from ketenzorg.verwijzing.models import Referral

    city = factories.make_district("Proefstad", kind=DistrictKind.CITY)
    for name in ("Noord", "Zuid"):
        stadsdeel = factories.make_district(name, parent=city)
        factories.make_district(f"{name}-1", kind=DistrictKind.GEBIED, parent=stadsdeel)
    factories.make_professional(Role.OKT)
    factories.make_professional(Role.AJH_VERBINDER)
    for org in ORGANISATIONS:
        if org.key in history.PROVIDER_SHARES:
            factories.make_professional(
                Role.AANBIEDER, organisation=factories.make_organisation(org.name)
            )

    written = history.load_demo()
    assert written > history.MONTHS * history.PER_MONTH * 0.8
    assert history.load_demo() == 0  # once only
    involved = Involvement.objects.filter(family__name__startswith=history.FAMILY_PREFIX)
    assert involved.count() == written and not involved.filter(ended_on__isnull=True).exists()
    for referral in Referral.objects.prefetch_related("events"):
        assert referral.status == rules.ENDED
        state = rules.DRAFT
        for event in referral.events.all():  # the history replays through the chain's table
            assert event.from_status == state
            state = rules.TRANSITIONS[(state, event.action)][0]
        assert state == referral.status

    first, last = default_period()
    stages = figures_verwijzing.referrals_by_stage()
    assert stages.cell("totaal", rules.ENDED) == written
    steps = figures_verwijzing.waits_per_step(first, last)
    assert steps.rows == queries_verwijzing.STEP_KEYS
    print(steps.cells, steps.row_totals)
    import time

    t = time.time()
    assert any(v is not None and v >= 10 for row in steps.cells for v in row)
    providers = figures_verwijzing.waits_per_provider(first, last)
    print(providers.cells, time.time() - t)
    assert len(providers.rows) == len(history.PROVIDER_SHARES)
    assert any(v is not None and v >= 10 for row in providers.cells for v in row)
