"""Demostad's 300 families: members with test-range BSNs and the professionals involved with them.

Written with bulk inserts instead of `family_register`, because that service audits every
family and the demo is one import, logged once. More families have several professionals than
the real pyramid would give, so every coordination level has examples to show.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from ketenzorg.core import crypto
from ketenzorg.families.models import BSN_PURPOSE, Family, Involvement, MemberRole, Person
from ketenzorg.network.models import Professional, Role
from ketenzorg.synthetic import names
from ketenzorg.synthetic.demo.city import FAMILY_COUNT
from ketenzorg.synthetic.demo.network import Network


@dataclass
class Written:
    families: int = 0
    persons: int = 0
    involvements: int = 0
    family_uuids: list[uuid.UUID] = field(default_factory=list)


def build_families(net: Network) -> Written:
    """Write the families on the network; the caller holds the transaction."""
    return _Families(net).build()


class _Families:
    def __init__(self, net: Network):
        self.net = net
        self.rng = net.rng
        self.today = net.today

    def _bsns(self, count: int) -> list[str]:
        """Valid BSNs from the test range that no one in the database has yet."""
        candidates = [b for b in (names.bsn_from_body(x) for x in names.DEMO_BSN_BODIES) if b]
        wanted = candidates[: count * 2]
        by_hash = {crypto.lookup_hash(b, purpose=BSN_PURPOSE): b for b in wanted}
        taken = set(
            Person.objects.filter(bsn_lookup__in=by_hash).values_list("bsn_lookup", flat=True)
        )
        return [b for h, b in by_hash.items() if h not in taken][:count]

    def _pick(self, role, exclude):
        """A professional with this role, an account holder one time in three."""
        account = self.net.account_professionals.get(role)
        pool = [p for p in self.net.by_role.get(role, []) if p not in exclude]
        if account is not None and account not in exclude and self.rng.random() < 0.34:
            return account
        others = [p for p in pool if p is not account] or pool
        return self.rng.choice(others) if others else None

    def build(self) -> Written:
        rng = self.rng
        bsns = iter(self._bsns(FAMILY_COUNT * 3))
        families, members, plans = [], [], []
        for i in range(FAMILY_COUNT):
            gebied, sd_name, prefix = self.net.gebieden[i % len(self.net.gebieden)]
            family_name = names.surname(rng)
            family = Family(
                name=f"Gezin {family_name}",
                postcode=f"{prefix}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}",
                house_number=str(rng.randint(1, 180)),
                district=gebied,
            )
            people = self._members(family, family_name, bsns)
            # More multi-professional families than the real pyramid, so every coordination level has examples.
            size = rng.choices((1, 2, 3, 4, 5), weights=(40, 22, 18, 12, 8))[0]
            families.append(family)
            members.append(people)
            plans.append(self._team_for(size))
        for family, plan in zip(families, plans, strict=True):
            family.registered_by = plan[0]
        Family.objects.bulk_create(families)
        persons = []
        for family, people in zip(families, members, strict=True):
            for person in people:
                person.family = family
                persons.append(person)
        Person.objects.bulk_create(persons)
        involvements = []
        for family, people, plan in zip(families, members, plans, strict=True):
            children = [p for p in people if p.role != MemberRole.PARENT]
            parents = [p for p in people if p.role == MemberRole.PARENT]
            for n, professional in enumerate(plan):
                roll = rng.random()
                person = (
                    rng.choice(children)
                    if roll < 0.5
                    else (rng.choice(parents) if roll < 0.65 else None)
                )
                involvements.append(
                    Involvement(
                        family=family,
                        person=person,
                        professional=professional,
                        organisation=professional.organisation,
                        capacity="registrerend professional"
                        if n == 0
                        else self.net.capacity[professional.pk],
                        started_on=self.today
                        - timedelta(days=rng.randint(0, 400) if n == 0 else rng.randint(0, 120)),
                    )
                )
        Involvement.objects.bulk_create(involvements)
        return Written(
            families=len(families),
            persons=len(persons),
            involvements=len(involvements),
            family_uuids=[f.uuid for f in families],
        )

    def _members(self, family: Family, family_name: str, bsns) -> list[Person]:
        rng = self.rng
        people = []
        parent_count = 2 if rng.random() < 0.7 else 1
        n_children = rng.choices((1, 2, 3, 4), weights=(35, 40, 18, 7))[0]
        age_days = rng.randint(30, 23 * 365)
        ages = []
        for _ in range(n_children):
            if age_days < 0:
                break
            ages.append(age_days)
            age_days -= rng.randint(400, 5 * 365)
        oldest = ages[0]
        for k in range(parent_count):
            birthdate = self.today - timedelta(days=oldest + rng.randint(20 * 365, 38 * 365))
            people.append(
                Person(
                    given_name=names.adult_name(rng),
                    family_name=family_name if k == 0 or rng.random() < 0.6 else names.surname(rng),
                    birthdate=birthdate,
                    role=MemberRole.PARENT,
                    has_parental_authority=rng.random() < 0.95,
                )
            )
        for days in ages:
            birthdate = self.today - timedelta(days=days)
            people.append(
                Person(
                    given_name=names.child_name(rng),
                    family_name=family_name,
                    birthdate=birthdate,
                    role=MemberRole.CHILD if days < 12 * 365 else MemberRole.YOUTH,
                )
            )
        for person in people:
            if rng.random() < 0.4:
                person.set_bsn(next(bsns, ""))
        return people

    def _team_for(self, size: int) -> list[Professional]:
        rng = self.rng
        first = self._pick(
            rng.choices((Role.OKT, Role.JGZ, Role.OPVOEDADVISEUR), weights=(5, 4, 2))[0], []
        )
        team = [first]
        wanted = []
        if size == 3:
            wanted.append(Role.ZORGCOORDINATOR)
        if size >= 4:
            wanted.append(Role.PROCESCOORDINATOR)
        if size >= 5 or (size == 4 and rng.random() < 0.3):
            wanted.append(Role.BRANDPUNT)
        fillers = [Role.MEEDENKER, Role.JGZ, Role.OKT, Role.AANBIEDER, Role.AJH_VERBINDER]
        while len(team) + len(wanted) < size:
            wanted.append(rng.choice(fillers))
        for role in wanted[: size - 1]:
            chosen = self._pick(role, team)
            if chosen is not None:
                team.append(chosen)
        return team
