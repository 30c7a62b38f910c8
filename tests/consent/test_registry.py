"""The consent registry through its services: the age rules at recording, covering at the moment
of sharing, withdrawal at once, and the one door for who may record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import selectors, services
from ketenzorg.consent.models import Consent
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from tests import factories


@pytest.fixture
def okt(db):
    return factories.make_professional("okt", organisation=factories.make_organisation("Proef-OKT"))


@pytest.fixture
def family(okt):
    today = timezone.localdate()
    if (today.month, today.day) == (2, 29):
        pytest.skip("no 12th birthday on 29 February in most years")
    return factories.register_family(
        okt,
        members=[
            # Turns 12 today: the child has a say of their own from today.
            factories.member("Kim", born=today.replace(year=today.year - 12)),
            factories.member("Sam", role="ouder", born=date(1985, 3, 2), authority=True),
            factories.member("Lou", role="ouder", born=date(1984, 1, 9), authority=False),
        ],
    )


@pytest.fixture
def ggz(db):
    return factories.make_organisation("Proef-GGZ")


def people(family):
    return {m.given_name: m for m in family.members.all()}


def record(okt, family, recipient, *, child_consented=True, parents=("Sam",), **extra):
    p = people(family)
    values = dict(
        actor=okt.user,
        family=family,
        child=p["Kim"],
        purpose="consultatie",
        recipient_organisation=recipient,
        parts=["plan"],
        child_consented=child_consented,
        parents=[p[n] for n in parents],
        method="ondertekend",
    )
    values.update(extra)
    return services.consent_record(**values)


def test_recorded_consent_covers_the_share_it_names_and_nothing_else(okt, family, ggz):
    record(okt, family, ggz)
    meedenker = factories.make_professional("meedenker", organisation=ggz)
    assert selectors.consent_covers(
        family=family, purpose="consultatie", recipient=meedenker, parts=["plan"]
    )
    assert selectors.consent_covers(family=family, purpose="consultatie", recipient=ggz, parts=[])
    assert not selectors.consent_covers(
        family=family, purpose="verwijzing", recipient=ggz, parts=["plan"]
    )
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan", "afspraken"]
    )
    other = factories.make_professional("meedenker")
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=other, parts=["plan"]
    )
    entry = AuditEntry.objects.filter(object_type="consent.Consent").get()
    assert (entry.action, entry.outcome, entry.basis) == ("create", "success", "involvement")


def test_a_consent_to_a_role_covers_whoever_holds_it(okt, family):
    record(okt, family, None, recipient_role="ajh_verbinder", purpose="gkp_overleg")
    verbinder = factories.make_professional("ajh_verbinder")
    assert selectors.consent_covers(
        family=family, purpose="gkp_overleg", recipient=verbinder, parts=["plan"]
    )
    assert not selectors.consent_covers(
        family=family,
        purpose="gkp_overleg",
        recipient=factories.make_professional("okt"),
        parts=["plan"],
    )


@pytest.mark.parametrize(
    ("child_consented", "parents", "message"),
    [
        (False, ("Sam",), "Vanaf 12 jaar"),
        (True, (), "ouders met gezag"),
        (True, ("Sam", "Lou"), "zonder gezag"),
    ],
)
def test_the_age_rules_refuse_the_wrong_givers(okt, family, ggz, child_consented, parents, message):
    with pytest.raises(ValidationFailed) as refused:
        record(okt, family, ggz, child_consented=child_consented, parents=parents)
    assert message in refused.value.field_errors["parents"][0]
    assert not Consent.objects.exists()


def test_consent_the_parents_gave_before_the_12th_birthday_no_longer_covers(okt, family, ggz):
    yesterday = timezone.now() - timedelta(days=1)
    record(okt, family, ggz, child_consented=False, given_at=yesterday)
    assert selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], at=yesterday
    )
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"]
    )


def test_invalid_input_is_refused_field_by_field(okt, family, ggz):
    with pytest.raises(ValidationFailed) as refused:
        record(
            okt,
            family,
            ggz,
            recipient_role="meedenker",
            parts=["onbekend"],
            method="per duif",
            given_at=timezone.now() + timedelta(days=1),
        )
    assert set(refused.value.field_errors) == {"recipient", "parts", "method", "given_at"}


def test_a_withdrawal_takes_effect_at_once_is_logged_and_keeps_the_row(okt, family, ggz):
    consent = record(okt, family, ggz)
    before = timezone.now()
    services.consent_withdraw(
        actor=okt.user, consent_uuid=consent.uuid, withdrawn_by=people(family)["Kim"]
    )
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"]
    )
    # What was covered before the withdrawal stays covered in the past.
    assert selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], at=before
    )
    consent.refresh_from_db()
    assert consent.withdrawn_by.given_name == "Kim" and consent.withdrawal_recorded_by == okt
    entry = AuditEntry.objects.filter(object_type="consent.Consent", action="update").get()
    assert entry.reason == "toestemming ingetrokken"
    with pytest.raises(Conflict):
        services.consent_withdraw(
            actor=okt.user, consent_uuid=consent.uuid, withdrawn_by=people(family)["Sam"]
        )


def test_only_an_involved_professional_records_withdraws_or_lists(okt, family, ggz):
    consent = record(okt, family, ggz)
    stranger = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        record(stranger, family, ggz)
    with pytest.raises(AccessDenied):
        services.consent_withdraw(actor=stranger.user, consent_uuid=consent.uuid, withdrawn_by=None)
    with pytest.raises(AccessDenied):
        selectors.consents_for_family(actor=stranger.user, family=family)
    denied = AuditEntry.objects.filter(outcome=Outcome.DENIED, object_type="consent.Consent")
    assert sorted(denied.values_list("action", flat=True)) == ["create", "read", "update"]
    assert list(selectors.consents_for_family(actor=okt.user, family=family)) == [consent]
