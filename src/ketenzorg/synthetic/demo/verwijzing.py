"""The referral to aanvullende jeugdhulp in Demostad: a referral at every stage of the chain.

After `make run` each party has work to see: the demo OKT professional (`okt`) the referrals
of the families it works with, from a concept to care that ended; the demo AJH-verbinder
(`ajh_verbinder`, gebiedsknooppunt Centrum) its inbox, with a referral that came back after a
decline; the demo provider (`aanbieder`, Jeugdhulp De Proefhaven) the referrals forwarded to
its organisation, new, running and finished, with one document request open and one answered.
Two referrals went to the gebiedsknooppunt of another stadsdeel, so the verbinder of Centrum
is refused there. The families are the okt account's own, most outside Centrum: the OKT
professional may refer to the gebiedsknooppunt of its own stadsdeel (DOMAIN.md §4).

Everything goes through the real services as the demo professionals, like the werkproces demo:
each family is taken to the step "verwijzing" with the AJH decision (`werkproces.services`),
then the perspectiefplan, the voorziening, the family's consents (purpose "verwijzing", to the
role AJH-verbinder and to the provider) and the referral's steps. The werkproces services stamp
their writes with the present; the referral's services take `now`, so the chain's history is
spread over the past weeks, days between its steps (the plan's and the referral's creation
times are set back to match). The documents are rendered and sealed by the queued task code
(`core.queue.run_queued`) into the document store, as the worker would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ketenzorg.aanbod.models import AccessRoute, Programme, ProgrammeStatus
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.consent.models import Method, Purpose
from ketenzorg.consent.rules import who_must_consent
from ketenzorg.consent.selectors import parents_of
from ketenzorg.consent.services import consent_record, consent_withdraw
from ketenzorg.coordination.models import Case
from ketenzorg.core.queue import run_queued
from ketenzorg.families.models import Family, MemberRole, Person
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import District, DistrictKind, Organisation, Role
from ketenzorg.synthetic.demo import werkproces as demo_werkproces
from ketenzorg.synthetic.demo.city import ORGANISATIONS, account_for
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import (
    DocumentKind,
    PerspectiefplanVersion,
    Referral,
    RequestKind,
    Voorziening,
)
from ketenzorg.verwijzing.services import documents, plan, referral, voorziening
from ketenzorg.werkproces import rules as werkproces_rules
from ketenzorg.werkproces import selectors_gkp
from ketenzorg.werkproces.models import ConsultationKind, Werkproces

STADSDEEL = "Centrum"  # the demo AJH-verbinder's gebiedsknooppunt
PROVIDER = "aanbieder:0"  # the demo aanbieder's organisation (city.ORGANISATIONS)
ROLES = (Role.OKT, Role.JGZ, Role.MEEDENKER, Role.AJH_VERBINDER, Role.AANBIEDER)
SHARED = list(rules.SHARED_PARTS)


def _print(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


@dataclass(frozen=True)
class Story:
    """One referral: how far it gets, and on which days ago (relative to load) each step was.

    `steps` are (action, days ago); `elsewhere` sends it to the family's own stadsdeel instead of
    Centrum; the flags add what a stage should show."""

    name: str
    steps: tuple[tuple[str, int], ...]
    category: str = "45"
    elsewhere: bool = False
    plan_definitive: bool = False
    voorziening_definitive: bool = False
    # The provider asks for the perspectiefplan: "open" (no definitive version yet) or "answered"
    # (made definitive after the request, which released it).
    plan_request: str = ""
    withdraw_provider_consent: bool = False


S = rules
STORIES = (
    Story("concept", ()),
    Story("verzonden", ((S.SEND, 1),)),
    Story("matching", ((S.SEND, 24), (S.TAKE, 23), (S.MATCH, 22), (S.FORWARD, 21),
                       (S.DECLINE, 18)), category="46"),
    Story("gematcht", ((S.SEND, 8), (S.TAKE, 7), (S.MATCH, 4))),
    Story("doorgestuurd", ((S.SEND, 12), (S.TAKE, 11), (S.MATCH, 9), (S.FORWARD, 3))),
    Story("geaccepteerd", ((S.SEND, 20), (S.TAKE, 19), (S.MATCH, 16), (S.FORWARD, 14),
                           (S.ACCEPT, 11)), voorziening_definitive=True, plan_request="open"),
    Story("contact", ((S.SEND, 28), (S.TAKE, 27), (S.MATCH, 24), (S.FORWARD, 22), (S.ACCEPT, 20),
                      (S.FIRST_CONTACT, 15)), plan_definitive=True, withdraw_provider_consent=True),
    Story("in_zorg", ((S.SEND, 40), (S.TAKE, 39), (S.MATCH, 36), (S.FORWARD, 34), (S.ACCEPT, 31),
                      (S.FIRST_CONTACT, 28), (S.START_CARE, 21)), voorziening_definitive=True,
          plan_request="answered"),
    Story("beeindigd", ((S.SEND, 55), (S.TAKE, 54), (S.MATCH, 51), (S.FORWARD, 49), (S.ACCEPT, 47),
                        (S.FIRST_CONTACT, 45), (S.START_CARE, 42), (S.END_CARE, 2)),
          plan_definitive=True, voorziening_definitive=True),
    Story("ingetrokken", ((S.SEND, 16), (S.TAKE, 15), (S.WITHDRAW, 10))),
    Story("elders verzonden", ((S.SEND, 5),), elsewhere=True),
    Story("elders verzonden", ((S.SEND, 2),), elsewhere=True, category="46"),
)  # fmt: skip

PLANS = (
    (
        "We willen weer rust in huis en dat {child} zich thuis veilig en gehoord voelt.",
        "Veel ruzie bij het naar bed gaan; {child} slaapt slecht en is overdag moe en boos.",
        "{child} slaapt vijf nachten per week door en de ouders hebben een vast avondritme.",
    ),
    (
        "Wij willen dat {child} weer met plezier naar school gaat en vriendjes maakt.",
        "{child} trekt zich terug, verzuimt school en piekert veel over thuis.",
        "{child} gaat vier weken achter elkaar elke dag naar school.",
    ),
    (
        "We willen grip op de dag: op tijd op school, samen eten, minder stress over geld.",
        "Het gezin heeft moeite met plannen; de kinderen komen vaak te laat en eten onregelmatig.",
        "Een weekplanning die het gezin zelf bijhoudt; de kinderen zijn op tijd op school.",
    ),
)
REASONS = {
    S.DECLINE: "Geen acute crisis: crisisinterventie past niet. Beter een ambulante begeleider "
    "zoeken; wij hebben daarvoor nu geen plek.",
    S.WITHDRAW: "Het gezin verhuist volgende maand naar een andere gemeente; daar vraagt het "
    "OKT de hulp opnieuw aan.",
    S.END_CARE: "De doelen van het plan zijn bereikt; het gezin gaat verder met het OKT.",
}


@dataclass
class Loaded:
    referrals: list[Referral] = field(default_factory=list)
    families: list[Family] = field(default_factory=list)
    documents: int = 0


class _Referrals(demo_werkproces._Stories):
    """The werkproces demo's way of taking a family through the steps, on fresh families."""

    def __init__(self, users: dict):
        self.aanbieder = users[Role.AANBIEDER]
        super().__init__(users)
        self.centrum = District.objects.get(name=STADSDEEL, kind=DistrictKind.STADSDEEL)
        self.provider = self.aanbieder.professional.organisation
        self.programmes = list(
            Programme.objects.filter(
                provider=self.provider,
                status=ProgrammeStatus.PUBLISHED,
                access_route=AccessRoute.REFERRAL,
            )
            .exclude(ijw_category="")
            .order_by("name", "pk")
            .prefetch_related("districts")
        )
        self.referrals = Loaded()

    def _programme(self, category: str, family: Family) -> Programme:
        """The provider's programme of this iJw category for the family's stadsdeel (a
        city-wide one, or Centrum's edition, when it has none there)."""
        stadsdeel = family.district.parent_id
        fits = [p for p in self.programmes if p.ijw_category == category]
        for wanted in (stadsdeel, None, self.centrum.pk):
            for p in fits:
                ids = {d.pk for d in p.districts.all()}
                if (wanted is None and not ids) or (wanted is not None and wanted in ids):
                    return p
        raise LookupError(f"De demo-aanbieder heeft geen aanbod in categorie {category}.")

    def _families(self) -> list[Family]:
        """The okt account's families without a werkproces yet (the werkproces demo took some),
        that the demo aanbieder is not involved with: it must meet them as the provider."""
        return [
            f
            for f in super()._families()
            if not Werkproces.objects.filter(case__family=f).exists()
            and not any(i.professional_id == self.aanbieder.professional.pk
                        for i in f.involvements.all())
        ]  # fmt: skip

    def _child(self, family: Family) -> Person | None:
        """A child under 18 with a BSN, who can consent or be consented for."""
        parents = parents_of(family)
        for child in family.members.filter(role__in=[MemberRole.CHILD, MemberRole.YOUTH]).order_by(
            "birthdate", "pk"
        ):
            if (
                age_on(child.birthdate, self.today) < 18
                and child.bsn_plain()
                and who_must_consent(child.birthdate, parents, self.today).possible
            ):
                return child
        return None

    def _at(self, days_ago: int, hour: int = 10) -> datetime:
        """A working-day moment `days_ago` days back (weekend days move to the Friday before)."""
        day = self.today - timedelta(days=days_ago)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        return timezone.make_aware(datetime.combine(day, time(hour, 15 * (days_ago % 4))))

    # --- the family at the step "verwijzing" ---------------------------------------------------
    def to_referral(self, family: Family, which: str) -> Case:
        case = self._start(family)
        self._to_ajh(case)
        consultation = self._ask(
            case,
            self.ajh.professional,
            "jeugd-GGZ",
            kind=ConsultationKind.MEEDENKEN,
            scope=werkproces_rules.SCOPE_AJH,
            question="Welke aanvullende jeugdhulp past bij dit gezin, nu het OKT alleen niet "
            "genoeg is?",
            summary="Gezin met zorgen over rust, school en structuur; de gesprekken met het OKT "
            "en de meedenker brachten te weinig verandering.",
            expects_of_meedenker="Een inschatting welke hulp past, binnen twee weken.",
            expects_of_professional="Wat het gezin zelf wil en wat al geprobeerd is.",
        )
        self._findings_and_evaluation(
            consultation,
            findings="Met het gezin gesproken: begeleiding thuis door een jeugdhulpaanbieder is "
            "nodig, naast het OKT.",
            which=which,
        )
        ajh = self.ajh.professional
        self._go_on(
            case,
            "Samen met het gezin en de AJH-verbinder geëvalueerd: aanvullende jeugdhulp is nodig.",
            ajh_with_family=True,
            ajh_meedenker=ajh,
            ajh_participants=f"Het gezin, {ajh.full_name} (AJH-verbinder) en "
            f"{self.okt.professional.full_name} (OKT), bij het gezin thuis.",
        )
        self._done(case)
        return case

    def _consent_for(self, family: Family, child: Person, given_at: datetime, **recipient):
        needed = who_must_consent(child.birthdate, parents_of(family), timezone.localdate(given_at))
        members = {m.pk: m for m in family.members.all()}
        consent = consent_record(
            actor=self.okt,
            family=family,
            child=child,
            purpose=Purpose.REFERRAL,
            parts=SHARED,
            child_consented=needed.child,
            parents=[members[pk] for pk in sorted(needed.parents)],
            method=Method.SIGNED,
            given_at=given_at,
            **recipient,
        )
        self.loaded.consents += 1
        return consent, (members[min(needed.parents)] if needed.parents else child)

    # --- one referral --------------------------------------------------------------------------
    def story(self, number: int, story: Story) -> Referral:
        family = self._pick(
            lambda f: (
                self._child(f) is not None
                and (not story.elsewhere or f.district.parent_id != self.centrum.pk)
            )
        )
        child = self._child(family)
        programme = self._programme(story.category, family)
        case = self.to_referral(family, programme.name)
        first = story.steps[0][1] if story.steps else 3
        start = self._at(first + 3, hour=9)
        okt = self.okt
        question, analysis, result = (t.format(child=child.given_name) for t in PLANS[number % 3])
        version = plan.perspectiefplan_save(
            actor=okt,
            case=case,
            family_question=question,
            analysis=[{"member": str(child.uuid), "domains": {"opvoeding": analysis}}],
            agreements=[
                {
                    "action": programme.name,
                    "who": self.provider.name,
                    "specialist_help": "Aanvullende jeugdhulp",
                    "results": result,
                }
            ],
        )
        PerspectiefplanVersion.objects.filter(pk=version.pk).update(created_at=start)
        if story.plan_definitive:
            self._plan_definitive(case, version, start + timedelta(hours=2))
        made = voorziening.voorziening_create(
            actor=okt,
            case=case,
            child=child,
            now=start + timedelta(hours=3),
            form="natura",
            ijw_category=story.category,
            product_code=f"{story.category}A01",
            volume=3 if story.category == "45" else 10,
            unit="04",
            frequency="2",
            starts_on=start.date() + timedelta(days=7),
            ends_on=start.date() + timedelta(days=187),
            note="Begeleiding thuis, in overleg met het gezin.",
        )
        Voorziening.objects.filter(pk=made.pk).update(created_at=start + timedelta(hours=3))
        if story.voorziening_definitive:
            voorziening.voorziening_make_definitive(
                actor=okt, voorziening=made, now=start + timedelta(days=1)
            )
        stadsdeel = self.centrum
        if story.elsewhere:
            stadsdeel = next(
                s for s in selectors_gkp.stadsdelen_for_case(case, okt.professional)
                if s.pk != self.centrum.pk
            )  # fmt: skip
        made_referral = referral.referral_create(
            actor=okt,
            case=case,
            child=child,
            voorziening=made,
            request_kind=RequestKind.MATCH,
            stadsdeel=stadsdeel,
        )
        Referral.objects.filter(pk=made_referral.pk).update(created_at=start + timedelta(days=1))
        self._consent_for(family, child, start, recipient_role=Role.AJH_VERBINDER)
        form = {
            "family_contact": f"Ouders via (0999) 1{number:02d} 00 {number:02d} (proefnummer); "
            "Nederlands",
            "safety": "Geen acute zorgen over de veiligheid; afspraken over de avonden staan in "
            "het plan.",
            "urgency": "Regulier: binnen zes weken starten.",
            "wishes": "Liefst een vaste begeleider, op woensdagmiddag.",
        }
        if story.steps:
            form["earlier_help"] = "Gesprekken met het OKT en een meedenker; hielp te kort."
        referral.referral_form_save(actor=okt, referral_uuid=made_referral.uuid, form=form)
        provider_consent = None
        now = start + timedelta(days=1)
        for action, days_ago in story.steps:
            # Two steps on one working day (a weekend moved back) keep their order.
            now = max(self._at(days_ago, hour=10 + days_ago % 6), now + timedelta(minutes=40))
            if action == S.FORWARD and provider_consent is None:
                provider_consent = self._consent_for(
                    family, child, now - timedelta(hours=1), recipient_organisation=self.provider
                )
            self._step(made_referral, action, programme, now)
            if action == S.ACCEPT and story.plan_request:
                documents.documents_request(
                    actor=self.aanbieder,
                    referral_uuid=made_referral.uuid,
                    kinds=[DocumentKind.PLAN],
                    now=now + timedelta(hours=1),
                )
                if story.plan_request == "answered":
                    # Two working days later (and never before the request).
                    later = max(self._at(days_ago - 2), now + timedelta(hours=2))
                    self._plan_definitive(case, version, later)
        if story.withdraw_provider_consent and provider_consent is not None:
            consent, giver = provider_consent
            consent_withdraw(
                actor=okt,
                consent_uuid=consent.uuid,
                withdrawn_by=giver,
                note="Het gezin wil niet dat de aanbieder de documenten nog inziet.",
            )
            self.loaded.withdrawn += 1
        made_referral.refresh_from_db()
        self.referrals.referrals.append(made_referral)
        self.referrals.families.append(family)
        return made_referral

    def _plan_definitive(self, case, version, when: datetime) -> None:
        plan.perspectiefplan_make_definitive(
            actor=self.okt,
            case=case,
            number=version.number,
            family_agreed_on=timezone.localdate(when) - timedelta(days=1),
            family_agreement="ondertekend",
            now=when,
        )

    def _step(self, made: Referral, action: str, programme: Programme, now: datetime) -> None:
        uuid, ajh, aanbieder = made.uuid, self.ajh, self.aanbieder
        if action == S.SEND:
            referral.referral_send(actor=self.okt, referral_uuid=uuid, now=now)
        elif action == S.TAKE:
            referral.referral_take(actor=ajh, referral_uuid=uuid, now=now)
        elif action == S.MATCH:
            referral.referral_match(
                actor=ajh,
                referral_uuid=uuid,
                programme=programme,
                note=f"{programme.provider.name} kan binnen {programme.waiting_weeks or 2} weken "
                "starten; de begeleider belt eerst met het gezin.",
                now=now,
            )
        elif action == S.FORWARD:
            referral.referral_forward(actor=ajh, referral_uuid=uuid, now=now)
        elif action == S.ACCEPT:
            referral.referral_accept(actor=aanbieder, referral_uuid=uuid, now=now)
        elif action == S.DECLINE:
            referral.referral_decline(
                actor=aanbieder, referral_uuid=uuid, reason=REASONS[action], now=now
            )
        elif action == S.FIRST_CONTACT:
            referral.referral_first_contact(
                actor=aanbieder,
                referral_uuid=uuid,
                contacted_at=now - timedelta(hours=1),
                note="Kennismaking bij het gezin thuis; de eerste afspraken staan.",
                now=now,
            )
        elif action == S.START_CARE:
            referral.referral_start_care(
                actor=aanbieder, referral_uuid=uuid, on=timezone.localdate(now), now=now
            )
        elif action == S.END_CARE:
            referral.referral_end_care(
                actor=aanbieder,
                referral_uuid=uuid,
                on=timezone.localdate(now),
                reason=REASONS[action],
                now=now,
            )
        elif action == S.WITHDRAW:
            referral.referral_withdraw(
                actor=self.okt, referral_uuid=uuid, reason=REASONS[action], now=now
            )


def _users() -> dict | None:
    usernames = {account_for(role).username: role for role in ROLES}
    users = {
        usernames[u.username]: u
        for u in get_user_model()
        .objects.filter(username__in=usernames, professional__isnull=False)
        .select_related("professional__organisation")
    }
    return users if len(users) == len(ROLES) else None


def load_demo(*, stdout=None) -> Loaded | None:
    """The referrals, when the okt account has made none yet; every write through its service,
    then the queued rendering of their documents."""
    users = _users()
    if users is None:
        _print(stdout, "Verwijzingen: geen demo-accounts gevonden; eerst de demostad laden.")
        return None
    if Referral.objects.filter(referred_by=users[Role.OKT].professional).exists():
        _print(stdout, "Verwijzingen van de demostad staan er al.")
        return None
    expected = Organisation.objects.filter(
        name=next(o.name for o in ORGANISATIONS if o.key == PROVIDER)
    ).first()
    if expected is None or users[Role.AANBIEDER].professional.organisation_id != expected.pk:
        _print(stdout, "Verwijzingen: de demo-aanbieder hoort bij een andere organisatie.")
        return None
    with transaction.atomic():
        stories = _Referrals(users)
        for number, story in enumerate(STORIES):
            stories.story(number, story)
        loaded = stories.referrals
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="verwijzing.Referral",
            subjects=[Subject("family", f.uuid) for f in loaded.families],
            reason=f"demo: {len(loaded.referrals)} verwijzingen geladen",
        )
    # The documents and notifications the steps queued, as the worker would run them.
    run_queued()
    loaded.documents = sum(r.documents.count() for r in loaded.referrals)
    _print(
        stdout,
        f"Verwijzingen geladen: {len(loaded.referrals)} verwijzingen in "
        f"{len({r.status for r in loaded.referrals})} stadia, {loaded.documents} documenten.",
    )
    return loaded
