"""Demostad's front door: its walk-in hours, the phone line, online questions, contact moments.

Runs on top of the city (`loader.load_city`): the walk-in hours are the map's (`city`), staffed by
the city's opvoedadviseurs. It is idempotent: each part is created only when it is missing, so a
second run changes nothing. Every moment falls on a working day inside its opening hours, or
inside the working day for online answers (`hours`).
"""

from __future__ import annotations

import random
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.core.workdays import add_working_days, is_working_day
from ketenzorg.frontdoor import rules
from ketenzorg.frontdoor.models import (
    AskerKind,
    Channel,
    ContactMoment,
    ContactOutcome,
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Question,
    QuestionStatus,
    Topic,
)
from ketenzorg.network.models import District, DistrictKind, Professional, Role
from ketenzorg.synthetic.demo import city
from ketenzorg.synthetic.demo.hours import during, working_day_on_or_before, working_days_back

RANDOM_SEED = 3003
CONTACT_MOMENTS = 60

# (topic, age, text) — written after the questions in the seed's preface.
QUESTIONS = [
    (
        "Puberteit",
        14,
        "Hoe zorg ik ervoor dat mijn dochter van veertien weer naar mij luistert? Alles wat ik zeg is 'stom'.",
    ),
    (
        "Opvoeden samen",
        6,
        "Mijn partner en ik denken verschillend over opvoeding. Ik ben streng, hij laat veel toe. Hoe gaan we hiermee om?",
    ),
    (
        "Alcohol, roken en drugs",
        13,
        "Hoe kan ik ervoor zorgen dat mijn zoon van dertien stopt met roken? Ik vond sigaretten in zijn jas.",
    ),
    (
        "Grenzen stellen",
        4,
        "Hoe stel ik grenzen zonder steeds boos te worden? Mijn zoon van vier luistert pas als ik schreeuw.",
    ),
    (
        "Slapen",
        2,
        "Onze dochter van twee wil elke avond pas na tien uur slapen en komt 's nachts bij ons in bed. Wat kunnen we doen?",
    ),
    (
        "Eten en drinken",
        1,
        "Mijn zoontje van een jaar eet bijna geen groente meer. Moet ik me zorgen maken?",
    ),
    (
        "Media en gamen",
        11,
        "Mijn zoon van elf gamet elke dag uren en wordt boos als ik de computer uitzet. Hoeveel is normaal?",
    ),
    (
        "Pesten",
        9,
        "Mijn dochter wordt op school buitengesloten en wil 's ochtends niet meer naar school. Hoe kan ik haar helpen?",
    ),
    (
        "Scheiding en samengestelde gezinnen",
        8,
        "Wij gaan uit elkaar. Hoe vertellen we het onze kinderen van acht en vijf?",
    ),
    (
        "Angst en piekeren",
        12,
        "Mijn dochter van twaalf ligt elke avond te piekeren over de overstap naar de middelbare school.",
    ),
    (
        "Zindelijkheid",
        5,
        "Mijn zoon van vijf plast nog elke nacht in bed. Is dat erg en wat kan ik doen?",
    ),
    (
        "Driftbuien en boosheid",
        3,
        "Mijn peuter krijgt driftbuien in de supermarkt. Ik schaam me en weet niet wat ik moet doen.",
    ),
    (
        "School en leren",
        15,
        "Mijn zoon van vijftien spijbelt en zegt dat school zinloos is. Hoe krijg ik hem weer gemotiveerd?",
    ),
    (
        "Vrienden en vrije tijd",
        16,
        "Ik vind de nieuwe vrienden van mijn dochter geen goede invloed. Mag ik het contact verbieden?",
    ),
    (
        "Broers en zussen",
        7,
        "Mijn twee kinderen maken de hele dag ruzie. Moet ik ingrijpen of ze het zelf laten oplossen?",
    ),
    (
        "Relaties en seksualiteit",
        13,
        "Mijn dochter van dertien heeft een vriendje van zestien. Hoe praat ik met haar over seks?",
    ),
    (
        "Huilen en troosten",
        0,
        "Onze baby van drie maanden huilt elke avond twee uur. We zijn uitgeput. Is dit normaal?",
    ),
    (
        "Rouw en verlies",
        10,
        "Opa is overleden. Mijn zoon van tien praat er niet over maar is snel boos. Hoe help ik hem?",
    ),
    (
        "Geldzorgen en stress thuis",
        6,
        "We hebben geldzorgen en er is veel spanning thuis. Merken de kinderen dat en hoe vang ik dat op?",
    ),
    (
        "Ontwikkeling en gedrag",
        3,
        "Mijn zoon van drie praat nog maar een paar woorden. Vanaf wanneer moet ik hulp zoeken?",
    ),
    (
        "Puberteit",
        17,
        "Ik ben zeventien en heb steeds ruzie met mijn moeder over uitgaan. Hoe kunnen we afspraken maken?",
    ),
    (
        "Angst en piekeren",
        15,
        "Ik ben vijftien en voel me al weken somber. Ik weet niet met wie ik moet praten.",
    ),
    ("Slapen", 8, "Mijn dochter van acht is bang in het donker en slaapt slecht. Heeft u tips?"),
    (
        "Grenzen stellen",
        10,
        "Hoe maak ik afspraken over zakgeld en klusjes met mijn kinderen van tien en twaalf?",
    ),
    (
        "Media en gamen",
        14,
        "Mijn dochter zit tot diep in de nacht op haar telefoon. Moet ik de telefoon 's avonds innemen?",
    ),
]

ANSWER = (
    "Dank voor uw vraag. Wat u beschrijft horen we vaker, en er is veel aan te doen. Een paar tips: "
    "kies een rustig moment om erover te praten, benoem wat u ziet zonder te oordelen en spreek samen één "
    "haalbare afspraak af. Houd het een paar weken vol en kijk dan wat het oplevert. Wilt u er verder over "
    "praten? Kom gerust langs op een inloopspreekuur of bel ons."
)

ADVICE = [
    "Tips gegeven over een vast ritueel en voorspelbare regels; ouder gaat het twee weken proberen.",
    "Uitleg over de normale ontwikkeling bij deze leeftijd; folder meegegeven.",
    "Samen met ouder besproken hoe het gesprek met de tiener te beginnen.",
    "Verwezen naar de cursus voor ouders uit het aanbod op maat.",
    "Geruststellend advies; ouder neemt contact op als het niet verbetert.",
    "Afspraak gemaakt voor een vervolggesprek op het inloopspreekuur over drie weken.",
    "Gesproken over afspraken rond schermtijd; voorbeeld van een gezinsafsprakenlijst meegegeven.",
]


def load_demo(*, stdout=None) -> dict:
    """Create what is missing of Demostad's front door; returns what was created."""
    created = {"locations": 0, "questions": 0, "contact_moments": 0}
    stadsdelen = _stadsdelen()
    advisers = _advisers()
    if not stadsdelen or not advisers:
        if stdout is not None:
            stdout.write("Informatie en advies: eerst de demostad laden.\n")
        return created
    with transaction.atomic():
        rng = random.Random(RANDOM_SEED)
        locations = _locations(stadsdelen, advisers, created)
        _phone_line()
        if not Question.objects.exists():
            _questions(rng, advisers, created)
        if not ContactMoment.objects.filter(question__isnull=True).exists():
            _contact_moments(rng, advisers, locations, created)
        if any(created.values()):
            audit_record(
                actor=None, action=Action.IMPORT, reason="demostad: informatie en advies geladen"
            )
    if stdout is not None:
        if any(created.values()):
            stdout.write(
                "Informatie en advies: {locations} locaties, {questions} online vragen, "
                "{contact_moments} contactmomenten aangemaakt; telefoon {phone}.\n".format(
                    phone=city.PHONE_NUMBER, **created
                )
            )
        else:
            stdout.write("Informatie en advies bestaat al; er is niets veranderd.\n")
    return created


def _stadsdelen() -> dict[str, District]:
    """The city's stadsdelen by name; empty when the city is not loaded."""
    return {
        d.name: d
        for d in District.objects.filter(
            kind=DistrictKind.STADSDEEL,
            parent__name=city.CITY_NAME,
            parent__kind=DistrictKind.CITY,
            parent__parent__isnull=True,
            name__in=city.STADSDELEN,
        )
    }


def _advisers() -> list[Professional]:
    """The city's opvoedadviseurs, the demo account first so that it has slots and questions."""
    account = city.account_for(Role.OPVOEDADVISEUR).username
    advisers = (
        Professional.objects.filter(is_active=True, role_assignments__role=Role.OPVOEDADVISEUR)
        .select_related("user")
        .distinct()
    )
    return sorted(advisers, key=lambda p: (getattr(p.user, "username", None) != account, p.pk))


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _locations(stadsdelen, advisers, created) -> list[Location]:
    result = []
    slot_number = 0
    today = timezone.localdate()
    for index, (stadsdeel, _gebied, walk_in) in enumerate(city.walk_ins()):
        location = Location.objects.filter(name=walk_in.name).first()
        if location is None:
            location = Location.objects.create(
                kind=LocationKind.WALK_IN, name=walk_in.name, health_centre=walk_in.health_centre,
                street=walk_in.street, postcode=walk_in.postcode, city=city.CITY_NAME,
                district=stadsdelen[stadsdeel],
                directions="Ingang naast de huisartsenpraktijk; toegankelijk met rolstoel en kinderwagen.",
            )  # fmt: skip
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    location=location,
                    weekday=weekday,
                    opens=_hhmm(opens),
                    closes=_hhmm(closes),
                    adviser=advisers[(slot_number + n) % len(advisers)],
                )
                for n, (weekday, opens, closes) in enumerate(walk_in.slots)
            )
            if index in (2, 9):
                OpeningException.objects.create(
                    location=location, date=today + timedelta(days=9 + index), is_closed=True,
                    reason="verbouwing gezondheidscentrum" if index == 2 else "studiedag opvoedadviseurs",
                )  # fmt: skip
            created["locations"] += 1
        slot_number += len(walk_in.slots)
        result.append(location)
    return result


def _phone_line() -> Location:
    phone = Location.objects.filter(kind=LocationKind.PHONE).first()
    if phone is None:
        phone = Location.objects.create(
            kind=LocationKind.PHONE,
            name=city.PHONE_NAME,
            phone_number=city.PHONE_NUMBER,
            city=city.CITY_NAME,
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(
                location=phone, weekday=d, opens=rules.PHONE_OPENS, closes=rules.PHONE_CLOSES
            )
            for d in range(5)
        )
    return phone


def _reference(rng) -> str:
    body = "".join(rng.choice(rules.REFERENCE_ALPHABET) for _ in range(8))
    return f"VR-{body[:4]}-{body[4:]}"


def _questions(rng, advisers, created) -> None:
    """The newest questions wait in the queue, older ones are answered, the oldest closed.

    A question is asked on a working day in office hours (asked online at night is real, but a
    queue of night-time questions answered at night is not what the demo should show); its
    answer comes the next working day, its closing two working days after that.
    """
    topics = {t.name: t for t in Topic.objects.all()}
    today = timezone.localdate()
    statuses = (
        [QuestionStatus.NEW] * 8
        + [QuestionStatus.ASSIGNED] * 5
        + [QuestionStatus.ANSWERED] * 7
        + [QuestionStatus.CLOSED] * 5
    )
    for n, ((topic_name, age, text), status) in enumerate(zip(QUESTIONS, statuses, strict=False)):
        topic = topics.get(topic_name) or topics.get("Overig")
        if topic is None:
            continue
        youth = age >= 15 and "Ik ben" in text
        with_email = n % 3 != 0 and status != QuestionStatus.CLOSED
        asked_on = working_days_back(today, n + 1)
        asked_at = during(rng, asked_on)
        adviser = advisers[n % len(advisers)]
        question = Question.objects.create(
            reference=_reference(rng),
            asker_kind=AskerKind.YOUTH if youth else AskerKind.PARENT,
            topic=topic,
            text=text,
            child_age=age,
            email=f"vraagsteller{n + 1}@{city.EMAIL_DOMAIN}" if with_email else "",
            consent_at=asked_at,
            privacy_notice_version=rules.PRIVACY_NOTICE_VERSION,
            status=status,
            assigned_to=adviser if status != QuestionStatus.NEW else None,
        )
        Question.objects.filter(pk=question.pk).update(created_at=asked_at)
        if status in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED):
            answered_on = add_working_days(asked_on, 1)
            answered_at = during(rng, answered_on)
            closed_at = during(rng, add_working_days(answered_on, 2))
            Question.objects.filter(pk=question.pk).update(
                answer=ANSWER, answered_by=adviser, answered_at=answered_at,
                answer_emailed_at=answered_at if with_email else None,
                closed_at=closed_at if status == QuestionStatus.CLOSED else None,
            )  # fmt: skip
            moment = ContactMoment.objects.create(
                channel=Channel.ONLINE, adviser=adviser, occurred_at=answered_at, age_group=rules.age_group_for(age),
                advice=ANSWER, outcome=ContactOutcome.ADVICE, question=question,
            )  # fmt: skip
            moment.topics.set([topic])
        created["questions"] += 1


def _contact_moments(rng, advisers, locations, created) -> None:
    """Walk-in visits inside their hour's slot (leaving a quarter for the talk), calls inside the
    phone line's hours; on working days of the last six weeks."""
    topics = list(Topic.objects.filter(is_active=True))
    slots = list(
        OpeningHours.objects.filter(location__in=locations).select_related("location", "adviser")
    )
    today = timezone.localdate()
    moments = []
    for n in range(CONTACT_MOMENTS):
        day = today - timedelta(days=rng.randint(1, 42))
        channel = rng.choices([Channel.WALK_IN, Channel.PHONE], weights=(55, 45))[0]
        day_slots = [s for s in slots if s.weekday == day.weekday()] if is_working_day(day) else []
        if channel == Channel.WALK_IN and day_slots:
            slot = rng.choice(day_slots)
            location, adviser = slot.location, slot.adviser or rng.choice(advisers)
            at = during(rng, day, slot.opens, slot.closes, lasting=15)
        else:
            channel, location, adviser = Channel.PHONE, None, rng.choice(advisers)
            day = working_day_on_or_before(day)
            at = during(rng, day, rules.PHONE_OPENS, rules.PHONE_CLOSES, lasting=10)
        moment = ContactMoment(
            channel=channel, location=location, adviser=adviser, occurred_at=at,
            age_group=rng.choice(["0-4", "4-12", "4-12", "12-18", "12-18", "18-23", "onbekend"]),
            advice=rng.choice(ADVICE),
            outcome=rng.choices([ContactOutcome.ADVICE, ContactOutcome.FOLLOW_UP], weights=(80, 20))[0],
            visitor_name="" if n % 5 else f"Ouder {n + 1} (verzonnen)",
        )  # fmt: skip
        moments.append((moment, rng.sample(topics, k=min(len(topics), rng.choice((1, 1, 2))))))
    ContactMoment.objects.bulk_create([m for m, _ in moments])
    Through = ContactMoment.topics.through
    Through.objects.bulk_create(
        Through(contactmoment_id=m.pk, topic_id=t.pk) for m, chosen in moments for t in chosen
    )
    created["contact_moments"] += len(moments)
