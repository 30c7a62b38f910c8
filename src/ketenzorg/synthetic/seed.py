"""Synthetic cities at benchmark size: a city, a metro, the whole country.

Everything a benchmark of need-to-know access needs is here in realistic
proportions: districts, the network's organisations and professionals (one
casework professional per ~150 youth), families of 1–4 children and 1–2
parents, and involvements following the zorgpiramide — 85 % of families have
no active involvement, the rest one or two professionals (level 2), three or
four (level 3) or more, with a coordinator or brandpuntfunctionaris where the
level calls for one. Every family with an active involvement has an open case,
its level by the counting rule, with coordinators, overleg and agreements
(`ketenzorg.synthetic.cases`; `--no-cases` leaves them out).

Determinism: one `random.Random` seeded from (scale, seed, youth) draws every
name, date, structure choice and UUID in a fixed order, so the same seed gives
the same data. Birthdates and involvement dates count back from a reference
date (today unless `--reference-date` pins it), so ages stay right on later
days. Only ciphertexts (random nonces) and timestamps differ between runs.

Every run has a tag (e.g. `city-s1`) in the names of its top-level districts,
organisations and usernames: that keeps runs apart from each other and from
the demo, and lets `--replace` find exactly one run's data.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from ketenzorg.core import crypto
from ketenzorg.families.models import BSN_PURPOSE, MemberRole, Person
from ketenzorg.network.models import (
    District,
    DistrictKind,
    ExpertiseTag,
    InstitutionKind,
    OrganisationKind,
    Role,
)
from ketenzorg.synthetic import names
from ketenzorg.synthetic.bulk import BulkWriter
from ketenzorg.synthetic.cases import CASE_COLUMNS, Member, SeededFamily, case_rows
from ketenzorg.synthetic.demo.city import EXPERTISE

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

_UUID_MASK = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_BITS = (0x8000 << 48) | (0x4000 << 64)
# A stride coprime with the size of the BSN range walks it without repeating a number.
_BSN_RANGE = names.SEED_BSN_BODIES
_BSN_STRIDE = 7_654_321

# Column order of the row tuples below; must match the models (the tests insert through them).
COLUMNS = {
    table: tuple(columns.split())
    for table, columns in {
        "network_district": "id uuid created_at updated_at name kind parent_id postcode_prefixes",
        "network_organisation": "id uuid created_at updated_at name kind domains district_id email phone is_active",
        "network_team": "id uuid created_at updated_at organisation_id name district_id",
        "accounts_user": "id password last_login is_superuser username first_name last_name email is_staff is_active date_joined uuid",
        "network_professional": "id uuid created_at updated_at user_id first_name last_name email phone organisation_id team_id is_active",
        "network_roleassignment": "id professional_id role",
        "network_professional_areas": "id professional_id district_id",
        "network_professional_expertise": "id professional_id expertisetag_id",
        "network_institution": "id uuid created_at updated_at name kind district_id address jgz_contact_id",
        "families_family": "id uuid created_at updated_at name postcode house_number district_id registered_by_id",
        "families_person": "id uuid created_at updated_at family_id given_name family_name birthdate role has_parental_authority bsn_encrypted bsn_lookup bsn_last4",
        "families_involvement": "id uuid created_at updated_at family_id person_id professional_id organisation_id capacity started_on ended_on",
    }.items()
} | CASE_COLUMNS
NETWORK_TABLES = (
    "network_district",
    "network_organisation",
    "network_team",
    "accounts_user",
    "network_professional",
    "network_roleassignment",
    "network_professional_areas",
    "network_professional_expertise",
    "network_institution",
)


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


@dataclass
class Staff:
    """A professional as the family generator needs them: ids and what to write as capacity."""

    id: int
    organisation_id: int
    capacity: str
    role: str = ""


@dataclass
class Gebied:
    id: int
    stadsdeel: int  # index within the city
    prefixes: list[str]
    youth: int


@dataclass
class CityPlan:
    index: int
    youth: int
    gebieden: list[Gebied] = field(default_factory=list)
    # role → stadsdeel index → staff; city-wide roles under key -1
    staff: dict[str, dict[int, list[Staff]]] = field(default_factory=dict)


def existing_tags() -> list[str]:
    """The tags of the seed runs in this database."""
    found = District.objects.filter(
        kind=DistrictKind.CITY, parent__isnull=True, name__startswith="Seedstad "
    ).values_list("name", flat=True)
    return sorted({n.rsplit("[", 1)[1].rstrip("]") for n in found if n.endswith("]") and "[" in n})


def seed_exists(tag: str) -> bool:
    return tag in existing_tags()


class Seeder:
    def __init__(self, options: SeedOptions, *, progress: Callable[[int], None] | None = None):
        self.options = options
        self.tag = options.tag
        self.suffix = tag_suffix(self.tag)
        self.rng = random.Random(f"ketenzorg-seed:{self.tag}")
        self.reference = options.reference_date or timezone.localdate()
        self.progress = progress or (lambda n: None)
        self.writer = BulkWriter()
        # Role labels are lazy translations; rows need plain text, in the language of the run.
        self.capacity = {value: str(label) for value, label in Role.choices}
        now = timezone.now()
        self.now = connection.ops.adapt_datetimefield_value(now)
        self.postcode_counter = 0
        self.user_counter = 0
        self.bsn_position = self.rng.randrange(len(_BSN_RANGE))
        self.taken_lookups: set[str] = set()
        self.bsn_skipped = 0
        self.youth_written = 0
        self.cases_by_level: dict[int, int] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._pending: deque[tuple[Future, int]] = deque()

    # --- helpers -------------------------------------------------------------------------------

    def uuid(self) -> str:
        return f"{(self.rng.getrandbits(128) & _UUID_MASK) | _UUID_BITS:032x}"

    def _ids(self, table: str, count: int) -> range:
        return self.writer.next_ids(table, count)

    def _next_bsn(self) -> str:
        while True:
            body = _BSN_RANGE.start + self.bsn_position
            self.bsn_position = (self.bsn_position + _BSN_STRIDE) % len(_BSN_RANGE)
            bsn = names.bsn_from_body(body)
            if bsn:
                return bsn

    def city_sizes(self) -> list[int]:
        youth = self.options.youth_total
        if youth <= SCALES["metro"]:
            return [youth]
        count = max(2, round(youth / CITY_YOUTH))
        weights = [self.rng.lognormvariate(0, 0.5) for _ in range(count)]
        total = sum(weights)
        sizes = [max(1, int(youth * w / total)) for w in weights]
        sizes[0] += youth - sum(sizes)
        return sizes

    @staticmethod
    def _split(rng: random.Random, total: int, parts: int) -> list[int]:
        weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
        s = sum(weights)
        shares = [int(total * w / s) for w in weights]
        shares[0] += total - sum(shares)
        return shares

    # --- the run -------------------------------------------------------------------------------

    def _submit(self, write: Callable[[], None], youth: int) -> None:
        """Write a batch; on PostgreSQL in a writer thread while the next batch is generated."""
        if self._executor is None:
            write()
            self._written(youth)
            return
        while len(self._pending) >= self.options.writers:
            self._wait_oldest()
        self._pending.append((self._executor.submit(_in_own_connection, write), youth))

    def _wait_oldest(self) -> None:
        future, youth = self._pending.popleft()
        future.result()
        self._written(youth)

    def _written(self, youth: int) -> None:
        self.youth_written += youth
        self.progress(youth)

    def run(self) -> BulkWriter:
        # On PostgreSQL the server spends most of the time on COPY and index upkeep. Writer
        # threads, each with its own connection, keep that going (on more than one core)
        # while Python generates the next batch; psycopg releases the GIL while it waits.
        # Not inside an outer transaction (tests): other connections could not see its rows.
        if self.writer.is_postgres and not connection.in_atomic_block and self.options.writers > 0:
            self._executor = ThreadPoolExecutor(
                max_workers=self.options.writers, thread_name_prefix="seed-writer"
            )
        try:
            self._run()
            while self._pending:
                self._wait_oldest()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
        self.writer.finish()
        return self.writer

    def _run(self) -> None:
        self.taken_lookups = set(
            Person.objects.exclude(bsn_lookup="")
            .values_list("bsn_lookup", flat=True)
            .iterator(chunk_size=50_000)
        )
        self.tag_ids = [ExpertiseTag.objects.get_or_create(name=name)[0].pk for name in EXPERTISE]
        for index, youth in enumerate(self.city_sizes(), start=1):
            plan = self._network(index, youth)
            self._families(plan)

    # --- the network of one city ---------------------------------------------------------------

    def _network(self, index: int, youth: int) -> CityPlan:
        rng, now, suffix = self.rng, self.now, self.suffix
        plan = CityPlan(index=index, youth=youth)
        rows: dict[str, list[tuple]] = {t: [] for t in NETWORK_TABLES}
        city_name = f"Seedstad {index}"

        def district(name, kind, parent, prefixes=""):
            (pk,) = self._ids("network_district", 1)
            rows["network_district"].append(
                (pk, self.uuid(), now, now, name, str(kind), parent, prefixes)
            )
            return pk

        city_id = district(f"{city_name} {suffix}", DistrictKind.CITY, None)
        n_sd = min(len(STADSDEEL_NAMES), max(2, math.ceil(youth / 10_000)))
        sd_ids = []
        for sd_index, sd_youth in enumerate(self._split(rng, youth, n_sd)):
            n_g = min(len(GEBIED_LETTERS), max(1, round(sd_youth / 4_000)))
            gebieden = []
            for g_index, g_youth in enumerate(self._split(rng, sd_youth, n_g)):
                # 1000–9899: the 99xx prefixes are Demostad's.
                prefixes = [f"{1000 + (self.postcode_counter + k) % 8900}" for k in range(2)]
                self.postcode_counter += 2
                gebieden.append(
                    (f"{STADSDEEL_NAMES[sd_index]} {GEBIED_LETTERS[g_index]}", prefixes, g_youth)
                )
            sd_id = district(
                STADSDEEL_NAMES[sd_index],
                DistrictKind.STADSDEEL,
                city_id,
                ",".join(p for g in gebieden for p in g[1]),
            )
            sd_ids.append(sd_id)
            for g_name, prefixes, g_youth in gebieden:
                g_id = district(g_name, DistrictKind.GEBIED, sd_id, ",".join(prefixes))
                plan.gebieden.append(
                    Gebied(id=g_id, stadsdeel=sd_index, prefixes=prefixes, youth=g_youth)
                )

        # Organisations: the network of DOMAIN.md, per city, one gebiedsknooppunt per stadsdeel.
        orgs: dict[str, int] = {}

        def organisation(key, name, kind, domains, district_id=city_id):
            (pk,) = self._ids("network_organisation", 1)
            domain_json = "[" + ", ".join(f'"{d}"' for d in domains) + "]"
            rows["network_organisation"].append(
                (
                    pk,
                    self.uuid(),
                    now,
                    now,
                    f"{name} {city_name} {suffix}",
                    str(kind),
                    domain_json,
                    district_id,
                    "",
                    "",
                    True,
                )
            )
            orgs[key] = pk
            return pk

        K = OrganisationKind
        organisation("gemeente", "Gemeente", K.GEMEENTE, ["welzijn"])
        organisation("cjg", "CJG", K.CJG, ["zorg", "welzijn"])
        organisation("jgz", "JGZ", K.JGZ, ["zorg"])
        organisation("okt", "Ouder- en Kindteams", K.OKT, ["zorg", "welzijn"])
        organisation("ggd", "GGD", K.GGD, ["zorg"])
        organisation("ggz", "GGZ", K.GGZ, ["zorg"])
        organisation("politie", "Politie", K.POLITIE, ["veiligheid"])
        organisation("veilig_thuis", "Veilig Thuis", K.VEILIG_THUIS, ["veiligheid", "zorg"])
        organisation("welzijn", "Welzijn", K.WELZIJN, ["welzijn"])
        organisation("onderwijs:0", "Openbaar Onderwijs", K.SCHOOL, ["onderwijs"])
        organisation("onderwijs:1", "Voorbeeldscholen", K.SCHOOL, ["onderwijs"])
        organisation("kdv", "Kinderopvang", K.KINDERDAGVERBLIJF, ["onderwijs", "welzijn"])
        organisation("psz", "Peuterwerk", K.PEUTERSPEELZAAL, ["onderwijs", "welzijn"])
        n_providers = max(2, youth // 10_000)
        for i in range(n_providers):
            organisation(
                f"aanbieder:{i}", f"Jeugdhulpaanbieder {i + 1}", K.JEUGDHULPAANBIEDER, ["zorg"]
            )
        for sd_index, sd_id in enumerate(sd_ids):
            organisation(
                f"gkp:{sd_index}",
                f"Gebiedsknooppunt {STADSDEEL_NAMES[sd_index]}",
                K.GEBIEDSKNOOPPUNT,
                ["zorg"],
                sd_id,
            )

        teams: dict[tuple[str, int], int] = {}
        for key, label in (("jgz", "JGZ"), ("okt", "OKT"), ("cjg", "Opvoedadvies")):
            for sd_index, sd_id in enumerate(sd_ids):
                (pk,) = self._ids("network_team", 1)
                rows["network_team"].append(
                    (
                        pk,
                        self.uuid(),
                        now,
                        now,
                        orgs[key],
                        f"{label} {STADSDEEL_NAMES[sd_index]}",
                        sd_id,
                    )
                )
                teams[(key, sd_index)] = pk

        # Professionals, each with an account (unusable password: benchmarks log in with force_login).
        def professional(role, org_key, sd_index, *, extra_roles=(), expertise=0):
            (pk,) = self._ids("network_professional", 1)
            (user_id,) = self._ids("accounts_user", 1)
            self.user_counter += 1
            username = f"{self.tag}-p{self.user_counter}"
            first, last = names.adult_name(rng), names.surname(rng)
            email = f"{username}@seed.invalid"
            rows["accounts_user"].append(
                (
                    user_id,
                    f"!{rng.getrandbits(160):040x}",
                    None,
                    False,
                    username,
                    first,
                    last,
                    email,
                    False,
                    True,
                    now,
                    self.uuid(),
                )
            )
            team = teams.get((org_key, sd_index)) if sd_index >= 0 else None
            organisation_id = orgs[org_key]
            rows["network_professional"].append(
                (
                    pk,
                    self.uuid(),
                    now,
                    now,
                    user_id,
                    first,
                    last,
                    email,
                    "",
                    organisation_id,
                    team,
                    True,
                )
            )
            for r in (role, *extra_roles):
                rows["network_roleassignment"].append(
                    (self._ids("network_roleassignment", 1)[0], pk, str(r))
                )
                plan.staff.setdefault(r, {}).setdefault(sd_index, []).append(
                    Staff(pk, organisation_id, self.capacity[r], str(r))
                )
            area = sd_ids[sd_index] if sd_index >= 0 else city_id
            rows["network_professional_areas"].append(
                (self._ids("network_professional_areas", 1)[0], pk, area)
            )
            for tag_id in rng.sample(self.tag_ids, expertise):
                rows["network_professional_expertise"].append(
                    (self._ids("network_professional_expertise", 1)[0], pk, tag_id)
                )
            return pk

        casework = max(len(CASEWORK_MIX), math.ceil(youth / YOUTH_PER_CASEWORKER))
        for role, share, org_key in CASEWORK_MIX:
            for k in range(max(1, round(casework * share))):
                expertise = 1 if role == Role.OKT and rng.random() < 0.25 else 0
                professional(role, org_key, k % n_sd, expertise=expertise)
        meedenker_orgs = ("ggz", "welzijn", "veilig_thuis", "onderwijs:0", "onderwijs:1", "ggd")
        for k in range(max(2, math.ceil(youth / 2_000))):
            professional(
                Role.MEEDENKER,
                meedenker_orgs[k % len(meedenker_orgs)],
                -1,
                expertise=rng.randint(1, 3),
            )
        for sd_index in range(n_sd):
            professional(
                Role.AJH_VERBINDER, f"gkp:{sd_index}", sd_index, extra_roles=[Role.MEEDENKER]
            )
            professional(Role.AJH_VERBINDER, f"gkp:{sd_index}", sd_index)
        for k in range(max(2, math.ceil(youth / 1_500))):
            professional(
                Role.AANBIEDER, f"aanbieder:{k % n_providers}", -1, expertise=rng.randint(1, 2)
            )
        for org_key in ("gemeente", "cjg", "jgz", "okt"):
            professional(Role.MANAGER, org_key, -1)
        professional(Role.BEHEERDER, "cjg", -1)
        professional(Role.PRIVACY, "gemeente", -1)

        # Schools, daycare and playgroups, each with its JGZ vast contactpersoon from the stadsdeel.
        jgz = plan.staff[Role.JGZ]
        kinds = (
            (InstitutionKind.SCHOOL, "Basisschool", 400),
            (InstitutionKind.KINDERDAGVERBLIJF, "Kinderdagverblijf", 600),
            (InstitutionKind.PEUTERSPEELZAAL, "Peuterspeelzaal", 1_500),
        )
        for gebied in plan.gebieden:
            contacts = jgz.get(gebied.stadsdeel) or next(iter(jgz.values()))
            for kind, label, youth_per in kinds:
                for n in range(max(1, round(gebied.youth / youth_per))):
                    (pk,) = self._ids("network_institution", 1)
                    name = f"{label} {gebied.prefixes[0]}-{n + 1} {city_name} {suffix}"
                    address = f"Proefstraat {n + 1}, {gebied.prefixes[0]} AA {city_name}"
                    contact = contacts[rng.randrange(len(contacts))].id
                    rows["network_institution"].append(
                        (pk, self.uuid(), now, now, name, str(kind), gebied.id, address, contact)
                    )

        with transaction.atomic():
            for table in NETWORK_TABLES:
                self.writer.insert(table, COLUMNS[table], rows[table])
        return plan

    # --- the families of one city --------------------------------------------------------------

    def _pick(self, plan: CityPlan, role: str, sd_index: int, taken: set[int]) -> Staff | None:
        by_area = plan.staff.get(role, {})
        pool = (
            by_area.get(sd_index)
            or by_area.get(-1)
            or [s for staff in by_area.values() for s in staff]
        )
        for _ in range(3):
            candidate = pool[self.rng.randrange(len(pool))] if pool else None
            if candidate is None:
                return None
            if candidate.id not in taken:
                return candidate
        return None

    def _team(self, plan: CityPlan, level: int, sd_index: int) -> list[Staff]:
        rng = self.rng
        if level == 2:
            size = 1 if rng.random() < 0.7 else 2
        elif level == 3:
            size = 3 if rng.random() < 0.6 else 4
        elif level == 4:
            size = rng.randint(4, 6)
        else:
            size = rng.randint(5, 7)
        first_role = rng.choices(*FIRST_INVOLVED)[0]
        team = [self._pick(plan, first_role, sd_index, set())]
        wanted = []
        if size == 3:
            wanted.append(Role.ZORGCOORDINATOR)
        if size >= 4:
            wanted.append(Role.PROCESCOORDINATOR)
        if level >= 4:
            wanted.append(Role.BRANDPUNT)
        while len(wanted) < size - 1:
            wanted.append(FILLER_ROLES[rng.randrange(len(FILLER_ROLES))])
        taken = {team[0].id}
        for role in wanted[: size - 1]:
            chosen = self._pick(plan, role, sd_index, taken)
            if chosen is not None:
                team.append(chosen)
                taken.add(chosen.id)
        return team

    def _families(self, plan: CityPlan) -> None:
        rng = self.rng
        random_ = rng.random
        randrange = rng.randrange
        uuid = self.uuid
        now = self.now
        ref = self.reference.toordinal()
        fromordinal = date.fromordinal
        surname, child_name, adult_name = names.surname, names.child_name, names.adult_name
        bsn_share = self.options.bsn_share
        encrypt, lookup = crypto.encrypt_text, crypto.lookup_hash
        taken_lookups = self.taken_lookups
        batch_size = self.options.batch_size
        writer = self.writer
        pyramid = PYRAMID
        # Plain str, not the enum: psycopg would write an Enum's name instead of its value.
        parent, child, youth_role = (
            str(MemberRole.PARENT),
            str(MemberRole.CHILD),
            str(MemberRole.YOUTH),
        )
        capacity_registered = "registrerend professional"

        families: list[tuple] = []
        persons: list[tuple] = []
        involvements: list[tuple] = []
        teams: list[tuple[int, int, list[Staff]]] = []  # (family index, stadsdeel, active team)
        in_care: list[SeededFamily] = []
        pending_youth = 0

        def bsn_columns():
            if random_() >= bsn_share:
                return "", "", ""
            bsn = self._next_bsn()
            digest = lookup(bsn, purpose=BSN_PURPOSE)
            if digest in taken_lookups:  # already used by the demo or another seed run
                self.bsn_skipped += 1
                return "", "", ""
            return encrypt(bsn, purpose=BSN_PURPOSE), digest, bsn[-4:]

        def flush():
            nonlocal families, persons, involvements, teams, pending_youth
            if not families:
                return
            family_ids = self._ids("families_family", len(families))
            in_care.extend(
                SeededFamily(
                    family_ids[index],
                    stadsdeel,
                    [Member(m.id, m.organisation_id, m.role) for m in team],
                )
                for index, stadsdeel, team in teams
            )
            person_ids = self._ids("families_person", len(persons))
            involvement_ids = self._ids("families_involvement", len(involvements))
            family_rows = [(family_ids[i], *row) for i, row in enumerate(families)]
            person_rows = [
                (person_ids[i], row[0], now, now, family_ids[row[1]], *row[2:])
                for i, row in enumerate(persons)
            ]
            involvement_rows = [
                (
                    involvement_ids[i], row[0], now, now, family_ids[row[1]],
                    None if row[2] is None else person_ids[row[2]], *row[3:],
                )
                for i, row in enumerate(involvements)
            ]  # fmt: skip

            def write():
                with transaction.atomic():
                    writer.insert("families_family", COLUMNS["families_family"], family_rows)
                    writer.insert("families_person", COLUMNS["families_person"], person_rows)
                    writer.insert(
                        "families_involvement", COLUMNS["families_involvement"], involvement_rows
                    )

            self._submit(write, pending_youth)
            families, persons, involvements, teams, pending_youth = [], [], [], [], 0

        for gebied in plan.gebieden:
            remaining = gebied.youth
            letters = POSTCODE_LETTERS
            while remaining > 0:
                # Family members: children first (their ages drive the parents' ages).
                roll = random_()
                n_children = 1 if roll < 0.35 else 2 if roll < 0.75 else 3 if roll < 0.93 else 4
                n_children = min(n_children, remaining)
                age = randrange(MAX_AGE_DAYS + 1)
                ages = [age]
                for _ in range(n_children - 1):
                    age -= 365 + randrange(4 * 365)
                    if age < 0:
                        break
                    ages.append(age)
                remaining -= len(ages)
                pending_youth += len(ages)
                family_index = len(families)
                family_name = surname(rng)
                first_person = len(persons)
                n_parents = 2 if random_() < 0.75 else 1
                for k in range(n_parents):
                    parent_days = ages[0] + 7_300 + randrange(7_000)
                    persons.append(
                        (
                            uuid(), family_index, adult_name(rng),
                            family_name if k == 0 or random_() < 0.6 else surname(rng),
                            fromordinal(ref - parent_days).isoformat(), parent, random_() < 0.95, *bsn_columns(),
                        )
                    )  # fmt: skip
                for days in ages:
                    persons.append(
                        (
                            uuid(), family_index, child_name(rng), family_name,
                            fromordinal(ref - days).isoformat(), child if days < 4_383 else youth_role, False, *bsn_columns(),
                        )
                    )  # fmt: skip

                # Level in the zorgpiramide and who is involved.
                roll = random_()
                level = 1
                for lvl, share in pyramid:
                    if roll < share:
                        level = lvl
                        break
                registered_by = None
                if level > 1:
                    team = self._team(plan, level, gebied.stadsdeel)
                    registered_by = team[0].id
                    teams.append((family_index, gebied.stadsdeel, team))
                    for n, staff in enumerate(team):
                        pick = random_()
                        if pick < 0.55:
                            person = first_person + n_parents + randrange(len(ages))
                        elif pick < 0.75 or (level >= 3 and pick < 0.85):
                            # At the higher levels the problems often lie with the parents.
                            person = first_person + randrange(n_parents)
                        else:
                            person = None
                        started = fromordinal(
                            ref - (randrange(30, 900) if n == 0 else randrange(0, 300))
                        ).isoformat()
                        involvements.append(
                            (
                                uuid(), family_index, person, staff.id, staff.organisation_id,
                                capacity_registered if n == 0 else staff.capacity, started, None,
                            )
                        )  # fmt: skip
                if (level > 1 and random_() < 0.15) or (level == 1 and random_() < 0.03):
                    # Earlier help that has ended: history that must no longer grant access.
                    past = self._pick(plan, Role.OKT, gebied.stadsdeel, set())
                    if past is not None:
                        ended = randrange(30, 700)
                        involvements.append(
                            (
                                uuid(), family_index, None, past.id, past.organisation_id, past.capacity,
                                fromordinal(ref - ended - randrange(60, 400)).isoformat(),
                                fromordinal(ref - ended).isoformat(),
                            )
                        )  # fmt: skip
                        if registered_by is None:
                            registered_by = past.id
                prefix = gebied.prefixes[randrange(len(gebied.prefixes))]
                families.append(
                    (
                        uuid(), now, now, f"Gezin {family_name}",
                        f"{prefix}{letters[randrange(21)]}{letters[randrange(21)]}", str(1 + randrange(250)),
                        gebied.id, registered_by,
                    )
                )  # fmt: skip
                if len(families) >= batch_size:
                    flush()
        flush()
        if self.options.cases:
            self._cases(plan, in_care)

    # --- the cases of one city -----------------------------------------------------------------

    def _cases(self, plan: CityPlan, in_care: list[SeededFamily]) -> None:
        """One open case per family in care, written after the city's families are (FK order)."""
        # Its own generator, so adding cases changed none of the families, persons and involvements.
        rng = random.Random(f"ketenzorg-seed-cases:{self.tag}:{plan.index}")

        def uuid() -> str:
            return f"{(rng.getrandbits(128) & _UUID_MASK) | _UUID_BITS:032x}"

        pools = {
            role: {area: [s.id for s in staff] for area, staff in by_area.items()}
            for role, by_area in plan.staff.items()
        }
        placed = case_rows(
            in_care,
            rng=rng,
            reference=self.reference,
            pools=pools,
            ids=self._ids,
            uuid=uuid,
            now=self.now,
            adapt_datetime=connection.ops.adapt_datetimefield_value,
        )
        for level, count in placed.by_level.items():
            self.cases_by_level[level] = self.cases_by_level.get(level, 0) + count
        writer = self.writer

        def write():
            with transaction.atomic():
                for table, rows in placed.rows.items():
                    writer.insert(table, COLUMNS[table], rows)

        while self._pending:  # the families must be committed before their cases point at them
            self._wait_oldest()
        self._submit(write, 0)


def _in_own_connection(write: Callable[[], None]) -> None:
    """Run one batch in this thread's connection and close it, so no thread leaves one open."""
    try:
        write()
    finally:
        connection.close()


def wipe(tag: str) -> dict[str, int]:
    """Delete one seed run's data, found through its top-level districts; one transaction.

    The seed's own cases go with it (see the statements). If other data (a plan,
    a check-in, a case of a family registered since) has been attached to seeded
    families or professionals, the database refuses and nothing is deleted.
    """
    counts: dict[str, int] = {}
    city_ids = list(
        District.objects.filter(
            kind=DistrictKind.CITY, parent__isnull=True, name__endswith=f" {tag_suffix(tag)}"
        ).values_list("id", flat=True)
    )
    if not city_ids:
        return counts
    sd_ids = list(District.objects.filter(parent_id__in=city_ids).values_list("id", flat=True))
    g_ids = list(District.objects.filter(parent_id__in=sd_ids).values_list("id", flat=True))
    districts = ",".join(str(i) for i in city_ids + sd_ids + g_ids)
    families = f"SELECT id FROM families_family WHERE district_id IN ({districts})"  # noqa: S608 - ints only
    organisations = f"SELECT id FROM network_organisation WHERE district_id IN ({districts})"  # noqa: S608
    professionals = (
        f"SELECT id FROM network_professional WHERE organisation_id IN ({organisations})"  # noqa: S608
    )
    cases = f"SELECT id FROM coordination_case WHERE family_id IN ({families})"  # noqa: S608
    meetings = f"SELECT id FROM coordination_meeting WHERE case_id IN ({cases})"  # noqa: S608
    statements = (
        # The seed's cases and what it wrote with them, and the daily check's stagnation signals;
        # anything else attached to them since (a plan, a check-in) makes the database refuse.
        ("coordination_meetinginvitation", f"meeting_id IN ({meetings})"),
        ("coordination_stagnationsignal", f"case_id IN ({cases})"),
        ("coordination_agreement", f"case_id IN ({cases})"),
        ("coordination_meeting", f"case_id IN ({cases})"),
        ("coordination_casecoordinator", f"case_id IN ({cases})"),
        ("coordination_caseevent", f"case_id IN ({cases})"),
        ("coordination_case", f"family_id IN ({families})"),
        (
            "families_involvement",
            f"family_id IN ({families}) OR professional_id IN ({professionals})",
        ),
        ("families_person", f"family_id IN ({families})"),
        ("families_family", f"district_id IN ({districts})"),
        ("network_institution", f"district_id IN ({districts})"),
        ("network_roleassignment", f"professional_id IN ({professionals})"),
        ("network_professional_areas", f"professional_id IN ({professionals})"),
        ("network_professional_expertise", f"professional_id IN ({professionals})"),
        ("network_professional", f"organisation_id IN ({organisations})"),
        ("network_team", f"organisation_id IN ({organisations})"),
        ("network_organisation", f"district_id IN ({districts})"),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        users = (
            f"SELECT user_id FROM network_professional WHERE organisation_id IN ({organisations})"  # noqa: S608
        )
        cursor.execute(users + " AND user_id IS NOT NULL")
        user_ids = [row[0] for row in cursor.fetchall()]
        for table, where in statements:
            cursor.execute(f"DELETE FROM {table} WHERE {where}")  # noqa: S608
            counts[table] = cursor.rowcount
        counts["accounts_user"] = 0
        for start in range(0, len(user_ids), 500):
            chunk = ",".join(str(i) for i in user_ids[start : start + 500])
            cursor.execute(f"DELETE FROM accounts_user WHERE id IN ({chunk})")  # noqa: S608
            counts["accounts_user"] += cursor.rowcount
        counts["network_district"] = 0
        for ids in (g_ids, sd_ids, city_ids):
            if ids:
                id_list = ",".join(str(i) for i in ids)
                cursor.execute(f"DELETE FROM network_district WHERE id IN ({id_list})")  # noqa: S608
                counts["network_district"] += cursor.rowcount
    return counts
