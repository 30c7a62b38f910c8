"""Cases for Demostad, written set-based.

`load_demo()` opens cases for the families that the casework accounts work with
(okt, jgz, zorgcoordinator, procescoordinator, brandpuntfunctionaris), at every
level in roughly the zorgpiramide's shares, with coordinators, meetings,
agreements (some overdue), a plan and one open stagnation signal. It is
idempotent and logged once as an import, like the rest of the demo.

`place_cases()` is the set-based core: given families and who is involved, it
bulk-writes one case per family at the given (or the pyramid's) levels. Days
are working days and times fall in the working day (`hours`). A seeded city
gets its cases as raw rows instead (`ketenzorg.synthetic.cases`).
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.coordination import rules
from ketenzorg.coordination.models import (
    Agreement,
    AgreementStatus,
    Case,
    CaseCoordinator,
    CaseEvent,
    CaseStatus,
    CoordinatorRole,
    EventKind,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    MeetingStatus,
    PlanVersion,
    SignalKind,
    StagnationSignal,
)
from ketenzorg.core.workdays import add_working_days, next_working_day
from ketenzorg.families.models import Family, Involvement
from ketenzorg.frontdoor.rules import local_instant
from ketenzorg.network.models import Professional, Role
from ketenzorg.synthetic.cases import AGREEMENTS, REASONS, FamilyFacts
from ketenzorg.synthetic.demo.city import account_for
from ketenzorg.synthetic.demo.hours import working_day_on_or_before

# The accounts whose families get cases, and who of them coordinates at which level.
CASEWORK_ROLES = (Role.OKT, Role.JGZ, Role.ZORGCOORDINATOR, Role.PROCESCOORDINATOR, Role.BRANDPUNT)
RANDOM_SEED = 2026


@dataclass
class Coordinators:
    """Who coordinates at which level (professional ids); any may be None."""

    zorgcoordinator: int | None = None
    procescoordinator: int | None = None
    brandpunt: int | None = None


@dataclass
class Placed:
    cases: int = 0
    by_level: dict = field(default_factory=lambda: defaultdict(int))
    meetings: int = 0
    agreements: int = 0
    overdue: int = 0
    signals: int = 0


def choose_levels(facts: list[FamilyFacts], rng: random.Random) -> dict[int, int]:
    """family_id -> level: the pyramid's shares, the busiest families at the top, every level present."""
    counts = rules.pyramid_counts(len(facts))
    ordered = sorted(facts, key=lambda f: (-len(set(f.professional_ids)), rng.random()))
    levels: dict[int, int] = {}
    index = 0
    for level in (5, 4, 3, 2, 1):
        for f in ordered[index : index + counts[level]]:
            levels[f.family_id] = level
        index += counts[level]
    return levels


def _at(day: date, hour: int) -> datetime:
    return local_instant(day, time(hour, 0))


def _escalated_on(opened_on: date) -> date:
    """A week after opening, the next working day: when the level was set and coordination began."""
    return next_working_day(opened_on + timedelta(days=7))


def place_cases(
    facts: list[FamilyFacts],
    *,
    today: date,
    coordinators: Coordinators,
    rng: random.Random,
    levels: dict[int, int] | None = None,
    with_plan: bool = True,
) -> Placed:
    """Bulk-write one open case per family with coordination fitting its level. Caller holds the transaction."""
    levels = levels or choose_levels(facts, rng)
    placed = Placed()
    now = timezone.now()
    cases = []
    for f in facts:
        level = levels[f.family_id]
        count = len(set(f.professional_ids))
        suggestion = rules.suggest_level(count)
        opened_on = working_day_on_or_before(today - timedelta(days=rng.randint(20, 200)))
        # Some level-1 families have outgrown their level: the suggestion waits for a professional.
        pending = level < 4 and suggestion.level != level and rng.random() < 0.5
        case = Case(
            uuid=uuid.uuid4(),
            family_id=f.family_id,
            status=CaseStatus.OPEN,
            level=level,
            suggested_level=suggestion.level,
            suggested_rule=suggestion.explanation,
            suggestion_handled=not pending,
            level_changed_at=_at(_escalated_on(opened_on), 10),
            reason=REASONS[level],
            opened_by_id=f.professional_ids[0],
            opened_on=opened_on,
        )
        if level == 5:
            case.crisis_started_at = now - timedelta(hours=rng.randint(2, 48))
            case.crisis_started_by_id = coordinators.brandpunt or f.professional_ids[0]
            case.crisis_reason = (
                "Acute onveiligheid thuis gemeld door politie; crisisprotocol gestart."
            )
        cases.append(case)
    Case.objects.bulk_create(cases, batch_size=1000)
    by_family = {
        c.family_id: c
        for c in Case.objects.filter(uuid__in=[c.uuid for c in cases]).only(
            "pk", "uuid", "family_id", "level", "opened_on"
        )
    }

    organisation_of = dict(
        Professional.objects.filter(
            pk__in={p for f in facts for p in f.professional_ids}
        ).values_list("pk", "organisation_id")
    )
    events, rows_coord, meetings, agreements = [], [], [], []
    for f in facts:
        case = by_family[f.family_id]
        level = case.level
        placed.cases += 1
        placed.by_level[level] += 1
        opener = f.professional_ids[0]
        suggestion = rules.suggest_level(len(set(f.professional_ids)))
        events.append(
            CaseEvent(
                case=case,
                kind=EventKind.OPENED,
                actor_id=opener,
                occurred_at=_at(case.opened_on, 9),
                summary="Casus geopend",
            )
        )
        if level > 1:
            events.append(
                CaseEvent(
                    case=case,
                    kind=EventKind.CRISIS if level == 5 else EventKind.LEVEL_CHANGED,
                    actor_id=opener,
                    occurred_at=_at(_escalated_on(case.opened_on), 10),
                    summary=f"Opgeschaald naar niveau {level}",
                    level_from=1,
                    level_to=level,
                    rule=rules.explain_choice(level, suggestion),
                    reason="" if level == suggestion.level else REASONS[level],
                )
            )
        wanted = []
        if level == 2 and coordinators.zorgcoordinator:
            wanted.append((CoordinatorRole.ZORGCOORDINATOR, coordinators.zorgcoordinator))
        if level >= 3 and coordinators.procescoordinator:
            wanted.append((CoordinatorRole.PROCESCOORDINATOR, coordinators.procescoordinator))
        if level >= 4 and coordinators.brandpunt:
            wanted.append((CoordinatorRole.BRANDPUNT, coordinators.brandpunt))
        for role, pid in wanted:
            rows_coord.append(
                CaseCoordinator(
                    case=case,
                    professional_id=pid,
                    role=role,
                    started_at=_at(_escalated_on(case.opened_on), 11),
                    assigned_by_id=opener,
                )
            )
        if level == 1:
            continue
        kind = {
            2: MeetingKind.ZORG,
            3: MeetingKind.PROCES,
            4: MeetingKind.PROCES,
            5: MeetingKind.CRISIS,
        }[level]
        convener = (
            coordinators.procescoordinator
            if level >= 3
            else (coordinators.zorgcoordinator or opener)
        )
        reached = _escalated_on(case.opened_on)
        held_on = add_working_days(reached, rng.randint(2, 5))
        meetings.append(
            Meeting(
                case=case, kind=kind, status=MeetingStatus.HELD, deadline=add_working_days(reached, 5) if level >= 3 else None,
                convener_id=convener, starts_at=_at(held_on, 14), location="OKé-punt", held_on=held_on,
                minutes="Alle betrokkenen gehoord; afspraken gemaakt over de route.",
            )
        )  # fmt: skip
        if level in (3, 5) or rng.random() < 0.3:
            deadline = add_working_days(today, rng.randint(1, 5))
            meetings.append(
                Meeting(
                    case=case,
                    kind=kind,
                    status=MeetingStatus.TO_PLAN,
                    deadline=deadline,
                    convener_id=convener,
                )
            )
        for n in range(rng.randint(2, 4)):
            responsible = rng.choice(f.professional_ids)
            roll = rng.random()
            if roll < 0.3:
                status, due, done = (
                    AgreementStatus.DONE,
                    held_on + timedelta(days=rng.randint(5, 20)),
                    None,
                )
                done = min(today, due - timedelta(days=rng.randint(-3, 4)))
            elif roll < (0.55 if level >= 3 else 0.15):
                status, due, done = (
                    AgreementStatus.OPEN,
                    today - timedelta(days=rng.randint(1, 20)),
                    None,
                )  # overdue
                placed.overdue += 1
            else:
                status, due, done = (
                    AgreementStatus.OPEN,
                    today + timedelta(days=rng.randint(1, 40)),
                    None,
                )
            agreements.append(
                Agreement(
                    case=case, what=AGREEMENTS[(n + case.pk) % len(AGREEMENTS)], responsible_professional_id=responsible,
                    responsible_organisation_id=organisation_of[responsible], due_on=due, status=status, done_on=done, created_by_id=opener,
                )
            )  # fmt: skip
    CaseEvent.objects.bulk_create(events, batch_size=2000)
    CaseCoordinator.objects.bulk_create(rows_coord, batch_size=2000)
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    Agreement.objects.bulk_create(agreements, batch_size=2000)
    placed.meetings, placed.agreements = len(meetings), len(agreements)
    held = Meeting.objects.filter(
        case__in=list(by_family.values()), status=MeetingStatus.HELD
    ).values_list("pk", "case__family_id")
    involved = {f.family_id: set(f.professional_ids) for f in facts}
    MeetingInvitation.objects.bulk_create(
        [
            MeetingInvitation(meeting_id=m, professional_id=p, sent_at=now)
            for m, fam in held
            for p in involved[fam]
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    if with_plan:
        PlanVersion.objects.bulk_create(
            [
                PlanVersion(
                    case=c, number=1, author_id=c.opened_by_id, content=_plan_content(c.opened_on)
                )
                for c in Case.objects.filter(
                    pk__in=[c.pk for c in by_family.values() if c.level >= 2]
                ).only("pk", "opened_by_id", "opened_on", "family_id")
            ],
            batch_size=1000,
        )
    return placed


def _plan_content(opened_on: date) -> dict:
    return {
        "family_words": "We willen weer rust in huis en dat het goed gaat op school.",
        "contact": "Bereikbaar via moeder, liefst na 15.00 uur.",
        "network": "Oma (moederskant) helpt op woensdag; buurvrouw kan bijspringen.",
        "strengths": "Ouders zijn betrokken en willen hulp; de kinderen gaan graag naar school.",
        "worries": "Schulden geven spanning; het oudste kind verzuimt vaak.",
        "earlier_help": "Opvoedadvies op het inloopspreekuur (vorig jaar).",
        "discussed_with_family_on": (opened_on + timedelta(days=10)).isoformat(),
        "members": [],
        "professionals": [],
        "goals": [
            {
                "goal": "Schulden onder controle",
                "action": "Aanmelden schuldhulp",
                "who": "ouder met OKT",
                "by_when": "",
            },
            {
                "goal": "Weer elke dag naar school",
                "action": "Gesprek met school en leerplicht",
                "who": "JGZ",
                "by_when": "",
            },
        ],
        "written_on": (opened_on + timedelta(days=10)).isoformat(),
    }


def _print(stdout, message):
    if stdout is not None:
        stdout.write(message + "\n")


def load_demo(*, stdout=None) -> Placed | None:
    """Cases for Demostad's families. Idempotent: does nothing when the demo accounts already opened cases."""
    usernames = {account_for(role).username: role for role in CASEWORK_ROLES}
    professionals = {
        usernames[p.user.username]: p
        for p in Professional.objects.filter(user__username__in=usernames).select_related("user")
    }
    if not professionals:
        _print(stdout, "Casussen: geen demo-accounts gevonden; eerst de demostad laden.")
        return None
    if Case.objects.filter(opened_by__in=professionals.values()).exists():
        _print(stdout, "Casussen van de demostad staan er al.")
        return None
    today = timezone.localdate()
    active = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    demo_ids = [p.pk for p in professionals.values()]
    families = (
        Family.objects.filter(involvements__professional_id__in=demo_ids)
        .exclude(cases__status=CaseStatus.OPEN)
        .distinct()
        .values_list("pk", flat=True)
    )
    involved: dict[int, list[int]] = defaultdict(list)
    for family_id, professional_id in (
        Involvement.objects.filter(active, family_id__in=list(families))
        .order_by("family_id", "started_on", "pk")
        .values_list("family_id", "professional_id")
    ):
        involved[family_id].append(professional_id)
    facts = [FamilyFacts(fid, pids) for fid, pids in sorted(involved.items())]
    if len(facts) < len(rules.LEVELS):
        _print(stdout, "Casussen: te weinig gezinnen met demo-professionals.")
        return None
    rng = random.Random(RANDOM_SEED)
    coordinators = Coordinators(
        zorgcoordinator=getattr(professionals.get(Role.ZORGCOORDINATOR), "pk", None),
        procescoordinator=getattr(professionals.get(Role.PROCESCOORDINATOR), "pk", None),
        brandpunt=getattr(professionals.get(Role.BRANDPUNT), "pk", None),
    )
    with transaction.atomic():
        placed = place_cases(facts, today=today, coordinators=coordinators, rng=rng)
        placed.signals = _one_stagnation_signal(today)
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="coordination.Case",
            subjects=[
                Subject("family", u)
                for u in Family.objects.filter(pk__in=list(involved)).values_list("uuid", flat=True)
            ],
            reason=f"demo: {placed.cases} casussen geladen",
        )
    levels = ", ".join(f"niveau {lv}: {placed.by_level[lv]}" for lv in sorted(placed.by_level))
    _print(
        stdout,
        f"Casussen geladen: {placed.cases} ({levels}); {placed.agreements} afspraken, {placed.overdue} te laat; {placed.signals} stagnatiesignaal.",
    )
    return placed


def _one_stagnation_signal(today: date) -> int:
    """One open signal, on the procescoördinator's level-3 case with an overdue agreement (the daily check makes the rest)."""
    agreement = (
        Agreement.objects.filter(case__level=3, status=AgreementStatus.OPEN, due_on__lt=today)
        .select_related("case")
        .order_by("case__opened_on", "pk")
        .first()
    )
    if agreement is None:
        return 0
    StagnationSignal.objects.create(
        case=agreement.case,
        kind=SignalKind.AGREEMENT_OVERDUE,
        key=f"agreement:{agreement.uuid}",
        agreement=agreement,
        raised_on=today,
    )
    CaseEvent.objects.create(
        case=agreement.case,
        kind=EventKind.STAGNATION,
        occurred_at=timezone.now(),
        summary=f"Stagnatiesignaal: afspraak over de datum ({agreement.due_on:%d-%m-%Y})",
        rule="stagnatie in de hulpverlening: voorstel opschalen naar niveau 4 (brandpuntfunctionaris)",
    )
    return 1
