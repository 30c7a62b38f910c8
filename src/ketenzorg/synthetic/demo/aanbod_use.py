"""The demo catalogue in use: a few of Demostad's open cases with an agreement to follow a
programme, linked to it (and to the plan's first goal when there is a plan), and a few contact
moments at which the adviser handed a parent a programme on the moment's topic.

Runs after the catalogue (`aanbod`) and the cases (`cases`): it links what they made. Written
directly, like the other demo loaders, with the case history line a link writes.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.aanbod.models import Programme, ProgrammeStatus
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination.models import (
    Agreement,
    AgreementStatus,
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    PlanVersion,
    ProgrammeLink,
)
from ketenzorg.frontdoor.models import ContactMoment, HandedProgramme, HandWay

RANDOM_SEED = 1414
LINKED_CASES = 6
HANDED_MOMENTS = 12
WHO = ("Moeder", "Vader", "Ouders", "Moeder", "Vader", "De jongere")


def _print(stdout, message):
    if stdout is not None:
        stdout.write(message + "\n")


def load_demo(*, stdout=None) -> dict:
    """Idempotent: nothing when a demo link or handed programme is already there."""
    made = {"links": 0, "handed": 0}
    if ProgrammeLink.objects.exists() or HandedProgramme.objects.exists():
        _print(stdout, "Aanbod in plannen en meegegeven aanbod staan er al.")
        return made
    published = list(
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)
        .select_related("provider")
        .prefetch_related("topics")
        .order_by("sort_name", "uuid")
    )
    if not published:
        _print(stdout, "Aanbod in gebruik: eerst het aanbod op maat laden.")
        return made
    rng = random.Random(RANDOM_SEED)
    with transaction.atomic():
        made["links"] = _links(rng, published)
        made["handed"] = _handed(rng, published)
        if any(made.values()):
            audit_record(
                actor=None, action=Action.IMPORT, object_type="coordination.ProgrammeLink",
                reason="demostad: aanbod in plannen en bij contactmomenten geladen",
            )  # fmt: skip
    _print(
        stdout,
        f"Aanbod in gebruik: {made['links']} afspraken met aanbod, "
        f"{made['handed']} keer aanbod meegegeven bij een contactmoment.",
    )
    return made


def _links(rng, published) -> int:
    today = timezone.localdate()
    cases = list(
        Case.objects.filter(status=CaseStatus.OPEN, agreements__status=AgreementStatus.OPEN)
        .distinct()
        .order_by("opened_on", "pk")[: LINKED_CASES * 3 : 3]
    )
    made = 0
    for n, case in enumerate(cases):
        programme = rng.choice(published)
        creator = case.agreements.order_by("pk").first().created_by
        agreement = Agreement.objects.create(
            case=case,
            what=f"{WHO[n % len(WHO)]} volgt {programme.name} bij {programme.provider.name}",
            responsible_organisation=programme.provider,
            due_on=today + timedelta(days=rng.choice((21, 35, 56))),
            created_by=creator,
        )
        plan = PlanVersion.objects.filter(case=case).order_by("-number").first()
        goals = plan.content.get("goals", []) if plan else []
        ProgrammeLink.objects.create(
            case=case, programme=programme, agreement=agreement, linked_by=creator,
            plan_version=plan if goals else None, goal_index=0 if goals else None,
            goal=goals[0]["goal"][:500] if goals else "",
        )  # fmt: skip
        CaseEvent.objects.create(
            case=case, kind=EventKind.PROGRAMME, actor=creator, occurred_at=timezone.now(),
            summary=f"Aanbod gekoppeld: {programme.name} ({programme.provider.name})",
        )  # fmt: skip
        made += 1
    return made


def _handed(rng, published) -> int:
    by_topic: dict[int, list[Programme]] = {}
    for programme in published:
        for topic in programme.topics.all():
            by_topic.setdefault(topic.pk, []).append(programme)
    moments = list(
        ContactMoment.objects.filter(question__isnull=True)
        .prefetch_related("topics")
        .order_by("occurred_at", "pk")[: HANDED_MOMENTS * 4 : 4]
    )
    rows = []
    for n, moment in enumerate(moments):
        fitting = [p for t in moment.topics.all() for p in by_topic.get(t.pk, [])]
        programme = rng.choice(fitting or published)
        way = HandWay.MAIL if n % 3 else HandWay.PRINT
        at = moment.occurred_at + timedelta(minutes=10)
        rows.append(
            HandedProgramme(
                contact=moment,
                programme=programme,
                way=way,
                handed_by=moment.adviser,
                mailed_at=at if way == HandWay.MAIL else None,
            )  # fmt: skip
        )
    HandedProgramme.objects.bulk_create(rows)
    return len(rows)
