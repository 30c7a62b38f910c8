"""A year of the front door's contact moments, which the seed does not make, for the signal
function's contact figures (issue 16). Imported by `inside.py` after Django is set up.

`ketenzorg seed` builds the network, families, cases, the catalogue and the referral chain,
but no front door: no walk-in locations and no contact moments, so `/signaal/contactmomenten_*/`
would be measured on an empty table. The bench adds, once per month it finds empty, the
contact moments of the last twelve full months at one a year per ten young people (0–23) —
metro ≈ 1 500 a month, nation ≈ 35 000 — with a gentle seasonal wave: 55 % at a walk-in
location (one per gebied, so every gebied and stadsdeel of the district tree gets counts),
the rest by phone (no location, "zonder gebied"); one or two of the active topics, a few
common ones more often; an age group and an outcome. All of it synthetic, nobody real.

A kept database keeps what was added; a run in a later month adds the months that are new.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ketenzorg.aanbod.models import Topic
from ketenzorg.core.workdays import is_working_day
from ketenzorg.families.models import Person
from ketenzorg.frontdoor.models import (
    AgeGroup,
    Channel,
    ContactMoment,
    ContactOutcome,
    Location,
    LocationKind,
)
from ketenzorg.network.models import District, Professional, Role

RANDOM_SEED = 1616
PER_YOUTH_A_YEAR = 0.1
WALK_IN_SHARE = 0.55
COMMON_TOPICS = 7  # the first topics by sort order are asked about three times as often
ADVICE = "Advies gegeven (benchmark, verzonnen)."
# With the gebied's id: the nation's cities repeat gebied names.
LOCATION_NAME = "Inloop {gebied} ({pk}, benchmark)"
ZONE = ZoneInfo("Europe/Amsterdam")


def _months(today: date) -> list[date]:
    """The twelve full months before `today`'s month (the dashboard's default period)."""
    month, months = today.replace(day=1), []
    for _ in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return sorted(months)


def _locations() -> list[Location]:
    """One walk-in location per gebied (made once, found again by name in a kept database)."""
    found = []
    for gebied in District.objects.filter(kind="gebied").order_by("pk"):
        location, _ = Location.objects.get_or_create(
            name=LOCATION_NAME.format(gebied=gebied.name, pk=gebied.pk)[:200],
            defaults={"kind": LocationKind.WALK_IN, "district": gebied, "city": gebied.name[:100]},
        )
        found.append(location)
    return found


def _youth(today: date) -> int:
    born_after = today.replace(year=today.year - 23)
    return Person.objects.filter(birthdate__gt=born_after).count()


def add_year(today: date | None = None) -> dict:
    """Add the contact moments of every month of the period that has none; say what is there."""
    today = today or timezone.localdate()
    months = _months(today)
    start = datetime.combine(months[0], time.min, tzinfo=ZONE)
    present = {
        (r["month"].date() if isinstance(r["month"], datetime) else r["month"]): r["n"]
        for r in ContactMoment.objects.filter(occurred_at__gte=start)
        .annotate(month=TruncMonth("occurred_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    empty = [m for m in months if not present.get(m)]
    added = 0
    if empty:
        added = _add(empty, _youth(today))
    return {
        "contact_moments": sum(present.get(m, 0) for m in months) + added,
        "contact_moments_added": added,
        "per_youth_a_year": PER_YOUTH_A_YEAR,
    }


def _add(months: list[date], youth: int) -> int:
    advisers = list(
        Professional.objects.filter(is_active=True, role_assignments__role=Role.OPVOEDADVISEUR)
        .distinct()
        .values_list("pk", flat=True)
    )
    topics = list(Topic.objects.filter(is_active=True).order_by("sort_order", "name"))
    if not advisers or not topics:
        raise SystemExit("geen opvoedadviseurs of onderwerpen: seed eerst (ketenzorg seed)")
    locations = _locations()
    weights = [3 if i < COMMON_TOPICS else 1 for i in range(len(topics))]
    age_groups = [AgeGroup.UNDER_4, AgeGroup.FROM_4, AgeGroup.FROM_4, AgeGroup.FROM_12,
                  AgeGroup.FROM_18, AgeGroup.UNKNOWN]  # fmt: skip
    outcomes = [ContactOutcome.ADVICE, ContactOutcome.FOLLOW_UP, ContactOutcome.MORE_HELP]
    rng = random.Random(RANDOM_SEED)
    Through = ContactMoment.topics.through
    added = 0
    for month in months:
        season = 1 + 0.15 * math.sin(2 * math.pi * (month.month - 3) / 12)
        following = (month + timedelta(days=32)).replace(day=1)
        days = [month + timedelta(days=n) for n in range((following - month).days)]
        working = [d for d in days if is_working_day(d)]
        moments, chosen = [], []
        for _ in range(round(youth * PER_YOUTH_A_YEAR / 12 * season)):
            walk_in = rng.random() < WALK_IN_SHARE
            minute = rng.randrange(9 * 60, 17 * 60)
            at = datetime.combine(rng.choice(working), time(minute // 60, minute % 60), ZONE)
            moments.append(
                ContactMoment(
                    channel=Channel.WALK_IN if walk_in else Channel.PHONE,
                    location=rng.choice(locations) if walk_in else None,
                    adviser_id=rng.choice(advisers),
                    occurred_at=at,
                    age_group=rng.choice(age_groups),
                    advice=ADVICE,
                    outcome=rng.choices(outcomes, weights=(75, 20, 5))[0],
                )
            )
            picked = rng.choices(range(len(topics)), weights, k=rng.choice((1, 1, 2)))
            chosen.append(sorted({topics[i].pk for i in picked}))
        with transaction.atomic():  # one month at a time: the nation's year is ~420 000 rows
            ContactMoment.objects.bulk_create(moments, batch_size=2000)
            Through.objects.bulk_create(
                (
                    Through(contactmoment_id=m.pk, topic_id=t)
                    for m, ts in zip(moments, chosen, strict=True)
                    for t in ts
                ),
                batch_size=5000,
            )
        added += len(moments)
    return added
