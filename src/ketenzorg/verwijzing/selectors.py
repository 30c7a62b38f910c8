"""The reads of the referral chain, each through `verwijzing.guards` (asked and logged).

Three views of one referral: the professional's (on the case: everything, every step), the
gebiedsknooppunt's (its inbox and the referral as sent, with matching candidates) and the
provider's (its list and the referral as forwarded, documents only while the consent holds).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case as Cases
from django.db.models import CharField, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ketenzorg.aanbod.models import AccessRoute, Programme, ProgrammeStatus
from ketenzorg.aanbod.rules import waiting_time_is_stale
from ketenzorg.access import gkp as gkp_access
from ketenzorg.access import verwijzing as access
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination.models import Case
from ketenzorg.coordination.subjects import subject_queries, subjects_from
from ketenzorg.core.prepared import PreparedQuery, together
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import District
from ketenzorg.verwijzing import guards, rules
from ketenzorg.verwijzing import selectors_provider as provider_selectors
from ketenzorg.verwijzing.models import (
    DocumentKind,
    DocumentRequest,
    Party,
    PerspectiefplanVersion,
    PlanStatus,
    Referral,
    ReferralDocument,
    ReferralEvent,
    Voorziening,
)

LIST_LIMIT = 200


def _log_list(actor, decision, subjects: dict, what: str) -> None:
    """A list shows children's names: one look, with every family on it and its members as
    subjects (`subjects_from`, read in the list's own round trip)."""
    audit_record(
        actor=actor,
        action=Action.READ,
        object_type="verwijzing.Referral",
        subjects=[s for family in subjects.values() for s in family],
        basis=decision.basis,
        reason=what,
    )


# What a list of referrals shows (the inbox, the provider's list, their API): the referral's
# state and times, the names beside it. Loading whole rows of seven tables for a list of
# names cost most of the page; the (encrypted) verwijsformat is never read for a list.
LISTING_FIELDS = (
    "uuid", "created_at", "status", "request_kind", "match_note", "assignment_number",
    "sent_at", "matched_at", "forwarded_at", "accepted_at", "first_contact_at",
    "care_started_on", "care_ended_on", "version",
    "case__id", "case__family_id",
    "child__uuid", "child__given_name", "child__family_name", "child__birthdate",
    "stadsdeel__uuid", "stadsdeel__name",
    "provider__uuid", "provider__name",
    "voorziening__uuid", "voorziening__form", "voorziening__ijw_category",
    "voorziening__product_code", "voorziening__volume", "voorziening__unit",
    "voorziening__frequency", "voorziening__starts_on", "voorziening__ends_on",
    "voorziening__status",
    "matched_programme__uuid", "matched_programme__name",
    "matched_programme__provider__uuid", "matched_programme__provider__name",
    "requested_programme__uuid", "requested_programme__name",
    "requested_programme__provider__uuid", "requested_programme__provider__name",
)  # fmt: skip


def _listing(queryset: QuerySet) -> QuerySet:
    return (
        queryset.select_related(
            "case",
            "child",
            "stadsdeel",
            "provider",
            "voorziening",
            "matched_programme__provider",
            "requested_programme__provider",
        )
        .only(*LISTING_FIELDS)
        .order_by("-sent_at", "-id")
    )


# --- the gebiedsknooppunt ----------------------------------------------------------------------


@dataclass
class Inbox:
    columns: dict[str, list[Referral]]
    stadsdelen: list[District]
    counts: dict[str, int]


def verbinder_stadsdelen(actor) -> list[District]:
    """The stadsdelen the verbinder serves, by name: the inbox's scope and its filter's
    choices (places, no family data)."""
    return _INBOX_STADSDELEN(tuple(sorted(gkp_access.verbinder_stadsdeel_ids(actor))))


def inbox_for(
    *, actor, stadsdeel: District | None = None, stadsdelen: list[District] | None = None
) -> Inbox:
    """The referrals sent to the verbinder's stadsdelen, per column of the chain.

    `stadsdelen`: the verbinder's, when the caller read them in this request already
    (`verbinder_stadsdelen`; the page's filter needs them first)."""
    decision = guards.inbox_allowed(actor=actor)
    if stadsdelen is None:
        stadsdelen = verbinder_stadsdelen(actor)
    if stadsdeel is not None:
        stadsdelen = [d for d in stadsdelen if d.pk == stadsdeel.pk]
    key = tuple(sorted(d.pk for d in stadsdelen))
    by_status, shown, families, members = together(
        (_INBOX_COUNTS, key), (_INBOX_ROWS, key), (_INBOX_FAMILIES, key), (_INBOX_MEMBERS, key),
    )  # fmt: skip
    counts = _counts_of(dict(by_status), rules.INBOX_COLUMNS)
    columns: dict[str, list[Referral]] = {column: [] for column in rules.INBOX_COLUMNS}
    for referral in shown:
        columns[_group_of(referral.status, rules.INBOX_COLUMNS)].append(referral)
    _log_list(actor, decision, subjects_from(families, members), "inbox gebiedsknooppunt")
    return Inbox(columns=columns, stadsdelen=stadsdelen, counts=counts)


def _group_of(status: str, groups: dict) -> str | None:
    return next((name for name, states in groups.items() if status in states), None)


def _states_of(groups: dict) -> list[str]:
    return [s for states in groups.values() for s in states]


def _count_per_status(referrals: QuerySet, groups: dict) -> QuerySet:
    """(status, count) of the states in the groups: one GROUP BY status."""
    return (
        referrals.filter(status__in=_states_of(groups))
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )


def _counts_of(by_status: dict[str, int], groups: dict) -> dict[str, int]:
    return {name: sum(by_status.get(s, 0) for s in states) for name, states in groups.items()}


def _first_of_each_group(referrals: QuerySet, groups: dict) -> QuerySet:
    """The newest LIST_LIMIT of every group in one query: a row number per group (a window
    function), rather than a query per column."""
    group = Cases(
        *(When(status__in=states, then=Value(name)) for name, states in groups.items()),
        output_field=CharField(),
    )
    numbered = (
        referrals.filter(status__in=_states_of(groups))
        .annotate(
            row=Window(
                RowNumber(), partition_by=[group], order_by=[F("sent_at").desc(), F("id").desc()]
            )
        )
        .filter(row__lte=LIST_LIMIT)
    )
    return _listing(numbered)


# The inbox's reads, compiled once per process; all but the stadsdelen (which the page's filter
# needs first) are sent in one round trip (PostgreSQL). They were compiled on every request,
# the referrals' (a window over seven joined tables) in more time than PostgreSQL took to run it.
_INBOX_STADSDELEN = PreparedQuery(
    lambda ids: District.objects.filter(pk__in=ids).order_by("name"), name="inbox: stadsdelen"
)
_INBOX_COUNTS = PreparedQuery(
    lambda ids: _count_per_status(
        Referral.objects.filter(stadsdeel_id__in=ids), rules.INBOX_COLUMNS
    ),
    name="inbox: counts",
)
_INBOX_ROWS = PreparedQuery(
    lambda ids: _first_of_each_group(
        Referral.objects.filter(stadsdeel_id__in=ids), rules.INBOX_COLUMNS
    ),
    name="inbox: referrals",
)
# The families the inbox shows, for its look's subjects: asked with the rows' own query.
_INBOX_FAMILIES, _INBOX_MEMBERS = subject_queries(
    lambda ids: _first_of_each_group(
        Referral.objects.filter(stadsdeel_id__in=ids), rules.INBOX_COLUMNS
    ).values("case__family_id"),
    name="inbox",
)


# --- the provider ------------------------------------------------------------------------------

PROVIDER_GROUPS = {
    "nieuw": (rules.FORWARDED,),
    "lopend": (rules.ACCEPTED, rules.CONTACTED, rules.IN_CARE),
    "afgerond": (rules.ENDED,),
}


_PROVIDER_COUNTS = PreparedQuery(
    lambda organisation_id: _count_per_status(
        Referral.objects.filter(provider_id=organisation_id), PROVIDER_GROUPS
    ),
    name="provider: counts",
)


def _provider_group(organisation_id, states) -> QuerySet:
    return _listing(Referral.objects.filter(provider_id=organisation_id, status__in=states))[
        :LIST_LIMIT
    ]


def _group_queries(group: str, states: tuple) -> dict[str, PreparedQuery]:
    """A group's rows, the document requests beside them and the subjects of its look: the
    requests and the families asked with the rows' own filter (a subquery), so that all of
    them go to the server in one round trip with the counts."""
    families, members = subject_queries(
        lambda organisation_id: _provider_group(organisation_id, states).values("case__family_id"),
        name=f"provider: {group}",
    )
    return {
        "rows": PreparedQuery(
            lambda organisation_id: _provider_group(organisation_id, states),
            name=f"provider: {group}",
        ),
        "requests": PreparedQuery(
            lambda organisation_id: provider_selectors.requests_of(
                _provider_group(organisation_id, states).values("pk")
            ),
            name=f"provider: {group}: document requests",
        ),
        "families": families,
        "members": members,
    }


_PROVIDER_GROUP_QUERIES = {
    group: _group_queries(group, states) for group, states in PROVIDER_GROUPS.items()
}


@dataclass
class ProviderList:
    referrals: list[Referral]
    counts: dict[str, int]
    documents: dict[int, provider_selectors.DocumentState]  # per referral's pk


def provider_referrals(*, actor, group: str = "nieuw") -> ProviderList:
    """The referrals forwarded to the provider's own organisation, the count per group and
    whether each referral's documents were asked for and released."""
    decision = guards.provider_list_allowed(actor=actor)
    organisation_id = access.provider_of(actor).organisation_id
    group = group if group in PROVIDER_GROUPS else "nieuw"
    queries = _PROVIDER_GROUP_QUERIES[group]
    by_status, rows, requests, families, members = together(
        (_PROVIDER_COUNTS, organisation_id),
        *((queries[kind], organisation_id) for kind in ("rows", "requests", "families", "members")),
    )
    _log_list(actor, decision, subjects_from(families, members), f"verwijzingen aanbieder: {group}")
    return ProviderList(
        referrals=rows,
        counts=_counts_of(dict(by_status), PROVIDER_GROUPS),
        documents=provider_selectors.document_states(rows, requests),
    )


# --- one referral --------------------------------------------------------------------------------


@dataclass
class ReferralView:
    referral: Referral
    party: str
    events: list[ReferralEvent]
    documents: list[ReferralDocument]
    requests: list[DocumentRequest]
    actions: list[str]
    missing: list = field(default_factory=list)
    # For the provider: may it still open the documents (the family's consent)?
    documents_open: bool = True


def referral_view(*, actor, referral_uuid) -> ReferralView:
    referral, party, _decision = guards.referral_get_for_view(
        actor=actor, referral_uuid=referral_uuid
    )
    events = list(referral.events.select_related("actor__organisation", "organisation"))
    documents = list(referral.documents.select_related("sealed"))
    documents_open = True
    if party == Party.PROVIDER:
        documents = [d for d in documents if d.released_to_provider]
        documents_open = bool(guards.provider_documents_decision(referral))
    requests = list(referral.requests.select_related("requested_by"))
    return ReferralView(
        referral=referral,
        party=party,
        events=events,
        documents=documents,
        requests=requests,
        actions=rules.actions_for(referral.status, party),
        missing=rules.missing_fields(referral.form) if referral.status == rules.DRAFT else [],
        documents_open=documents_open,
    )


def referrals_of_case(*, actor, case: Case) -> list[Referral]:
    """The case's referrals with their state, for the case page and the werkproces page."""
    guards.case_view_allowed(actor=actor, case=case, object_type="verwijzing.Referral")
    return list(
        Referral.objects.filter(case=case)
        .select_related("child", "stadsdeel", "provider", "voorziening")
        .order_by("-created_at", "-id")
    )


# --- the gebiedsknooppunt's matching -------------------------------------------------------------


@dataclass
class Candidate:
    programme: Programme
    fits_age: bool
    fits_district: bool
    same_category: bool
    waiting_stale: bool


def match_candidates(referral: Referral, *, limit: int = 50) -> list[Candidate]:
    """Programmes that could take this referral, side by side: the category of the voorziening
    first, then the age of the youth and the family's district, then the shortest wait. Reads the
    catalogue only; the referral itself was fetched (and logged) through the guard."""
    voorziening = referral.voorziening
    age = age_on(referral.child.birthdate, timezone.localdate())
    district_id = referral.case.family.district_id
    ancestors = {district_id} if district_id else set()
    if district_id:
        parent = District.objects.filter(pk=district_id).values_list("parent_id", flat=True).first()
        while parent:
            ancestors.add(parent)
            parent = District.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    rows = (
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED, provider__is_active=True)
        .filter(Q(ijw_category=voorziening.ijw_category) | Q(access_route=AccessRoute.REFERRAL))
        .select_related("provider")
        .prefetch_related("districts")
    )
    today = timezone.localdate()
    candidates = []
    for programme in rows:
        districts = {d.pk for d in programme.districts.all()}
        candidates.append(
            Candidate(
                programme=programme,
                fits_age=programme.min_age <= age <= programme.max_age,
                fits_district=not districts or bool(districts & ancestors),
                same_category=programme.ijw_category == voorziening.ijw_category,
                waiting_stale=waiting_time_is_stale(
                    programme.waiting_confirmed_on,
                    today=today,
                    stale_days=settings.WAITING_TIME_STALE_DAYS,
                ),
            )
        )
    candidates.sort(
        key=lambda c: (
            not c.same_category,
            not c.fits_age,
            not c.fits_district,
            c.programme.waiting_weeks if c.programme.waiting_weeks is not None else 999,
            c.programme.sort_name,
        )
    )
    return candidates[:limit]


# --- the perspectiefplan and the voorziening --------------------------------------------------


def perspectiefplan_versions(*, actor, case: Case) -> list[PerspectiefplanVersion]:
    guards.case_view_allowed(actor=actor, case=case, object_type="verwijzing.Perspectiefplan")
    return list(
        PerspectiefplanVersion.objects.filter(case=case).select_related(
            "written_by", "definitive_by"
        )
    )


def plan_as_lines(version: PerspectiefplanVersion) -> list[str]:
    """The version as lines of text, to compare two versions line by line."""
    lines = [f"Hulpvraag: {line}" for line in version.family_question.splitlines()]
    for row in version.analysis:
        for code, text in row.get("domains", {}).items():
            lines.append(f"Analyse {row.get('name', '')} — {code}: {text}")
    for n, a in enumerate(version.agreements, start=1):
        for key in ("action", "who", "specialist_help", "results"):
            if a.get(key):
                lines.append(f"Afspraak {n} {key}: {a[key]}")
    return lines


def plan_compare(older: PerspectiefplanVersion, newer: PerspectiefplanVersion) -> list[tuple]:
    """(sign, line) with sign "-" removed, "+" added, " " the same: what changed between two
    versions the caller already fetched through `perspectiefplan_versions`."""
    out = []
    for line in difflib.ndiff(plan_as_lines(older), plan_as_lines(newer)):
        if line[:1] in ("-", "+", " "):
            out.append((line[:1], line[2:]))
    return out


def definitive_plan(case: Case) -> PerspectiefplanVersion | None:
    return (
        PerspectiefplanVersion.objects.filter(case=case, status=PlanStatus.DEFINITIVE)
        .order_by("-number")
        .first()
    )


def voorzieningen_of_case(*, actor, case: Case) -> list[Voorziening]:
    guards.case_view_allowed(actor=actor, case=case, object_type="verwijzing.Voorziening")
    return list(
        Voorziening.objects.filter(case=case)
        .select_related("child", "created_by")
        .prefetch_related("changes__changed_by")
    )


def documents_of_kind(view: ReferralView, kind: str) -> list[ReferralDocument]:
    return [d for d in view.documents if d.kind == kind]


FORM = DocumentKind.FORM
