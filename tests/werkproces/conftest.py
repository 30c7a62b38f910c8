"""A family with a case and a werkproces, and colleagues to ask, all through the real services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ketenzorg.coordination import services as case_services
from ketenzorg.network.models import ExpertiseTag, Team
from ketenzorg.werkproces import services
from tests import factories


@pytest.fixture
def stadsdeel(db):
    return factories.make_district("Proef-Oost")


@pytest.fixture
def okt_org(stadsdeel):
    org = factories.make_organisation("Proef-OKT Oost")
    org.district = stadsdeel
    org.save()
    return org


@pytest.fixture
def team(okt_org, stadsdeel):
    return Team.objects.create(organisation=okt_org, name="Team A", district=stadsdeel)


@pytest.fixture
def okt(okt_org, team):
    professional = factories.make_professional("okt", organisation=okt_org)
    professional.team = team
    professional.save()
    return professional


@pytest.fixture
def family(okt):
    return factories.register_family(
        okt,
        members=[
            factories.member("Kim", born=date(2015, 5, 1)),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
        ],
    )


@pytest.fixture
def case(okt, family):
    return case_services.case_open(actor=okt.user, family=family, reason="Zorgen over thuis")


@pytest.fixture
def werkproces(okt, case):
    return services.werkproces_start(actor=okt.user, case=case)


@pytest.fixture
def expertise(db):
    return ExpertiseTag.objects.create(name="OGGZ")


@pytest.fixture
def colleague(okt_org, team, expertise):
    """A team colleague with the expertise (internal)."""
    professional = factories.make_professional("meedenker", organisation=okt_org)
    professional.team = team
    professional.save()
    professional.expertise.add(expertise)
    return professional


@pytest.fixture
def outsider(expertise):
    """A meedenker of another organisation, outside the stadsdeel."""
    professional = factories.make_professional(
        "meedenker", organisation=factories.make_organisation("Proef-GGZ")
    )
    professional.expertise.add(expertise)
    return professional


@pytest.fixture
def move(okt, case):
    """move(kind, enough=False, **inputs): evaluate the current step when deciding, then take it."""

    def _move(kind, enough=False, evaluate=True, **inputs):
        from ketenzorg.werkproces import rules

        if evaluate and kind in (rules.CONTINUE, rules.STOP):
            services.step_evaluate(
                actor=okt.user, case=case, yielded_enough=enough, summary="Wat de stap opleverde"
            )
        return services.step_take(actor=okt.user, case=case, transition=kind, **inputs)

    return _move


def later(days=14):
    return timezone.now() + timedelta(days=days)
