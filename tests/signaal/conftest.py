"""The small hand-made city the signal function's figures are tested on."""

from __future__ import annotations

import pytest

from ketenzorg.network.models import DistrictKind, Role
from tests import factories


@pytest.fixture
def city(db):
    city = factories.make_district("Proefstad", kind=DistrictKind.CITY)
    oost = factories.make_district("Oost", parent=city)
    west = factories.make_district("West", parent=city)
    haven = factories.make_district("Haven", kind=DistrictKind.GEBIED, parent=oost)
    return {"city": city, "oost": oost, "west": west, "haven": haven}


@pytest.fixture
def okt(db):
    return factories.make_professional(Role.OKT)


@pytest.fixture
def empty_release_cache(settings, tmp_path):
    """The remembered releases in a folder of this test's own: the shared one (var/cache) is
    written by the other test processes at the same time, and clearing it would pull it away
    from under them."""
    settings.CACHES = {
        **settings.CACHES,
        "signaal": {**settings.CACHES["signaal"], "LOCATION": str(tmp_path / "signaal")},
    }
