"""The referral chain's figures on a hand-made set of referrals with known waits.

The chain itself (who may take which step) is tested in tests/verwijzing; here the rows are
written directly with chosen moments, because a figure about waiting times needs waits that a
test can name. The threshold is 3, as in test_figures.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from ketenzorg.coordination.models import Agreement
from ketenzorg.network.models import Role
from ketenzorg.signaal import figures, figures_verwijzing
from ketenzorg.verwijzing.models import (
    Referral,
    ReferralAction,
    ReferralEvent,
    ReferralStatus,
    RequestKind,
    Voorziening,
)
from tests import factories
from tests.signaal.test_figures import LIMIT, assert_published, open_case

APRIL = timezone.make_aware(datetime(2026, 4, 1, 9, 0))
AFTER_Q2 = date(2026, 7, 1)


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.SIGNAL_THRESHOLD = LIMIT


@pytest.fixture
def make_referral(city, okt):
    counter = iter(range(1000))

    def make(district, status, *, provider=None, **moments):
        case = open_case(okt, district, next(counter))
        child = case.family.members.first()
        provision = Voorziening.objects.create(
            case=case, child=child, form="natura", volume=2, unit="04", frequency="2",
            starts_on=date(2026, 4, 1), ends_on=date(2026, 12, 31), created_by=okt,
        )  # fmt: skip
        return Referral.objects.create(
            case=case, child=child, voorziening=provision, stadsdeel=city["oost"],
            referred_by=okt, status=status, request_kind=RequestKind.MATCH, provider=provider,
            **moments,
        )  # fmt: skip

    return make


def forward(referral, to, at, seq):
    ReferralEvent.objects.create(
        referral=referral, seq=seq, action=ReferralAction.FORWARD, party="verbinder",
        from_status="gematcht", to_status="doorgestuurd", actor=referral.referred_by,
        organisation=to, occurred_at=at,
    )  # fmt: skip


def test_referrals_per_stage_now_per_area_drafts_left_out(city, make_referral):
    provider = factories.make_organisation("Proefaanbieder")
    for _ in range(6):
        make_referral(city["haven"], ReferralStatus.FORWARDED, provider=provider)
    for _ in range(4):
        make_referral(city["haven"], ReferralStatus.ACCEPTED, provider=provider)
    make_referral(city["west"], ReferralStatus.MATCHING)
    for _ in range(5):
        make_referral(city["west"], ReferralStatus.DRAFT)  # the professional's own work

    figure = figures_verwijzing.referrals_by_stage(area=city["oost"].pk)
    assert figure.rows == ("Oost", "Haven", "zonder gebied")
    assert "concept" not in figure.columns
    truth = {("Haven", "doorgestuurd"): 6, ("Haven", "geaccepteerd"): 4, ("Oost", "matching"): 0}
    assert_published(figure, truth)
    assert figure.cell("Haven", "doorgestuurd") == 6
    # West's single referral in matching is hidden everywhere it lands, so the city's total
    # (11, visible minus hidden) cannot give it away.
    city_figure = figures_verwijzing.referrals_by_stage(area=city["city"].pk)
    assert city_figure.cell("West", "matching") is None
    assert city_figure.cell("Proefstad", "matching") is None
    visible = [v for v in city_figure.cells[0] if v is not None]
    assert city_figure.row_totals[0] is None or city_figure.row_totals[0] - sum(visible) >= LIMIT


def test_waits_per_step_in_bins_counted_in_the_month_the_step_ended(city, make_referral):
    def sent_and_matched(days):
        make_referral(
            city["haven"], ReferralStatus.MATCHED, sent_at=APRIL - timedelta(days=days),
            matched_at=APRIL,
        )  # fmt: skip

    for days in (1, 3, 7):  # a week exactly is still "binnen 1 week"
        sent_and_matched(days)
    for days in (8, 10, 14):
        sent_and_matched(days)
    sent_and_matched(40)
    make_referral(city["haven"], ReferralStatus.SENT, sent_at=APRIL)  # not matched: no wait yet

    figure = figures_verwijzing.waits_per_step(date(2026, 4, 1), date(2026, 4, 30), today=AFTER_Q2)
    assert figure.rows == ("verzonden_gematcht",)
    row = figure.cells[0]
    assert figure.cell("verzonden_gematcht", "4_tot_8_weken") is None  # the one slow referral
    # 7 - 3 - 3 would give it away, so one of the two 3s is hidden with it (the first, by
    # order); what the row hides together is at least the threshold.
    assert (row[0], row[1]) == (None, 3)
    assert figure.row_totals[0] == 7 and 7 - sum(v for v in row if v is not None) >= LIMIT

    march = figures_verwijzing.waits_per_step(date(2026, 1, 1), date(2026, 3, 31), today=AFTER_Q2)
    assert march.rows == ()


def test_waits_per_provider_from_the_last_forward_to_the_first_contact(city, make_referral):
    snel = factories.make_organisation("Proefaanbieder Snel")
    traag = factories.make_organisation("Proefaanbieder Traag")
    for _ in range(3):
        ref = make_referral(
            city["haven"], ReferralStatus.CONTACTED, provider=snel, first_contact_at=APRIL
        )
        forward(ref, snel, APRIL - timedelta(days=5), 1)
    # Forwarded to Traag first, declined, then to Snel: Snel's wait is from its own forward.
    detour = make_referral(
        city["haven"], ReferralStatus.CONTACTED, provider=snel, first_contact_at=APRIL
    )
    forward(detour, traag, APRIL - timedelta(days=60), 1)
    forward(detour, snel, APRIL - timedelta(days=2), 2)
    for _ in range(3):
        ref = make_referral(
            city["haven"], ReferralStatus.CONTACTED, provider=traag, first_contact_at=APRIL
        )
        forward(ref, traag, APRIL - timedelta(days=20), 1)

    figure = figures_verwijzing.waits_per_provider(
        date(2026, 4, 1), date(2026, 4, 30), today=AFTER_Q2
    )
    assert figure.rows == ("Proefaanbieder Snel", "Proefaanbieder Traag")
    assert figure.cell("Proefaanbieder Snel", "tot_1_week") == 4
    assert figure.cell("Proefaanbieder Snel", "8_weken_of_meer") == 0
    assert figure.cell("Proefaanbieder Traag", "2_tot_4_weken") == 3
    assert figure.extra["total"] == 7


def test_a_period_is_the_sum_of_its_quarters_so_two_periods_cannot_be_subtracted(city, okt):
    """The differencing attack on a table figure: the first quarter hides a late agreement; the
    period March-April (two quarters) must not show a number from which the second quarter's
    (shown) cell subtracts it."""
    case = open_case(okt, city["west"], 1)
    org = factories.make_organisation("Proef-JGZ")

    def agreement(due, done_on):
        Agreement.objects.create(
            case=case, what="bellen", responsible_organisation=org, due_on=due,
            status="gedaan", done_on=done_on, created_by=okt,
        )  # fmt: skip

    march, april = date(2026, 3, 10), date(2026, 4, 10)
    for _ in range(5):
        agreement(march, march)
    agreement(march, march + timedelta(days=3))  # one late in March: hidden
    for _ in range(4):
        agreement(april, april + timedelta(days=1))  # four late in April: shown
    for _ in range(5):
        agreement(april, april)
    today = date(2026, 7, 1)

    only_april = figures.agreements_on_time(date(2026, 4, 1), date(2026, 4, 30), today=today)
    both = figures.agreements_on_time(date(2026, 3, 1), date(2026, 4, 30), today=today)
    only_march = figures.agreements_on_time(date(2026, 3, 1), date(2026, 3, 31), today=today)
    assert only_april.cell("Proef-JGZ", "te_laat_gedaan") == 4
    assert only_march.cell("Proef-JGZ", "te_laat_gedaan") is None
    # Computed over the two quarters at once, 5 would be shown and 5 - 4 = March's hidden 1.
    assert both.cell("Proef-JGZ", "te_laat_gedaan") is None
    for j, _column in enumerate(both.columns):
        value = both.cells[0][j]
        if value is not None:
            assert value == only_march.cells[0][j] + only_april.cells[0][j]


def test_the_provider_role_sees_no_figures(db):
    from ketenzorg.access.door import AccessDenied
    from ketenzorg.signaal import selectors

    staff = factories.make_professional(Role.AANBIEDER)
    with pytest.raises(AccessDenied):
        selectors.figure_view(actor=staff.user, name="wachttijd_per_aanbieder")


def test_a_table_figure_covers_whole_quarters_that_are_over():
    from ketenzorg.signaal.figures import quarters_for

    assert quarters_for(date(2025, 12, 1), date(2026, 11, 30), date(2026, 12, 3)) == [
        date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1),
    ]  # fmt: skip
    # The running quarter never: its counts would differ from one day to the next.
    assert quarters_for(date(2026, 10, 1), date(2026, 11, 30), date(2026, 12, 3)) == []
    assert quarters_for(date(2026, 5, 1), date(2026, 5, 31), date(2026, 7, 1)) == [date(2026, 4, 1)]


def test_a_period_without_a_finished_quarter_is_an_empty_table_that_says_why(city, okt):
    figure = figures.agreements_on_time(
        date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 12, 3)
    )
    assert figure.rows == () and "hele kwartalen" in figure.definition
