"""A case is found with what its look asks next: the family's members and whether the
professional is involved, by the same uuid (one round trip on PostgreSQL). The answers are
the ones the look would have read itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ketenzorg.access import policy
from ketenzorg.audit.models import AuditEntry, Basis, Outcome
from ketenzorg.coordination import guards
from ketenzorg.coordination import services as case_services
from ketenzorg.core.errors import AccessDenied, NotFound
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def okt():
    return factories.make_professional("okt")


@pytest.fixture
def case(okt):
    family = factories.register_family(
        okt,
        members=[
            factories.member("Kim", born=date(2015, 5, 1)),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
            factories.member("Lot", born=date(2015, 5, 1)),  # the same birthdate as Kim
        ],
    )
    return case_services.case_open(actor=okt.user, family=family, reason="Zorgen over thuis")


def test_the_members_come_with_the_case_oldest_first(okt, case):
    found = guards.case_found(okt.user, case.uuid)
    members = list(case.family.members.order_by("birthdate", "pk"))
    assert found._members == members
    assert [m.given_name for m in members][0] == "Sam"
    with CaptureQueriesContext(connection) as queries:
        guards.case_view_allowed(actor=okt.user, case=found)
    # The look asked nothing that came with the case: only its entry was written.
    assert not any("families_person" in q["sql"] for q in queries.captured_queries)
    assert not any("families_involvement" in q["sql"] for q in queries.captured_queries)
    entry = AuditEntry.objects.latest("id")
    assert (entry.outcome, entry.basis) == (Outcome.SUCCESS, Basis.INVOLVEMENT)
    assert entry.subjects.count() == 1 + len(members)


def test_an_outsider_is_refused_with_the_members_logged(okt, case):
    outsider = factories.make_professional("okt")
    found = guards.case_found(outsider.user, case.uuid)
    with pytest.raises(AccessDenied):
        guards.case_view_allowed(actor=outsider.user, case=found)
    entry = AuditEntry.objects.latest("id")
    assert entry.outcome == Outcome.DENIED and entry.user_id_snapshot == outsider.user.pk
    assert entry.subjects.count() == 1 + case.family.members.count()


def test_the_remembered_answer_is_for_that_professional_on_that_day_only(okt, case):
    """An answer kept on the family is never used for someone else, or on another day."""
    outsider = factories.make_professional("okt")
    found = guards.case_found(okt.user, case.uuid)
    family = found.family
    assert policy.family_view_decision(outsider.user, family).basis == Basis.NONE
    assert policy.family_view_decision(okt.user, family).basis == Basis.INVOLVEMENT
    # A remembered "no" for yesterday does not refuse today's look.
    policy.remember_involvement(family, okt.pk, date(2000, 1, 1), False)
    assert policy.family_view_decision(okt.user, family)
    # A remembered answer for today is what the look uses (it is the database's, read along).
    policy.remember_involvement(family, outsider.pk, policy.timezone.localdate(), True)
    assert policy.family_view_decision(outsider.user, family).basis == Basis.INVOLVEMENT


def test_a_manager_is_refused_without_asking_for_involvement(okt, case):
    manager = factories.make_professional("manager")
    with CaptureQueriesContext(connection) as queries:
        found = guards.case_found(manager.user, case.uuid)
    assert not any("families_involvement" in q["sql"] for q in queries.captured_queries)
    with pytest.raises(AccessDenied):
        guards.case_view_allowed(actor=manager.user, case=found)


def test_an_unknown_case_is_a_logged_404(okt):
    unknown = "7b0e9f43-0000-4000-8000-000000000000"
    with pytest.raises(NotFound):
        guards.case_found(okt.user, unknown)
    entry = AuditEntry.objects.latest("id")
    assert (entry.outcome, entry.object_uuid) == (Outcome.DENIED, unknown)
