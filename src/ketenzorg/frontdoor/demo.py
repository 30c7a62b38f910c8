"""The front door of Demostad: 15 walk-in locations, the phone line, questions, contact moments.

`ketenzorg demo` calls `load_demo()` after the city itself is loaded. It is idempotent:
each part is created only when it is missing, so a second run changes nothing. All people
are synthetic; the phone number is in the unassigned 0999 range; e-mail addresses use the
reserved `.invalid` domain.
"""

from __future__ import annotations

import random
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
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
from ketenzorg.network.models import (
    District,
    DistrictKind,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    RoleAssignment,
)

CITY_NAME = "Demostad"
PHONE_NAME = "OKé-telefoon"
PHONE_NUMBER = "(0999) 123 45 67"
RANDOM_SEED = 3003
EMAIL_DOMAIN = "voorbeeld.invalid"

# stadsdeel -> postcode areas (the same as the Demostad of `ketenzorg.synthetic`)
STADSDELEN = {
    "Centrum": "9901,9902,9903",
    "Haven": "9911,9912,9913,9914",
    "Buiten": "9921,9922,9923",
    "Poort": "9931,9932,9933",
    "Hout": "9941,9942,9943",
    "Noord": "9951,9952,9953",
}

# (stadsdeel, health centre, street, postcode, weekly slots as (weekday, "HH:MM", "HH:MM"))
LOCATIONS = [
    (
        "Centrum",
        "Gezondheidscentrum Stadshart",
        "Marktplein 4",
        "9901 AC",
        [(1, "09:00", "11:00"), (3, "13:30", "15:30")],
    ),
    (
        "Centrum",
        "Gezondheidscentrum De Kolk",
        "Kolkgracht 17",
        "9903 BK",
        [(0, "13:30", "15:30"), (4, "09:00", "11:00")],
    ),
    (
        "Centrum",
        "Gezondheidscentrum Stationsplein",
        "Stationsplein 2",
        "9902 AP",
        [(2, "09:00", "11:00")],
    ),
    (
        "Haven",
        "Gezondheidscentrum Havenkwartier",
        "Kadewerf 8",
        "9911 HK",
        [(0, "09:00", "11:00"), (2, "13:30", "15:30")],
    ),
    (
        "Haven",
        "Gezondheidscentrum Kustwijk",
        "Duinlaan 33",
        "9913 KW",
        [(1, "13:30", "15:30"), (4, "09:00", "11:00")],
    ),
    ("Haven", "Gezondheidscentrum De Pier", "Pierweg 5", "9914 PW", [(3, "09:00", "11:00")]),
    (
        "Buiten",
        "Gezondheidscentrum Veldwijk",
        "Korenbloemstraat 21",
        "9921 VW",
        [(1, "09:00", "11:00"), (3, "09:00", "11:00")],
    ),
    ("Buiten", "Gezondheidscentrum Akkerhof", "Akkerhof 1", "9923 AH", [(2, "13:30", "15:30")]),
    (
        "Poort",
        "Gezondheidscentrum Poortwijk",
        "Poortlaan 40",
        "9931 PL",
        [(0, "09:00", "11:00"), (3, "13:30", "15:30")],
    ),
    (
        "Poort",
        "Gezondheidscentrum Stationsbuurt",
        "Spoorstraat 12",
        "9932 SB",
        [(1, "13:30", "15:30")],
    ),
    ("Poort", "Gezondheidscentrum Poortpark", "Parkrand 3", "9933 PP", [(4, "09:00", "11:00")]),
    (
        "Hout",
        "Gezondheidscentrum Houtwijk",
        "Eikenlaan 9",
        "9941 EL",
        [(0, "13:30", "15:30"), (2, "09:00", "11:00")],
    ),
    ("Hout", "Gezondheidscentrum Bosrand", "Bosrandweg 27", "9943 BR", [(3, "09:00", "11:00")]),
    (
        "Noord",
        "Gezondheidscentrum Noorderplas",
        "Plasweg 14",
        "9951 NP",
        [(1, "09:00", "11:00"), (4, "13:30", "15:30")],
    ),
    ("Noord", "Gezondheidscentrum Dijkzicht", "Dijkstraat 2", "9952 DZ", [(2, "09:00", "11:00")]),
]

EXTRA_ADVISERS = [("Noor", "Proefhuizen"), ("Ilse", "van Verzinsel"), ("Karim", "Oefenhof")]

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
    created = {"locations": 0, "advisers": 0, "questions": 0, "contact_moments": 0}
    with transaction.atomic():
        rng = random.Random(RANDOM_SEED)
        stadsdelen = _stadsdelen()
        advisers = _advisers(created)
        locations = _locations(stadsdelen, advisers, created)
        _phone_line(created)
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
                "Informatie en advies: {locations} locaties, {advisers} extra opvoedadviseurs, {questions} online vragen, "
                "{contact_moments} contactmomenten aangemaakt; telefoon {phone}.".format(
                    phone=PHONE_NUMBER, **created
                )
            )
        else:
            stdout.write("Informatie en advies bestaat al; er is niets veranderd.")
    return created


def _stadsdelen() -> dict[str, District]:
    city = District.objects.filter(
        name=CITY_NAME, kind=DistrictKind.CITY, parent__isnull=True
    ).first()
    if city is None:
        city = District.objects.create(name=CITY_NAME, kind=DistrictKind.CITY)
    found = {}
    for name, prefixes in STADSDELEN.items():
        district = District.objects.filter(
            name=name, kind=DistrictKind.STADSDEEL, parent=city
        ).first()
        if district is None:
            district = District.objects.create(
                name=name, kind=DistrictKind.STADSDEEL, parent=city, postcode_prefixes=prefixes
            )
        found[name] = district
    return found


def _advisers(created) -> list[Professional]:
    """The demo account `opvoedadviseur` and colleagues; at least four to fill the schedule."""
    advisers = list(
        Professional.objects.filter(is_active=True, role_assignments__role=Role.OPVOEDADVISEUR)
        .distinct()
        .order_by("user__username", "last_name", "id")
    )
    if len(advisers) >= 4:
        return advisers
    organisation = Organisation.objects.filter(kind=OrganisationKind.CJG).order_by("id").first()
    if organisation is None:
        organisation, _ = Organisation.objects.get_or_create(
            name="OKé-punt Demostad (CJG)",
            defaults={"kind": OrganisationKind.CJG, "domains": ["zorg", "welzijn"]},
        )
    for first, last in EXTRA_ADVISERS:
        email = f"{first.lower()}.{last.lower().replace(' ', '')}@{EMAIL_DOMAIN}"
        professional, was_created = Professional.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "organisation": organisation},
        )
        RoleAssignment.objects.get_or_create(professional=professional, role=Role.OPVOEDADVISEUR)
        if was_created:
            created["advisers"] += 1
            advisers.append(professional)
    return advisers


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _locations(stadsdelen, advisers, created) -> list[Location]:
    result = []
    slot_number = 0
    today = timezone.localdate()
    for index, (stadsdeel, centre, street, postcode, slots) in enumerate(LOCATIONS):
        name = f"Inloopspreekuur {centre.removeprefix('Gezondheidscentrum ')}"
        location = Location.objects.filter(name=name).first()
        if location is None:
            location = Location.objects.create(
                kind=LocationKind.WALK_IN, name=name, health_centre=centre, street=street, postcode=postcode,
                city=CITY_NAME, district=stadsdelen[stadsdeel],
                directions="Ingang naast de huisartsenpraktijk; toegankelijk met rolstoel en kinderwagen.",
            )  # fmt: skip
            OpeningHours.objects.bulk_create(
                OpeningHours(
                    location=location,
                    weekday=weekday,
                    opens=_hhmm(opens),
                    closes=_hhmm(closes),
                    adviser=advisers[(slot_number + n) % len(advisers)] if advisers else None,
                )  # fmt: skip
                for n, (weekday, opens, closes) in enumerate(slots)
            )
            if index in (2, 9):
                OpeningException.objects.create(
                    location=location, date=today + timedelta(days=9 + index), is_closed=True,
                    reason="verbouwing gezondheidscentrum" if index == 2 else "studiedag opvoedadviseurs",
                )  # fmt: skip
            created["locations"] += 1
        slot_number += len(slots)
        result.append(location)
    return result


def _phone_line(created) -> Location:
    phone = Location.objects.filter(kind=LocationKind.PHONE).first()
    if phone is None:
        phone = Location.objects.create(
            kind=LocationKind.PHONE, name=PHONE_NAME, phone_number=PHONE_NUMBER, city=CITY_NAME
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
    topics = {t.name: t for t in Topic.objects.all()}
    now = timezone.now()
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
        asked_at = now - timedelta(days=len(QUESTIONS) - n, hours=rng.randint(0, 10))
        adviser = advisers[n % len(advisers)] if advisers else None
        question = Question.objects.create(
            reference=_reference(rng),
            asker_kind=AskerKind.YOUTH if youth else AskerKind.PARENT,
            topic=topic,
            text=text,
            child_age=age,
            email=f"vraagsteller{n + 1}@{EMAIL_DOMAIN}" if with_email else "",
            consent_at=asked_at,
            privacy_notice_version=rules.PRIVACY_NOTICE_VERSION,
            status=status,
            assigned_to=adviser if status != QuestionStatus.NEW else None,
        )
        Question.objects.filter(pk=question.pk).update(created_at=asked_at)
        if status in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED) and adviser is not None:
            answered_at = asked_at + timedelta(days=1)
            Question.objects.filter(pk=question.pk).update(
                answer=ANSWER, answered_by=adviser, answered_at=answered_at,
                answer_emailed_at=answered_at if with_email else None,
                closed_at=answered_at + timedelta(days=2) if status == QuestionStatus.CLOSED else None,
            )  # fmt: skip
            moment = ContactMoment.objects.create(
                channel=Channel.ONLINE, adviser=adviser, occurred_at=answered_at, age_group=rules.age_group_for(age),
                advice=ANSWER, outcome=ContactOutcome.ADVICE, question=question,
            )  # fmt: skip
            moment.topics.set([topic])
        created["questions"] += 1


def _contact_moments(rng, advisers, locations, created) -> None:
    if not advisers:
        return
    topics = list(Topic.objects.filter(is_active=True))
    slots = list(
        OpeningHours.objects.filter(location__in=locations).select_related("location", "adviser")
    )
    now = timezone.now()
    today = timezone.localdate()
    moments = []
    for n in range(60):
        day = today - timedelta(days=rng.randint(1, 42))
        channel = rng.choices([Channel.WALK_IN, Channel.PHONE], weights=(55, 45))[0]
        day_slots = [s for s in slots if s.weekday == day.weekday()]
        if channel == Channel.WALK_IN and day_slots:
            slot = rng.choice(day_slots)
            location, adviser = slot.location, slot.adviser or rng.choice(advisers)
            at = rules.local_instant(day, slot.opens) + timedelta(minutes=rng.randint(5, 100))
        else:
            channel, location, adviser = Channel.PHONE, None, rng.choice(advisers)
            at = rules.local_instant(day, time(9, 0)) + timedelta(minutes=rng.randint(0, 440))
        if at > now:
            continue
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
