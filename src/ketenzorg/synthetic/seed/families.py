"""The families of one seeded city: parents and children, their involvements, the zorgpiramide.

The hot loop of a seed run (most rows are persons), hence the local names for everything it
calls. Families are written in batches through the runner, which on PostgreSQL overlaps the
writing with generating the next batch; the families in care are handed back for their cases.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from ketenzorg.core import crypto
from ketenzorg.families.models import BSN_PURPOSE, MemberRole
from ketenzorg.network.models import Role
from ketenzorg.synthetic import names
from ketenzorg.synthetic.cases import Member, SeededFamily
from ketenzorg.synthetic.seed.columns import COLUMNS
from ketenzorg.synthetic.seed.parameters import (
    FILLER_ROLES,
    FIRST_INVOLVED,
    MAX_AGE_DAYS,
    POSTCODE_LETTERS,
    PYRAMID,
)
from ketenzorg.synthetic.seed.plan import CityPlan, Staff

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.runner import Seeder


def pick_staff(
    seeder: Seeder, plan: CityPlan, role: str, sd_index: int, taken: set[int]
) -> Staff | None:
    by_area = plan.staff.get(role, {})
    pool = (
        by_area.get(sd_index) or by_area.get(-1) or [s for staff in by_area.values() for s in staff]
    )
    for _ in range(3):
        candidate = pool[seeder.rng.randrange(len(pool))] if pool else None
        if candidate is None:
            return None
        if candidate.id not in taken:
            return candidate
    return None


def team_for(seeder: Seeder, plan: CityPlan, level: int, sd_index: int) -> list[Staff]:
    rng = seeder.rng
    if level == 2:
        size = 1 if rng.random() < 0.7 else 2
    elif level == 3:
        size = 3 if rng.random() < 0.6 else 4
    elif level == 4:
        size = rng.randint(4, 6)
    else:
        size = rng.randint(5, 7)
    first_role = rng.choices(*FIRST_INVOLVED)[0]
    team = [pick_staff(seeder, plan, first_role, sd_index, set())]
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
        chosen = pick_staff(seeder, plan, role, sd_index, taken)
        if chosen is not None:
            team.append(chosen)
            taken.add(chosen.id)
    return team


def write_families(seeder: Seeder, plan: CityPlan) -> list[SeededFamily]:
    rng = seeder.rng
    random_ = rng.random
    randrange = rng.randrange
    uuid = seeder.uuid
    now = seeder.now
    ref = seeder.reference.toordinal()
    fromordinal = date.fromordinal
    surname, child_name, adult_name = names.surname, names.child_name, names.adult_name
    bsn_share = seeder.options.bsn_share
    encrypt, lookup = crypto.encrypt_text, crypto.lookup_hash
    taken_lookups = seeder.taken_lookups
    batch_size = seeder.options.batch_size
    writer = seeder.writer
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
        bsn = seeder.next_bsn()
        digest = lookup(bsn, purpose=BSN_PURPOSE)
        if digest in taken_lookups:  # already used by the demo or another seed run
            seeder.bsn_skipped += 1
            return "", "", ""
        return encrypt(bsn, purpose=BSN_PURPOSE), digest, bsn[-4:]

    def flush():
        nonlocal families, persons, involvements, teams, pending_youth
        if not families:
            return
        family_ids = seeder.ids("families_family", len(families))
        in_care.extend(
            SeededFamily(
                family_ids[index],
                stadsdeel,
                [Member(m.id, m.organisation_id, m.role) for m in team],
            )
            for index, stadsdeel, team in teams
        )
        person_ids = seeder.ids("families_person", len(persons))
        involvement_ids = seeder.ids("families_involvement", len(involvements))
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

        seeder.submit(write, pending_youth)
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
                team = team_for(seeder, plan, level, gebied.stadsdeel)
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
                past = pick_staff(seeder, plan, Role.OKT, gebied.stadsdeel, set())
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
    return in_care
