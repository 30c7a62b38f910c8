"""Reads of the werkproces: the case's werkproces with its history, a consultation as its
reader may see it, the meedenker's own list, and the proposals of colleagues to ask.

Every read of a family's data comes through `werkproces.guards` (a look, logged) or logs
its list itself. The meedenker's view of a consultation is cut to what the consultation
shares: anonymous gives the question and the summary only; on name adds the shared
parts, but only while the family's consent still covers them (checked at every look).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case as When_
from django.db.models import Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.consent.models import Purpose
from ketenzorg.consent.selectors import consent_covers
from ketenzorg.coordination import guards as case_guards
from ketenzorg.coordination.models import Case
from ketenzorg.coordination.subjects import subjects_of_families
from ketenzorg.core.prepared import PreparedQuery, together
from ketenzorg.families.models import Family
from ketenzorg.network import selectors as network_selectors
from ketenzorg.network.models import DistrictKind, ExpertiseTag, Professional
from ketenzorg.werkproces import guards, rules, selectors_gkp
from ketenzorg.werkproces.models import Consultation, StepEvaluation, Transition, Werkproces
from ketenzorg.werkproces.shared_parts import SharedContent, shared_content


@dataclass
class WerkprocesView:
    werkproces: Werkproces | None
    transitions: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    consultations: list = field(default_factory=list)
    # The case's questions to the gebiedsknooppunt's overleg (`selectors_gkp.ItemView`).
    gkp_items: list = field(default_factory=list)
    # What the table allows from here (the screens offer these; the service checks again).
    possible: tuple[str, ...] = ()


def possible_transitions(state: rules.State) -> tuple[str, ...]:
    return tuple(kind for kind in rules.KINDS if rules.target(kind, state) is not None)


# The werkproces page's blocks, compiled once per process (`core.prepared`), each by the case
# (a case has one werkproces) so that they go to the database with the werkproces itself.
_TRANSITIONS = PreparedQuery(
    lambda case_id: Transition.objects.filter(werkproces__case_id=case_id).select_related(
        "actor", "evaluation", "ajh_meedenker"
    ),
    name="werkproces: transitions",
)
_EVALUATIONS = PreparedQuery(
    lambda case_id: StepEvaluation.objects.filter(werkproces__case_id=case_id).select_related(
        "recorded_by"
    ),
    name="werkproces: evaluations",
)
# The page shows how many findings each consultation has, not the findings themselves.
_CONSULTATIONS = PreparedQuery(
    lambda case_id: (
        Consultation.objects.filter(werkproces__case_id=case_id)
        .select_related("meedenker", "asked_by", "expertise")
        .annotate(finding_count=Count("findings"))
        .order_by("-starts_at", "-id")
    ),
    name="werkproces: consultations",
)


def werkproces_view(*, actor, case: Case) -> WerkprocesView:
    guards.werkproces_view_allowed(actor=actor, case=case)
    return _view_of(case)


def werkproces_of_case(
    *, actor, case_uuid, history_only: bool = False
) -> tuple[Case, WerkprocesView]:
    """The case's werkproces by the case's uuid: one look, logged as a look at the werkproces
    (the case's header it shows is part of that look). `history_only` for the API, which shows
    the steps taken and their evaluations, not the consultations and GKP items."""
    case = case_guards.case_found(actor, case_uuid)
    guards.werkproces_view_allowed(actor=actor, case=case)
    return case, _view_of(case, history_only=history_only)


def _view_of(case: Case, *, history_only: bool = False) -> WerkprocesView:
    blocks = [
        (guards.WERKPROCES_OF_CASE, case.pk),
        (_TRANSITIONS, case.pk),
        (_EVALUATIONS, case.pk),
    ]
    if not history_only:
        blocks += [(_CONSULTATIONS, case.pk), (selectors_gkp.GKP_ITEMS_OF_CASE, case.pk)]
    found, transitions, evaluations, *rest = together(*blocks)
    if not found:
        return WerkprocesView(None, possible=(rules.START,) if case.is_open else ())
    werkproces = found[0]
    consultations, gkp_items = rest or ([], [])
    return WerkprocesView(
        werkproces=werkproces,
        transitions=transitions,
        evaluations=evaluations,
        consultations=consultations,
        gkp_items=(
            selectors_gkp.gkp_items_of_werkproces(gkp_items, case.family) if gkp_items else []
        ),
        possible=possible_transitions(werkproces.state) if case.is_open else (),
    )


@dataclass
class ConsultationView:
    consultation: Consultation
    as_meedenker: bool
    # None for an anonymous consultation and for a meedenker whose consent was withdrawn.
    family: Family | None
    shared_parts: list[str]
    findings: list
    consent_withdrawn: bool = False
    # The period and its grace are over: the share ended with the consultation.
    share_ended: bool = False
    # What the meedenker expects back, in their own words (appended, never rewritten).
    expectations: list = field(default_factory=list)
    # The contents of the shared parts: identified, and only while the consent covers them.
    shared: SharedContent | None = None


def consultation_view(*, actor, consultation_uuid) -> ConsultationView:
    """The consultation as its reader may see it.

    Those who work the case see the family; the meedenker only on name. The contents of
    the shared parts are shown to both while the share holds (consent checked at every look
    when the meedenker is outside the asking organisation): the asker sees what the
    meedenker sees, and nothing after a withdrawal or after `access_until`, when the
    meedenker sees no more than the anonymous part.
    """
    consultation, decision = guards.consultation_get_for_view(
        actor=actor, consultation_uuid=consultation_uuid
    )
    findings = list(consultation.findings.select_related("written_by", "on_behalf_of"))
    expectations = list(consultation.meedenker_expectations.select_related("written_by"))
    as_meedenker = decision.basis == Basis.CONSULTATION
    family = consultation.werkproces.case.family
    view = ConsultationView(
        consultation,
        as_meedenker,
        None if as_meedenker else family,
        [] if as_meedenker else consultation.shared_parts,
        findings,
        expectations=expectations,
    )
    if not consultation.identified:
        return view
    ended = share_ended(consultation)
    if ended:
        view.consent_withdrawn = ended == SHARE_NO_CONSENT
        view.share_ended = ended == SHARE_PERIOD_OVER
        return view
    view.family = family
    view.shared_parts = consultation.shared_parts
    view.shared = shared_content(actor=actor, consultation=consultation, decision=decision)
    return view


SHARE_PERIOD_OVER, SHARE_NO_CONSENT = "period_over", "no_consent"


def share_ended(consultation: Consultation, now=None) -> str:
    """Why the identified share no longer stands ("" while it does): past `access_until`, or,
    outside the asking organisation, no consent of the family covering it at this moment."""
    if (now or timezone.now()) >= consultation.access_until:
        return SHARE_PERIOD_OVER
    needs_consent = consultation.meedenker.organisation_id != consultation.asked_by.organisation_id
    if needs_consent and not consent_covers(
        family=consultation.werkproces.case.family,
        purpose=Purpose.CONSULTATION,
        recipient=consultation.meedenker,
        parts=consultation.shared_parts,
    ):
        return SHARE_NO_CONSENT
    return ""


# What the meedenker's list shows (page and API) and the family its look is logged for; the
# werkproces and case themselves are not needed, so no instances are made of them.
_MY_CONSULTATIONS = PreparedQuery(
    lambda professional_id, now: (
        Consultation.objects.filter(meedenker_id=professional_id, access_until__gt=now)
        .select_related("asked_by")
        .only(
            "uuid", "kind", "scope", "question", "starts_at", "ends_at", "access_until",
            "asked_by__uuid", "asked_by__first_name", "asked_by__last_name",
        )
        .annotate(family_id=F("werkproces__case__family_id"))
        .order_by("ends_at", "id")
    ),
    name="the meedenker's running consultations",
)  # fmt: skip


def consultations_for_meedenker(*, actor) -> list[Consultation]:
    """The meedenker's running consultations (period plus grace); the list is logged."""
    professional = policy.professional_of(actor)
    if professional is None:
        return []
    rows = _MY_CONSULTATIONS(professional.pk, timezone.now())
    family_ids = {c.family_id for c in rows}
    subjects = subjects_of_families(family_ids)
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="werkproces.Consultation",
        subjects=[s for family_id in family_ids for s in subjects.get(family_id, ())],
        basis=Basis.CONSULTATION,
        reason="mijn consultaties",
    )
    return rows


def stadsdeel_of(professional: Professional):
    """The stadsdeel the professional works in: their team's, else their organisation's."""
    for district in (
        professional.team.district if professional.team_id else None,
        professional.organisation.district,
    ):
        while district is not None and district.kind == DistrictKind.GEBIED:
            district = district.parent
        if district is not None and district.kind == DistrictKind.STADSDEEL:
            return district
    return None


def works_in_stadsdeel(professional: Professional, stadsdeel) -> bool:
    """In the team's or organisation's stadsdeel, or serving an area of it."""
    if stadsdeel is None:
        return False
    if stadsdeel_of(professional) == stadsdeel:
        return True
    return professional.areas.filter(Q(pk=stadsdeel.pk) | Q(parent=stadsdeel)).exists()


def is_internal(asking: Professional, meedenker: Professional) -> bool:
    """The own organisation, or the own stadsdeel (OGGZ, JGZ, a werkbegeleider nearby)."""
    return asking.organisation_id == meedenker.organisation_id or works_in_stadsdeel(
        meedenker, stadsdeel_of(asking)
    )


TEAM, STADSDEEL, ELSEWHERE = 0, 1, 2


def meedenker_proposals(
    *, actor, expertise: ExpertiseTag, internal_only: bool = True, limit: int = 20
) -> list[Professional]:
    """Colleagues whose recorded expertise matches: the same team first, then the stadsdeel;
    within each, those available for meedenken today before the others.

    `internal_only` (the internal step) keeps to the own team and stadsdeel; otherwise
    everyone with the expertise follows after them. Never the asking professional.
    No family data is read, so nothing is logged.
    """
    professional = policy.client_professional_of(actor)
    if professional is None:
        return []
    stadsdeel = stadsdeel_of(professional)
    in_stadsdeel = Q(pk__in=[])
    if stadsdeel is not None:
        in_stadsdeel = (
            Q(team__district=stadsdeel)
            | Q(team__district__parent=stadsdeel)
            | Q(areas=stadsdeel)
            | Q(areas__parent=stadsdeel)
        )
    in_team = Q(team_id=professional.team_id) if professional.team_id else Q(pk__in=[])
    rank = When_(
        When(in_team, then=Value(TEAM)),
        When(in_stadsdeel, then=Value(STADSDEEL)),
        default=Value(ELSEWHERE),
        output_field=IntegerField(),
    )
    # Within each tier, who takes questions today comes first (the expertise directory).
    unavailable = When_(
        When(network_selectors.available_now(), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    candidates = (
        Professional.objects.filter(expertise=expertise, is_active=True)
        .exclude(pk=professional.pk)
        .annotate(rank=rank, unavailable=unavailable)
    )
    if internal_only:
        candidates = candidates.filter(rank__lt=ELSEWHERE)
    seen, ordered = set(), []
    for candidate in candidates.select_related("organisation", "team").order_by(
        "rank", "unavailable", "last_name", "first_name", "pk"
    ):
        if candidate.pk not in seen:  # the areas join can repeat a professional
            seen.add(candidate.pk)
            ordered.append(candidate)
        if len(ordered) >= limit:
            break
    return ordered
