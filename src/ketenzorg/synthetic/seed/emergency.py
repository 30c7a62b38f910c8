"""Breaks of the glass in one seeded city: grants, the privacy officer's reviews, and their uses.

The privacy officer's overview (`/toegangslog/noodtoegang/`) is benchmarked like the other main
pages, so a seeded city needs what it shows at a realistic rate: a few grants per thousand
families over the past year, most of the older ones reviewed, a backlog of recent ones still
open, and for each grant the holder's looks at the family inside its 24-hour window, which is
what the overview counts. The count is a subquery on the access log, so the log needs those
entries as history: they are appended to the chain with backdated `occurred_at` (the chain
does not require time order), marked with channel `seed` and the run's tag so nobody mistakes
them for real looks. The log is append-only, so `--replace` leaves the earlier run's entries
in place (with SQLite reusing the user ids, a reloaded grant then counts both runs' uses).
Family members are not listed as subjects of these entries (the real
break and look would list them); the overview counts the family subject only.

Its own generator per city, so adding this step changed none of the families or cases; grants
are placed on families the holder is not actively involved with, as only then is the glass
broken.
"""

from __future__ import annotations

import functools
import random
import uuid as uuidlib
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import connection, transaction

from ketenzorg.access.rules import EMERGENCY_HOURS, EMERGENCY_ROLES
from ketenzorg.audit.models import Action, Basis, Outcome
from ketenzorg.audit.services import append_history as audit_append
from ketenzorg.network.models import Role
from ketenzorg.synthetic.cases import AMSTERDAM, SeededFamily
from ketenzorg.synthetic.seed.columns import COLUMNS
from ketenzorg.synthetic.seed.parameters import (
    EMERGENCY_HISTORY_DAYS,
    EMERGENCY_PER_FAMILY,
    EMERGENCY_REVIEW_BACKLOG_DAYS,
    EMERGENCY_REVIEWED_OLD,
    EMERGENCY_REVIEWED_RECENT,
    EMERGENCY_USES,
    UUID_BITS,
    UUID_MASK,
)
from ketenzorg.synthetic.seed.plan import CityPlan

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.runner import Seeder

REASONS = (
    "Melding van de politie over huiselijk geweld in de nacht; nagaan wie er al betrokken is.",
    "Kind met onverklaard letsel op het consultatiebureau; eerdere zorgen nagaan.",
    "Veilig Thuis vraagt met spoed welke hulp er in dit gezin loopt.",
    "Moeder meldt zich in crisis bij de inloop; nagaan of er een plan is.",
    "School meldt dat een leerling niet naar huis durft; nagaan wie betrokken is.",
    "Crisisdienst belt buiten kantoortijd over een jongere; lopende hulp nagaan.",
)
REVIEW_NOTES = (
    "Reden gegrond: spoedsituatie, met de professional nagebeld. Geen verdere actie.",
    "Reden gegrond; de professional is inmiddels betrokken bij het gezin.",
    "Gebruik ruimer dan nodig; besproken met de professional en de teamleider.",
)

HOLDERS = """
SELECT p.id, p.user_id, u.username, o.name,
       (SELECT {agg}(r.role, ',') FROM network_roleassignment r WHERE r.professional_id = p.id)
  FROM network_professional p
  JOIN accounts_user u ON u.id = p.user_id
  JOIN network_organisation o ON o.id = p.organisation_id
 WHERE p.id IN ({ids})"""


def _uuid(value) -> str:
    return str(uuidlib.UUID(str(value)))


def _entry(holder_fields: dict, family_uuid: str, at: datetime, action: str, text: str) -> tuple:
    """One access-log entry of the holder at this family, as the real look would log it."""
    fields = {
        # From the OS, not the seed: the log keeps a replaced run's entries (append-only).
        "uuid": uuidlib.uuid4(),
        # In UTC, as the log stores and re-reads it: the digest covers its text.
        "occurred_at": at.astimezone(UTC),
        "action": action,
        "outcome": str(Outcome.SUCCESS),
        "on_behalf_of": "",
        "object_type": "families.Family",
        "source_address": "",
        "channel": "seed",
        "basis": str(Basis.BREAK_THE_GLASS),
        "reason": text[:500],
        **holder_fields,
    }
    return fields, [("family", family_uuid)]


def write_emergency(seeder: Seeder, plan: CityPlan, in_care: list[SeededFamily]) -> int:
    """The city's grants, reviews and uses; returns how many grants. Written after the families
    (the grants point at them) and after the cases (any writer thread has committed)."""
    rng = random.Random(f"ketenzorg-seed-emergency:{seeder.tag}:{plan.index}")

    def uuid() -> str:
        return f"{(rng.getrandbits(128) & UUID_MASK) | UUID_BITS:032x}"

    seeder.drain()
    stadsdeel_of = {g.id: g.stadsdeel for g in plan.gebieden}
    gebieden = ", ".join(str(g) for g in stadsdeel_of)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, uuid, district_id FROM families_family WHERE district_id IN ({gebieden})"  # noqa: S608 - ints only
            " ORDER BY id"
        )
        families = cursor.fetchall()
    count = round(len(families) * EMERGENCY_PER_FAMILY)
    holders = {
        sd: [s.id for role in sorted(EMERGENCY_ROLES) for s in plan.staff.get(role, {}).get(sd, [])]
        for sd in range(max(stadsdeel_of.values()) + 1)
    }
    officers = plan.staff.get(Role.PRIVACY, {}).get(-1, [])
    if not count or not officers or not any(holders.values()):
        return 0
    involved = {f.family_id: {m.id for m in f.team} for f in in_care}

    # (family id, family uuid, professional id, granted_at)
    placed: list[tuple[int, str, int, datetime]] = []
    midnight = datetime.combine(seeder.reference, time(0), tzinfo=AMSTERDAM)
    for _ in range(count):
        family_id, family_uuid, district_id = families[rng.randrange(len(families))]
        pool = holders.get(stadsdeel_of[district_id]) or [h for p in holders.values() for h in p]
        holder = pool[rng.randrange(len(pool))]
        if holder in involved.get(family_id, ()):
            continue  # involved: they would not need to break the glass
        minutes = rng.randrange(1, EMERGENCY_HISTORY_DAYS * 24 * 60)
        placed.append(
            (family_id, _uuid(family_uuid), holder, midnight - timedelta(minutes=minutes))
        )
    placed.sort(key=lambda p: p[3])

    ids = ", ".join(str(i) for i in sorted({p[2] for p in placed} | {officers[0].id}))
    with connection.cursor() as cursor:
        agg = "string_agg" if connection.vendor == "postgresql" else "group_concat"
        cursor.execute(HOLDERS.format(agg=agg, ids=ids))
        who = {row[0]: row[1:] for row in cursor.fetchall()}
    officer_user = who[officers[0].id][0]

    adapt = connection.ops.adapt_datetimefield_value
    grant_ids = seeder.ids("access_emergencyaccess", len(placed))
    grants, reviews, entries = [], [], []
    for grant_id, (family_id, family_uuid, holder, granted_at) in zip(
        grant_ids, placed, strict=True
    ):
        user_id, username, organisation, roles = who[holder]
        reason = REASONS[rng.randrange(len(REASONS))]
        expires_at = granted_at + timedelta(hours=EMERGENCY_HOURS)
        grants.append(
            (grant_id, uuid(), user_id, family_id, reason, adapt(granted_at),
             adapt(expires_at))
        )  # fmt: skip
        age = midnight - granted_at
        recent = age < timedelta(days=EMERGENCY_REVIEW_BACKLOG_DAYS)
        if rng.random() < (EMERGENCY_REVIEWED_RECENT if recent else EMERGENCY_REVIEWED_OLD):
            reviewed_at = granted_at + timedelta(hours=rng.randrange(4, 24 * 14))
            if reviewed_at > midnight:
                reviewed_at = midnight - timedelta(minutes=rng.randrange(1, 60))
            (review_id,) = seeder.ids("access_emergencyaccessreview", 1)
            reviews.append(
                (review_id, uuid(), grant_id, officer_user, adapt(reviewed_at),
                 REVIEW_NOTES[rng.randrange(len(REVIEW_NOTES))])
            )  # fmt: skip

        holder_fields = {
            "user_id_snapshot": user_id,
            "username": username,
            "user_role": ",".join(sorted((roles or "").split(","))),
            "user_organisation": organisation,
            "object_uuid": family_uuid,
        }
        entry = functools.partial(_entry, holder_fields, family_uuid)
        entries.append(entry(granted_at, str(Action.EMERGENCY), reason))
        uses = rng.choices(range(len(EMERGENCY_USES)), weights=EMERGENCY_USES)[0]
        window = EMERGENCY_HOURS * 3600
        for second in sorted(rng.randrange(60, window) for _ in range(uses)):
            entries.append(
                entry(
                    granted_at + timedelta(seconds=second),
                    str(Action.READ),
                    f"synthetisch gebruik van noodtoegang ({seeder.tag})",
                )
            )
    entries.sort(key=lambda e: e[0]["occurred_at"])
    writer = seeder.writer
    with transaction.atomic():
        writer.insert("access_emergencyaccess", COLUMNS["access_emergencyaccess"], grants)
        writer.insert(
            "access_emergencyaccessreview", COLUMNS["access_emergencyaccessreview"], reviews
        )
        if entries:
            audit_append(entries)
    writer.counts["audit_auditentry"] = writer.counts.get("audit_auditentry", 0) + len(entries)
    seeder.emergency_grants += len(grants)
    seeder.emergency_reviewed += len(reviews)
    return len(grants)
