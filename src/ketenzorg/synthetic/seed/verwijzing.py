"""The referrals to aanvullende jeugdhulp of one seeded city, for the werkprocessen that reached
the step "verwijzing".

The gebiedsknooppunt's inbox and the provider's list are benchmarked at metro scale, so a seeded
city needs referrals in realistic amounts and spread: most families in the step "verwijzing" have
one (a few a second, for a brother or sister), in every state of the chain, a share with a
decline in their history (matched and forwarded again, or back in matching). Each referral
has its perspectiefplan (a first version, often a second, definitive in part), its voorziening
with the history of its changes, the family's consents for purpose "verwijzing" (to the
AJH-verbinders, and to the provider from the forwarding on), and its events with the milestone
times the signal function reads.

Every history is built with the product's own state machine (`verwijzing.rules.step`), step by
step by the party the table names, so `rules.replay` of the events gives the stored state (a
test checks it). The referral starts after the werkproces entered the step and every event
lies before the reference moment. No documents: they are rendered by the queued task code and
optional for the lists; the bench does not read them.

Its own generator per city, so adding this step changed none of the other seeded rows.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.db import connection

from ketenzorg.core import crypto
from ketenzorg.families.models import BSN_PURPOSE
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import Role
from ketenzorg.synthetic.cases import AMSTERDAM
from ketenzorg.synthetic.seed.parameters import (
    REFERRAL_DECLINED,
    REFERRAL_NOW,
    REFERRAL_PLAN_DEFINITIVE,
    REFERRAL_SECOND,
    REFERRAL_SHARE,
    REFERRAL_VOORZIENING_DEFINITIVE,
    UUID_BITS,
    UUID_MASK,
)
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import FORM_PURPOSE

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.plan import CityPlan
    from ketenzorg.synthetic.seed.runner import Seeder

# In foreign-key order: the order they are written in.
TABLES = (
    "verwijzing_perspectiefplanversion",
    "verwijzing_voorziening",
    "verwijzing_voorzieningchange",
    "consent_consent",
    "consent_consent_given_by",
    "verwijzing_referral",
    "verwijzing_referralevent",
)
CHILD_ROLES = ("kind", "jongere")

QUESTIONS = (
    "We willen weer rust in huis en dat ons kind zich thuis veilig voelt.",
    "We willen dat ons kind weer met plezier naar school gaat.",
    "We willen grip op de dag: op tijd op school, samen eten, minder stress.",
)
ANALYSIS = (
    "Veel ruzie bij het naar bed gaan; slaapt slecht en is overdag moe en boos.",
    "Trekt zich terug, verzuimt school en piekert veel over thuis.",
    "Het gezin heeft moeite met plannen; de kinderen komen vaak te laat.",
)
RESULTS = (
    "Slaapt vijf nachten per week door; de ouders hebben een vast avondritme.",
    "Gaat vier weken achter elkaar elke dag naar school.",
    "Een weekplanning die het gezin zelf bijhoudt.",
)
FORM_TEXT = {
    "family_contact": "Ouders via het proefnummer (0999) 100 00 00; Nederlands",
    "referrer": "OKT-professional van het gezin",
    "earlier_help": "Gesprekken met het OKT en een meedenker; hielp te kort.",
    "ajh_decision": "Samen met het gezin en de AJH-verbinder besloten.",
    "safety": "Geen acute zorgen over de veiligheid.",
    "urgency": "Regulier",
    "consents": "Toestemming voor het delen met het gebiedsknooppunt (ondertekend).",
    "parents": "Ouders met gezag",
}
MATCH_NOTE = "Kan binnen drie weken starten; de begeleider belt eerst met het gezin."
REASONS = {
    rules.DECLINE: "Geen plek binnen de termijn; liever een andere aanbieder zoeken.",
    rules.WITHDRAW: "Het gezin verhuist naar een andere gemeente.",
    rules.END_CARE: "De doelen van het plan zijn bereikt.",
}
TAKE_FIRST = 0.8  # the verbinder takes it before matching (or matches straight from the inbox)


def _weighted(rng: random.Random, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


ORDER = (rules.DRAFT, rules.SENT, rules.MATCHING, rules.MATCHED, rules.FORWARDED, rules.ACCEPTED,
         rules.CONTACTED, rules.IN_CARE, rules.ENDED)  # fmt: skip
AFTER_FORWARDING = ((rules.ACCEPT, rules.ACCEPTED), (rules.FIRST_CONTACT, rules.CONTACTED),
                    (rules.START_CARE, rules.IN_CARE), (rules.END_CARE, rules.ENDED))  # fmt: skip


def history(rng: random.Random, final: str) -> list[str]:
    """The actions from a draft to `final`, valid in the state machine; a share with a decline
    in it (back in matching, or matched and forwarded again after it)."""
    if final == rules.WITHDRAWN:
        before = _weighted(rng, ((rules.DRAFT, 2), (rules.SENT, 3), (rules.MATCHING, 3),
                                 (rules.MATCHED, 2), (rules.FORWARDED, 2)))  # fmt: skip
        return [*history(rng, before), rules.WITHDRAW]
    reach = ORDER.index(final)
    if reach == 0:
        return []
    actions = [rules.SEND]
    if reach == 1:
        return actions
    declined = rng.random() < REFERRAL_DECLINED
    if final == rules.MATCHING or rng.random() < TAKE_FIRST:
        actions.append(rules.TAKE)
    if declined:
        actions += [rules.MATCH, rules.FORWARD, rules.DECLINE]  # back in matching
    elif final == rules.MATCHING and rules.TAKE not in actions:
        actions.append(rules.TAKE)
    if final == rules.MATCHING:
        return actions
    actions.append(rules.MATCH)
    if reach >= ORDER.index(rules.FORWARDED):
        actions.append(rules.FORWARD)
    actions += [action for action, state in AFTER_FORWARDING if reach >= ORDER.index(state)]
    return actions


@dataclass
class AtReferral:
    """A werkproces in the step "verwijzing": what its referral needs of it."""

    case_id: int
    family_id: int
    stadsdeel: int  # index within the city
    okt: int
    members: list  # seed.werkproces.Member
    entered: datetime  # when the werkproces entered the step (UTC)


@dataclass
class Rows:
    tables: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLES})
    by_status: dict[str, int] = field(default_factory=dict)


class _City:
    def __init__(self, seeder: Seeder, plan: CityPlan, end: datetime):
        self.seeder, self.plan, self.end = seeder, plan, end
        self.rng = random.Random(f"ketenzorg-seed-verwijzing:{seeder.tag}:{plan.index}")
        self.adapt = connection.ops.adapt_datetimefield_value
        self.out = Rows()
        self.verbinders = plan.staff.get(Role.AJH_VERBINDER, {})
        staff = [s for ss in plan.staff.get(Role.AANBIEDER, {}).values() for s in ss]
        self.provider_staff: dict[int, list[int]] = {}
        for s in staff:
            self.provider_staff.setdefault(s.organisation_id, []).append(s.id)
        self.programmes = self._programmes()
        self.planned: set[int] = set()

    def _programmes(self) -> dict[str, list[tuple[int, int]]]:
        """The city's published referral programmes of providers with staff: category →
        [(programme id, provider id)]."""
        providers = sorted(self.provider_staff)
        found: dict[str, list[tuple[int, int]]] = {}
        if not providers:
            return found
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, provider_id, ijw_category FROM aanbod_programme"  # noqa: S608 - ints only
                f" WHERE provider_id IN ({', '.join(str(p) for p in providers)})"
                " AND status = 'gepubliceerd' AND access_route = 'verwijzing'"
                " AND ijw_category <> '' ORDER BY id"
            )
            for pk, provider_id, category in cursor.fetchall():
                found.setdefault(category, []).append((pk, provider_id))
        return found

    def uuid(self) -> str:
        return f"{(self.rng.getrandbits(128) & UUID_MASK) | UUID_BITS:032x}"

    def key(self, table: str) -> int:
        return self.seeder.ids(table, 1)[0]

    def at(self, moment: datetime):
        return self.adapt(moment)

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    # --- one referral ---------------------------------------------------------------------------

    def referral(self, item: AtReferral, child, names: dict) -> None:
        rng, rows, now = self.rng, self.out.tables, self.seeder.now
        final = _weighted(rng, REFERRAL_NOW)
        actions = history(rng, final)
        verbinders = self.verbinders.get(item.stadsdeel, [])
        if not verbinders or not self.programmes:
            return
        category = self.pick(sorted(self.programmes))
        # The times: the plan and the voorziening first, the steps in order after them.
        span = self.end - item.entered
        points = sorted(
            item.entered + span * rng.uniform(0.05, 0.98) for _ in range(len(actions) + 2)
        )
        made, created, moments = points[0], points[1], points[2:]
        definitive_plan = final in rules.WITH_PROVIDER and rng.random() < REFERRAL_PLAN_DEFINITIVE
        if item.case_id not in self.planned:  # one plan per case, for every child referred
            self.planned.add(item.case_id)
            self.perspectiefplan(item, made, definitive_plan)
        voorziening_id = self.voorziening(item, child, category, made)
        consents = {"gkp": self.consent(item, child, made, recipient_role=Role.AJH_VERBINDER)}
        referral_id = self.key("verwijzing_referral")
        state, provider, programme, milestones = rules.DRAFT, None, None, {}
        care = {}
        events = []
        for seq, (action, moment) in enumerate(zip(actions, moments, strict=True), start=1):
            party = rules.TRANSITIONS[(state, action)][1]
            organisation = None
            if party == rules.PROFESSIONAL:
                actor = item.okt
            elif party == rules.VERBINDER:
                actor = self.pick(verbinders).id
            else:
                actor = self.pick(self.provider_staff[provider])
            if action == rules.MATCH:
                programme, provider = self.pick(self.programmes[category])
                organisation = provider
            elif action == rules.FORWARD:
                organisation = provider
                if provider not in consents:
                    consents[provider] = self.consent(
                        item, child, moment - timedelta(hours=1), recipient_organisation=provider
                    )
            elif action == rules.DECLINE:
                organisation, provider, programme = provider, None, None
            elif action == rules.START_CARE:
                care["care_started_on"] = moment.astimezone(AMSTERDAM).date()
            elif action == rules.END_CARE:
                care["care_ended_on"] = moment.astimezone(AMSTERDAM).date()
            found = rules.step(state, action, party=party, reason=REASONS.get(action, ""))
            assert not isinstance(found, str), (state, action)  # noqa: S101 - built by the table
            milestone = rules.milestone_field(action)
            if milestone and milestone not in milestones:
                milestones[milestone] = moment
            events.append(
                (self.key("verwijzing_referralevent"), self.uuid(), referral_id, seq, action,
                 party, state, found.to, actor, organisation, self.at(moment),
                 REASONS.get(action, ""))
            )  # fmt: skip
            state = found.to
        assert state == final == rules.replay([(e[4], e[5]) for e in events])  # noqa: S101
        form = self.form(child, names, item)
        forwarded = milestones.get("forwarded_at")
        rows["verwijzing_referral"].append(
            (referral_id, self.uuid(), self.at(created), now, item.case_id, child.id,
             voorziening_id, self.plan.stadsdelen[item.stadsdeel][0], item.okt, state, "match",
             None, crypto.encrypt_text(json.dumps(form, ensure_ascii=False), purpose=FORM_PURPOSE),
             programme, provider,
             MATCH_NOTE if programme else "",
             f"{forwarded.year}{referral_id:08d}" if forwarded else "",
             *(self.at(milestones[f]) if f in milestones else None
               for f, _ in rules.MILESTONES),
             *(care[f].isoformat() if f in care else None
               for f in ("care_started_on", "care_ended_on")),
             len(events) + 1)
        )  # fmt: skip
        rows["verwijzing_referralevent"] += events
        self.out.by_status[state] = self.out.by_status.get(state, 0) + 1

    def form(self, child, names: dict, item: AtReferral) -> dict:
        given, family, birthdate, encrypted = names[child.id]
        form = {key: "" for key in rules.FORM_KEYS}
        bsn = crypto.decrypt_text(encrypted, purpose=BSN_PURPOSE) if encrypted else ""
        form.update(FORM_TEXT)
        form.update(
            child_name=f"{given} {family}",
            child_birthdate=birthdate.strftime("%d-%m-%Y"),
            child_bsn=bsn,
            address="9900 AA 1",
            question=QUESTIONS[item.case_id % 3],
            analysis=ANALYSIS[item.case_id % 3],
            results=RESULTS[item.case_id % 3],
            provision="Jeugdhulp ambulant, 3 uur per week, een half jaar",
        )
        return form

    def perspectiefplan(self, item: AtReferral, made: datetime, definitive: bool) -> None:
        rng, rows, now = self.rng, self.out.tables, self.seeder.now
        versions = 2 if rng.random() < 0.5 else 1
        text = item.case_id % 3
        for number in range(1, versions + 1):
            moment = made - timedelta(days=3 * (versions - number), hours=2)
            final = number == versions and definitive
            rows["verwijzing_perspectiefplanversion"].append(
                (self.key("verwijzing_perspectiefplanversion"), self.uuid(), self.at(moment), now,
                 item.case_id, number, QUESTIONS[text],
                 json.dumps([{"member": "", "name": "", "domains": {"opvoeding": ANALYSIS[text]}}]),
                 json.dumps([{"action": "Begeleiding thuis", "who": "Aanbieder",
                              "specialist_help": "Aanvullende jeugdhulp", "results": RESULTS[text]}]),
                 "definitief" if final else "concept", item.okt,
                 moment.astimezone(AMSTERDAM).date().isoformat() if final else None,
                 "ondertekend" if final else "", self.at(moment) if final else None,
                 item.okt if final else None)
            )  # fmt: skip

    def voorziening(self, item: AtReferral, child, category: str, made: datetime):
        rng, rows, now = self.rng, self.out.tables, self.seeder.now
        pk = self.key("verwijzing_voorziening")
        starts = made.astimezone(AMSTERDAM).date() + timedelta(days=14)
        ends = starts + timedelta(days=rng.choice((90, 180, 365)))
        definitive = rng.random() < REFERRAL_VOORZIENING_DEFINITIVE
        version = 2 if definitive else 1
        values = {"form": "natura", "ijw_category": category, "product_code": f"{category}A01",
                  "volume": rng.choice((2, 3, 4, 6)), "unit": "04", "frequency": "2",
                  "starts_on": starts.isoformat(), "ends_on": ends.isoformat(), "note": ""}  # fmt: skip
        rows["verwijzing_voorziening"].append(
            (pk, self.uuid(), self.at(made), now, item.case_id, child.id, "natura", category,
             values["product_code"], values["volume"], "04", "2", starts.isoformat(),
             ends.isoformat(), "", "definitief" if definitive else "voorlopig", item.okt, version)
        )  # fmt: skip
        for number in range(1, version + 1):
            status = "definitief" if number == 2 else "voorlopig"
            rows["verwijzing_voorzieningchange"].append(
                (self.key("verwijzing_voorzieningchange"), self.uuid(), pk, number,
                 json.dumps({**values, "child": ""}), status, item.okt,
                 self.at(made + timedelta(hours=number - 1)),
                 "definitief gemaakt" if number == 2 else "")
            )  # fmt: skip
        return pk

    def consent(self, item: AtReferral, child, given_at: datetime, *, recipient_role="",
                recipient_organisation=None) -> int:  # fmt: skip
        """One consent for this child, given by whom the Jeugdwet's age rules name."""
        rows, now = self.out.tables, self.seeder.now
        age = age_on(child.birthdate, given_at.astimezone(AMSTERDAM).date())
        givers = [] if age >= 16 else [
            m.id for m in item.members if m.role not in CHILD_ROLES and m.authority
        ]  # fmt: skip
        pk = self.key("consent_consent")
        rows["consent_consent"].append(
            (pk, self.uuid(), now, now, item.family_id, child.id, "verwijzing",
             recipient_organisation, recipient_role, json.dumps(sorted(rules.SHARED_PARTS)),
             age >= 12, self.at(given_at), "ondertekend", item.okt, None, None, None, "")
        )  # fmt: skip
        for giver in givers:
            rows["consent_consent_given_by"].append(
                (self.key("consent_consent_given_by"), pk, giver)
            )
        return pk


def _names(person_ids: list[int]) -> dict[int, tuple]:
    found: dict[int, tuple] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(person_ids), 1000):
            ids = ", ".join(str(i) for i in person_ids[start : start + 1000])
            cursor.execute(
                "SELECT id, given_name, family_name, birthdate, bsn_encrypted"  # noqa: S608 - ints
                f" FROM families_person WHERE id IN ({ids})"
            )
            for pk, given, family, birthdate, encrypted in cursor.fetchall():
                if isinstance(birthdate, str):
                    birthdate = datetime.fromisoformat(birthdate).date()
                found[pk] = (given, family, birthdate, encrypted)
    return found


def referral_rows(
    seeder: Seeder, plan: CityPlan, at_referral: list[AtReferral], end: datetime
) -> Rows:
    """The rows of the city's referrals, for the werkproces step to write in its batch."""
    city = _City(seeder, plan, end.astimezone(UTC))
    rng = city.rng
    chosen = []
    for item in at_referral:
        if rng.random() >= REFERRAL_SHARE:
            continue
        on = item.entered.astimezone(AMSTERDAM).date()
        # A child under 18 for whom the family can consent: alone from 16, else with a parent
        # with authority.
        authority = any(p.authority for p in item.members if p.role not in CHILD_ROLES)
        children = [
            m for m in item.members
            if m.role in CHILD_ROLES and age_on(m.birthdate, on) < 18
            and (authority or age_on(m.birthdate, on) >= 16)
        ]  # fmt: skip
        if not children:
            continue
        count = 2 if len(children) > 1 and rng.random() < REFERRAL_SECOND else 1
        for child in rng.sample(children, count):
            chosen.append((item, child))
    names = _names(sorted({child.id for _, child in chosen}))
    for item, child in chosen:
        city.referral(item, child, names)
    return city.out
