"""The catalogue's pure rules and the stale waiting time as professionals will read it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import Programme
from ketenzorg.aanbod.selectors import waiting_time
from ketenzorg.core.errors import ValidationFailed

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    "confirmed, stale",
    [
        (date(2026, 12, 3), False),
        (date(2026, 9, 4), False),  # 90 days ago: still the configured period
        (date(2026, 9, 3), True),  # 91 days ago
        (None, True),  # nobody vouches for it
    ],
)
def test_a_waiting_time_goes_out_of_date_after_the_period(confirmed, stale):
    assert rules.waiting_time_is_stale(confirmed, today=TODAY, stale_days=90) is stale


@given(st.dates(), st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_staleness_grows_with_age_and_shrinks_with_the_period(confirmed, age, period):
    from datetime import timedelta

    today = confirmed + timedelta(days=age) if confirmed.year < 9000 else confirmed
    if rules.waiting_time_is_stale(confirmed, today=today, stale_days=period):
        assert not rules.waiting_time_is_stale(confirmed, today=today, stale_days=period + age + 1)


def test_covering_districts_walks_up_and_stops_on_a_cycle():
    assert rules.covering_districts(3, {3: 2, 2: 1, 1: None}) == [3, 2, 1]
    assert rules.covering_districts(1, {1: None}) == [1]
    assert rules.covering_districts(3, {3: 2, 2: 3}) == [3, 2]


def test_paging_arithmetic():
    assert rules.page_count(0, 10) == 1 and rules.page_count(10, 10) == 1
    assert rules.page_count(11, 10) == 2


@pytest.mark.django_db
def test_the_period_is_a_setting(make_programme, settings):
    programme = make_programme(
        "Gezinsbegeleiding", waiting_weeks=6, waiting_confirmed_on=date(2026, 10, 1)
    )
    settings.WAITING_TIME_STALE_DAYS = 90
    assert waiting_time(programme, today=TODAY).stale is False
    settings.WAITING_TIME_STALE_DAYS = 30
    shown = waiting_time(programme, today=TODAY)
    assert shown.stale is True and shown.weeks == 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, field",
    [
        ({"min_age": 10, "max_age": 4}, "min_age"),
        ({"max_age": 40}, "min_age"),
        ({"name": " "}, "name"),
        ({"description": ""}, "description"),
        ({"audience": "iedereen"}, "audience"),
        ({"access_route": "achterdeur"}, "access_route"),
        ({"ijw_category": "99"}, "ijw_category"),
        ({"waiting_weeks": 4}, "waiting_confirmed_on"),
    ],
)
def test_the_service_refuses_bad_programmes_and_writes_nothing(make_programme, change, field):
    with pytest.raises(ValidationFailed) as raised:
        make_programme(
            change.pop("name", "Proef"), change.pop("description", "Een proef."), **change
        )
    assert field in raised.value.field_errors
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_only_the_beheerder_writes_and_a_refusal_is_logged(provider):
    from ketenzorg.aanbod import services
    from ketenzorg.audit.models import AuditEntry, Outcome
    from ketenzorg.core.errors import AccessDenied
    from tests import factories

    okt = factories.make_professional("okt")
    data = services.ProgrammeInput(
        provider=provider, name="Proef", description="Een proef.", audience="ouders",
        min_age=0, max_age=4, access_route="vrij",
    )  # fmt: skip
    with pytest.raises(AccessDenied):
        services.programme_save(actor=okt.user, data=data)
    assert not Programme.objects.exists()
    assert AuditEntry.objects.filter(
        object_type="aanbod.Programme", outcome=Outcome.DENIED
    ).exists()


@pytest.mark.django_db
def test_a_write_is_logged_with_its_status(make_programme):
    from ketenzorg.audit.models import Action, AuditEntry

    programme = make_programme("Proef")
    entry = AuditEntry.objects.get(object_type="aanbod.Programme", object_uuid=str(programme.uuid))
    assert entry.action == Action.CREATE and entry.reason == "status gepubliceerd"


@pytest.mark.django_db
def test_reindex_repairs_stale_terms(make_programme):
    programme = make_programme("Slaapspreekuur", "Slapen.")
    Programme.objects.filter(pk=programme.pk).update(search_terms=" oud ", name_terms=" oud ")
    out = io.StringIO()
    call_command("aanbod_reindex", stdout=out)
    assert "1 programma's gewijzigd" in out.getvalue()
    programme.refresh_from_db()
    assert " slaap " in programme.search_terms and " slaap " in programme.name_terms
