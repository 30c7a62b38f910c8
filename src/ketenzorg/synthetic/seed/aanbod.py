"""The catalogue (aanbod op maat) of one seeded city: providers' programmes, searchable.

The public search is benchmarked at metro and nation scale, so a seeded city needs a catalogue of
realistic size and spread: Demostad's templates (`synthetic.demo.aanbod`: plain-Dutch
descriptions, topics, ages, access routes, iJw categories) offered once per city, stadsdeel or
gebied by the provider each names, a second edition of welfare programmes from another welfare
provider in part of the areas, and the aanvullende jeugdhulp of several jeugdhulpaanbieders.
Waiting times come with the date they were last confirmed, some of them long ago (shown as out
of date); a few programmes are concepts or withdrawn, so the search has rows to leave out.

The rows carry their search terms from the product's own analyzer (`aanbod.services
.search_columns`), and go in through the bulk writer: on SQLite the FTS5 triggers index each row
as it is inserted, on PostgreSQL the GIN index follows the COPY. City-wide programmes name the
city as their district: with many cities in one database, "no district" would mean every city.

Its own generator per city, so adding this step changed none of the other seeded rows.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from ketenzorg.aanbod.models import AccessRoute, ProgrammeStatus
from ketenzorg.aanbod.services import search_columns
from ketenzorg.network.models import OrganisationKind
from ketenzorg.synthetic.demo.aanbod import TEMPLATES, Template
from ketenzorg.synthetic.seed.columns import AANBOD_TABLES, COLUMNS
from ketenzorg.synthetic.seed.parameters import (
    AANBOD_DRAFT,
    AANBOD_LANGUAGES,
    AANBOD_REFERRAL_PER_PROVIDER,
    AANBOD_SECOND_EDITION,
    AANBOD_STALE_EVERY,
    AANBOD_WAITING_WEEKS,
    AANBOD_WITHDRAWN,
    UUID_BITS,
    UUID_MASK,
)
from ketenzorg.synthetic.seed.plan import CityPlan

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.runner import Seeder

# The catalogue's own welfare providers beside the network's (key → name): the demo's keys, and
# two more that run second editions of welfare programmes.
WELFARE_PROVIDERS = {
    "welzijn:speel": "Speel- en Buurtwerk",
    "welzijn:slaap": "Stichting Slaapwel",
    "welzijn:sport": "Sportief Opgroeien",
    "welzijn:huiswerk": "Huiswerkklas",
    "welzijn:mantel": "Steunpunt Jonge Mantelzorgers",
    "welzijn:buurt": "Buurtkracht",
    "welzijn:opvoed": "De Opvoedwerkplaats",
}
SECOND_EDITION_BY = ("welzijn", "welzijn:speel", "welzijn:buurt", "welzijn:opvoed")
REFERRAL_PROVIDER = "aanbieder:"


def _weighted(rng: random.Random, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _is_welfare(key: str) -> bool:
    return key.startswith("welzijn") or key in {"cjg", "psz"}


class _City:
    """One city's catalogue being generated: its own generator, the rows per table."""

    def __init__(self, seeder: Seeder, plan: CityPlan):
        self.seeder, self.plan = seeder, plan
        self.rng = random.Random(f"ketenzorg-seed-aanbod:{seeder.tag}:{plan.index}")
        self.rows: dict[str, list[tuple]] = {t: [] for t in AANBOD_TABLES}
        self.providers = dict(plan.organisations)
        self.waiting_times = 0
        self.referral_providers = sorted(
            (k for k in plan.organisations if k.startswith(REFERRAL_PROVIDER)),
            key=lambda k: int(k.split(":")[1]),
        )

    def uuid(self) -> str:
        return f"{(self.rng.getrandbits(128) & UUID_MASK) | UUID_BITS:032x}"

    def key(self, table: str) -> int:
        return self.seeder.ids(table, 1)[0]

    def welfare_providers(self) -> None:
        seeder, plan, now = self.seeder, self.plan, self.seeder.now
        for key, label in WELFARE_PROVIDERS.items():
            pk = self.key("network_organisation")
            name = f"{label} {plan.city_name} {seeder.suffix}"
            self.rows["network_organisation"].append(
                (pk, self.uuid(), now, now, name, str(OrganisationKind.WELZIJN), '["welzijn"]',
                 plan.city_id, "", "", True)
            )  # fmt: skip
            self.providers[key] = (pk, name)

    def areas(self, scope: str) -> list[tuple[str, int]]:
        if scope == "stad":
            return [("", self.plan.city_id)]
        if scope == "stadsdeel":
            return [(name, pk) for pk, name in self.plan.stadsdelen]
        return [(g.name, g.id) for g in self.plan.gebieden]

    def providers_of(self, template: Template) -> list[str]:
        """Who offers this template in one area: its own provider, and maybe others."""
        own = template.provider
        if own.startswith(REFERRAL_PROVIDER):
            pool = self.referral_providers
            own = pool[int(own.split(":")[1]) % len(pool)]
            others = [
                k for k in pool if k != own and self.rng.random() < AANBOD_REFERRAL_PER_PROVIDER
            ]
            return [own, *others]
        if _is_welfare(own) and self.rng.random() < AANBOD_SECOND_EDITION:
            others = [k for k in SECOND_EDITION_BY if k != own]
            return [own, others[self.rng.randrange(len(others))]]
        return [own]

    def programme(self, template: Template, area: str, district_id: int, provider_key: str) -> None:
        rng, seeder, plan, now = self.rng, self.seeder, self.plan, self.seeder.now
        provider_id, provider_name = self.providers[provider_key]
        if not area:
            name = template.name
        elif "{area}" in template.name:
            name = template.name.format(area=area)
        else:
            name = f"{template.name} ({area})"
        short = provider_name.removesuffix(f" {plan.city_name} {seeder.suffix}")
        location = f"{area + ', ' if area else ''}{short}, {plan.city_name}"
        phone = f"099-{rng.randrange(1_000_000, 10_000_000)}"
        weeks = confirmed = None
        if template.access != AccessRoute.OPEN:
            weeks = _weighted(rng, AANBOD_WAITING_WEEKS)
            self.waiting_times += 1
            stale = self.waiting_times % AANBOD_STALE_EVERY == 0
            days = rng.randint(120, 300) if stale else rng.randint(1, 60)
            confirmed = (seeder.reference - timedelta(days=days)).isoformat()
        draw = rng.random()
        status = (
            ProgrammeStatus.DRAFT if draw < AANBOD_DRAFT
            else ProgrammeStatus.WITHDRAWN if draw < AANBOD_DRAFT + AANBOD_WITHDRAWN
            else ProgrammeStatus.PUBLISHED
        )  # fmt: skip
        topic_ids = [seeder.topic_ids[t] for t in template.topics if t in seeder.topic_ids]
        terms = search_columns(
            name=name, description=template.description,
            topic_names=[t for t in template.topics if t in seeder.topic_ids],
            provider_name=provider_name, location=location,
        )  # fmt: skip
        pk = self.key("aanbod_programme")
        slug = short.lower().replace(" ", "-").replace("ë", "e")
        self.rows["aanbod_programme"].append(
            (pk, self.uuid(), now, now, provider_id, name, template.description,
             str(template.audience), template.ages[0], template.ages[1], location, template.schedule,
             str(template.access), template.costs, _weighted(rng, AANBOD_LANGUAGES), phone,
             f"aanbod.{slug}.{plan.index}@seed.invalid", "", weeks,
             confirmed, template.capacity,
             "Aanmelden kan ook via de AJH-verbinder." if template.access == AccessRoute.REFERRAL else "",
             f"Intake {short}, {phone}", template.ijw, str(status),
             terms["name_terms"], terms["sort_name"], terms["search_terms"])
        )  # fmt: skip
        for topic_id in topic_ids:
            self.rows["aanbod_programme_topics"].append(
                (self.key("aanbod_programme_topics"), pk, topic_id)
            )
        self.rows["aanbod_programme_districts"].append(
            (self.key("aanbod_programme_districts"), pk, district_id)
        )


def write_aanbod(seeder: Seeder, plan: CityPlan) -> int:
    """Write the city's catalogue (and its own welfare providers); returns the programmes."""
    city = _City(seeder, plan)
    city.welfare_providers()
    for template in TEMPLATES:
        for area, district_id in city.areas(template.scope):
            for provider_key in city.providers_of(template):
                city.programme(template, area, district_id, provider_key)
    with transaction.atomic():
        for table in AANBOD_TABLES:
            seeder.writer.insert(table, COLUMNS[table], city.rows[table])
    return len(city.rows["aanbod_programme"])
