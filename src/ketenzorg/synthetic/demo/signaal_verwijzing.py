"""A year of Demostad's finished referrals, so the signal function's referral figures have data.

The referral demo (`verwijzing.py`) tells twelve stories through the real services, one at every
stage: at the signal function's threshold of 10 all of them would be hidden. A real city of
this size refers some three dozen youths a month to aanvullende jeugdhulp; this writes that
history for the twelve full months before the current one: families in Demostad's gebieden
(clearly fictional names), each with a closed case, a definitive voorziening and a referral
whose every step is in its append-only history (send, take, match, forward, sometimes a decline
and a second match, accept, first contact, care started and, when it lies in the past, ended).
Most go to the demo provider's organisation, some to the two others, with the waits a
gebiedsknooppunt sees: matched within days to weeks, the provider's first contact within one
to three weeks.

The referring OKT professional's involvement ended with the care (they are history, not
caseload; an OKT colleague without a demo account refers them, so the okt account's lists stay
the twelve stories); the verbinder's inbox columns and the provider's "nieuw" and "lopend"
lists hold only live referrals; finished ones are under the provider's "afgerond". Written directly, like the contact-moment history (`signaal.py`): these are
finished facts, not actions someone takes in the demo. All of it synthetic.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.aanbod.models import IjwCategory
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination.models import Case, CaseStatus
from ketenzorg.families.models import Family, Involvement, MemberRole, Person
from ketenzorg.network.models import District, DistrictKind, Organisation, Professional, Role
from ketenzorg.synthetic import names
from ketenzorg.synthetic.demo.city import ORGANISATIONS
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import (
    Frequency,
    ProvisionForm,
    Referral,
    ReferralEvent,
    RequestKind,
    VolumeUnit,
    Voorziening,
    VoorzieningStatus,
)

RANDOM_SEED = 2017
MONTHS = 12
PER_MONTH = 36
FAMILY_PREFIX = "Gezin Historie"  # marks the history; `_has_history` looks for it
# The providers' shares of the referrals (city.ORGANISATIONS keys); the demo's own provider
# takes most, so its waits show beside hidden cells of the smaller two.
PROVIDER_SHARES = {"aanbieder:0": 60, "aanbieder:1": 25, "aanbieder:2": 15}
# Days a step takes: (low, high) for a uniform draw, per step.
SENT_TO_MATCHED = [(1, 6)] * 5 + [(7, 13)] * 4 + [(14, 27)] * 2 + [(28, 50)]
FORWARD_TO_ACCEPT = (1, 6)
ACCEPT_TO_CONTACT = [(1, 3)] * 2 + [(4, 8)] * 6 + [(9, 20)] * 3 + [(21, 40)]
CARE_WEEKS = (8, 30)
DECLINE_SHARE = 0.08


def _months_back(today: date) -> list[date]:
    """The twelve full months before this one, from the start of the quarter the first is in:
    the referral figures count whole quarters, and a quarter written only in part would hide
    every sum over the default period (docs/signaal.md)."""
    month, months = today.replace(day=1), []
    for _ in range(MONTHS):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    while (month.month - 1) % 3:
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


def _has_history() -> bool:
    return Family.objects.filter(name__startswith=FAMILY_PREFIX).exists()


class _Cast:
    """Who takes the steps: an OKT professional, the verbinders, each provider's staff."""

    def __init__(self):
        # An OKT colleague without a demo account where there is one: the history is not the
        # demo okt account's caseload.
        okt = Professional.objects.filter(is_active=True, role_assignments__role=Role.OKT)
        self.referrer = (
            okt.filter(user__isnull=True).order_by("pk").first() or okt.order_by("pk").first()
        )
        self.verbinder = (
            Professional.objects.filter(is_active=True, role_assignments__role=Role.AJH_VERBINDER)
            .order_by("pk")
            .first()
        )
        provider_names = {o.key: o.name for o in ORGANISATIONS if o.key in PROVIDER_SHARES}
        self.providers = {
            key: Organisation.objects.filter(name=name).first()
            for key, name in provider_names.items()
        }
        self.staff = {
            key: Professional.objects.filter(organisation=org, is_active=True).first()
            for key, org in self.providers.items()
            if org is not None
        }

    @property
    def complete(self) -> bool:
        return bool(self.referrer and self.verbinder and all(self.providers.values()))


def _at(rng, day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59))))


def load_demo(*, stdout=None) -> int:
    """Write the year of referrals once; returns how many."""
    today = timezone.localdate()
    cast = _Cast()
    gebieden = list(District.objects.filter(kind=DistrictKind.GEBIED).select_related("parent"))
    if not cast.complete or not gebieden or _has_history():
        return 0
    rng = random.Random(RANDOM_SEED)
    keys = list(PROVIDER_SHARES)
    weights = [PROVIDER_SHARES[k] for k in keys]
    stories = []
    for month in _months_back(today):
        following = (month + timedelta(days=32)).replace(day=1)
        for _ in range(PER_MONTH):
            sent = month + timedelta(days=rng.randrange((following - month).days))
            steps = _steps(rng, cast, sent, rng.choices(keys, weights)[0], today)
            if steps is not None:  # care not started before today: not history yet
                stories.append((rng.choice(gebieden), sent, steps))
    with transaction.atomic():
        _write(rng, cast, stories)
        audit_record(
            actor=None,
            action=Action.IMPORT,
            reason="demostad: een jaar afgeronde verwijzingen voor de signaalfunctie",
        )
    if stdout is not None:
        stdout.write(
            f"Signaalfunctie: {len(stories)} afgeronde verwijzingen over {MONTHS} maanden.\n"
        )
    return len(stories)


def _write(rng, cast: _Cast, stories) -> None:
    """Families, their children, closed cases, voorzieningen, referrals and their histories, a
    bulk insert per table (a few hundred rows each)."""
    families = Family.objects.bulk_create(
        Family(name=f"{FAMILY_PREFIX} {names.surname(rng)} {n + 1}", district=gebied)
        for n, (gebied, _, _) in enumerate(stories)
    )
    children = Person.objects.bulk_create(
        Person(
            family=family,
            given_name=names.child_name(rng),
            family_name=family.name.removeprefix("Gezin ").rsplit(" ", 1)[0],
            birthdate=sent - timedelta(days=rng.randint(4 * 365, 17 * 365)),
            role=MemberRole.CHILD,
        )  # fmt: skip
        for family, (_, sent, _) in zip(families, stories, strict=True)
    )
    replayed = [_replay(steps) for _, _, steps in stories]
    cases = Case.objects.bulk_create(
        Case(
            family=family,
            status=CaseStatus.CLOSED,
            level=3,
            opened_by=cast.referrer,
            opened_on=sent - timedelta(days=rng.randint(30, 120)),
            closed_on=moments["care_ended_on"],
            reason="Historie voor de signaalfunctie (demo, verzonnen).",
        )  # fmt: skip
        for family, (_, sent, _), (_, moments) in zip(families, stories, replayed, strict=True)
    )
    Involvement.objects.bulk_create(
        Involvement(
            family=family,
            professional=cast.referrer,
            organisation_id=cast.referrer.organisation_id,
            capacity="OKT",
            started_on=case.opened_on,
            ended_on=case.closed_on,
        )  # fmt: skip
        for family, case in zip(families, cases, strict=True)
    )
    provisions = Voorziening.objects.bulk_create(
        Voorziening(
            case=case,
            child=child,
            form=ProvisionForm.IN_KIND,
            ijw_category=rng.choice(IjwCategory.values),
            volume=rng.choice((2, 3, 4)),
            unit=VolumeUnit.HOUR,
            frequency=Frequency.WEEK,
            starts_on=sent,
            ends_on=sent + timedelta(days=365),
            status=VoorzieningStatus.DEFINITIVE,
            created_by=cast.referrer,
        )  # fmt: skip
        for case, child, (_, sent, _) in zip(cases, children, stories, strict=True)
    )
    referrals = Referral.objects.bulk_create(
        Referral(
            case=case,
            child=child,
            voorziening=provision,
            stadsdeel=gebied.parent or gebied,
            referred_by=cast.referrer,
            status=status,
            request_kind=RequestKind.MATCH,
            **moments,
        )  # fmt: skip
        for case, child, provision, (gebied, _, _), (status, moments) in zip(
            cases, children, provisions, stories, replayed, strict=True
        )
    )
    ReferralEvent.objects.bulk_create(
        ReferralEvent(
            referral=referral,
            seq=seq,
            action=action,
            party=party,
            from_status=before,
            to_status=after,
            actor=_actor(cast, party, org),
            organisation=org,
            occurred_at=at,
            reason=reason,
        )  # fmt: skip
        for referral, (_, _, steps) in zip(referrals, stories, strict=True)
        for seq, (action, at, org, reason, before, after, party) in enumerate(_walk(steps), start=1)
    )


def _walk(steps):
    """Each step with the state before and after it and whose step it is (the chain's own
    transition table, so a history that the product would refuse cannot be written)."""
    state = rules.DRAFT
    for action, at, org, reason in steps:
        after, party = rules.TRANSITIONS[(state, action)]
        yield action, at, org, reason, state, after, party
        state = after


def _actor(cast: _Cast, party: str, org) -> Professional:
    if party == rules.PROFESSIONAL:
        return cast.referrer
    if party == rules.PROVIDER:
        for key, organisation in cast.providers.items():
            if organisation == org and cast.staff.get(key):
                return cast.staff[key]
    return cast.verbinder


def _days(rng, spans) -> int:
    low, high = rng.choice(spans) if isinstance(spans, list) else spans
    return rng.randint(low, high)


def _steps(rng, cast: _Cast, sent: date, provider_key: str, today: date) -> list | None:
    """The referral's steps as (action, moment, organisation, reason), up to the end of care;
    None when care would not have started before today. Care that would run past today ended
    in the days before it."""
    provider = cast.providers[provider_key]
    at = _at(rng, sent)
    steps = [(rules.SEND, at, None, "")]
    at += timedelta(hours=rng.randint(1, 48))
    steps.append((rules.TAKE, at, None, ""))
    at += timedelta(days=_days(rng, SENT_TO_MATCHED))
    if rng.random() < DECLINE_SHARE:
        other = cast.providers[rng.choice([k for k in PROVIDER_SHARES if k != provider_key])]
        steps.append((rules.MATCH, at, other, ""))
        at += timedelta(hours=rng.randint(2, 30))
        steps.append((rules.FORWARD, at, other, ""))
        at += timedelta(days=_days(rng, FORWARD_TO_ACCEPT))
        steps.append((rules.DECLINE, at, other, "Geen plek binnen redelijke termijn (demo)."))
        at += timedelta(days=rng.randint(2, 10))
    steps.append((rules.MATCH, at, provider, ""))
    at += timedelta(hours=rng.randint(2, 72))
    steps.append((rules.FORWARD, at, provider, ""))
    at += timedelta(days=_days(rng, FORWARD_TO_ACCEPT))
    steps.append((rules.ACCEPT, at, provider, ""))
    at += timedelta(days=_days(rng, ACCEPT_TO_CONTACT))
    steps.append((rules.FIRST_CONTACT, at, provider, ""))
    at += timedelta(days=rng.randint(3, 14))
    steps.append((rules.START_CARE, at, provider, ""))
    if at.date() >= today - timedelta(days=2):
        return None
    ends = at + timedelta(weeks=rng.randint(*CARE_WEEKS))
    if ends.date() >= today:
        ends = _at(rng, at.date() + timedelta(days=rng.randint(1, (today - at.date()).days - 1)))
    steps.append((rules.END_CARE, ends, provider, "Doelen bereikt (demo, verzonnen)."))
    return steps


def _replay(steps) -> tuple[str, dict]:
    """The state the steps lead to and the first moment of each milestone (as the service
    stamps them: a second match or forward after a decline keeps the first time)."""
    first = {
        rules.SEND: "sent_at",
        rules.MATCH: "matched_at",
        rules.FORWARD: "forwarded_at",
        rules.ACCEPT: "accepted_at",
        rules.FIRST_CONTACT: "first_contact_at",
    }
    moments: dict = {}
    state = rules.DRAFT
    for action, at, org, _, _, after, _ in _walk(steps):
        state = after
        if action in first:
            moments.setdefault(first[action], at)
        if action == rules.FORWARD:
            moments["provider"] = org
        if action == rules.START_CARE:
            moments["care_started_on"] = timezone.localtime(at).date()
        if action == rules.END_CARE:
            moments["care_ended_on"] = timezone.localtime(at).date()
    return state, moments
