"""The raw aggregates behind the figures: one GROUP BY in the database per figure and period.

These return exact counts, small ones included, so only `signaal.figures` calls them: it puts
every result through `suppression` before anything leaves the app. No function here loops over
the rows counted in Python; Python reads the groups of the aggregate (at nation scale up to
175 000, held compactly per month: `month_counts.py`) and rolls them up the district tree.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case as When_,
)
from django.db.models import (
    CharField,
    Count,
    DateField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ketenzorg.coordination.models import (
    Agreement,
    AgreementStatus,
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    StagnationSignal,
)
from ketenzorg.core.prepared import QueryPerValues
from ketenzorg.frontdoor.models import ContactMoment
from ketenzorg.network.models import District
from ketenzorg.signaal.month_counts import MonthCounts


def district_tree() -> dict[int, tuple[str, int | None, str]]:
    """Every district: id -> (kind, parent id, name). The tree is small (a city has dozens)."""
    return {
        row["pk"]: (row["kind"], row["parent_id"], row["name"])
        for row in District.objects.values("pk", "kind", "parent_id", "name")
    }


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _level_at(moment: datetime):
    """The case's level at `moment`: the last level change before it (a case opens at 1)."""
    changes = CaseEvent.objects.filter(
        case=OuterRef("pk"), level_to__isnull=False, occurred_at__lte=moment
    ).exclude(kind=EventKind.LEVEL_SUGGESTED)
    return Coalesce(
        Subquery(changes.order_by("-occurred_at", "-id").values("level_to")[:1]),
        Value(1),
        output_field=IntegerField(),
    )


def _open_cases_now():
    return (
        Case.objects.filter(status=CaseStatus.OPEN)
        .values_list("family__district_id", "level")
        .annotate(n=Count("id"))
        .order_by()
    )


def _open_cases_on(day: date):
    return (
        Case.objects.filter(opened_on__lte=day)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        .annotate(level_then=_level_at(_end_of(day)))
        .values_list("family__district_id", "level_then")
        .annotate(n=Count("id"))
        .order_by()
    )


# Each figure's GROUP BY is compiled once per set of filters (the period, the day, the
# dimension), not on every request: the dashboard asks the same ones all month, and compiling
# them took longer than PostgreSQL took to run them (`core.prepared.QueryPerValues`).
_OPEN_CASES_NOW = QueryPerValues(_open_cases_now, name="signaal: open cases now")
_OPEN_CASES_ON = QueryPerValues(_open_cases_on, name="signaal: open cases on a day")


def open_cases_by_level(day: date | None = None) -> dict[tuple[int | None, int], int]:
    """(family's district, level) -> open cases; today's levels, or those at the end of `day`."""
    rows = _OPEN_CASES_NOW() if day is None else _OPEN_CASES_ON(day)
    return {(district, level): n for district, level, n in rows}


# How a contact moment is grouped: the dimension's value (topics are many per contact).
CONTACT_DIMENSIONS = {
    "channel": "channel",
    "topic": "topics__name",
    "age_group": "age_group",
    "outcome": "outcome",
    "location": "location__name",
}


def contacts_by_month(dimension: str, first: date, last: date) -> MonthCounts:
    """(month, location's district, value) -> contact moments, for the months first..last.

    A contact moment without a location (a call, an online question) has no district; with
    several topics it counts once under each, so a topic row is not a share of a total.

    Not compiled once like the other figures: its rows stream through a server-side cursor
    (`iterator`); read at once by a query compiled once, the figure took 1.1 times as long on
    PostgreSQL metro (in turns, 60 pairs), where its SQL is most of its time.
    """
    field = CONTACT_DIMENSIONS[dimension]
    rows = (
        ContactMoment.objects.filter(
            **within("occurred_at", first, last),
        )
        .annotate(month=local_month("occurred_at", first, last))
        .values("month", "location__district_id", field)
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    counts, months = MonthCounts(), {}
    for month, district, value, n in rows.values_list(
        "month", "location__district_id", field, "n"
    ).iterator(chunk_size=5000):
        if month not in months:
            months[month] = as_date(month)
        counts.add(months[month], district, value or "", n)
    return counts


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def month_range(first: date, last: date) -> tuple[datetime, datetime]:
    """The moments from the start of `first`'s day up to (not including) the month after `last`."""
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(_next_month(last), time.min)),
    )


def within(field: str, first: date, last: date) -> dict:
    """Filter arguments: `field` in the whole months first..last."""
    start, end = month_range(first, last)
    return {f"{field}__gte": start, f"{field}__lt": end}


def local_month(moment: str, first: date, last: date) -> MonthOf:
    """The local (Europe/Amsterdam) month of a moment in first..last, as a date."""
    return MonthOf(moment, first, last, moments=True)


def month_of_day(day_field: str, first: date, last: date) -> MonthOf:
    """The month of a date in first..last, as a date."""
    return MonthOf(day_field, first, last, moments=False)


class MonthOf(Func):
    """The month of a column's value in first..last: one CASE over the months' starts.

    SQLite has no time zones, so Django's `TruncMonth` there calls a Python function per row
    (8 000 rows of the contact figure at city scale spent 60 ms in it); a CASE comparing the
    stored moments with the local midnights, adapted as the database stores them, runs in the
    database on both. The month comes back as a date, so no aware datetime is made per row (at
    nation scale that conversion cost 3 s a figure). The SQL is written here rather than as
    twelve `When`s: compiling those took longer than running the CASE on a small table. The
    range itself is the WHERE's (`within`): a value past the last boundary is the last month.
    """

    output_field = DateField()

    def __init__(self, field: str, first: date, last: date, *, moments: bool):
        super().__init__(F(field))
        self.starts = [first.replace(day=1)]
        while self.starts[-1] < last.replace(day=1):
            self.starts.append(_next_month(self.starts[-1]))
        self.moments = moments

    def _boundary(self, connection, day: date):
        if self.moments:
            moment = timezone.make_aware(datetime.combine(day, time.min))
            return connection.ops.adapt_datetimefield_value(moment)
        return connection.ops.adapt_datefield_value(day)

    def as_sql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        month = connection.ops.adapt_datefield_value
        whens, params = [], []
        for start, following in zip(self.starts, self.starts[1:], strict=False):
            whens.append(f"WHEN {column} < %s THEN %s")
            params += [*column_params, self._boundary(connection, following), month(start)]
        if not whens:
            return "%s", [month(self.starts[0])]
        return f"CASE {' '.join(whens)} ELSE %s END", [*params, month(self.starts[-1])]


def as_date(value) -> date:
    """A truncated month as a date (SQLite and PostgreSQL give a datetime for a timestamp)."""
    return value.date() if isinstance(value, datetime) else value


CONVENE_CATEGORIES = ("op_tijd", "te_laat", "over_termijn", "binnen_termijn", "vervallen")


def _convene_tasks(first: date, last: date, today: date):
    outcome = When_(
        When(status=MeetingStatus.HELD, held_on__lte=F("deadline"), then=Value("op_tijd")),
        When(status=MeetingStatus.HELD, then=Value("te_laat")),
        When(status=MeetingStatus.CANCELLED, then=Value("vervallen")),
        When(deadline__lt=today, then=Value("over_termijn")),
        default=Value("binnen_termijn"),
        output_field=CharField(),
    )
    return (
        Meeting.objects.filter(kind=MeetingKind.PROCES, **within("created_at", first, last))
        .annotate(month=local_month("created_at", first, last), outcome=outcome)
        .values("month", "case__family__district_id", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )


_CONVENE_TASKS = QueryPerValues(_convene_tasks, name="signaal: procesoverleg tasks")


def convene_tasks_by_month(first: date, last: date, today: date):
    """(month the task began, family's district, outcome) -> procesoverleg tasks.

    Reaching level 3 creates the task with its deadline of 5 working days
    (coordination.rules.convene_deadline), so "held on or before the deadline" is the norm.
    """
    return {
        (as_date(r["month"]), r["case__family__district_id"], r["outcome"]): r["n"]
        for r in _CONVENE_TASKS(first, last, today)
    }


AGREEMENT_CATEGORIES = ("op_tijd", "te_laat_gedaan", "te_laat_open", "nog_open", "geannuleerd")


def _agreements(first: date, last: date, today: date):
    outcome = When_(
        When(status=AgreementStatus.DONE, done_on__lte=F("due_on"), then=Value("op_tijd")),
        When(status=AgreementStatus.DONE, then=Value("te_laat_gedaan")),
        When(status=AgreementStatus.CANCELLED, then=Value("geannuleerd")),
        When(due_on__lt=today, then=Value("te_laat_open")),
        default=Value("nog_open"),
        output_field=CharField(),
    )
    return (
        Agreement.objects.filter(due_on__gte=first, due_on__lt=_next_month(last))
        .annotate(outcome=outcome, month=month_of_day("due_on", first, last))
        .values("month", "responsible_organisation__name", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )


_AGREEMENTS = QueryPerValues(_agreements, name="signaal: agreements")


def agreements_by_organisation(
    first: date, last: date, today: date
) -> dict[tuple[date, str, str], int]:
    """(month due, responsible organisation, outcome) -> agreements due in first..last."""
    return {
        (as_date(r["month"]), r["responsible_organisation__name"], r["outcome"]): r["n"]
        for r in _AGREEMENTS(first, last, today)
    }


def _signals(first: date, last: date):
    return (
        StagnationSignal.objects.filter(raised_on__gte=first, raised_on__lte=last)
        .annotate(month=month_of_day("raised_on", first, last))
        .values("month", "case__family__district_id", "kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    )


_SIGNALS = QueryPerValues(_signals, name="signaal: stagnation signals")


def signals_by_month(first: date, last: date) -> dict[tuple[date, int | None, str], int]:
    """(month raised, family's district, "kind:status") -> stagnation signals."""
    return {
        (as_date(r["month"]), r["case__family__district_id"], f"{r['kind']}:{r['status']}"): r["n"]
        for r in _SIGNALS(first, last)
    }


def _escalations(first: date, last: date):
    return (
        CaseEvent.objects.filter(
            level_to__gte=4, level_from__lt=4, **within("occurred_at", first, last)
        )
        .exclude(kind=EventKind.LEVEL_SUGGESTED)
        .annotate(month=local_month("occurred_at", first, last))
        .values("month", "case__family__district_id", "level_to")
        .annotate(n=Count("id"))
        .order_by()
    )


_ESCALATIONS = QueryPerValues(_escalations, name="signaal: escalations")


def escalations_by_month(first: date, last: date) -> dict[tuple[date, int | None, int], int]:
    """(month, family's district, level reached) -> moves from below 4 to level 4 or 5."""
    return {
        (as_date(r["month"]), r["case__family__district_id"], r["level_to"]): r["n"]
        for r in _ESCALATIONS(first, last)
    }
