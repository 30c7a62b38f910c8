"""The OKT werkproces of one seeded city: steps with their history, consultations, consents.

The werkproces page and the meedenker's list are benchmarked at metro scale, so a seeded city
needs what they show in realistic amounts: a share of the open cases with an OKT professional
involved has a werkproces, spread over the steps (some stopped, a few with a step back or a
stop that was resumed in their history); each visit of the intern, extern and AJH step asked
one to three consultations, of which the meedenker wrote findings and the team recorded the
joint evaluation once the period was over. External meedenkers are asked unevenly (some are
known and asked often), so the busiest one has a list of realistic length. A consultation on
name with a meedenker outside the asking organisation rests on the family's consent, one per
child as the Jeugdwet asks it; a few of those were withdrawn since.

Every history is built with the product's own transition table (`werkproces.rules`), so it
replays to the stored step; evaluations precede each decision as the rules require; each
transition has its line in the case's history, as the services write it. Its own
generator per city, so adding this step changed none of the families, cases or grants.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import connection, transaction

from ketenzorg.families.rules import age_on
from ketenzorg.network.models import Role
from ketenzorg.synthetic.cases import AMSTERDAM, SeededFamily
from ketenzorg.synthetic.seed.columns import COLUMNS, WERKPROCES_TABLES
from ketenzorg.synthetic.seed.parameters import (
    CONSENT_WITHDRAWN,
    CONSULTATION_IDENTIFIED,
    CONSULTATIONS_PER_VISIT,
    MEEDENKER_SPREAD,
    UUID_BITS,
    UUID_MASK,
    WERKPROCES_BACK,
    WERKPROCES_NOW,
    WERKPROCES_RESUMED,
    WERKPROCES_SHARE,
    WERKPROCES_STOPPED_FROM,
)
from ketenzorg.synthetic.seed.plan import CityPlan
from ketenzorg.synthetic.seed.verwijzing import TABLES as REFERRAL_TABLES
from ketenzorg.synthetic.seed.verwijzing import AtReferral, referral_rows
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import Step, TransitionKind

if TYPE_CHECKING:
    from ketenzorg.synthetic.seed.runner import Seeder

SCOPE_OF_STEP = {rules.INTERNAL: rules.SCOPE_INTERNAL, rules.EXTERNAL: rules.SCOPE_EXTERNAL,
                 rules.AJH: rules.SCOPE_AJH}  # fmt: skip
PARTS = ("afspraken", "personalia", "plan", "werkproces")  # consent.models.DossierPart
CHILD_ROLES = ("kind", "jongere")

EVALUATIONS = {
    False: (
        "De ondersteuning loopt, maar de zorgen over de slaap en de woede-uitbarstingen blijven.",
        "Ouders zijn gemotiveerd; de spanningen thuis nemen niet af. Meer expertise nodig.",
        "Het schoolverzuim is niet minder geworden; de vraag ligt buiten wat wij zelf bieden.",
    ),
    True: (
        "Ouders hebben handvatten gekregen en passen ze toe; het gaat thuis beter.",
        "Met de afspraken met school en de JGZ kan het gezin verder; geen nieuwe stap nodig.",
    ),
}
STOP_REASONS = (
    "Het gezin kan verder met de bestaande ondersteuning van het OKT.",
    "Ouders willen nu geen verdere hulp; we blijven betrokken via de JGZ.",
)
BACK_REASON = "De meedenker adviseert eerst binnen het team verder te kijken."
RESUME_REASON = "Nieuwe zorgen van school: het werkproces gaat verder waar het stopte."
TEAM_DECISION = "In het teamoverleg besloten: expertise van buiten helpt bij deze vraag."
PARTICIPANTS = "moeder, vader, de meedenker en de OKT-professional"
QUESTIONS = (
    "Hoe ondersteunen we ouders bij een kind met forse driftbuien thuis en op school?",
    "Welke aanpak past bij een jongere die al weken niet naar school gaat?",
    "Is er bij deze zorgen over hechting meer nodig dan opvoedondersteuning?",
    "Hoe gaan we om met schulden die de opvoeding onder druk zetten?",
    "Welke hulp past bij een ouder met psychische klachten en een jong kind?",
)
SUMMARY = "Gezin met twee kinderen in de basisschoolleeftijd; zorgen over gedrag en spanning thuis."
EXPECTS_OF_MEEDENKER = "Meedenken over de aanpak en advies over de volgende stap."
EXPECTS_OF_PROFESSIONAL = "Een korte schets van wat al is geprobeerd, en terugkoppeling achteraf."
FINDINGS = (
    "Gesproken met de professional. Advies: eerst een gesprek met ouders samen over de routine.",
    "Na het huisbezoek: de zorgen zijn reëel; specialistische diagnostiek ligt voor de hand.",
    "De aanpak van het OKT is passend; aanvullend een oudergroep aanbevolen.",
)
YIELDED = "Helder advies over de aanpak; de professional kan ermee verder."
ADDITIONAL_CARE = "Jeugd-GGZ: diagnostiek en behandeling van angstklachten."
WITHDRAWAL = "Ouders willen de gegevens niet langer met de meedenker delen."


@dataclass
class Member:
    id: int
    birthdate: date
    role: str
    authority: bool


# Besides its own tables: a line in the case's history per transition, as the services write it.
TABLES = (*WERKPROCES_TABLES, "coordination_caseevent")


@dataclass
class Rows:
    tables: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLES})
    by_step: dict[str, int] = field(default_factory=dict)


def _weighted(rng: random.Random, options):
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _states(kinds: list[str]) -> list[rules.State]:
    state, out = rules.State(), []
    for kind in kinds:
        state = rules.apply(state, kind)
        out.append(state)
    return out


def history_kinds(rng: random.Random) -> list[str]:
    """The transitions from the start to where the werkproces stands now, valid in the table."""
    now = _weighted(rng, WERKPROCES_NOW)
    last = _weighted(rng, WERKPROCES_STOPPED_FROM) if now == rules.STOPPED else now
    kinds = [rules.START] + [rules.CONTINUE] * rules.ORDER.index(last)
    if rng.random() < WERKPROCES_RESUMED:
        at = [i for i, s in enumerate(_states(kinds)) if s.step in rules.WORKING]
        i = at[rng.randrange(len(at))]
        kinds[i + 1 : i + 1] = [rules.STOP, rules.RESUME]
    if rng.random() < WERKPROCES_BACK:
        at = [i for i, s in enumerate(_states(kinds)) if s.step in rules.ORDER[1:]]
        if at:
            i = at[rng.randrange(len(at))]
            kinds[i + 1 : i + 1] = [rules.BACK, rules.CONTINUE]
    if now == rules.STOPPED:
        kinds.append(rules.STOP)
    return kinds


def _event_summary(kind: str, before: rules.State, after: rules.State) -> str:
    """The case history's line, worded as `werkproces.services.steps` words it."""
    if kind == rules.START:
        return f"Werkproces gestart: {Step(rules.OKT).label}"
    return f"Werkproces {TransitionKind(kind).label}: {Step(before.step).label} → {Step(after.step).label}"


def _persons(family_ids: list[int]) -> dict[int, list[Member]]:
    found: dict[int, list[Member]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(family_ids), 1000):
            ids = ", ".join(str(i) for i in family_ids[start : start + 1000])
            cursor.execute(
                "SELECT family_id, id, birthdate, role, has_parental_authority"  # noqa: S608 - ints only
                f" FROM families_person WHERE family_id IN ({ids}) ORDER BY id"
            )
            for family_id, pk, birthdate, role, authority in cursor.fetchall():
                if isinstance(birthdate, str):
                    birthdate = date.fromisoformat(birthdate)
                found.setdefault(family_id, []).append(Member(pk, birthdate, role, bool(authority)))
    return found


class _City:
    """One city's werkprocessen: the generator, the pools to ask, and the rows being built."""

    def __init__(self, seeder: Seeder, plan: CityPlan):
        self.seeder = seeder
        self.rng = random.Random(f"ketenzorg-seed-werkproces:{seeder.tag}:{plan.index}")
        self.adapt = connection.ops.adapt_datetimefield_value
        # In UTC from here on: periods are exact durations, as the services add them to now().
        self.end = datetime.combine(seeder.reference, time(8, 0), tzinfo=AMSTERDAM).astimezone(UTC)
        self.out = Rows()
        self.at_referral: list[AtReferral] = []  # for the referrals (seed/verwijzing.py)
        self.staff = plan.staff
        organisation = {s.id: s.organisation_id for by in plan.staff.values()
                        for ss in by.values() for s in ss}  # fmt: skip
        self.organisation = organisation
        # Some external meedenkers are known and asked often, most now and then.
        meedenkers = sorted(
            {s.id for ss in plan.staff.get(Role.MEEDENKER, {}).values() for s in ss}
        )
        self.meedenkers = meedenkers
        self.meedenker_weights = [self.rng.lognormvariate(0, MEEDENKER_SPREAD) for _ in meedenkers]

    def uuid(self) -> str:
        return f"{(self.rng.getrandbits(128) & UUID_MASK) | UUID_BITS:032x}"

    def key(self, table: str) -> int:
        return self.seeder.ids(table, 1)[0]

    def at(self, moment: datetime):
        return self.adapt(moment)

    def between(self, start: datetime, end: datetime, low=0.0, high=1.0) -> datetime:
        return start + (end - start) * self.rng.uniform(low, high)

    # --- who is asked ---------------------------------------------------------------------------

    def meedenker_for(self, scope: str, stadsdeel: int, asker: int) -> int | None:
        rng = self.rng
        if scope == rules.SCOPE_EXTERNAL:
            if not self.meedenkers:
                return None
            return rng.choices(self.meedenkers, weights=self.meedenker_weights)[0]
        if scope == rules.SCOPE_AJH:
            pool = self.staff.get(Role.AJH_VERBINDER, {}).get(stadsdeel, [])
        else:  # a colleague of the own stadsdeel: the OKT or the JGZ (team in the stadsdeel)
            pool = [s for role in (Role.OKT, Role.JGZ)
                    for s in self.staff.get(role, {}).get(stadsdeel, []) if s.id != asker]  # fmt: skip
        return pool[rng.randrange(len(pool))].id if pool else None

    # --- one werkproces -------------------------------------------------------------------------

    def werkproces(self, case_id: int, opened_on: date, family: SeededFamily, okt: int,
                   members: list[Member]) -> None:  # fmt: skip
        rng, rows, now = self.rng, self.out.tables, self.seeder.now
        kinds = history_kinds(rng)
        states = _states(kinds)
        begin = datetime.combine(
            opened_on + timedelta(days=rng.randint(0, 10)),
            time(9 + rng.randrange(8), rng.randrange(60)),
            tzinfo=AMSTERDAM,
        ).astimezone(UTC)
        span = self.end - begin
        moments = [begin] + sorted(begin + span * rng.uniform(0.02, 0.9) for _ in kinds[1:])
        werkproces_id = self.key("werkproces_werkproces")
        final = states[-1]
        rows["werkproces_werkproces"].append(
            (werkproces_id, self.uuid(), now, now, case_id, final.step, final.stopped_from or "",
             len(kinds), okt)
        )  # fmt: skip
        self.out.by_step[final.step] = self.out.by_step.get(final.step, 0) + 1
        if final.step == rules.REFERRAL:
            self.at_referral.append(
                AtReferral(case_id, family.family_id, family.stadsdeel, okt, members, moments[-1])
            )
        consulted: list[int] = []  # meedenkers of this werkproces, newest last
        visited: set[str] = set()
        evaluation_id = None
        for seq, kind in enumerate(kinds, start=1):
            state = states[seq - 1]
            previous = states[seq - 2] if seq > 1 else rules.State()
            entered = moments[seq - 1]
            left = moments[seq] if seq < len(kinds) else self.end
            next_kind = kinds[seq] if seq < len(kinds) else None
            into_referral = kind == rules.CONTINUE and state.step == rules.REFERRAL
            rows["werkproces_transition"].append(
                (self.key("werkproces_transition"), self.uuid(), werkproces_id, seq, kind,
                 previous.step or "", state.step, okt, self.at(entered),
                 {rules.STOP: STOP_REASONS[rng.randrange(len(STOP_REASONS))], rules.BACK: BACK_REASON,
                  rules.RESUME: RESUME_REASON}.get(kind, ""),
                 evaluation_id if kind in (rules.CONTINUE, rules.STOP) else None,
                 TEAM_DECISION if kind == rules.CONTINUE and state.step == rules.EXTERNAL else "",
                 into_referral, consulted[-1] if into_referral and consulted else None,
                 PARTICIPANTS if into_referral else "")
            )  # fmt: skip
            rows["coordination_caseevent"].append(
                (self.key("coordination_caseevent"), self.uuid(), case_id, "werkproces",
                 self.at(entered), okt, _event_summary(kind, previous, state), None, None, "",
                 rows["werkproces_transition"][-1][9])
            )  # fmt: skip
            evaluation_id = None
            if state.step not in rules.WORKING:
                continue
            scope = SCOPE_OF_STEP.get(state.step)
            if scope is not None:
                first = state.step not in visited
                count = 1 if scope == rules.SCOPE_AJH else _weighted(rng, CONSULTATIONS_PER_VISIT)
                if first or rng.random() < 0.5:
                    for _ in range(count):
                        meedenker = self.consultation(
                            werkproces_id, scope, family, okt, members, entered, left,
                            current=next_kind is None, stopped_after=next_kind == rules.STOP,
                            referral_after=next_kind == rules.CONTINUE and state.step == rules.AJH,
                        )  # fmt: skip
                        if meedenker is not None:
                            consulted.append(meedenker)
            visited.add(state.step)
            # The evaluation the decision rests on; now and then evaluated twice; the current
            # step often not yet.
            if next_kind in (rules.CONTINUE, rules.STOP) or (
                next_kind is None and rng.random() < 0.4
            ):
                enough = next_kind == rules.STOP and rng.random() < 0.85
                times = 2 if rng.random() < 0.1 else 1
                for moment in sorted(self.between(entered, left, 0.6, 0.98) for _ in range(times)):
                    evaluation_id = self.key("werkproces_stepevaluation")
                    texts = EVALUATIONS[enough]
                    rows["werkproces_stepevaluation"].append(
                        (evaluation_id, self.uuid(), werkproces_id, state.step, seq, enough,
                         texts[rng.randrange(len(texts))], okt, self.at(moment))
                    )  # fmt: skip

    def consultation(self, werkproces_id, scope, family, asker, members, entered, left, *,
                     current, stopped_after, referral_after) -> int | None:  # fmt: skip
        rng, rows, now = self.rng, self.out.tables, self.seeder.now
        meedenker = self.meedenker_for(scope, family.stadsdeel, asker)
        if meedenker is None:
            return None
        starts = self.between(entered, left, 0.05, 0.5)
        if current:
            ends = starts + timedelta(days=rng.randint(21, 84), hours=rng.randint(0, 8))
        else:
            ends = max(starts + timedelta(days=2), self.between(starts, left, 0.6, 0.95))
            ends = min(ends, starts + rules.MAX_PERIOD)
        consultation_id = self.key("werkproces_consultation")
        identified = rng.random() < (0.6 if scope == rules.SCOPE_AJH else CONSULTATION_IDENTIFIED)
        shared = sorted(rng.sample(PARTS, rng.randint(1, 3))) if identified else []
        consents = []
        if identified and self.organisation.get(meedenker) != self.organisation.get(asker):
            consents = self.consents(family, members, asker, meedenker, shared, starts)
            if consents is None:  # nobody in the family can consent: asked anonymously
                identified, shared, consents = False, [], []
        rows["werkproces_consultation"].append(
            (consultation_id, self.uuid(), now, now, werkproces_id,
             "meedoen" if rng.random() < 0.25 else "meedenken", scope, asker, meedenker,
             None if scope == rules.SCOPE_AJH else self.seeder.tag_ids[rng.randrange(len(self.seeder.tag_ids))],
             QUESTIONS[rng.randrange(len(QUESTIONS))], SUMMARY, EXPECTS_OF_MEEDENKER,
             EXPECTS_OF_PROFESSIONAL, identified, json.dumps(shared), self.at(starts), self.at(ends),
             self.at(ends + rules.GRACE))
        )  # fmt: skip
        for consent_id in consents:
            rows["werkproces_consultation_consents"].append(
                (self.key("werkproces_consultation_consents"), consultation_id, consent_id)
            )
        # The meedenker's findings, written during the period or the grace after it.
        window = (starts + timedelta(days=2), min(ends + rules.GRACE, self.end))
        written = []
        if window[1] > window[0]:
            count = _weighted(rng, ((0, 10), (1, 65), (2, 25)))
            written = sorted(self.between(*window) for _ in range(count))
        for moment in written:
            rows["werkproces_finding"].append(
                (self.key("werkproces_finding"), self.uuid(), consultation_id,
                 FINDINGS[rng.randrange(len(FINDINGS))], meedenker, self.at(moment))
            )  # fmt: skip
        # The joint evaluation, once the period is over and there are findings to weigh.
        if written and ends < self.end and rng.random() < 0.85:
            moment = min(written[-1] + timedelta(hours=rng.randint(1, 96)), self.end)
            if moment > written[-1]:
                clear = scope == rules.SCOPE_AJH and referral_after
                rows["werkproces_consultationevaluation"].append(
                    (self.key("werkproces_consultationevaluation"), self.uuid(), consultation_id,
                     YIELDED, stopped_after, clear, ADDITIONAL_CARE if clear else "",
                     rng.random() < 0.9, asker, self.at(moment))
                )  # fmt: skip
        return meedenker

    def consents(self, family, members, asker, meedenker, parts, starts) -> list[int] | None:
        """One consent per child for this recipient and these parts, given before the ask."""
        rng, rows, now = self.rng, self.out.tables, self.seeder.now
        children = [m for m in members if m.role in CHILD_ROLES] or members
        with_authority = [m.id for m in members if m.role not in CHILD_ROLES and m.authority]
        on = starts.astimezone(AMSTERDAM).date()
        plans = []
        for child in children:
            age = age_on(child.birthdate, on)
            givers = [] if age >= 16 else with_authority
            if not givers and age < 12:
                return None
            plans.append((child, age >= 12, givers))
        given_at = starts - timedelta(hours=rng.randint(1, 240))
        signed = rng.random() < 0.6
        withdrawn = rng.random() < CONSENT_WITHDRAWN and starts < self.end
        ids = []
        for child, child_consented, givers in plans:
            consent_id = self.key("consent_consent")
            ids.append(consent_id)
            withdrawal = (None, None, None, "")
            if withdrawn:
                by = givers[0] if givers else child.id
                withdrawal = (self.at(self.between(starts, self.end, 0.2, 0.8)), by, asker,
                              WITHDRAWAL)  # fmt: skip
            rows["consent_consent"].append(
                (consent_id, self.uuid(), now, now, family.family_id, child.id, "consultatie",
                 self.organisation[meedenker], "", json.dumps(parts), child_consented,
                 self.at(given_at), "ondertekend" if signed else "mondeling", asker, *withdrawal)
            )  # fmt: skip
            for giver in givers:
                rows["consent_consent_given_by"].append(
                    (self.key("consent_consent_given_by"), consent_id, giver)
                )
        return ids


def write_werkprocessen(
    seeder: Seeder,
    plan: CityPlan,
    in_care: list[SeededFamily],
    cases: list[tuple[int, int, str]],
) -> None:
    """The werkprocessen of one city's open cases `(case id, family id, opened_on)`; written
    after the cases are committed (they point at them)."""
    city = _City(seeder, plan)
    rng = city.rng
    by_family = {f.family_id: f for f in in_care}
    chosen = []
    for case_id, family_id, opened_on in cases:
        family = by_family[family_id]
        okt = next((m.id for m in family.team if m.role == Role.OKT), None)
        if okt is not None and rng.random() < WERKPROCES_SHARE:
            chosen.append((case_id, date.fromisoformat(opened_on), family, okt))
    if not chosen:
        return
    seeder.drain()  # the families and cases are committed before they are read and pointed at
    members = _persons(sorted({family.family_id for _, _, family, _ in chosen}))
    for case_id, opened_on, family, okt in chosen:
        city.werkproces(case_id, opened_on, family, okt, members.get(family.family_id, []))
    for step, count in city.out.by_step.items():
        seeder.werkproces_by_step[step] = seeder.werkproces_by_step.get(step, 0) + count
    referrals = referral_rows(seeder, plan, city.at_referral, city.end)
    for status, count in referrals.by_status.items():
        seeder.referral_by_status[status] = seeder.referral_by_status.get(status, 0) + count
    writer, tables = seeder.writer, city.out.tables

    def write():
        with transaction.atomic():
            for table in TABLES:
                writer.insert(table, COLUMNS[table], tables[table])
            # The referrals of the werkprocessen in the step "verwijzing", in the same batch.
            for table in REFERRAL_TABLES:
                writer.insert(table, COLUMNS[table], referrals.tables[table])

    seeder.submit(write, 0)
