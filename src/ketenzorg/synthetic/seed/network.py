"""The network of one seeded city: districts, organisations, teams, professionals, institutions.

Written before the city's families, in one transaction, because every family, involvement
and case points into it; the returned plan tells the families step who can be involved where.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

from django.db import transaction

from ketenzorg.network.models import DistrictKind, InstitutionKind, OrganisationKind, Role
from ketenzorg.synthetic import names
from ketenzorg.synthetic.seed.columns import COLUMNS, NETWORK_TABLES
from ketenzorg.synthetic.seed.parameters import (
    CASEWORK_MIX,
    GEBIED_LETTERS,
    STADSDEEL_NAMES,
    YOUTH_PER_CASEWORKER,
)
from ketenzorg.synthetic.seed.plan import CityPlan, Gebied, Staff

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.runner import Seeder

# The roles colleagues ask to think along (the expertise directory's availability).
AVAILABLE_ROLES = {str(Role.MEEDENKER), str(Role.AJH_VERBINDER)}


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    s = sum(weights)
    shares = [int(total * w / s) for w in weights]
    shares[0] += total - sum(shares)
    return shares


def write_network(seeder: Seeder, index: int, youth: int) -> CityPlan:
    rng, now, suffix = seeder.rng, seeder.now, seeder.suffix
    plan = CityPlan(index=index, youth=youth)
    rows: dict[str, list[tuple]] = {t: [] for t in NETWORK_TABLES}
    city_name = f"Seedstad {index}"

    def district(name, kind, parent, prefixes=""):
        (pk,) = seeder.ids("network_district", 1)
        rows["network_district"].append(
            (pk, seeder.uuid(), now, now, name, str(kind), parent, prefixes)
        )
        return pk

    city_id = district(f"{city_name} {suffix}", DistrictKind.CITY, None)
    plan.city_id, plan.city_name = city_id, city_name
    n_sd = min(len(STADSDEEL_NAMES), max(2, math.ceil(youth / 10_000)))
    sd_ids = []
    for sd_index, sd_youth in enumerate(split(rng, youth, n_sd)):
        n_g = min(len(GEBIED_LETTERS), max(1, round(sd_youth / 4_000)))
        gebieden = []
        for g_index, g_youth in enumerate(split(rng, sd_youth, n_g)):
            # 1000–9899: the 99xx prefixes are Demostad's.
            prefixes = [f"{1000 + (seeder.postcode_counter + k) % 8900}" for k in range(2)]
            seeder.postcode_counter += 2
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
        plan.stadsdelen.append((sd_id, STADSDEEL_NAMES[sd_index]))
        for g_name, prefixes, g_youth in gebieden:
            g_id = district(g_name, DistrictKind.GEBIED, sd_id, ",".join(prefixes))
            plan.gebieden.append(
                Gebied(id=g_id, stadsdeel=sd_index, prefixes=prefixes, youth=g_youth, name=g_name)
            )

    # Organisations: the network of DOMAIN.md, per city, one gebiedsknooppunt per stadsdeel.
    orgs: dict[str, int] = {}

    def organisation(key, name, kind, domains, district_id=city_id):
        (pk,) = seeder.ids("network_organisation", 1)
        domain_json = "[" + ", ".join(f'"{d}"' for d in domains) + "]"
        rows["network_organisation"].append(
            (
                pk,
                seeder.uuid(),
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
        plan.organisations[key] = (pk, f"{name} {city_name} {suffix}")
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
            (pk,) = seeder.ids("network_team", 1)
            rows["network_team"].append(
                (
                    pk,
                    seeder.uuid(),
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
        (pk,) = seeder.ids("network_professional", 1)
        (user_id,) = seeder.ids("accounts_user", 1)
        seeder.user_counter += 1
        username = f"{seeder.tag}-p{seeder.user_counter}"
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
                seeder.uuid(),
            )
        )
        team = teams.get((org_key, sd_index)) if sd_index >= 0 else None
        organisation_id = orgs[org_key]
        available = {str(r) for r in (role, *extra_roles)} & AVAILABLE_ROLES
        rows["network_professional"].append(
            (
                pk,
                seeder.uuid(),
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
                # Two in three of those asked to think along say they are available today.
                bool(available) and pk % 3 != 0,
                "",
                None,
            )
        )
        for r in (role, *extra_roles):
            rows["network_roleassignment"].append(
                (seeder.ids("network_roleassignment", 1)[0], pk, str(r))
            )
            plan.staff.setdefault(r, {}).setdefault(sd_index, []).append(
                Staff(pk, organisation_id, seeder.capacity[r], str(r))
            )
        area = sd_ids[sd_index] if sd_index >= 0 else city_id
        rows["network_professional_areas"].append(
            (seeder.ids("network_professional_areas", 1)[0], pk, area)
        )
        for tag_id in rng.sample(seeder.tag_ids, expertise):
            rows["network_professional_expertise"].append(
                (seeder.ids("network_professional_expertise", 1)[0], pk, tag_id)
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
        professional(Role.AJH_VERBINDER, f"gkp:{sd_index}", sd_index, extra_roles=[Role.MEEDENKER])
        professional(Role.AJH_VERBINDER, f"gkp:{sd_index}", sd_index)
    for k in range(max(2, math.ceil(youth / 1_500))):
        professional(
            Role.AANBIEDER, f"aanbieder:{k % n_providers}", -1, expertise=rng.randint(1, 2)
        )
    for org_key in ("gemeente", "cjg", "jgz", "okt"):
        professional(Role.MANAGER, org_key, -1)
    professional(Role.BEHEERDER, "cjg", -1)
    professional(Role.PRIVACY, "gemeente", -1)
    professional(Role.AUTORISATIEBEHEERDER, "cjg", -1, extra_roles=[Role.BEHEERDER])

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
                (pk,) = seeder.ids("network_institution", 1)
                name = f"{label} {gebied.prefixes[0]}-{n + 1} {city_name} {suffix}"
                address = f"Proefstraat {n + 1}, {gebied.prefixes[0]} AA {city_name}"
                contact = contacts[rng.randrange(len(contacts))].id
                rows["network_institution"].append(
                    (pk, seeder.uuid(), now, now, name, str(kind), gebied.id, address, contact)
                )

    with transaction.atomic():
        for table in NETWORK_TABLES:
            seeder.writer.insert(table, COLUMNS[table], rows[table])
    return plan
