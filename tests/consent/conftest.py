from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests import factories


@pytest.fixture
def okt(db):
    return factories.make_professional("okt", organisation=factories.make_organisation("Proef-OKT"))


def _years_ago(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@pytest.fixture
def family(okt):
    """Three children on either side of the age rules, a parent with and one without authority."""
    today = timezone.localdate()
    return factories.register_family(
        okt,
        name="Gezin Proefberg",
        members=[
            factories.member("Kim", family="Proefberg", born=_years_ago(today, 8)),
            factories.member("Noor", family="Proefberg", born=_years_ago(today, 13)),
            factories.member("Jes", family="Proefberg", born=_years_ago(today, 17), role="jongere"),
            factories.member(
                "Sam", family="Proefberg", role="ouder", born=date(1985, 3, 2), authority=True
            ),
            factories.member(
                "Lou", family="Proefberg", role="ouder", born=date(1984, 1, 9), authority=False
            ),
        ],
    )


@pytest.fixture
def ggz(db):
    return factories.make_organisation("Proef-GGZ")


@pytest.fixture
def people(family):
    return {m.given_name: m for m in family.members.all()}
