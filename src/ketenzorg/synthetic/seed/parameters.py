"""The knobs of a seed run: scales, the zorgpiramide's shares, the network's mix, the options.

Every number that shapes the generated city lives here, so a reader can see the proportions
in one place and a change to them is a change to the data (the seed is only deterministic
for fixed parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketenzorg.network.models import Role
from ketenzorg.synthetic import names

SCALES = {"city": 60_000, "metro": 200_000, "nation": 4_400_000}
CITY_YOUTH = 60_000  # the nation is made of cities of about this size (lognormally spread)
YOUTH_PER_CASEWORKER = 150
MAX_AGE_DAYS = 24 * 365 - 1  # youth: 0 up to and including 23 years

# Zorgpiramide (DOMAIN.md): cumulative share of families at level 5, 4, 3, 2; the rest is level 1.
PYRAMID = ((5, 0.0003), (4, 0.0150), (3, 0.0500), (2, 0.1500))

STADSDEEL_NAMES = ("Centrum", "Noord", "Oost", "Zuid", "West", "Haven", "Poort", "Hout", "Veld")
GEBIED_LETTERS = "ABCDEF"
POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"

# Casework professionals per city: role, share, organisation key.
CASEWORK_MIX = (
    (Role.OKT, 0.40, "okt"),
    (Role.JGZ, 0.30, "jgz"),
    (Role.OPVOEDADVISEUR, 0.12, "cjg"),
    (Role.ZORGCOORDINATOR, 0.08, "jgz"),
    (Role.PROCESCOORDINATOR, 0.07, "cjg"),
    (Role.BRANDPUNT, 0.03, "gemeente"),
)
FIRST_INVOLVED = ((Role.OKT, Role.JGZ, Role.OPVOEDADVISEUR), (50, 35, 15))
FILLER_ROLES = (Role.MEEDENKER, Role.JGZ, Role.OKT, Role.AANBIEDER, Role.AJH_VERBINDER)

# Break the glass (seed/emergency.py): grants per family over the past year, the share the
# privacy officer has reviewed (most of the older ones, a backlog of the recent ones), and how
# often a grant was used (weights for 0, 1, 2, ... looks at the family inside its window).
EMERGENCY_PER_FAMILY = 0.004
EMERGENCY_HISTORY_DAYS = 365
EMERGENCY_REVIEW_BACKLOG_DAYS = 60
EMERGENCY_REVIEWED_RECENT = 0.3
EMERGENCY_REVIEWED_OLD = 0.85
EMERGENCY_USES = (15, 30, 25, 12, 8, 5, 3, 2)

# The OKT werkproces (seed/werkproces.py): the share of open cases with an OKT professional
# involved that have one, where their werkproces stands now (weights per current step; a stopped
# one weighted by the step it stopped in), how often the history holds a step back or a stop that
# was resumed, consultations per visit of a step, and how many consultations are on name.
WERKPROCES_SHARE = 0.65
WERKPROCES_NOW = (("okt", 30), ("intern", 24), ("extern", 16), ("ajh", 8), ("verwijzing", 5),
                  ("gestopt", 17))  # fmt: skip
WERKPROCES_STOPPED_FROM = (("okt", 35), ("intern", 35), ("extern", 20), ("ajh", 10))
WERKPROCES_BACK = 0.10
WERKPROCES_RESUMED = 0.05
CONSULTATIONS_PER_VISIT = ((1, 62), (2, 30), (3, 8))
CONSULTATION_IDENTIFIED = 0.4
# How unevenly external meedenkers are asked (sigma of a lognormal weight per meedenker): the
# busiest has about three times the median's running consultations (metro: ~35 against ~10).
MEEDENKER_SPREAD = 0.5
CONSENT_WITHDRAWN = 0.05

# The catalogue (seed/aanbod.py). Every template of Demostad's catalogue is offered once per city,
# stadsdeel or gebied (its scope) by the provider it names; a welfare template gets a second
# edition from another welfare provider in this share of its areas; every jeugdhulpaanbieder of
# the city offers each aanvullende-jeugdhulp template with this chance (the template's own always).
# A 60 000-youth city gets about 350 programmes, the metro 872, the nation 24 793.
AANBOD_SECOND_EDITION = 0.45
AANBOD_REFERRAL_PER_PROVIDER = 0.5
# Waiting times of programmes one does not walk into (weights per number of weeks); every
# seventh was last confirmed 120–300 days ago (shown as out of date), the others 1–60 days ago.
# Counted rather than drawn, so even a small test city has out-of-date ones.
AANBOD_WAITING_WEEKS = ((0, 20), (1, 10), (2, 15), (3, 10), (4, 15), (6, 12), (8, 10), (12, 6),
                        (16, 2))  # fmt: skip
AANBOD_STALE_EVERY = 7
# Not public: waiting for the beheerder's approval, or withdrawn.
AANBOD_DRAFT = 0.03
AANBOD_WITHDRAWN = 0.02
AANBOD_LANGUAGES = (("Nederlands", 50), ("Nederlands, Engels", 20), ("Nederlands, Arabisch, Turks", 12),
                    ("Nederlands, Engels, Pools", 8), ("Nederlands, Tigrinya, Arabisch", 4),
                    ("Nederlands, Papiamento", 3), ("Nederlands, Oekraïens, Engels", 3))  # fmt: skip

# Version-4 UUIDs from the seeded generator (uuid.uuid4 would draw from the OS, not the seed).
UUID_MASK = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
UUID_BITS = (0x8000 << 48) | (0x4000 << 64)
# A stride coprime with the size of the BSN range walks it without repeating a number.
BSN_RANGE = names.SEED_BSN_BODIES
BSN_STRIDE = 7_654_321


def seed_tag(scale: str, seed: int, youth: int | None = None) -> str:
    return f"{scale}-s{seed}" if youth is None else f"{scale}{youth}-s{seed}"


def tag_suffix(tag: str) -> str:
    return f"[{tag}]"


@dataclass
class SeedOptions:
    scale: str
    seed: int = 1
    youth: int | None = None  # overrides the scale's youth count (tests, experiments)
    reference_date: date | None = None
    batch_size: int = 10_000  # families per transaction
    bsn_share: float = 0.2
    writers: int = 2  # PostgreSQL only: writer threads (0 = write in the main thread)
    cases: bool = True  # an open case for every family with an active involvement

    @property
    def youth_total(self) -> int:
        return self.youth if self.youth is not None else SCALES[self.scale]

    @property
    def tag(self) -> str:
        return seed_tag(self.scale, self.seed, self.youth)


# The referrals (seed/verwijzing.py): the share of the werkprocessen in the step "verwijzing"
# with a referral, how often a second child of the family is referred too, where the referral
# stands now (weights per state), how often a provider declined it once, and how often the
# perspectiefplan (of those with the provider) and the voorziening are definitive.
REFERRAL_SHARE = 0.85
REFERRAL_SECOND = 0.1
REFERRAL_NOW = (("concept", 7), ("verzonden", 10), ("matching", 12), ("gematcht", 8),
                ("doorgestuurd", 10), ("geaccepteerd", 8), ("contact", 8), ("in_zorg", 20),
                ("beeindigd", 10), ("ingetrokken", 7))  # fmt: skip
REFERRAL_DECLINED = 0.12
REFERRAL_PLAN_DEFINITIVE = 0.7
REFERRAL_VOORZIENING_DEFINITIVE = 0.5
