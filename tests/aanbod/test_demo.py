"""Demostad's catalogue: after `make run` the public search has results for a parent."""

from __future__ import annotations

import pytest

from ketenzorg.aanbod.models import Programme, ProgrammeStatus
from ketenzorg.aanbod.selectors import SearchParams, programme_search
from ketenzorg.network.models import District, DistrictKind
from ketenzorg.synthetic.demo import aanbod as demo_aanbod
from ketenzorg.synthetic.demo import frontdoor as demo_frontdoor
from ketenzorg.synthetic.demo import loader

pytestmark = pytest.mark.django_db


@pytest.fixture
def demostad():
    loader.load_city()
    demo_frontdoor.load_demo()
    return demo_aanbod.load_demo()


def test_the_catalogue_is_large_and_mostly_published(demostad):
    assert demostad["programmes"] >= 200
    published = Programme.objects.filter(status=ProgrammeStatus.PUBLISHED).count()
    assert 0 < Programme.objects.count() - published < 20
    # Every programme has its search terms, and the themes are the front door's.
    assert not Programme.objects.filter(search_terms="").exists()
    assert Programme.objects.filter(topics__name="Slapen").distinct().count() > 20


def test_sleeping_help_for_a_four_year_old_in_every_gebied(demostad):
    for gebied in District.objects.filter(kind=DistrictKind.GEBIED):
        found = programme_search(SearchParams(text="slapen", age=4, district_uuid=gebied.uuid))
        names = [p.name for p in found.results]
        assert found.total >= 3, gebied.name
        assert any(name.startswith("Slaapspreekuur") for name in names), gebied.name


def test_a_second_run_changes_nothing(demostad):
    before = Programme.objects.count()
    assert demo_aanbod.load_demo() == {"programmes": 0}
    assert Programme.objects.count() == before
