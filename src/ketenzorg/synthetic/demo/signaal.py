"""A year of Demostad's contact moments, so the demo manager's signal function has figures.

The front door's own demo (`frontdoor.py`) writes the last six weeks, a few dozen moments:
at the signal function's threshold of 10 every month, channel and topic of that would be
hidden. This adds the twelve full months before the current one, at a rate a city of this
size plausibly sees (about 170 a month), with a few common topics and a seasonal wave, and one
topic ("Media en gamen") rising sharply in the last full month, so the dashboard shows lines,
hidden cells beside shown ones, and the rise mark. Walk-in visits fall inside their location's
hours and calls inside the phone line's, as in `frontdoor.py`. All of it synthetic.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.aanbod.models import Topic
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.core.workdays import is_working_day
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    Channel,
    ContactMoment,
    ContactOutcome,
    LocationKind,
    OpeningHours,
)
from ketenzorg.network.models import Professional, Role
from ketenzorg.synthetic.demo.hours import during, working_day_on_or_before

RANDOM_SEED = 2016
MONTHS = 12
PER_MONTH = 170
RISING_TOPIC = "Media en gamen"
# Relative weights: what parents of young children ask most, then the rest.
COMMON = {
    "Slapen": 9,
    "Eten en drinken": 7,
    "Driftbuien en boosheid": 6,
    "Grenzen stellen": 6,
    "School en leren": 5,
    "Media en gamen": 5,
    "Huilen en troosten": 4,
}
AGE_GROUPS = ["0-4", "0-4", "4-12", "4-12", "4-12", "12-18", "12-18", "18-23", "onbekend"]
ADVICE = "Advies gegeven en informatie meegegeven (demo, verzonnen)."


def _months_back(today: date) -> list[date]:
    month = today.replace(day=1)
    months = []
    for _ in range(MONTHS):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


def _days(month: date) -> list[date]:
    following = (month + timedelta(days=32)).replace(day=1)
    return [month + timedelta(days=n) for n in range((following - month).days)]


def _has_history(today: date) -> bool:
    first = _months_back(today)[0]
    return ContactMoment.objects.filter(occurred_at__date__lt=first + timedelta(days=20)).exists()


def load_demo(*, stdout=None) -> int:
    """Add the year of contact moments once; returns how many were written."""
    today = timezone.localdate()
    advisers = list(
        Professional.objects.filter(
            is_active=True, role_assignments__role=Role.OPVOEDADVISEUR
        ).distinct()
    )
    topics = {t.name: t for t in Topic.objects.filter(is_active=True)}
    slots = list(OpeningHours.objects.select_related("location", "adviser"))
    if not advisers or not topics or _has_history(today):
        return 0
    rng = random.Random(RANDOM_SEED)
    names = sorted(topics)
    weights = [COMMON.get(name, 1) for name in names]
    months = _months_back(today)
    moments = []
    for index, month in enumerate(months):
        season = 1 + 0.15 * math.sin(2 * math.pi * (month.month - 3) / 12)
        rising = index == len(months) - 1
        working = [d for d in _days(month) if is_working_day(d)]
        for _ in range(round(PER_MONTH * season)):
            day = rng.choice(working)
            chosen = {
                names[i] for i in rng.choices(range(len(names)), weights, k=rng.choice((1, 1, 2)))
            }
            if rising and rng.random() < 0.2:
                chosen.add(RISING_TOPIC)
            moments.append((_moment(rng, day, slots, advisers), [topics[n] for n in chosen]))
    with transaction.atomic():
        ContactMoment.objects.bulk_create([m for m, _ in moments])
        Through = ContactMoment.topics.through
        Through.objects.bulk_create(
            Through(contactmoment_id=m.pk, topic_id=t.pk) for m, chosen in moments for t in chosen
        )
        audit_record(
            actor=None,
            action=Action.IMPORT,
            reason="demostad: een jaar contactmomenten voor de signaalfunctie",
        )
    if stdout is not None:
        stdout.write(f"Signaalfunctie: {len(moments)} contactmomenten over {MONTHS} maanden.\n")
    return len(moments)


def _moment(rng, day, slots, advisers) -> ContactMoment:
    day_slots = [
        s for s in slots if s.weekday == day.weekday() and s.location.kind == LocationKind.WALK_IN
    ]
    if day_slots and rng.random() < 0.55:
        slot = rng.choice(day_slots)
        channel, location = Channel.WALK_IN, slot.location
        adviser = slot.adviser or rng.choice(advisers)
        at = during(rng, day, slot.opens, slot.closes, lasting=15)
    else:
        channel, location, adviser = Channel.PHONE, None, rng.choice(advisers)
        at = during(
            rng, working_day_on_or_before(day), rules.PHONE_OPENS, rules.PHONE_CLOSES, lasting=10
        )
    return ContactMoment(
        channel=channel,
        location=location,
        adviser=adviser,
        occurred_at=at,
        age_group=rng.choice(AGE_GROUPS),
        advice=ADVICE,
        outcome=rng.choices([ContactOutcome.ADVICE, ContactOutcome.FOLLOW_UP], weights=(80, 20))[0],
    )
