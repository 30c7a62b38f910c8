"""The worker's round computes the figures ahead: afterwards the server finds the releases on
disk; the round reports it, and a part of the round that fails does not stop the rest."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command

from ketenzorg.coordination import services as case_services
from ketenzorg.coordination.rounds import round_finished
from ketenzorg.signaal import catalogue, figures, queries, warm
from tests import factories


@pytest.fixture(autouse=True)
def _every_round_warms(settings, empty_release_cache):
    settings.SIGNAL_WARM_SECONDS = 0  # the process may have warmed before, in another test


@pytest.fixture
def open_case(okt, city):
    family = factories.register_family(okt, name="Gezin Proef Warm", district=city["haven"])
    return case_services.case_open(actor=okt.user, family=family, reason="proef")


def care_levels_key():
    """The release of today's care levels, as the page would look it up."""
    tree = figures.AreaTree(queries.district_tree())
    columns = [str(level) for level in figures.LEVELS]
    counts = {(d, str(lv)): n for (d, lv), n in queries.open_cases_by_level().items()}
    cells = tree.cells(counts, columns, additive=True)
    return tree.release_key(cells, columns, additive=True, limit=figures.threshold())


def test_warming_leaves_the_releases_for_the_server(open_case):
    key = care_levels_key()
    assert caches["signaal"].get(key) is None
    assert set(warm.warm_releases()) == {entry.key for entry in catalogue.ENTRIES}
    assert caches["signaal"].get(key) is not None
    # What the page then shows is what suppressing gives (one small count: hidden).
    figure = figures.care_levels()
    assert figure.cell("totaal", "1") is None


def test_the_round_warms_and_says_so(open_case):
    out = StringIO()
    call_command("coordination_tick", stdout=out)
    assert f"signaalfunctie: {len(catalogue.ENTRIES)} figuren vooraf berekend" in out.getvalue()
    assert caches["signaal"].get(care_levels_key()) is not None


def test_not_again_within_the_interval(open_case, settings):
    settings.SIGNAL_WARM_SECONDS = 3600
    warm.warm_when_due()
    assert warm.warm_when_due() == ""


def test_a_part_of_the_round_that_fails_is_reported_and_the_rest_runs(open_case):
    def breaks(sender=None, **_):
        raise RuntimeError("kapot")

    round_finished.connect(breaks, dispatch_uid="test.breaks")
    try:
        out = StringIO()
        call_command("coordination_tick", stdout=out)
    finally:
        round_finished.disconnect(dispatch_uid="test.breaks")
    line = out.getvalue()
    assert "breaks: mislukt" in line
    assert "ankerpunt toegangslog" in line and "figuren vooraf berekend" in line
