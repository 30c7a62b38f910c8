"""A family with a case, and helpers to involve more professionals through the real services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ketenzorg.coordination import services
from tests import factories


@pytest.fixture
def okt(db):
    return factories.make_professional("okt", organisation=factories.make_organisation("Proef-OKT"))


@pytest.fixture
def family(okt):
    return factories.register_family(
        okt,
        members=[
            factories.member("Kim", born=date(2015, 5, 1)),
            factories.member("Noa", born=date(2018, 2, 3)),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
        ],
    )


@pytest.fixture
def case(okt, family):
    return services.case_open(actor=okt.user, family=family, reason="Zorgen over school en thuis")


@pytest.fixture
def involve(okt, case):
    """involve(role, person=None) -> the new professional, registered by the OKT professional."""

    def _involve(role="jgz", person=None, by=None):
        professional = factories.make_professional(role)
        services.involvement_register(
            actor=(by or okt).user,
            case=case,
            professional=professional,
            person=person,
            started_on=date.today() - timedelta(days=30),
        )
        case.refresh_from_db()
        return professional

    return _involve


@pytest.fixture
def procescoordinator(db):
    return factories.make_professional("procescoordinator")


@pytest.fixture
def brandpunt(db):
    return factories.make_professional("brandpuntfunctionaris")
