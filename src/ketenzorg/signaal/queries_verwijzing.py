"""The raw aggregates of the referral chain: how many referrals stand where, and how long each
step waited. Exact counts, so only `signaal.figures_verwijzing` calls them (and suppresses).

A waiting time is never published as a number: it is counted into a bin (up to a week, one to
two weeks, …), so every figure stays a table of counts that the suppression can protect. A
mean or a median over a small group would be a person's own waiting time.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import (
    Case as When_,
)
from django.db.models import (
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)

from ketenzorg.core.prepared import QueryPerValues, together
from ketenzorg.signaal.queries import as_date, local_month, within
from ketenzorg.verwijzing.models import Referral, ReferralAction, ReferralEvent, ReferralStatus

# The chain from sending on; a draft is the professional's own work, not yet in the chain.
STAGES = tuple(s for s in ReferralStatus.values if s != ReferralStatus.DRAFT)

# (key, upper bound in days of 24 hours, or None for the rest): the step's end minus its start,
# as elapsed time (a week is at most 7 × 24 hours, whatever the clocks did in between).
WAIT_BINS = (
    ("tot_1_week", 7),
    ("1_tot_2_weken", 14),
    ("2_tot_4_weken", 28),
    ("4_tot_8_weken", 56),
    ("8_weken_of_meer", None),
)
WAIT_COLUMNS = tuple(key for key, _ in WAIT_BINS)

# (key, start milestone, end milestone): the first time of each, kept on the referral's row.
STEPS = (
    ("verzonden_gematcht", "sent_at", "matched_at"),
    ("gematcht_doorgestuurd", "matched_at", "forwarded_at"),
    ("doorgestuurd_geaccepteerd", "forwarded_at", "accepted_at"),
    ("geaccepteerd_eerste_contact", "accepted_at", "first_contact_at"),
)
STEP_KEYS = tuple(key for key, _, _ in STEPS)


_BY_STAGE = QueryPerValues(
    lambda: (
        Referral.objects.exclude(status=ReferralStatus.DRAFT)
        .values_list("case__family__district_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ),
    name="signaal: referrals by stage",
)


def referrals_by_stage() -> dict[tuple[int | None, str], int]:
    """(family's district, status) -> referrals standing there now (drafts left out)."""
    return {(district, status): n for district, status, n in _BY_STAGE()}


def _wait_bin(wait):
    """The bin of a duration expression, as one CASE in the database."""
    whens = [
        When(**{f"{wait}__lte": timedelta(days=days)}, then=Value(key))
        for key, days in WAIT_BINS
        if days is not None
    ]
    return When_(*whens, default=Value(WAIT_BINS[-1][0]), output_field=CharField())


def _waits_of_step(began: str, ended: str):
    def build(first: date, last: date):
        return (
            Referral.objects.filter(**{f"{began}__isnull": False}, **within(ended, first, last))
            .annotate(
                wait=ExpressionWrapper(F(ended) - F(began), output_field=DurationField()),
                month=local_month(ended, first, last),
            )
            .annotate(bin=_wait_bin("wait"))
            .values("month", "bin")
            .annotate(n=Count("id"))
            .order_by()
        )

    return build


# Compiled once per period asked (the months' boundaries are in the SQL), all four steps in
# one round trip on PostgreSQL: compiling them took most of the figure's time.
_WAITS_OF_STEP = {
    key: QueryPerValues(_waits_of_step(began, ended), name=f"wachttijd: {key}")
    for key, began, ended in STEPS
}


def waits_by_step(first: date, last: date) -> dict[tuple[date, str, str], int]:
    """(month the step ended, step, wait bin) -> referrals; one GROUP BY per step."""
    counts: dict = {}
    found = together(*((_WAITS_OF_STEP[key], first, last) for key in STEP_KEYS))
    for key, rows in zip(STEP_KEYS, found, strict=True):
        for r in rows:
            counts[(as_date(r["month"]), key, r["bin"])] = r["n"]
    return counts


def _waits_by_provider(first: date, last: date):
    forwarded = (
        ReferralEvent.objects.filter(referral=OuterRef("pk"), action=ReferralAction.FORWARD)
        .order_by("-seq")
        .values("occurred_at")[:1]
    )
    return (
        Referral.objects.filter(provider__isnull=False, **within("first_contact_at", first, last))
        .annotate(forwarded=Subquery(forwarded))
        .filter(forwarded__isnull=False)
        .annotate(
            wait=ExpressionWrapper(
                F("first_contact_at") - F("forwarded"), output_field=DurationField()
            ),
            month=local_month("first_contact_at", first, last),
        )
        .annotate(bin=_wait_bin("wait"))
        .values("month", "provider__name", "bin")
        .annotate(n=Count("id"))
        .order_by()
    )


_WAITS_BY_PROVIDER = QueryPerValues(_waits_by_provider, name="signaal: waits by provider")


def waits_by_provider(first: date, last: date) -> dict[tuple[date, str, str], int]:
    """(month of the first contact, provider, wait bin) -> referrals.

    The wait is the family's: from the forwarding to this provider (the last forward, so a
    decline and a new match do not count against the provider who then took it) until the
    provider's first contact with the family.
    """
    return {
        (as_date(r["month"]), r["provider__name"], r["bin"]): r["n"]
        for r in _WAITS_BY_PROVIDER(first, last)
    }
