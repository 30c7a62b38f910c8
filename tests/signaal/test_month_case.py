"""The months of the figures are local months, computed in the database by one CASE.

A moment belongs to the Europe/Amsterdam month it happened in, also in the hour around
midnight UTC where the two differ, on both databases (SQLite has no time zones at all).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ketenzorg.aanbod.models import Topic
from ketenzorg.frontdoor import services as frontdoor_services
from ketenzorg.frontdoor.models import ContactMoment
from ketenzorg.network.models import Role
from ketenzorg.signaal import queries
from tests import factories


def _contact_at(adviser, moment: datetime) -> None:
    contact = frontdoor_services.contact_register(
        actor=adviser.user,
        data=frontdoor_services.ContactInput(channel="telefoon", topics=[Topic.objects.first()]),
    )
    ContactMoment.objects.filter(pk=contact.pk).update(occurred_at=moment)


def test_a_moment_counts_in_its_local_month(db):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    moments = [
        datetime(2026, 1, 31, 22, 59, tzinfo=UTC),  # 23:59 CET: January
        datetime(2026, 1, 31, 23, 0, tzinfo=UTC),  # 00:00 CET on 1 February
        datetime(2026, 3, 31, 21, 59, tzinfo=UTC),  # 23:59 CEST: March
        datetime(2026, 3, 31, 22, 0, tzinfo=UTC),  # 00:00 CEST on 1 April
        datetime(2026, 4, 30, 21, 59, tzinfo=UTC),  # the last minute of the period
        datetime(2026, 4, 30, 22, 0, tzinfo=UTC),  # May: outside it
        datetime(2025, 12, 31, 22, 59, tzinfo=UTC),  # December: before it
    ]
    for moment in moments:
        _contact_at(adviser, moment)
    counts = queries.contacts_by_month("channel", date(2026, 1, 1), date(2026, 4, 30))
    assert counts == {
        (date(2026, 1, 1), None, "telefoon"): 1,
        (date(2026, 2, 1), None, "telefoon"): 1,
        (date(2026, 3, 1), None, "telefoon"): 1,
        (date(2026, 4, 1), None, "telefoon"): 2,
    }


def test_a_period_of_one_month_needs_no_case(db):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    _contact_at(adviser, datetime(2026, 6, 15, 10, 0, tzinfo=UTC))
    counts = queries.contacts_by_month("channel", date(2026, 6, 1), date(2026, 6, 30))
    assert counts == {(date(2026, 6, 1), None, "telefoon"): 1}
