"""Each figure on a small hand-made city with a known answer, built through the real services.

The threshold is 3 here so a handful of families gives shown and hidden cells side by side.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from ketenzorg.aanbod.models import Topic
from ketenzorg.access.door import AccessDenied
from ketenzorg.audit.models import Action, AuditEntry
from ketenzorg.coordination import services as case_services
from ketenzorg.coordination.models import Agreement, Meeting, MeetingKind, MeetingStatus
from ketenzorg.frontdoor import services as frontdoor_services
from ketenzorg.network.models import GovernanceBody, GovernanceMembership, Role
from ketenzorg.signaal import figures, selectors
from tests import factories

LIMIT = 3


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.SIGNAL_THRESHOLD = LIMIT


def open_case(okt, district, n):
    family = factories.register_family(okt, name=f"Gezin Proef {n}", district=district)
    return case_services.case_open(actor=okt.user, family=family, reason="proef")


def assert_published(figure, truth: dict):
    """Every shown cell is the true count; every true count from 1 to LIMIT-1 is hidden."""
    for (row, column), value in truth.items():
        shown = figure.cell(row, column)
        if 0 < value < LIMIT:
            assert shown is None, (row, column, value)
        assert shown in (None, value), (row, column, shown, value)


def test_care_levels_per_area_against_the_pyramid(city, okt):
    cases = [open_case(okt, city["haven"], n) for n in range(5)]
    west = [open_case(okt, city["west"], 10 + n) for n in range(4)]
    case_services.level_set(
        actor=okt.user, case=west[0], level=3, reason="vier professionals rond dit gezin"
    )
    assert cases and west[0].level == 3
    figure = figures.care_levels(area=city["city"].pk)
    assert figure.rows == ("Proefstad", "Oost", "West", "zonder gebied")
    assert figure.columns == ("1", "2", "3", "4", "5")
    assert figure.cell("Oost", "1") == 5  # Haven's five, rolled up to its stadsdeel
    assert figure.cell("zonder gebied", "1") == 0
    assert figure.cell("West", "3") is None  # the one case at level 3
    assert figure.cell("West", "1") is None  # its partner: 3 = total minus the level-3 case
    assert figure.row_totals[0] == 9
    assert_published(figure, {("Proefstad", "1"): 8, ("West", "1"): 3, ("West", "3"): 1})
    assert figure.extra["expected_counts"][1] == pytest.approx(0.85 * 9)
    haven = figures.care_levels(area=city["oost"].pk)
    assert haven.rows == ("Oost", "Haven", "zonder gebied")
    assert haven.cell("Haven", "1") == 5


def test_care_levels_per_month_come_from_the_history(city, okt):
    case = open_case(okt, city["west"], 1)
    case_services.level_set(actor=okt.user, case=case, level=3, reason="vier professionals nu")
    # Backdate the history: opened in January, level 3 from February on.
    jan, feb = date(2026, 1, 10), date(2026, 2, 10)
    type(case).objects.filter(pk=case.pk).update(opened_on=jan)
    case.events.filter(level_to=3).update(
        occurred_at=timezone.make_aware(datetime(2026, 2, 10, 12))
    )
    others = [open_case(okt, city["west"], 10 + n) for n in range(4)]
    type(case).objects.filter(pk__in=[c.pk for c in others]).update(opened_on=jan)
    figure = figures.care_levels_over_time(date(2026, 1, 1), date(2026, 2, 28))
    assert figure.rows == ("2026-01", "2026-02")
    assert figure.cell("2026-01", "1") == 5 and figure.cell("2026-01", "3") == 0
    assert figure.cell("2026-02", "3") is None and figure.cell("2026-02", "1") is None
    assert figure.row_totals == (5, 5)
    assert feb


def test_contact_moments_by_channel_and_topic(city, db):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    from ketenzorg.frontdoor.models import Location

    location = Location.objects.create(name="Proefpost Haven", district=city["haven"])
    slapen, eten = Topic.objects.get(name="Slapen"), Topic.objects.exclude(name="Slapen").first()
    march = timezone.now() - timedelta(hours=1)  # registrations reach back 60 days at most
    first = timezone.localtime(march).date().replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    month = f"{first:%Y-%m}"

    def register(channel, topics, n, where=None):
        for _ in range(n):
            frontdoor_services.contact_register(
                actor=adviser.user,
                data=frontdoor_services.ContactInput(
                    channel=channel, topics=topics, location=where, occurred_at=march
                ),
            )

    register("inloop", [slapen], 4, location)
    register("telefoon", [slapen, eten], 2)
    channel = figures.contacts("channel", first, last)
    assert channel.rows == (month,)
    # 2 calls are hidden, and so are the 4 visits: the month's 6 minus 4 would give the 2.
    assert channel.cell(month, "telefoon") is None and channel.cell(month, "inloop") is None
    assert channel.row_totals == (6,)
    topic = figures.contacts("topic", first, last)
    assert topic.cell(month, "Slapen") == 6  # a call with two topics counts at both
    assert topic.cell(month, eten.name) is None
    assert topic.row_totals is None
    haven = figures.contacts("channel", first, last, area=city["haven"].pk)
    # Haven's 4 visits are all walk-ins of the city (the calls have no area), so showing them in
    # Haven would show the city's hidden 4 too: one release, hidden in every area alike.
    assert haven.cell(month, "inloop") is None and haven.cell(month, "telefoon") == 0


def test_convene_times_against_the_five_working_days(city, okt):
    cases = [open_case(okt, city["west"], n) for n in range(4)]
    for case in cases:
        case_services.level_set(actor=okt.user, case=case, level=3, reason="vier professionals")
    meetings = list(Meeting.objects.filter(kind=MeetingKind.PROCES).order_by("pk"))
    assert len(meetings) == 4
    for meeting in meetings[:3]:  # held on the deadline: on time
        Meeting.objects.filter(pk=meeting.pk).update(
            status=MeetingStatus.HELD, held_on=meeting.deadline
        )
    Meeting.objects.filter(pk=meetings[3].pk).update(
        status=MeetingStatus.HELD, held_on=meetings[3].deadline + timedelta(days=3)
    )
    today = timezone.localdate()
    figure = figures.convene_times(today.replace(day=1), today)
    month = f"{today:%Y-%m}"
    # One late meeting: hidden, and the three on time with it (4 - 3 would give it away).
    assert figure.cell(month, "te_laat") is None and figure.cell(month, "op_tijd") is None
    assert figure.cell(month, "over_termijn") == 0
    assert figure.row_totals == (4,)


def test_agreements_kept_on_time_per_organisation(city, okt):
    case = open_case(okt, city["west"], 1)
    jgz = factories.make_organisation("Proef-JGZ")
    school = factories.make_organisation("Proefschool")
    due = date(2026, 4, 15)

    def agreement(org, done_on):
        Agreement.objects.create(
            case=case, what="bellen", responsible_organisation=org, due_on=due,
            status="gedaan" if done_on else "open", done_on=done_on, created_by=okt,
        )  # fmt: skip

    for _ in range(4):
        agreement(jgz, due)
    agreement(jgz, due + timedelta(days=2))
    for _ in range(3):
        agreement(school, due - timedelta(days=1))
    figure = figures.agreements_on_time(date(2026, 4, 1), date(2026, 4, 30), today=date(2026, 7, 1))
    assert figure.rows == ("Proef-JGZ", "Proefschool")
    assert figure.cell("Proef-JGZ", "te_laat_gedaan") is None  # one late
    assert figure.cell("Proef-JGZ", "op_tijd") is None  # its partner in the row
    assert figure.cell("Proefschool", "op_tijd") is None  # the column's second hidden cell
    # The school's row is its 3 alone, so its total goes; then the JGZ total, else 8 - 5 = 3.
    assert figure.row_totals == (None, None) and figure.extra["total"] == 8
    assert figure.cell("Proef-JGZ", "geannuleerd") == 0


def test_managers_and_governance_see_figures_logged_others_are_refused(city, okt):
    manager = factories.make_professional(Role.MANAGER)
    figure = selectors.figure_view(actor=manager.user, name="zorgniveaus")
    assert figure.key == "zorgniveaus"
    entry = AuditEntry.objects.filter(user_id_snapshot=manager.user.pk).last()
    assert (entry.action, entry.outcome, entry.object_uuid) == ("read", "success", "zorgniveaus")

    member = factories.make_professional(Role.JGZ)
    body, _ = GovernanceBody.objects.get_or_create(
        level="werkgroep", defaults={"name": "Werkgroep OKé (proef)"}
    )
    GovernanceMembership.objects.create(body=body, professional=member)
    assert selectors.figure_view(actor=member.user, name="zorgniveaus").key == "zorgniveaus"

    with pytest.raises(AccessDenied):
        selectors.figure_view(actor=okt.user, name="zorgniveaus")
    refused = AuditEntry.objects.filter(user_id_snapshot=okt.user.pk).last()
    assert refused.outcome == "denied"


def test_the_export_is_csv_with_hidden_cells_and_is_logged(city, okt):
    for n in range(4):
        open_case(okt, city["west"], n)
    manager = factories.make_professional(Role.MANAGER)
    text = selectors.figure_export(actor=manager.user, name="zorgniveaus", area=city["city"].pk)
    assert text.splitlines()[0] == ",1,2,3,4,5,totaal"
    assert "West,4,0,0,0,0,4" in text
    entry = AuditEntry.objects.filter(user_id_snapshot=manager.user.pk).last()
    assert entry.action == Action.EXPORT and "area=" in entry.reason
