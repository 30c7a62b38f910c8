"""The dashboard's own-agreements block: the first twenty open agreements the professional is
responsible for, by due date, of cases they may see — picked before they are joined."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ketenzorg.coordination import selectors, services
from ketenzorg.coordination.models import Agreement, AgreementStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_own_agreements_are_the_first_twenty_open_ones_of_visible_cases(okt, case):
    today = date.today()
    own = [
        services.agreement_add(
            actor=okt.user,
            case=case,
            what=f"Afspraak {n}",
            due_on=today + timedelta(days=n % 7),  # ties on a due date: the older one first
            responsible_professional=okt,
        )
        for n in range(22)
    ]
    done = own.pop(0)
    Agreement.objects.filter(pk=done.pk).update(status=AgreementStatus.DONE)
    colleague = factories.make_professional("jgz")
    elsewhere = services.case_open(
        actor=colleague.user,
        family=factories.register_family(colleague),
        reason="Zorgen bij een gezin dat okt niet kent",
    )
    hidden = services.agreement_add(
        actor=colleague.user, case=elsewhere, what="Niet van okt te zien", due_on=today,
        responsible_professional=colleague,
    )  # fmt: skip
    Agreement.objects.filter(pk=hidden.pk).update(responsible_professional=okt)

    shown = selectors.dashboard(actor=okt.user).my_agreements

    expected = sorted(own, key=lambda a: (a.due_on, a.pk))[:20]
    assert [a.pk for a in shown] == [a.pk for a in expected]
    assert {a.case.family.name for a in shown} == {case.family.name}
