"""The OKT werkproces in Demostad: a family at every step, its consultations, and the consent.

Written through the real services (`werkproces.services`, `consent.services`) acting as the demo
professionals themselves: the guards decide as they would on a screen, the transition table
refuses what it would refuse, and every write lands in the access log under the professional
who made it. So the demo can never show a history the product itself would not allow.

Each story picks its family by what the story needs (the `okt` account involved with an open
case, a child of 12–16 for the consent of child and parents, one of 16 or 17 who decides
alone), Centrum first because the demo meedenker and AJH-verbinder work there.

The services stamp every write with the present and the history is append-only, so unlike the
cases and the breaks of the glass this part is not backdated: it all happened at load time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.consent.models import DossierPart, Method, Purpose
from ketenzorg.consent.rules import who_must_consent
from ketenzorg.consent.selectors import CHILD_ROLES, parents_of, subjects_of
from ketenzorg.consent.services import consent_record, consent_withdraw
from ketenzorg.coordination.models import Case, CaseStatus
from ketenzorg.families.models import Family
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import (
    DistrictKind,
    ExpertiseTag,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
)
from ketenzorg.synthetic.demo.city import ORGANISATIONS, account_for
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import ConsultationKind, Werkproces
from ketenzorg.werkproces.services import (
    consultation_ask,
    consultation_evaluate,
    finding_write,
    finding_write_on_behalf,
    meedenker_expectation_add,
    step_evaluate,
    step_take,
    werkproces_start,
)

# Whose demo accounts take part: the OKT professional works the werkproces, the JGZ colleague
# of a shared family records a consent, the meedenker and the AJH-verbinder are consulted.
ROLES = (Role.OKT, Role.JGZ, Role.MEEDENKER, Role.AJH_VERBINDER)
CONSULTATION_WEEKS = 4
PERSONALIA, PLAN, WERKPROCES = DossierPart.PERSONALIA, DossierPart.PLAN, DossierPart.WERKPROCES


@dataclass
class Loaded:
    by_step: Counter = field(default_factory=Counter)
    consultations: int = 0
    consents: int = 0
    withdrawn: int = 0
    families: list[Family] = field(default_factory=list)


def _print(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def _organisation(key: str) -> Organisation:
    """An organisation of the map by its key (`gkp:<stadsdeel>` as `network` names them)."""
    if key.startswith("gkp:"):
        return Organisation.objects.get(
            kind=OrganisationKind.GEBIEDSKNOOPPUNT,
            district__name=key.removeprefix("gkp:"),
            district__kind=DistrictKind.STADSDEEL,
        )
    return Organisation.objects.get(name=next(o.name for o in ORGANISATIONS if o.key == key))


class _Stories:
    def __init__(self, users: dict[str, object]):
        self.okt = users[Role.OKT]
        self.jgz = users[Role.JGZ]
        self.meedenker = users[Role.MEEDENKER]
        self.ajh = users[Role.AJH_VERBINDER]
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.loaded = Loaded()
        self._pool = self._families()

    # --- choosing the families -----------------------------------------------------------------
    def _families(self) -> list[Family]:
        """The okt account's families with an open case, Centrum first, that no consulted demo
        account is involved with (so the meedenker sees them as meedenker only)."""
        consulted = [self.meedenker.professional, self.ajh.professional]
        families = (
            Family.objects.filter(
                involvements__professional=self.okt.professional, cases__status=CaseStatus.OPEN
            )
            .exclude(involvements__professional__in=consulted)
            .select_related("district__parent")
            .prefetch_related("members", "involvements")
            .distinct()
            .order_by("pk")
        )
        return sorted(
            families,
            key=lambda f: (getattr(f.district.parent, "name", "") != "Centrum", f.pk),
        )

    def _ages(self, family: Family) -> list[int]:
        return [age_on(c.birthdate, self.today) for c in subjects_of(family)]

    def _consentable(self, family: Family) -> bool:
        parents = parents_of(family)
        return all(
            who_must_consent(c.birthdate, parents, self.today).possible for c in subjects_of(family)
        )

    def _young_children(self, family: Family) -> bool:
        """Only children under 12: the parents with authority consent (and withdraw) for them."""
        return all(age < 12 for age in self._ages(family))

    def _pick(self, wanted=lambda family: True) -> Family:
        """The first family of the pool that fits, taken out of it so no story shares one."""
        for family in self._pool:
            if self._consentable(family) and wanted(family):
                self._pool.remove(family)
                self.loaded.families.append(family)
                return family
        raise LookupError("Geen passend demogezin voor het werkproces.")

    # --- the werkproces, as the OKT professional works it ---------------------------------------
    def _case(self, family: Family) -> Case:
        return Case.objects.select_related("family").get(family=family, status=CaseStatus.OPEN)

    def _start(self, family: Family) -> Case:
        case = self._case(family)
        werkproces_start(actor=self.okt, case=case)
        return case

    def _evaluate(self, case: Case, summary: str, *, enough: bool = False) -> None:
        step_evaluate(actor=self.okt, case=case, yielded_enough=enough, summary=summary)

    def _go_on(self, case: Case, summary: str, **decision) -> None:
        self._evaluate(case, summary)
        step_take(actor=self.okt, case=case, transition=rules.CONTINUE, **decision)

    def _to_external(self, case: Case) -> None:
        self._go_on(case, "Gesprekken over structuur en rust thuis; de zorgen blijven.")
        self._go_on(
            case,
            "De collega's in het team dachten mee, maar de vraag ligt buiten onze kennis.",
            team_decision="In het teamoverleg samen besloten dat expertise van buiten het team "
            "helpt bij deze vraag.",
        )

    def _to_ajh(self, case: Case) -> None:
        self._to_external(case)
        self._go_on(
            case,
            "De meedenker van buiten ziet dat er meer nodig is dan het OKT kan bieden.",
        )

    def _ask(self, case: Case, meedenker: Professional, expertise: str, **details):
        consultation = consultation_ask(
            actor=self.okt,
            case=case,
            meedenker=meedenker,
            expertise=ExpertiseTag.objects.get(name=expertise),
            ends_at=self.now + timedelta(weeks=CONSULTATION_WEEKS),
            **details,
        )
        self.loaded.consultations += 1
        return consultation

    def _consent(self, family: Family, purpose: str, parts, *, by=None, **recipient) -> list:
        """One consent per child, given by whom the age rules name today."""
        parents = parents_of(family)
        members = {m.pk: m for m in family.members.all()}
        consents = []
        for child in subjects_of(family):
            needed = who_must_consent(child.birthdate, parents, self.today)
            consents.append(
                consent_record(
                    actor=by or self.okt,
                    family=family,
                    child=child,
                    purpose=purpose,
                    parts=parts,
                    child_consented=needed.child,
                    parents=[members[pk] for pk in sorted(needed.parents)],
                    method=Method.SIGNED if purpose == Purpose.CONSULTATION else Method.VERBAL,
                    **recipient,
                )
            )
        self.loaded.consents += len(consents)
        return consents

    def _done(self, case: Case) -> None:
        self.loaded.by_step[Werkproces.objects.get(case=case).step] += 1

    # --- the stories ---------------------------------------------------------------------------
    def at_okt(self) -> None:
        """Evaluated "niet genoeg": the decision to go on or stop waits for the professional."""
        case = self._start(self._pick())
        self._evaluate(
            case,
            "Drie gesprekken over de ruzies thuis; het gezin probeert de tips, maar de spanning "
            "blijft hoog. Niet genoeg.",
        )
        self._done(case)

    def at_internal(self) -> None:
        """Thinking along with the OGGZ colleague of the stadsdeel, anonymously."""
        case = self._start(self._pick(self._young_children))
        self._go_on(case, "Moeder komt afspraken slecht na; de opvoedtips alleen helpen niet.")
        self._ask(
            case,
            self.meedenker.professional,
            "OGGZ",
            kind=ConsultationKind.MEEDENKEN,
            scope=rules.SCOPE_INTERNAL,
            question="Hoe krijgen we een ouder die overbelast lijkt en afspraken mijdt in beeld "
            "bij de OGGZ, zonder dat zij afhaakt?",
            summary="Ouder met jonge kinderen, weinig netwerk, zegt vaak af en slaapt slecht. "
            "Geen crisis; wel zorgen over de draagkracht.",
            expects_of_meedenker="Binnen twee weken een telefonisch overleg en een advies over "
            "de eerste stap.",
            expects_of_professional="Een korte schets van wat al geprobeerd is en wanneer de "
            "ouder het best bereikbaar is.",
        )
        self._done(case)

    def at_external(self) -> None:
        """On name with GGZ, with the consent of child (12–16) and parents; one anonymous too.

        A family the JGZ account also works with: the JGZ nurse recorded the consent at the
        consultation, and sees the werkproces of the family next to the OKT professional.
        """
        family = self._pick(
            lambda f: (
                f.involvements.filter(professional=self.jgz.professional).exists()
                and any(12 <= age < 16 for age in self._ages(f))
            )
        )
        case = self._start(family)
        self._to_external(case)
        self._consent(
            family,
            Purpose.CONSULTATION,
            [PERSONALIA, PLAN, WERKPROCES],
            by=self.jgz,
            recipient_organisation=self.meedenker.professional.organisation,
        )
        on_name = self._ask(
            case,
            self.meedenker.professional,
            "verslaving",
            kind=ConsultationKind.MEEDOEN,
            scope=rules.SCOPE_EXTERNAL,
            identified=True,
            shared_parts=[PERSONALIA, PLAN, WERKPROCES],
            question="Wilt u meegaan naar een gesprek met de ouders over het drinken en wat de "
            "jongere daarvan merkt?",
            summary="Gezin met een jongere op de middelbare school; een ouder drinkt 's avonds "
            "veel, de jongere blijft vaak weg van huis.",
            expects_of_meedenker="Eén huisbezoek samen, daarna uw bevindingen in het dossier.",
            expects_of_professional="Het plan en de afspraken van het gezin vooraf, en het "
            "gesprek samen voorbereiden.",
        )
        # The meedenker confirms, in their own words, and says what they expect back.
        meedenker_expectation_add(
            actor=self.meedenker,
            consultation_uuid=on_name.uuid,
            agrees=True,
            text_value="Akkoord met één huisbezoek samen. Ik verwacht vooraf een belafspraak "
            "van een kwartier om het gesprek voor te bereiden, en dat de jongere weet dat ik kom.",
        )
        # The welzijn meedenker from the sociale kaart has no account: the OKT professional
        # records the findings namens them.
        debt = Professional.objects.filter(
            organisation=_organisation("welzijn"),
            expertise__name="schulden",
            is_active=True,
            user__isnull=True,
        ).first()
        by_phone = self._ask(
            case,
            debt,
            "schulden",
            kind=ConsultationKind.MEEDENKEN,
            scope=rules.SCOPE_EXTERNAL,
            question="Welke schuldhulp past bij een gezin dat al eens afhaakte bij de "
            "gemeentelijke schuldhulp?",
            summary="Gezin met één inkomen en achterstanden bij de huur; een eerder traject "
            "stopte voortijdig.",
            expects_of_meedenker="Een advies per mail binnen een week.",
            expects_of_professional="Weten welke schulden er zijn en of de ouders zelf bellen.",
        )
        finding_write_on_behalf(
            actor=self.okt,
            consultation_uuid=by_phone.uuid,
            text_value="Telefonisch advies: eerst een budgetcoach van welzijn via de "
            "buurtteams, pas daarna opnieuw naar de gemeentelijke schuldhulp; de ouders maken "
            "zelf de eerste afspraak.",
        )
        self._done(case)

    def at_ajh(self) -> None:
        """With the AJH-verbinder: findings written and evaluated together, AJH is needed.

        A youth of 16 or 17 decides alone on the consent; the GKP-overleg may discuss the
        family on name.
        """
        family = self._pick(lambda f: any(16 <= age < 18 for age in self._ages(f)))
        case = self._start(family)
        self._to_ajh(case)
        self._consent(
            family,
            Purpose.CONSULTATION,
            [PERSONALIA, PLAN, WERKPROCES],
            recipient_role=Role.AJH_VERBINDER,
        )
        self._consent(
            family,
            Purpose.GKP,
            [PERSONALIA, PLAN],
            recipient_organisation=_organisation("gkp:Centrum"),
        )
        consultation = self._ask(
            case,
            self.ajh.professional,
            "jeugd-GGZ",
            kind=ConsultationKind.MEEDENKEN,
            scope=rules.SCOPE_AJH,
            identified=True,
            shared_parts=[PERSONALIA, PLAN, WERKPROCES],
            question="Is voor de somberheid van de oudste aanvullende jeugdhulp nodig, en zo "
            "ja welke?",
            summary="Jongere met aanhoudende somberheid en schoolverzuim; OKT-gesprekken "
            "en de meedenker van buiten brachten te weinig verandering.",
            expects_of_meedenker="Een inschatting welke jeugdhulp past, binnen drie weken.",
            expects_of_professional="Het werkproces tot nu toe en de wens van de jongere zelf.",
        )
        self._findings_and_evaluation(
            consultation,
            findings="Gesproken met de jongere en de OKT-professional. De somberheid duurt al "
            "een half jaar en belemmert school; specialistische hulp is aangewezen.",
            which="Specialistische jeugd-GGZ: ambulante behandeling voor somberheid.",
        )
        self._done(case)

    def at_referral(self) -> None:
        """The AJH decision taken with the family and the AJH-verbinder: off to the referral."""
        family = self._pick(self._young_children)
        case = self._start(family)
        self._to_ajh(case)
        consultation = self._ask(
            case,
            self.ajh.professional,
            "LVB",
            kind=ConsultationKind.MEEDENKEN,
            scope=rules.SCOPE_AJH,
            question="Welke ondersteuning thuis past bij een gezin waarin de ouder een licht "
            "verstandelijke beperking heeft?",
            summary="Gezin met jonge kinderen; thuis is er moeite met plannen en geldzaken, de "
            "kinderen komen vaak te laat op de opvang.",
            expects_of_meedenker="Een advies over passende gezinsbegeleiding.",
            expects_of_professional="Wat het gezin zelf wil en wat al geprobeerd is.",
        )
        self._findings_and_evaluation(
            consultation,
            findings="Het gezin heeft langdurige begeleiding thuis nodig die het OKT niet kan "
            "bieden; een aanbieder met LVB-kennis ligt voor de hand.",
            which="Ambulante gezinsbegeleiding thuis met kennis van LVB.",
        )
        self._consent(
            family,
            Purpose.REFERRAL,
            [PERSONALIA, PLAN, WERKPROCES],
            recipient_organisation=_organisation("gkp:Centrum"),
        )
        ajh = self.ajh.professional
        self._go_on(
            case,
            "Samen met het gezin en de AJH-verbinder geëvalueerd: aanvullende jeugdhulp is nodig.",
            ajh_with_family=True,
            ajh_meedenker=ajh,
            ajh_participants=f"Het gezin, {ajh.full_name} (AJH-verbinder) en "
            f"{self.okt.professional.full_name} (OKT), in een gesprek bij het gezin thuis.",
        )
        self._done(case)

    def stopped(self) -> None:
        """Thinking along in the own team was enough: stopped, with the reason."""
        case = self._start(self._pick())
        self._go_on(case, "De ouders blijven botsen over de omgang na de scheiding.")
        colleague = (
            Professional.objects.filter(
                team=self.okt.professional.team, role_assignments__role=Role.OKT, is_active=True
            )
            .exclude(pk=self.okt.professional.pk)
            .exclude(expertise=None)
            .order_by("pk")
            .first()
        )
        self._ask(
            case,
            colleague,
            colleague.expertise.order_by("name").first().name,
            kind=ConsultationKind.MEEDENKEN,
            scope=rules.SCOPE_INTERNAL,
            question="Hoe houden we de kinderen buiten de strijd over de omgangsregeling?",
            summary="Gescheiden ouders; de overdracht van de kinderen loopt vaak uit op ruzie.",
            expects_of_meedenker="Een keer meedenken in het teamoverleg.",
            expects_of_professional="De afspraken die de ouders al maakten.",
        )
        self._evaluate(
            case,
            "Met de tips van de collega maakten de ouders vaste overdrachtsafspraken; dat werkt.",
            enough=True,
        )
        step_take(
            actor=self.okt,
            case=case,
            transition=rules.STOP,
            reason="Het gezin kan verder met de bestaande ondersteuning van het OKT.",
        )
        self._done(case)

    def went_back(self) -> None:
        """The parents withdrew their consent for the GGZ, so the werkproces went a step back."""
        family = self._pick(self._young_children)
        case = self._start(family)
        self._to_external(case)
        consents = self._consent(
            family,
            Purpose.CONSULTATION,
            [PERSONALIA, PLAN],
            recipient_organisation=self.meedenker.professional.organisation,
        )
        self._ask(
            case,
            self.meedenker.professional,
            "OGGZ",
            kind=ConsultationKind.MEEDENKEN,
            scope=rules.SCOPE_EXTERNAL,
            identified=True,
            shared_parts=[PERSONALIA, PLAN],
            question="Past een OGGZ-traject bij de ouder, of eerst iets lichters?",
            summary="Ouder met jonge kinderen, veel stress en weinig slaap.",
            expects_of_meedenker="Een advies na het lezen van het plan.",
            expects_of_professional="Het plan en de zorgen van de ouder zelf.",
        )
        parent = next(
            m
            for m in family.members.all()
            if m.role not in CHILD_ROLES and m.has_parental_authority
        )
        for consent in consents:
            consent_withdraw(
                actor=self.okt,
                consent_uuid=consent.uuid,
                withdrawn_by=parent,
                note="De ouder wil niet dat de GGZ het dossier inziet.",
            )
            self.loaded.withdrawn += 1
        step_take(
            actor=self.okt,
            case=case,
            transition=rules.BACK,
            reason="De toestemming voor de GGZ is ingetrokken; eerst verder met meedenken "
            "binnen het team.",
        )
        self._done(case)

    def _findings_and_evaluation(self, consultation, *, findings: str, which: str) -> None:
        finding_write(actor=self.ajh, consultation_uuid=consultation.uuid, text_value=findings)
        consultation_evaluate(
            actor=self.okt,
            consultation_uuid=consultation.uuid,
            what_it_yielded="Samen met de AJH-verbinder besproken: het OKT alleen is niet genoeg.",
            can_continue_with_existing=False,
            additional_care_clear=True,
            additional_care_which=which,
        )


def load_demo(*, stdout=None) -> Loaded | None:
    """The stories, when the okt account has no werkproces yet; every write through its service."""
    usernames = {account_for(role).username: role for role in ROLES}
    users = {
        usernames[u.username]: u
        for u in get_user_model()
        .objects.filter(username__in=usernames, professional__isnull=False)
        .select_related("professional")
    }
    if len(users) < len(ROLES):
        _print(stdout, "Werkproces: geen demo-accounts gevonden; eerst de demostad laden.")
        return None
    if Werkproces.objects.filter(started_by=users[Role.OKT].professional).exists():
        _print(stdout, "Werkproces van de demostad staat er al.")
        return None
    with transaction.atomic():
        stories = _Stories(users)
        for story in (
            stories.at_okt,
            stories.at_internal,
            stories.at_external,
            stories.at_ajh,
            stories.at_referral,
            stories.stopped,
            stories.went_back,
        ):
            story()
        loaded = stories.loaded
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="werkproces.Werkproces",
            subjects=[Subject("family", f.uuid) for f in loaded.families],
            reason=f"demo: {len(loaded.families)} werkprocessen geladen",
        )
    # Counts only: a step's code ("okt") would read as the demo account of that name.
    _print(
        stdout,
        f"Werkproces geladen: {len(loaded.families)} gezinnen in {len(loaded.by_step)} stappen; "
        f"{loaded.consultations} consultaties; {loaded.consents} toestemmingen, "
        f"{loaded.withdrawn} ingetrokken.",
    )
    return loaded
