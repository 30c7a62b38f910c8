"""Demostad: a small, clearly fictional city to try ketenzorg with.

`make run` loads it after every `migrate`, so loading is idempotent: the city
district "Demostad" marks that it is there, and a second run only prints the
accounts again. Everything is written in one transaction, so an interrupted
load leaves nothing half-done behind that would block the next try.

Families are written with bulk inserts instead of `family_register`, because
that service audits every family and the demo is one import, logged once.
"""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.core import crypto
from ketenzorg.families.models import BSN_PURPOSE, Family, Involvement, MemberRole, Person
from ketenzorg.network.models import (
    District,
    DistrictKind,
    Domain,
    ExpertiseTag,
    GovernanceBody,
    GovernanceLevel,
    GovernanceMembership,
    Institution,
    InstitutionKind,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    RoleAssignment,
    Team,
)
from ketenzorg.synthetic import names

CITY_NAME = "Demostad"
DEMO_PASSWORD = "demo-ketenzorg-2026"  # noqa: S105 - published on purpose: the demo's only login
DEMO_DEVICE_NAME = "demo"
DEMO_EMAIL_DOMAIN = "demostad.invalid"
DEMO_RANDOM_SEED = 2026
FAMILY_COUNT = 300

# Stadsdeel → gebieden with their postcode prefixes (99xx: not Demostad's real neighbours).
STADSDELEN: dict[str, list[tuple[str, str]]] = {
    "Centrum": [("Stadshart", "9901,9902"), ("Kolkwijk", "9903")],
    "Haven": [("Havenkwartier", "9911,9912"), ("Kustwijk", "9913"), ("Pierbuurt", "9914")],
    "Buiten": [("Veldwijk", "9921,9922"), ("Akkerhof", "9923")],
    "Poort": [("Poortwijk", "9931"), ("Stationsbuurt", "9932"), ("Poortpark", "9933")],
    "Hout": [("Houtwijk", "9941,9942"), ("Bosrand", "9943")],
    "Noord": [("Noorderplas", "9951"), ("Dijkzicht", "9952"), ("Noorderhof", "9953")],
}

EXPERTISE = (
    "OGGZ",
    "verslaving",
    "schulden",
    "echtscheiding",
    "autisme",
    "LVB",
    "huiselijk geweld",
    "kindermishandeling",
    "opvoedondersteuning",
    "jeugd-GGZ",
    "onderwijs en leerplicht",
    "zorg voor jonge kinderen",
    "radicalisering",
    "armoede",
)

GOVERNANCE = {
    GovernanceLevel.KERNGROEP: (
        "Kerngroep Jeugd",
        "directeuren van de partnerorganisaties",
        "Stelt de koers van het netwerk vast en besluit over middelen en samenwerkingsafspraken.",
    ),
    GovernanceLevel.ADVIESGROEP: (
        "Adviesgroep Jeugd",
        "middenmanagement van de partnerorganisaties",
        "Vertaalt de koers naar werkafspraken en signaleert knelpunten richting de kerngroep.",
    ),
    GovernanceLevel.WERKGROEP: (
        "Werkgroep OKé",
        "operationeel managers",
        "Bewaakt de uitvoering: zorgcoördinatie, opschaling en de samenwerking rond gezinnen.",
    ),
}


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    first_name: str
    last_name: str
    organisation: str  # key in the organisation table built below
    team_stadsdeel: str = ""  # the stadsdeel team they belong to, if any
    expertise: tuple[str, ...] = ()


# One account per role, in the order of DOMAIN.md "Who uses it".
ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        Role.OPVOEDADVISEUR,
        "opvoedadviseur",
        "Femke",
        "Proefhuizen",
        "cjg",
        "Centrum",
        ("opvoedondersteuning",),
    ),
    DemoAccount(Role.OKT, "okt", "Bas", "Voorbeeldstra", "okt", "Centrum", ("echtscheiding",)),
    DemoAccount(
        Role.JGZ, "jgz", "Iris", "Testveld", "jgz", "Centrum", ("zorg voor jonge kinderen",)
    ),
    DemoAccount(Role.ZORGCOORDINATOR, "zorgcoordinator", "Esther", "Demoberg", "jgz", "Centrum"),
    DemoAccount(Role.PROCESCOORDINATOR, "procescoordinator", "Jeroen", "Fictiedijk", "cjg"),
    DemoAccount(Role.BRANDPUNT, "brandpuntfunctionaris", "Mirjam", "van Oefenink", "gemeente"),
    DemoAccount(
        Role.MEEDENKER, "meedenker", "Hassan", "Schetsema", "ggz", "", ("OGGZ", "verslaving")
    ),
    DemoAccount(Role.AJH_VERBINDER, "ajh_verbinder", "Sanne", "Verzinkamp", "gkp:Centrum"),
    DemoAccount(
        Role.AANBIEDER,
        "aanbieder",
        "Wouter",
        "de Proefhorst",
        "aanbieder:0",
        "",
        ("autisme", "LVB"),
    ),
    DemoAccount(Role.MANAGER, "manager", "Karin", "Testhof", "gemeente"),
    DemoAccount(Role.BEHEERDER, "beheerder", "Niels", "Demobeek", "cjg"),
    DemoAccount(Role.PRIVACY, "privacy", "Judith", "van der Fictieman", "gemeente"),
)


def totp_key_for(username: str) -> str:
    """A fixed 20-byte TOTP key per demo user, so the secret printed on every run stays valid."""
    return hashlib.sha256(f"ketenzorg-demo-totp:{username}".encode()).hexdigest()[:40]


def base32_secret(hex_key: str) -> str:
    """The form an authenticator app asks for."""
    return base64.b32encode(bytes.fromhex(hex_key)).decode("ascii").rstrip("=")


def demo_exists() -> bool:
    return District.objects.filter(
        name=CITY_NAME, kind=DistrictKind.CITY, parent__isnull=True
    ).exists()


def may_load_demo() -> bool:
    """Never on a real deployment: the demo accounts' password and second factor are public."""
    from ketenzorg import settings as base_settings

    return settings.SECRET_KEY == base_settings.DEMO_SECRET_KEY


@dataclass
class AccountRow:
    role_label: str
    username: str
    password: str
    secret: str


def account_rows() -> list[AccountRow]:
    """What the table shows, read from the database so it says what really is there."""
    labels = {value: str(label) for value, label in Role.choices}
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])
    }
    devices = {
        d.user_id: d
        for d in TOTPDevice.objects.filter(
            user__in=users.values(), name=DEMO_DEVICE_NAME, confirmed=True
        )
    }
    rows = []
    for account in ACCOUNTS:
        user = users.get(account.username)
        device = devices.get(user.pk) if user else None
        rows.append(
            AccountRow(
                role_label=labels[account.role],
                username=account.username if user else f"{account.username} (ontbreekt)",
                password=DEMO_PASSWORD if user else "",
                secret=base32_secret(device.key) if device else "",
            )
        )
    return rows


def accounts_table() -> str:
    rows = account_rows()
    headers = ("rol", "gebruikersnaam", "wachtwoord", "TOTP-geheim (base32)")
    cells = [(r.role_label, r.username, r.password, r.secret) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]

    def line(values):
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [
        "Demo-accounts van Demostad (één per rol; alle gegevens zijn verzonnen):",
        "",
        line(headers),
        line(["-" * w for w in widths]),
        *(line(c) for c in cells),
        "",
        "Tweede factor: voer het TOTP-geheim in een authenticator-app in, of toon de huidige",
        "code van zes cijfers met:  .venv/bin/ketenzorg totp_code <gebruikersnaam>",
        "Ouders en jongeren hebben geen account nodig: de openbare pagina's staan op /.",
    ]
    return "\n".join(out)


@dataclass
class DemoResult:
    created: bool
    families: int = 0
    persons: int = 0
    involvements: int = 0


def load_demo() -> DemoResult:
    if demo_exists():
        return DemoResult(created=False)
    with transaction.atomic():
        result = _Builder().build()
        audit_record(actor=None, action=Action.IMPORT, reason="demostad geladen")
    return result


class _Builder:
    def __init__(self):
        self.rng = random.Random(DEMO_RANDOM_SEED)
        self.today = timezone.localdate()
        self.stadsdelen: dict[str, District] = {}
        self.gebieden: list[
            tuple[District, str, str]
        ] = []  # (gebied, stadsdeel name, first prefix)
        self.orgs: dict[str, Organisation] = {}
        self.teams: dict[tuple[str, str], Team] = {}
        self.tags: dict[str, ExpertiseTag] = {}
        self.by_role: dict[str, list[Professional]] = {}
        self.account_professionals: dict[str, Professional] = {}
        self.capacity: dict[int, str] = {}
        self._email_counter = 0

    def build(self) -> DemoResult:
        self._districts()
        self._organisations()
        self._expertise()
        self._accounts()
        self._staff()
        self._institutions()
        self._governance()
        return self._families()

    # --- the network ---------------------------------------------------------------------------

    def _districts(self):
        self.city = District.objects.create(name=CITY_NAME, kind=DistrictKind.CITY)
        for sd_name, gebieden in STADSDELEN.items():
            prefixes = ",".join(p for _, p in gebieden)
            sd = District.objects.create(
                name=sd_name,
                kind=DistrictKind.STADSDEEL,
                parent=self.city,
                postcode_prefixes=prefixes,
            )
            self.stadsdelen[sd_name] = sd
            for g_name, g_prefixes in gebieden:
                gebied = District.objects.create(
                    name=g_name, kind=DistrictKind.GEBIED, parent=sd, postcode_prefixes=g_prefixes
                )
                self.gebieden.append((gebied, sd_name, g_prefixes.split(",")[0]))

    def _org(self, key, name, kind, domains, district=None, phone=""):
        slug = key.replace(":", "-").lower()
        org = Organisation.objects.create(
            name=name,
            kind=kind,
            domains=[str(d) for d in domains],
            district=district or self.city,
            email=f"info-{slug}@{DEMO_EMAIL_DOMAIN}",
            phone=phone,
        )
        self.orgs[key] = org
        return org

    def _organisations(self):
        Z, ON, V, W = Domain.ZORG, Domain.ONDERWIJS, Domain.VEILIGHEID, Domain.WELZIJN
        K = OrganisationKind
        self._org("gemeente", "Gemeente Demostad", K.GEMEENTE, [W], phone="099-0000000")
        self._org("cjg", "OKé-punt Demostad (CJG)", K.CJG, [Z, W], phone="099-0000100")
        self._org("jgz", "JGZ Demostad", K.JGZ, [Z], phone="099-0000200")
        self._org("okt", "Ouder- en Kindteams Demostad", K.OKT, [Z, W], phone="099-0000300")
        self._org("ggd", "GGD Demostad", K.GGD, [Z])
        self._org("ggz", "GGZ Demostad", K.GGZ, [Z])
        self._org("politie", "Politie Demostad", K.POLITIE, [V])
        self._org(
            "veilig_thuis", "Veilig Thuis Demostad", K.VEILIG_THUIS, [V, Z], phone="099-0000400"
        )
        self._org("welzijn", "Welzijn Demostad", K.WELZIJN, [W])
        self._org("onderwijs:0", "Stichting Openbaar Onderwijs Demostad", K.SCHOOL, [ON])
        self._org("onderwijs:1", "Stichting Voorbeeldscholen Demostad", K.SCHOOL, [ON])
        self._org("kdv", "Kinderopvang Demostad", K.KINDERDAGVERBLIJF, [ON, W])
        self._org("psz", "Peuterwerk Demostad", K.PEUTERSPEELZAAL, [ON, W])
        for i, name in enumerate(
            (
                "Jeugdhulp De Proefhaven",
                "Stichting Voorbeeldzorg Jeugd",
                "Gezinshuizen Het Testveld",
            )
        ):
            self._org(f"aanbieder:{i}", name, K.JEUGDHULPAANBIEDER, [Z])
        for sd_name, sd in self.stadsdelen.items():
            self._org(
                f"gkp:{sd_name}",
                f"Gebiedsknooppunt Demostad {sd_name}",
                K.GEBIEDSKNOOPPUNT,
                [Z],
                district=sd,
            )
            for key, label in (("jgz", "JGZ"), ("okt", "OKT"), ("cjg", "Opvoedadvies")):
                self.teams[(key, sd_name)] = Team.objects.create(
                    organisation=self.orgs[key], name=f"{label} {sd_name}", district=sd
                )

    def _expertise(self):
        for name in EXPERTISE:
            self.tags[name], _ = ExpertiseTag.objects.get_or_create(name=name)

    def _professional(
        self, role, org_key, first, last, *, stadsdeel="", user=None, expertise=(), extra_roles=()
    ):
        self._email_counter += 1
        local = user.username if user else f"medewerker{self._email_counter}"
        team = self.teams.get((org_key, stadsdeel)) if stadsdeel else None
        org = self.orgs[org_key]
        professional = Professional.objects.create(
            user=user,
            first_name=first,
            last_name=last,
            email=f"{local}@{DEMO_EMAIL_DOMAIN}",
            organisation=org,
            team=team,
        )
        roles = [role, *extra_roles]
        RoleAssignment.objects.bulk_create(
            RoleAssignment(professional=professional, role=r) for r in roles
        )
        if expertise:
            professional.expertise.set([self.tags[t] for t in expertise])
        if stadsdeel:
            professional.areas.set([self.stadsdelen[stadsdeel]])
        elif org.district_id and org.district_id != self.city.pk:
            professional.areas.set([org.district])
        else:
            professional.areas.set([self.city])
        for r in roles:
            self.by_role.setdefault(r, []).append(professional)
        self.capacity[professional.pk] = str(Role(role).label)
        return professional

    def _accounts(self):
        User = get_user_model()
        for account in ACCOUNTS:
            user = User(
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@{DEMO_EMAIL_DOMAIN}",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            TOTPDevice.objects.create(
                user=user, name=DEMO_DEVICE_NAME, confirmed=True, key=totp_key_for(account.username)
            )
            self.account_professionals[account.role] = self._professional(
                account.role,
                account.organisation,
                account.first_name,
                account.last_name,
                stadsdeel=account.team_stadsdeel,
                user=user,
                expertise=account.expertise,
            )

    def _person_name(self):
        return names.adult_name(self.rng), names.surname(self.rng)

    def _staff(self):
        """Colleagues without an account, so families have several professionals from several organisations."""
        tag_names = list(EXPERTISE)
        for sd_name in self.stadsdelen:
            for _ in range(2):
                self._professional(Role.OKT, "okt", *self._person_name(), stadsdeel=sd_name,
                                   expertise=self.rng.sample(tag_names, 1))  # fmt: skip
                self._professional(Role.JGZ, "jgz", *self._person_name(), stadsdeel=sd_name)
            self._professional(Role.OPVOEDADVISEUR, "cjg", *self._person_name(), stadsdeel=sd_name)
            self._professional(
                Role.ZORGCOORDINATOR,
                "jgz",
                *self._person_name(),
                stadsdeel=sd_name,
                extra_roles=[Role.JGZ],
            )
            self._professional(
                Role.AJH_VERBINDER,
                "gkp:" + sd_name,
                *self._person_name(),
                extra_roles=[Role.MEEDENKER],
            )
        for _ in range(3):
            self._professional(Role.PROCESCOORDINATOR, "cjg", *self._person_name())
        self._professional(Role.BRANDPUNT, "gemeente", *self._person_name())
        for org_key, expertise in (
            ("ggz", ("OGGZ", "jeugd-GGZ")),
            ("ggz", ("verslaving",)),
            ("welzijn", ("schulden", "armoede")),
            ("veilig_thuis", ("huiselijk geweld", "kindermishandeling")),
            ("onderwijs:0", ("onderwijs en leerplicht",)),
            ("onderwijs:1", ("onderwijs en leerplicht", "autisme")),
            ("ggd", ("zorg voor jonge kinderen",)),
        ):
            self._professional(Role.MEEDENKER, org_key, *self._person_name(), expertise=expertise)
        for i in range(3):
            for _ in range(2):
                self._professional(Role.AANBIEDER, f"aanbieder:{i}", *self._person_name(),
                                   expertise=self.rng.sample(tag_names, 2))  # fmt: skip
        self._professional(Role.MANAGER, "jgz", *self._person_name())
        self._professional(Role.MANAGER, "okt", *self._person_name())

    def _institutions(self):
        jgz_by_sd: dict[str, list[Professional]] = {}
        for p in self.by_role[Role.JGZ]:
            if p.team_id:
                jgz_by_sd.setdefault(p.team.district.name, []).append(p)
        kinds = (
            (InstitutionKind.SCHOOL, "Basisschool"),
            (InstitutionKind.KINDERDAGVERBLIJF, "Kinderdagverblijf"),
            (InstitutionKind.PEUTERSPEELZAAL, "Peuterspeelzaal"),
        )
        rows = []
        for gebied, sd_name, prefix in self.gebieden:
            contacts = jgz_by_sd[sd_name]
            for n, (kind, label) in enumerate(kinds):
                rows.append(
                    Institution(
                        name=f"{label} {gebied.name}",
                        kind=kind,
                        district=gebied,
                        address=f"Proefstraat {10 + n}, {prefix} XX Demostad",
                        jgz_contact=contacts[(len(rows)) % len(contacts)],
                    )
                )
        for sd_name, sd in self.stadsdelen.items():
            rows.append(
                Institution(
                    name=f"Voortgezet Onderwijs Demostad {sd_name}",
                    kind=InstitutionKind.SCHOOL,
                    district=sd,
                    address=f"Voorbeeldlaan 1, {sd.postcode_prefixes[:4]} XX Demostad",
                    jgz_contact=jgz_by_sd[sd_name][0],
                )
            )
        Institution.objects.bulk_create(rows)

    def _governance(self):
        members = {
            GovernanceLevel.KERNGROEP: [self.account_professionals[Role.MANAGER]],
            GovernanceLevel.ADVIESGROEP: self.by_role.get(Role.MANAGER, [])[1:],
            GovernanceLevel.WERKGROEP: [
                self.account_professionals[Role.PROCESCOORDINATOR],
                self.account_professionals[Role.ZORGCOORDINATOR],
            ],
        }
        for level, (name, composition, tasks) in GOVERNANCE.items():
            body, _ = GovernanceBody.objects.get_or_create(
                level=level, defaults={"name": name, "composition": composition, "tasks": tasks}
            )
            GovernanceMembership.objects.bulk_create(
                [
                    GovernanceMembership(body=body, professional=p, function="lid")
                    for p in members[level]
                ],
                ignore_conflicts=True,
            )

    # --- families ------------------------------------------------------------------------------

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
        account = self.account_professionals.get(role)
        pool = [p for p in self.by_role.get(role, []) if p not in exclude]
        if account is not None and account not in exclude and self.rng.random() < 0.34:
            return account
        others = [p for p in pool if p is not account] or pool
        return self.rng.choice(others) if others else None

    def _families(self) -> DemoResult:
        rng = self.rng
        bsns = iter(self._bsns(FAMILY_COUNT * 3))
        families, members, plans = [], [], []
        for i in range(FAMILY_COUNT):
            gebied, sd_name, prefix = self.gebieden[i % len(self.gebieden)]
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
                        else self.capacity[professional.pk],
                        started_on=self.today
                        - timedelta(days=rng.randint(0, 400) if n == 0 else rng.randint(0, 120)),
                    )
                )
        Involvement.objects.bulk_create(involvements)
        return DemoResult(
            created=True,
            families=len(families),
            persons=len(persons),
            involvements=len(involvements),
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
