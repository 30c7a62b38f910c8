"""An age as people say it: a baby is "7 maanden", not "0 jaar"; months up to 2 years."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ketenzorg.coordination import services as coordination
from ketenzorg.core.templatetags.ages import describe_age
from tests import factories

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "born,expected",
    [
        (date(2026, 11, 20), "0 maanden"),
        (date(2026, 11, 3), "1 maand"),
        (date(2026, 5, 3), "7 maanden"),
        (date(2026, 5, 4), "6 maanden"),
        (date(2025, 9, 3), "15 maanden"),
        (date(2024, 12, 4), "23 maanden"),
        (date(2024, 12, 3), "2 jaar"),
        (date(2015, 5, 1), "11 jaar"),
        (date(1985, 3, 2), "41 jaar"),
    ],
)
def test_months_under_two_years_then_years(born, expected):
    with translation.override("nl"):
        assert describe_age(born, TODAY) == expected


def test_an_age_in_whole_years_as_a_parent_typed_it():
    """The front door asks an age in years; "vul 0 in" means younger than one."""
    with translation.override("nl"):
        assert describe_age(0, TODAY) == "jonger dan 1 jaar"
        assert describe_age(1, TODAY) == "1 jaar"
        assert describe_age(9, TODAY) == "9 jaar"
        assert describe_age(None, TODAY) == ""


def test_ages_in_english():
    with translation.override("en"):
        assert describe_age(date(2026, 5, 3), TODAY) == "7 months"
        assert describe_age(date(2026, 11, 3), TODAY) == "1 month"
        assert describe_age(date(2015, 5, 1), TODAY) == "11 years"
        assert describe_age(0, TODAY) == "younger than 1 year"


def _months_ago(months: int) -> date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@pytest.mark.django_db
def test_family_and_case_pages_show_a_baby_in_months(client):
    okt = factories.make_professional("okt")
    family = factories.register_family(
        okt,
        members=[
            factories.member("Lot", born=_months_ago(7)),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
        ],
    )
    case = coordination.case_open(actor=okt.user, family=family, reason="Zorgen over de baby")
    factories.verified_login(client, okt.user)
    for url in (
        reverse("families:detail", args=[family.uuid]),
        reverse("coordination:detail", args=[case.uuid]),
    ):
        html = client.get(url).content.decode()
        assert "7 maanden" in html, url
        assert "0 jaar" not in html, url
