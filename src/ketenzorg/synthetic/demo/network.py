"""Demostad's network: districts, organisations and teams, the demo accounts and their colleagues,
institutions and the governance bodies, all from the map in `city`.

`Network` keeps what the families that follow (`families`) are built from: who has which role,
which professional is an account holder, in which capacity someone is involved.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

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
from ketenzorg.synthetic.demo import city
from ketenzorg.synthetic.demo.accounts import totp_key_for

RANDOM_SEED = 2026


@dataclass
class Network:
    rng: random.Random
    today: date
    city: District | None = None
    stadsdelen: dict[str, District] = field(default_factory=dict)
    gebieden: list[tuple[District, str, str]] = field(
        default_factory=list
    )  # (gebied, stadsdeel, prefix)
    orgs: dict[str, Organisation] = field(default_factory=dict)
    teams: dict[tuple[str, str], Team] = field(default_factory=dict)
    tags: dict[str, ExpertiseTag] = field(default_factory=dict)
    by_role: dict[str, list[Professional]] = field(default_factory=dict)
    account_professionals: dict[str, Professional] = field(default_factory=dict)
    capacity: dict[int, str] = field(default_factory=dict)  # professional pk -> capacity


def build_network() -> Network:
    """Write the network; the caller holds the transaction."""
    return _Builder().build()


class _Builder:
    def __init__(self):
        self.net = Network(rng=random.Random(RANDOM_SEED), today=timezone.localdate())
        self._email_counter = 0

    def build(self) -> Network:
        self._districts()
        self._organisations()
        self._expertise()
        self._accounts()
        self._staff()
        self._availability()
        self._institutions()
        self._governance()
        return self.net

    def _districts(self):
        net = self.net
        net.city = District.objects.create(name=city.CITY_NAME, kind=DistrictKind.CITY)
        for sd_name, gebieden in city.STADSDELEN.items():
            sd = District.objects.create(
                name=sd_name,
                kind=DistrictKind.STADSDEEL,
                parent=net.city,
                postcode_prefixes=",".join(p for g in gebieden for p in g.postcode_prefixes),
            )
            net.stadsdelen[sd_name] = sd
            for g in gebieden:
                gebied = District.objects.create(
                    name=g.name,
                    kind=DistrictKind.GEBIED,
                    parent=sd,
                    postcode_prefixes=",".join(g.postcode_prefixes),
                )
                net.gebieden.append((gebied, sd_name, g.postcode_prefixes[0]))

    def _org(self, key, name, kind, domains, district=None, phone=""):
        slug = key.replace(":", "-").lower()
        self.net.orgs[key] = Organisation.objects.create(
            name=name,
            kind=kind,
            domains=[str(d) for d in domains],
            district=district or self.net.city,
            email=f"info-{slug}@{city.EMAIL_DOMAIN}",
            phone=phone,
        )

    def _organisations(self):
        net = self.net
        for org in city.ORGANISATIONS:
            self._org(org.key, org.name, org.kind, org.domains, phone=org.phone)
        for sd_name, sd in net.stadsdelen.items():
            self._org(
                f"gkp:{sd_name}",
                f"Gebiedsknooppunt {city.CITY_NAME} {sd_name}",
                OrganisationKind.GEBIEDSKNOOPPUNT,
                [Domain.ZORG],
                district=sd,
            )
            for key, label in city.STADSDEEL_TEAMS:
                net.teams[(key, sd_name)] = Team.objects.create(
                    organisation=net.orgs[key], name=f"{label} {sd_name}", district=sd
                )

    def _expertise(self):
        for name in city.EXPERTISE:
            self.net.tags[name], _ = ExpertiseTag.objects.get_or_create(name=name)

    def _professional(
        self, role, org_key, first, last, *, stadsdeel="", user=None, expertise=(), extra_roles=()
    ):
        net = self.net
        self._email_counter += 1
        local = user.username if user else f"medewerker{self._email_counter}"
        team = net.teams.get((org_key, stadsdeel)) if stadsdeel else None
        org = net.orgs[org_key]
        professional = Professional.objects.create(
            user=user,
            first_name=first,
            last_name=last,
            email=f"{local}@{city.EMAIL_DOMAIN}",
            organisation=org,
            team=team,
        )
        roles = [role, *extra_roles]
        RoleAssignment.objects.bulk_create(
            RoleAssignment(professional=professional, role=r) for r in roles
        )
        if expertise:
            professional.expertise.set([net.tags[t] for t in expertise])
        if stadsdeel:
            professional.areas.set([net.stadsdelen[stadsdeel]])
        elif org.district_id and org.district_id != net.city.pk:
            professional.areas.set([org.district])
        else:
            professional.areas.set([net.city])
        for r in roles:
            net.by_role.setdefault(r, []).append(professional)
        net.capacity[professional.pk] = str(Role(role).label)
        return professional

    def _accounts(self):
        User = get_user_model()
        for account in city.ACCOUNTS:
            user = User(
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@{city.EMAIL_DOMAIN}",
            )
            user.set_password(city.DEMO_PASSWORD)
            user.save()
            TOTPDevice.objects.create(
                user=user,
                name=city.DEMO_DEVICE_NAME,
                confirmed=True,
                key=totp_key_for(account.username),
            )
            self.net.account_professionals[account.role] = self._professional(
                account.role,
                account.organisation,
                account.first_name,
                account.last_name,
                # An account serving a stadsdeel outside its teams gets it as its area (no team).
                stadsdeel=account.team_stadsdeel or account.serves,
                user=user,
                expertise=account.expertise,
                extra_roles=account.extra_roles,
            )

    def _person_name(self):
        return names.adult_name(self.net.rng), names.surname(self.net.rng)

    def _staff(self):
        """Colleagues without an account, so families have several professionals from several organisations."""
        rng = self.net.rng
        tag_names = list(city.EXPERTISE)
        for sd_name in self.net.stadsdelen:
            for _ in range(2):
                self._professional(Role.OKT, "okt", *self._person_name(), stadsdeel=sd_name,
                                   expertise=rng.sample(tag_names, 1))  # fmt: skip
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
        for i in range(city.AANBIEDER_COUNT):
            for _ in range(2):
                self._professional(Role.AANBIEDER, f"aanbieder:{i}", *self._person_name(),
                                   expertise=rng.sample(tag_names, 2))  # fmt: skip
        self._professional(Role.MANAGER, "jgz", *self._person_name())
        self._professional(Role.MANAGER, "okt", *self._person_name())

    def _availability(self):
        """Who takes meedenken/meedoen questions, for the expertise directory: the demo meedenker
        and AJH-verbinder, the welzijn meedenker without an account (the okt account records
        findings namens them), and a GGZ colleague who is available only from next month."""
        net = self.net
        today = net.today
        marked = [
            (net.account_professionals[Role.MEEDENKER], "di en do ochtend", None),
            (net.account_professionals[Role.AJH_VERBINDER], "op afspraak, binnen een week", None),
        ]
        for professional in net.by_role.get(Role.MEEDENKER, []):
            if professional.user_id is not None:
                continue
            key = professional.organisation.name
            if key == net.orgs["welzijn"].name:
                marked.append((professional, "ma t/m wo, ook huisbezoek", None))
            elif key == net.orgs["ggz"].name and not any(
                p.organisation_id == professional.organisation_id for p, _n, _f in marked[2:]
            ):
                marked.append((professional, "vrijdag", today + timedelta(days=30)))
        for professional, note, start in marked:
            professional.available_for_consultation = True
            professional.availability_note = note
            professional.available_from = start
            professional.save(
                update_fields=["available_for_consultation", "availability_note", "available_from"]
            )

    def _institutions(self):
        net = self.net
        jgz_by_sd: dict[str, list[Professional]] = {}
        for p in net.by_role[Role.JGZ]:
            if p.team_id:
                jgz_by_sd.setdefault(p.team.district.name, []).append(p)
        kinds = (
            (InstitutionKind.SCHOOL, "Basisschool"),
            (InstitutionKind.KINDERDAGVERBLIJF, "Kinderdagverblijf"),
            (InstitutionKind.PEUTERSPEELZAAL, "Peuterspeelzaal"),
        )
        rows = []
        for gebied, sd_name, prefix in net.gebieden:
            contacts = jgz_by_sd[sd_name]
            for n, (kind, label) in enumerate(kinds):
                rows.append(
                    Institution(
                        name=f"{label} {gebied.name}",
                        kind=kind,
                        district=gebied,
                        address=f"Proefstraat {10 + n}, {prefix} XX {city.CITY_NAME}",
                        jgz_contact=contacts[(len(rows)) % len(contacts)],
                    )
                )
        for sd_name, sd in net.stadsdelen.items():
            rows.append(
                Institution(
                    name=f"Voortgezet Onderwijs {city.CITY_NAME} {sd_name}",
                    kind=InstitutionKind.SCHOOL,
                    district=sd,
                    address=f"Voorbeeldlaan 1, {sd.postcode_prefixes[:4]} XX {city.CITY_NAME}",
                    jgz_contact=jgz_by_sd[sd_name][0],
                )
            )
        Institution.objects.bulk_create(rows)

    def _governance(self):
        net = self.net
        members = {
            GovernanceLevel.KERNGROEP: [net.account_professionals[Role.MANAGER]],
            GovernanceLevel.ADVIESGROEP: net.by_role.get(Role.MANAGER, [])[1:],
            GovernanceLevel.WERKGROEP: [
                net.account_professionals[Role.PROCESCOORDINATOR],
                net.account_professionals[Role.ZORGCOORDINATOR],
            ],
        }
        for level, (name, composition, tasks) in city.GOVERNANCE.items():
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
