"""The signal function's dashboard (issue 16): three pages of `/signaal/<key>/` as a manager
opens them, with the default filters (the last twelve full months, the whole city).

Each floor is the bare GROUP BY the product's `signaal.queries` / `queries_verwijzing` runs for
that figure, counting the same thing, plus the one look the product logs: a READ of
`signaal.figuur` on the basis "role", the figure's selector name as the object and the filters
in the reason, without subjects (`signaal.guards.figures_allowed`). The two area figures also
read the district tree (id, parent, name), which the page needs to label and roll up its rows.

Not in the floor, on purpose: the suppression (one release per month over every node of the
district tree, `signaal.suppression`), the roll-up, the chart and the table. The ratio of the
page to its floor is what those cost.

How the SQL differs from Django's and why it counts the same:

* Months are local (Europe/Amsterdam) months. The product (`signaal.queries.MonthOf`) and the
  floor both put each moment in its month with one `CASE` over the month starts, computed in
  Python as aware datetimes, which both drivers compare natively.
* A contact moment with two topics counts once under each. Django counts `DISTINCT` ids; a
  topic's name is unique and the through table holds a (moment, topic) pair once, so a group
  holds each moment at most once and `COUNT(*)` is the same number.
* The waits per step are four GROUP BYs in the product, one statement of four `UNION ALL`
  branches here. A wait is binned as elapsed time: an interval comparison on PostgreSQL (as
  Django's), exact microseconds since the epoch on SQLite (Django computes them in Python).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .audit import actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import POSTGRESQL, query, to_json
from .target import Target

ZONE = ZoneInfo("Europe/Amsterdam")  # settings.TIME_ZONE
FIGURE_TYPE = "signaal.figuur"  # signaal.guards.FIGURE_TYPE
SIGNAL_ROLES = ("manager",)  # access.rules.SIGNAL_ROLES; the self-check compares them
NOT_ALLOWED = "De cijfers van de signaalfunctie zijn voor managers en het netwerkoverleg."

# Copies of signaal.queries_verwijzing (which imports Django); the self-check compares them.
WAIT_BINS = (
    ("tot_1_week", 7),
    ("1_tot_2_weken", 14),
    ("2_tot_4_weken", 28),
    ("4_tot_8_weken", 56),
    ("8_weken_of_meer", None),
)
STEPS = (
    ("verzonden_gematcht", "sent_at", "matched_at"),
    ("gematcht_doorgestuurd", "matched_at", "forwarded_at"),
    ("doorgestuurd_geaccepteerd", "forwarded_at", "accepted_at"),
    ("geaccepteerd_eerste_contact", "accepted_at", "first_contact_at"),
)

# endpoint -> (figure key in the URL, the selector's name that the access log records)
PAGES = {
    "signaal_zorgniveaus": ("zorgniveaus", "zorgniveaus"),
    "signaal_contacten": ("contactmomenten_topic", "contactmomenten"),
    "signaal_wachttijd": ("wachttijd_per_stap", "wachttijd_per_stap"),
}


# --- the period ---------------------------------------------------------------------------------


def default_period(today: date) -> tuple[date, date]:
    """signaal.forms.default_period: the last twelve full months before `today`'s month."""
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    for _ in range(11):
        first = (first - timedelta(days=1)).replace(day=1)
    return first, last


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month first..last, and of the month after `last` (the end)."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return [*months, month]


def _local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=ZONE)


def month_of(column: str, starts: list[date]) -> tuple[str, list]:
    """`CASE` putting a moment in its local month (the range itself is the WHERE's)."""
    whens = " ".join(f"WHEN {column} < ? THEN ?" for _ in starts[1:-1])
    params: list = []
    for month, following in zip(starts[:-2], starts[1:-1], strict=True):
        params += [_local_midnight(following), month.isoformat()]
    return f"CASE {whens} ELSE ? END", [*params, starts[-2].isoformat()]


def _in_months(column: str, starts: list[date]) -> tuple[str, list]:
    return f"{column} >= ? AND {column} < ?", [
        _local_midnight(starts[0]),
        _local_midnight(starts[-1]),
    ]


# --- the door and the look ------------------------------------------------------------------------

GOVERNANCE = "SELECT 1 FROM network_governancemembership WHERE professional_id = ? LIMIT 1"


def _describe(filters: dict) -> str:
    """signaal.selectors._describe: the filters as the access log's reason records them."""
    return ", ".join(
        f"{k}={v.isoformat() if isinstance(v, date) else v}" for k, v in sorted(filters.items())
    )


def _door(conn, vendor: str, target: Target, logged_as: str, filters: dict):
    """The manager (or a member of a governance tier) may look; the look is one entry."""
    actor = actor_of(conn, vendor, target.manager_user_id)
    if set(SIGNAL_ROLES) & set(actor.roles.split(",")):
        why = "manager/beleid"
    elif query(conn, vendor, GOVERNANCE, [actor.professional_id]).fetchone():
        why = "lid van het netwerkoverleg"
    else:
        fields = audit_fields(
            actor,
            action="read",
            outcome="denied",
            object_type=FIGURE_TYPE,
            object_uuid=logged_as,
            reason="geen manager of lid van het netwerkoverleg",
        )
        log_look(conn, vendor, fields, [])
        return None
    fields = audit_fields(
        actor,
        action="read",
        object_type=FIGURE_TYPE,
        object_uuid=logged_as,
        basis="role",
        reason=f"{why}; {_describe(filters)}",
    )
    log_look(conn, vendor, fields, [])
    return actor


DISTRICTS = "SELECT id, kind, parent_id, name FROM network_district ORDER BY id"


def _districts(conn, vendor: str) -> list:
    return [list(r) for r in query(conn, vendor, DISTRICTS).fetchall()]


# --- the aggregates -------------------------------------------------------------------------------

OPEN_CASES = """
SELECT f.district_id, c.level, COUNT(*) FROM coordination_case c
  JOIN families_family f ON f.id = c.family_id
 WHERE c.status = 'open'
 GROUP BY f.district_id, c.level"""


def open_cases_by_level(conn, vendor: str) -> list:
    """queries.open_cases_by_level(): (family's district, level, open cases) now."""
    return [list(r) for r in query(conn, vendor, OPEN_CASES).fetchall()]


CONTACTS_BY_TOPIC = """
SELECT {month} AS month, l.district_id, t.name, COUNT(*)
  FROM frontdoor_contactmoment cm
  LEFT JOIN frontdoor_location l ON l.id = cm.location_id
  LEFT JOIN frontdoor_contactmoment_topics ct ON ct.contactmoment_id = cm.id
  LEFT JOIN frontdoor_topic t ON t.id = ct.topic_id
 WHERE {within}
 GROUP BY 1, 2, 3"""


def contacts_by_topic(conn, vendor: str, first: date, last: date) -> list:
    """queries.contacts_by_month("topic", ...): (month, location's district, topic, moments)."""
    starts = month_starts(first, last)
    month, month_params = month_of("cm.occurred_at", starts)
    within, within_params = _in_months("cm.occurred_at", starts)
    sql = CONTACTS_BY_TOPIC.format(month=month, within=within)
    rows = query(conn, vendor, sql, [*month_params, *within_params]).fetchall()
    return [[str(m), d, name or "", n] for m, d, name, n in rows]


def _micros(column: str) -> str:
    """A stored SQLite datetime ('YYYY-MM-DD HH:MM:SS[.ffffff]', naive UTC) in microseconds."""
    return (
        f"(CAST(strftime('%s', {column}) AS INTEGER) * 1000000"
        f" + CAST(substr({column} || '.000000', 21, 6) AS INTEGER))"
    )


def _waited_at_most(vendor: str, began: str, ended: str, days: int) -> str:
    if vendor == POSTGRESQL:
        return f"{ended} - {began} <= INTERVAL '{days} days'"
    return f"{_micros(ended)} - {_micros(began)} <= {days * 86_400_000_000}"


def waits_by_step(conn, vendor: str, first: date, last: date) -> list:
    """queries_verwijzing.waits_by_step: (month the step ended, step, wait bin, referrals)."""
    starts = month_starts(first, last)
    branches, params = [], []
    for key, began, ended in STEPS:
        month, month_params = month_of(f"r.{ended}", starts)
        within, within_params = _in_months(f"r.{ended}", starts)
        bins = " ".join(
            f"WHEN {_waited_at_most(vendor, f'r.{began}', f'r.{ended}', days)} THEN '{name}'"
            for name, days in WAIT_BINS
            if days is not None
        )
        branches.append(
            f"SELECT {month} AS month, '{key}' AS step,"
            f" CASE {bins} ELSE '{WAIT_BINS[-1][0]}' END AS bin, COUNT(*) AS n"
            f" FROM verwijzing_referral r WHERE r.{began} IS NOT NULL AND {within}"
            " GROUP BY 1, 2, 3"
        )
        params += [*month_params, *within_params]
    rows = query(conn, vendor, "\nUNION ALL\n".join(branches), params).fetchall()
    return [[str(m), step, bin_, n] for m, step, bin_, n in rows]


# --- the floors -----------------------------------------------------------------------------------


def _refused() -> bytes:
    return to_json({"detail": NOT_ALLOWED})


def zorgniveaus_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /signaal/zorgniveaus/: open cases per family district and level, today."""
    ensure_scratch(conn, vendor)
    if _door(conn, vendor, target, "zorgniveaus", {"area": None}) is None:
        return _refused()
    body = {"districts": _districts(conn, vendor), "rows": open_cases_by_level(conn, vendor)}
    return to_json(body)


def contacten_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /signaal/contactmomenten_topic/: contact moments per month, district and topic."""
    ensure_scratch(conn, vendor)
    first, last = default_period(target.today)
    filters = {"dimension": "topic", "first": first, "last": last, "area": None}
    if _door(conn, vendor, target, "contactmomenten", filters) is None:
        return _refused()
    body = {
        "districts": _districts(conn, vendor),
        "rows": contacts_by_topic(conn, vendor, first, last),
    }
    return to_json(body)


def wachttijd_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /signaal/wachttijd_per_stap/: referrals per step and wait bin, per month."""
    ensure_scratch(conn, vendor)
    first, last = default_period(target.today)
    if _door(conn, vendor, target, "wachttijd_per_stap", {"first": first, "last": last}) is None:
        return _refused()
    return to_json({"rows": waits_by_step(conn, vendor, first, last)})


FLOORS = {
    "signaal_zorgniveaus": zorgniveaus_floor,
    "signaal_contacten": contacten_floor,
    "signaal_wachttijd": wachttijd_floor,
}


# --- the target: who looks ------------------------------------------------------------------------
