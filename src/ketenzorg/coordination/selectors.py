"""Every read of a case. Each asks `access.coordination` and writes the audit entry, refusals too.

List reads (the dashboard, the API's case list) take a bounded number of
queries whatever the number of cases: the figures per case are annotations,
the coordinators one prefetch, the newest events one query.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple
from uuid import UUID

from django.db.models import Count, Min, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.aanbod import selectors as aanbod
from ketenzorg.access import coordination as access
from ketenzorg.access import policy
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.coordination import guards, rules
from ketenzorg.coordination.models import (
    Agreement,
    AgreementCheckIn,
    AgreementStatus,
    Case,
    CaseCoordinator,
    CaseEvent,
    CaseStatus,
    InstitutionAttendance,
    InvolvementMatch,
    Meeting,
    MeetingStatus,
    PlanVersion,
    ProgrammeLink,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.subjects import case_members
from ketenzorg.core.errors import NotFound
from ketenzorg.core.lookups import id_list
from ketenzorg.core.prepared import PreparedQuery, together
from ketenzorg.families.models import Involvement, MemberRole
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import Professional

OPEN_MEETING = (MeetingStatus.TO_PLAN, MeetingStatus.PLANNED)


_uuid = guards.parse_uuid


def case_get(*, actor, case_uuid, action=Action.READ) -> Case:
    """One case (with its family), if the actor may see it. Logged either way."""
    return guards.case_get_for_view(actor=actor, case_uuid=case_uuid, action=action)


case_for_change = guards.case_get_for_change
meeting_get = guards.meeting_get_for_view
agreement_get = guards.agreement_get_for_view
signal_get = guards.signal_get_for_view


def involvement_for_case(*, case: Case, involvement_uuid) -> Involvement:
    """An involvement of the case's family (the case itself was checked by the caller)."""
    message = gettext("Deze betrokkenheid bestaat niet.")
    involvement = (
        Involvement.objects.select_related("professional")
        .filter(uuid=_uuid(involvement_uuid, message), family_id=case.family_id)
        .first()
    )
    if involvement is None:
        raise NotFound(message)
    return involvement


def open_case_for_family(family) -> Case | None:
    """Only whether the family has an open case, for the caller that already checked the family."""
    return (
        Case.objects.filter(family=family, status=CaseStatus.OPEN).only("uuid", "opened_on").first()
    )


# --- the case page ----------------------------------------------------------------------------


@dataclass
class PartyRecord:
    name: str
    organisation: str
    record: rules.KeptRecord


@dataclass
class CaseView:
    case: Case
    today: date
    members: list = field(default_factory=list)  # (person, age)
    involvements: list = field(default_factory=list)
    ended_involvements: list = field(default_factory=list)
    coordinators: list = field(default_factory=list)
    past_coordinators: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    signals: list = field(default_factory=list)
    events: list = field(default_factory=list)
    attendances: list = field(default_factory=list)
    plan_versions: list = field(default_factory=list)
    programme_links: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    age_warnings: list = field(default_factory=list)
    suggestion: rules.Suggestion | None = None

    @property
    def active_professional_ids(self) -> set[int]:
        return {i.professional_id for i in self.involvements}


# Each agreement's check-ins, oldest first, for all agreements of a page in one compiled query.
# A `Prefetch` compiled its queryset on every call and built a filtered queryset per agreement.
def _checkins(**where):
    return (
        AgreementCheckIn.objects.filter(**where)
        .select_related("author")
        .order_by("created_at", "pk")
    )


_CHECKINS = PreparedQuery(
    lambda agreement_ids: _checkins(agreement_id__in=agreement_ids),
    name="check-ins of agreements",
)
# The check-ins of all of a case's agreements: the case view reads them with its other blocks.
_CASE_CHECKINS = PreparedQuery(
    lambda case_id: _checkins(agreement__case_id=case_id), name="check-ins of a case"
)


def _with_checkins(agreements, checkins=None):
    """The agreements, each with its check-ins as `checkin_list` (what the page and the API
    show of them); `checkins` when the caller read them already (all of the case's)."""
    by_agreement = defaultdict(list)
    ids = tuple(a.pk for a in agreements)
    if checkins is None:
        checkins = _CHECKINS(ids) if ids else []
    for checkin in checkins:
        by_agreement[checkin.agreement_id].append(checkin)
    for a in agreements:
        a.checkin_list = by_agreement[a.pk]
    return agreements


# The case page's blocks, compiled once per process (`core.prepared`): on this page turning
# querysets into SQL cost more than ten times what running them did. The busiest blocks read
# only the columns the page and the case by API show (`only`): every other column was read,
# converted (a datetime parsed from text on SQLite) and set on an instance for nothing.
# A test holds the page and the API to their pinned queries with every kind of row present.
_PROFESSIONAL_SHOWN = ("uuid", "first_name", "last_name")


def _shown(relation: str, *names: str) -> tuple[str, ...]:
    return tuple(f"{relation}__{name}" for name in names)


_INVOLVEMENTS = PreparedQuery(
    lambda family_id: (
        Involvement.objects.filter(family_id=family_id)
        .select_related("professional", "organisation", "person")
        .only(
            "uuid", "capacity", "started_on", "ended_on",
            *_shown("professional", *_PROFESSIONAL_SHOWN),
            *_shown("organisation", "uuid", "name"),
            *_shown("person", "uuid", "given_name"),
        )
        .order_by("started_on", "pk")
    )
)  # fmt: skip
_COORDINATORS = PreparedQuery(
    lambda case_id: (
        CaseCoordinator.objects.filter(case_id=case_id)
        .select_related("professional__organisation")
        .only(
            "uuid", "role", "started_at", "ended_at", "note",
            *_shown("professional", *_PROFESSIONAL_SHOWN),
            "professional__organisation__name",
        )
        .order_by("-started_at")
    )
)  # fmt: skip
_MEETINGS = PreparedQuery(
    lambda case_id: (
        Meeting.objects.filter(case_id=case_id)
        .select_related("convener")
        .annotate(invited=Count("invitations"))
        .order_by("-id")
    )
)
_AGREEMENTS = PreparedQuery(
    lambda case_id: (
        Agreement.objects.filter(case_id=case_id)
        .select_related("responsible_professional", "responsible_organisation", "meeting")
        .only(
            "uuid", "what", "status", "due_on", "done_on",
            *_shown("responsible_professional", *_PROFESSIONAL_SHOWN),
            *_shown("responsible_organisation", "uuid", "name"),
            "meeting__uuid",
        )
        .order_by("status", "due_on", "pk")
    )
)  # fmt: skip
_SIGNALS = PreparedQuery(
    lambda case_id: (
        StagnationSignal.objects.filter(case_id=case_id)
        .select_related("agreement", "meeting")
        .only(
            "uuid", "kind", "status", "raised_on", "resolution",
            "agreement__uuid", "agreement__what", "meeting__uuid",
        )
        .order_by("status", "-raised_on")
    )
)  # fmt: skip
_EVENTS = PreparedQuery(
    lambda case_id: (
        CaseEvent.objects.filter(case_id=case_id)
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:100]
    )
)
_ATTENDANCES = PreparedQuery(
    lambda case_id: InstitutionAttendance.objects.filter(case_id=case_id).select_related(
        "person", "institution__jgz_contact__organisation"
    )
)
_PLAN_VERSIONS = PreparedQuery(
    lambda case_id: (
        PlanVersion.objects.filter(case_id=case_id)
        .select_related("author")
        .order_by("-number")[:20]
    )
)


def case_view(*, actor, case_uuid) -> CaseView:
    case = case_get(actor=actor, case_uuid=case_uuid)
    today = timezone.localdate()
    view = CaseView(case=case, today=today)
    members = case_members(case)
    view.members = [(m, age_on(m.birthdate, today)) for m in members]
    (involvements, coordinators, view.meetings, agreements, checkins, view.signals, view.events,
     view.attendances, view.plan_versions, links) = together(
        (_INVOLVEMENTS, case.family_id), (_COORDINATORS, case.pk), (_MEETINGS, case.pk),
        (_AGREEMENTS, case.pk), (_CASE_CHECKINS, case.pk), (_SIGNALS, case.pk),
        (_EVENTS, case.pk), (_ATTENDANCES, case.pk), (_PLAN_VERSIONS, case.pk),
        (_PROGRAMME_LINKS, case.pk),
    )  # fmt: skip
    for inv in involvements:
        (
            view.involvements
            if inv.ended_on is None or inv.ended_on >= today
            else view.ended_involvements
        ).append(inv)
    for row in coordinators:
        (view.coordinators if row.ended_at is None else view.past_coordinators).append(row)
    view.agreements = _with_checkins(agreements, checkins)
    for a in view.agreements:
        a.shown = a.shown_status(today)
        a.last_checkin = a.checkin_list[-1] if a.checkin_list else None
    view.programme_links = _with_waiting(links, today)
    view.kept = kept_by_party(view.agreements, today)
    children = [
        (m.full_name, m.birthdate)
        for m in members
        if m.role in (MemberRole.CHILD, MemberRole.YOUTH)
    ]
    view.age_warnings = rules.level2_age_warnings(case.level, children, today)
    facts = [
        rules.InvolvementFact(i.professional_id, i.person_id, i.ended_on) for i in involvements
    ]
    view.suggestion = rules.suggest_level(rules.active_professional_count(facts, today))
    return view


def kept_by_party(agreements, today: date) -> list[PartyRecord]:
    """Who keeps their agreements: one line per responsible professional (or organisation)."""
    rows: dict = defaultdict(list)
    names: dict = {}
    for a in agreements:
        key = (
            ("p", a.responsible_professional_id)
            if a.responsible_professional_id
            else ("o", a.responsible_organisation_id)
        )
        names[key] = (
            a.responsible_professional.full_name if a.responsible_professional_id else "",
            a.responsible_organisation.name,
        )
        rows[key].append((a.status, a.due_on, a.done_on))
    return sorted(
        (
            PartyRecord(names[k][0], names[k][1], rules.kept_record(v, today))
            for k, v in rows.items()
        ),
        key=lambda r: (-r.record.overdue, r.name or r.organisation),
    )


# --- lists ------------------------------------------------------------------------------------


def _annotated(cases, today: date):
    open_agreements = Agreement.objects.filter(case=OuterRef("pk"), status=AgreementStatus.OPEN)
    open_meetings = Meeting.objects.filter(case=OuterRef("pk"), status__in=OPEN_MEETING)
    return cases.annotate(
        overdue_agreements=Coalesce(
            Subquery(
                open_agreements.filter(due_on__lt=today)
                .order_by()
                .values("case")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        ),
        next_agreement_due=Subquery(
            open_agreements.order_by().values("case").annotate(d=Min("due_on")).values("d")[:1]
        ),
        next_meeting_deadline=Subquery(
            open_meetings.filter(deadline__isnull=False)
            .order_by()
            .values("case")
            .annotate(d=Min("deadline"))
            .values("d")[:1]
        ),
        open_signals=Coalesce(
            Subquery(
                StagnationSignal.objects.filter(case=OuterRef("pk"), status=SignalStatus.OPEN)
                .order_by()
                .values("case")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        ),
    )


# What a row of the case list shows (the dashboard's table, the API's list items); the rest of
# a case (reasons, the crisis fields, the rule's text) is for the case page.
LIST_FIELDS = (
    "pk",
    "uuid",
    "family__uuid",
    "family__name",
    "status",
    "level",
    "suggested_level",
    "suggestion_handled",
    "opened_on",
    "overdue_agreements",
    "next_agreement_due",
    "next_meeting_deadline",
    "open_signals",
)
COORDINATOR_FIELDS = (
    "uuid",
    "case_id",
    "role",
    "started_at",
    "ended_at",
    "professional__uuid",
    "professional__first_name",
    "professional__last_name",
)


class FamilyRef(NamedTuple):
    uuid: UUID
    name: str


@dataclass(slots=True)
class ProfessionalRef:
    uuid: UUID
    first_name: str
    last_name: str

    full_name = property(Professional.full_name.fget)


@dataclass(slots=True)
class CoordinatorRow:
    """An active coordinator as a row of the case list shows them."""

    uuid: UUID
    case_id: int
    role: str
    started_at: datetime
    ended_at: datetime | None
    professional: ProfessionalRef


@dataclass(slots=True)
class CaseRow:
    """A case as a row of the case list (the dashboard's table, the API's list items).

    Read as plain rows, not model instances: a page of 100 cases with their families and
    coordinators was 400 instances, each set up field by field over every column of its model
    (about a tenth of the API's list on SQLite). The attributes are the ones the rows use;
    `level_pending` is the model's own rule.
    """

    pk: int
    uuid: UUID
    family: FamilyRef
    status: str
    level: int
    suggested_level: int
    suggestion_handled: bool
    opened_on: date
    overdue_agreements: int
    open_signals: int
    next_deadline: date | None = None
    active_coordinators: list = field(default_factory=list)

    level_pending = property(Case.level_pending.fget)


# A page's cases by `id_list` (one text parameter), not an `IN` list: a page of 100 ids was
# 128 parameters, and psycopg converts a statement of more than 50 parameters again on every
# run (0.25 ms of Python each), where it keeps the conversion of a shorter one.
_ACTIVE_COORDINATORS = PreparedQuery(
    lambda case_ids: (
        CaseCoordinator.objects.filter(case_id__in_id_list=case_ids, ended_at__isnull=True)
        .order_by("role")
        .values_list(*COORDINATOR_FIELDS)
    ),
    name="active coordinators of a page of cases",
)


def _finish_rows(rows: list[tuple], active_coordinators: list[tuple]) -> list[CaseRow]:
    """The page's rows with their next deadline and active coordinators (from one query)."""
    coordinators = defaultdict(list)
    for uuid, case_id, role, started_at, ended_at, *professional in active_coordinators:
        coordinators[case_id].append(
            CoordinatorRow(
                uuid, case_id, role, started_at, ended_at, ProfessionalRef(*professional)
            )
        )
    cases = []
    for (pk, uuid, family_uuid, family_name, status, level, suggested_level, handled, opened_on,
         overdue, agreement_due, meeting_deadline, signals) in rows:  # fmt: skip
        dates = [d for d in (agreement_due, meeting_deadline) if d is not None]
        cases.append(
            CaseRow(
                pk,
                uuid,
                FamilyRef(family_uuid, family_name),
                status,
                level,
                suggested_level,
                handled,
                opened_on,
                overdue,
                signals,
                min(dates) if dates else None,
                coordinators[pk],
            )  # fmt: skip
        )
    return cases


case_list_allowed = guards.case_list_allowed


@dataclass(frozen=True)
class _Asker:
    """Who asks for a list of cases, as the plain values the compiled queries take: their
    professional and user, today and now (need-to-know depends on all four)."""

    professional_id: int
    user_id: int
    today: date
    now: datetime

    @classmethod
    def of(cls, actor) -> _Asker | None:
        professional = policy.client_professional_of(actor)
        if professional is None:
            return None
        return cls(professional.pk, actor.pk, timezone.localdate(), timezone.now())

    @property
    def values(self) -> tuple:
        return (self.professional_id, self.user_id, self.today, self.now)


# The order of the professional's cases, on the case list and the dashboard alike.
CASE_LIST_ORDER = ("-level", "opened_on", "pk")


@functools.lru_cache(maxsize=256)
def _page_ids(limit: int, offset: int, open_only: bool, by_level: bool) -> PreparedQuery:
    """A page of the asker's cases (ids, with the total as a window over the same rows), per
    page size and position: LIMIT and OFFSET are part of the SQL, not parameters."""

    def build(professional_id, user_id, today, now, *level):
        cases = Case.objects.filter(
            pk__in=access.case_ids_visible(
                professional_id, user_id, today, now, open_only=open_only
            )
        )
        if by_level:
            cases = cases.filter(level=level[0])
        return (
            cases.annotate(total=Window(Count("pk")))
            .order_by(*CASE_LIST_ORDER)
            .values_list("pk", "total")[offset : offset + limit]
        )

    return PreparedQuery(build, name="a page of visible cases")


_LIST_ROWS = PreparedQuery(
    lambda case_ids, today: _annotated(
        Case.objects.filter(pk__in_id_list=case_ids), today
    ).values_list(*LIST_FIELDS),
    name="the rows of a page of cases",
)


def _case_page(
    *,
    asker: _Asker | None,
    limit: int,
    offset: int,
    level: int | None,
    include_closed: bool,
) -> tuple[list[Case], int]:
    """The page of cases with its total."""
    if asker is None:
        return [], 0
    page_ids = _page_ids(limit, offset, not include_closed, bool(level))
    rows = page_ids(*asker.values, *((level,) if level else ()))
    return _rows_of_page(asker, rows, offset, include_closed, level)


def _rows_of_page(asker: _Asker, rows, offset: int, include_closed: bool, level: int | None):
    # The page's ids first (cheap, ordered on plain columns), with the total as a window over
    # the same rows, so the visible set is looked up once; the per-case figures are then
    # computed for those rows only, however many cases the actor has.
    ids = tuple(pk for pk, _ in rows)
    if rows:
        total = rows[0][1]
    elif offset:
        total = _count_visible(asker, include_closed=include_closed, level=level)
    else:
        total = 0
    if not ids:
        return [], total
    shown = id_list(ids)
    listed, coordinators = together((_LIST_ROWS, shown, asker.today), (_ACTIVE_COORDINATORS, shown))
    return _in_page_order(ids, listed, coordinators), total


def _in_page_order(ids: tuple, listed: list[tuple], coordinators: list) -> list[CaseRow]:
    by_pk = {row[0]: row for row in listed}
    return _finish_rows([by_pk[pk] for pk in ids if pk in by_pk], coordinators)


def _count_visible(asker: _Asker, *, include_closed: bool, level: int | None) -> int:
    """How many cases the asker sees: for a page past the end, which shows none of them."""
    cases = Case.objects.filter(
        pk__in=access.case_ids_visible(*asker.values, open_only=not include_closed)
    )
    if level:
        cases = cases.filter(level=level)
    return cases.count()


def case_list(
    *,
    actor,
    limit: int = 50,
    offset: int = 0,
    level: int | None = None,
    include_closed: bool = False,
):
    """The actor's cases, highest level and nearest deadline first; the families shown are logged."""
    case_list_allowed(actor=actor)
    page, total = _case_page(
        asker=_Asker.of(actor),
        limit=limit,
        offset=offset,
        level=level,
        include_closed=include_closed,
    )
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="coordination.Case",
        subjects=[Subject("family", c.family.uuid) for c in page],
        basis=Basis.INVOLVEMENT,
        reason=f"mijn casussen; {len(page)} van {total} getoond",
    )
    return page, total


@dataclass
class Dashboard:
    cases: list
    total: int
    events: list
    tasks: list
    my_agreements: list
    matches: list
    signals: list
    today: date


# The dashboard reads the asker's open cases once, in the list's order, and hands their ids to
# each block as one parameter (`core.lookups`): as a subquery in each block the database
# worked out the visible set five times a page, and joined every event and agreement of every
# visible case before keeping the newest fifteen or first twenty.
_VISIBLE_OPEN_CASES = PreparedQuery(
    lambda professional_id, user_id, today, now: (
        Case.objects.filter(
            pk__in=access.case_ids_visible(professional_id, user_id, today, now, open_only=True)
        )
        .order_by(*CASE_LIST_ORDER)
        .values_list("pk")
    ),
    name="dashboard: the asker's open cases in the list's order",
)
# Each block is compiled once per process (`core.prepared`) from the visible cases' ids and
# the asker's own ids.
# What the dashboard's blocks show of a row's case (the link) and family (the name; the uuid
# for the access log): the rest of the two rows was read, converted and never shown.
_CASE_SHOWN = ("case__uuid", "case__family__uuid", "case__family__name")
# The newest events' ids first, from the (case, occurred_at) index alone; only those rows
# are then read with their case, family and actor.
_NEWEST_EVENTS = PreparedQuery(
    lambda visible: (
        CaseEvent.objects.filter(
            pk__in=CaseEvent.objects.filter(case_id__in_id_list=visible)
            .order_by("-occurred_at", "-id")
            .values("pk")[:15]
        )
        .select_related("case__family", "actor")
        .only("occurred_at", "summary", "actor__first_name", "actor__last_name", *_CASE_SHOWN)
        .order_by("-occurred_at", "-id")
    ),
    name="dashboard: newest events",
)
_TASKS = PreparedQuery(
    lambda visible, professional_id: (
        Meeting.objects.filter(case_id__in_id_list=visible, status=MeetingStatus.TO_PLAN)
        .filter(
            Q(convener_id=professional_id)
            | Q(
                convener__isnull=True,
                case__in=access.active_coordinators()
                .filter(professional_id=professional_id)
                .values("case_id"),
            )
        )
        .select_related("case__family")
        .only("uuid", "kind", "deadline", *_CASE_SHOWN)
        .order_by("deadline")[:20]
    ),
    name="dashboard: meetings to plan",
)
# The first twenty ids first, then only those rows joined to their case and family: a busy
# professional is responsible for thousands of open agreements, and joining every one of them
# before the sort took 12 ms of the dashboard on PostgreSQL at metro scale.
_MY_AGREEMENTS = PreparedQuery(
    lambda visible, professional_id: (
        Agreement.objects.filter(
            pk__in=Agreement.objects.filter(
                case_id__in_id_list=visible,
                responsible_professional_id=professional_id,
                status=AgreementStatus.OPEN,
            )
            .order_by("due_on", "pk")
            .values("pk")[:20]
        )
        .select_related("case__family")
        .only("uuid", "what", "status", "due_on", *_CASE_SHOWN)
        .order_by("due_on", "pk")
    ),
    name="dashboard: my open agreements",
)
# My involvements as one indexed id set that both sides of the match are tested against,
# so the filter applies to the matches themselves. An OR over the two joined involvements
# left PostgreSQL free to join them first: on a freshly loaded test city that plan ran
# for over ten minutes, and it took 14 ms to plan where this takes 2.
# Only involvements that still run: a match must not keep showing a colleague's name for
# weeks after this professional's own involvement ended.
_MATCHES = PreparedQuery(
    lambda professional_id, today, since: (
        InvolvementMatch.objects.filter(
            Q(new_involvement__in=_mine(professional_id, today))
            | Q(existing_involvement__in=_mine(professional_id, today)),
            created_at__gte=since,
        )
        .select_related(
            "person",
            "new_involvement__professional__organisation",
            "existing_involvement__professional__organisation",
        )
        .order_by("-created_at")[:20]
    ),
    name="dashboard: matches",
)
_OPEN_SIGNALS = PreparedQuery(
    lambda visible: (
        StagnationSignal.objects.filter(case_id__in_id_list=visible, status=SignalStatus.OPEN)
        .select_related("case__family")
        .only("uuid", "kind", "raised_on", *_CASE_SHOWN)
        .order_by("-raised_on")[:20]
    ),
    name="dashboard: open signals",
)
MATCHES_SHOWN_FOR = timedelta(days=60)


def _mine(professional_id, today):
    return (
        policy.involvements_running_on(today).filter(professional_id=professional_id).values("pk")
    )


def dashboard(*, actor, limit: int = 50, offset: int = 0) -> Dashboard:
    """My cases with level, coordinator, next deadline, overdue agreements; newest events; my tasks.

    The visible open cases are read once (their ids in the list's order); the page's rows and
    every block then come in one round trip. One audit entry covers everything the page shows
    (one write, not one per block).
    """
    case_list_allowed(actor=actor)
    asker = _Asker.of(actor)
    cases, total, blocks = [], 0, ([], [], [], [], [])
    if asker is not None:
        visible = [pk for (pk,) in _VISIBLE_OPEN_CASES(*asker.values)]
        total, page = len(visible), tuple(visible[offset : offset + limit])
        ids, me = id_list(visible), asker.professional_id
        calls = [
            (_NEWEST_EVENTS, ids),
            (_TASKS, ids, me),
            (_MY_AGREEMENTS, ids, me),
            (_MATCHES, me, asker.today, asker.now - MATCHES_SHOWN_FOR),
            (_OPEN_SIGNALS, ids),
        ]
        if page:
            shown = id_list(page)
            calls += [(_LIST_ROWS, shown, asker.today), (_ACTIVE_COORDINATORS, shown)]
        found = together(*calls)
        blocks, (listed, coordinators) = found[:5], (found[5:] if page else ([], []))
        cases = _in_page_order(page, listed, coordinators)
    events, tasks, my_agreements, matches, signals = blocks
    today = timezone.localdate()
    for a in my_agreements:
        a.shown = a.shown_status(today)
    for m in matches:
        mine_is_new = m.new_involvement.professional_id == asker.professional_id
        m.other = (m.existing_involvement if mine_is_new else m.new_involvement).professional
    families = (
        {c.family.uuid for c in cases}
        | {e.case.family.uuid for e in events}
        | {t.case.family.uuid for t in tasks}
    )
    families |= {a.case.family.uuid for a in my_agreements} | {s.case.family.uuid for s in signals}
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="coordination.Case",
        subjects=[Subject("family", u) for u in families]
        + [Subject("person", m.person.uuid) for m in matches],
        basis=Basis.INVOLVEMENT,
        reason=f"mijn casussen; {len(cases)} van {total} getoond, met gebeurtenissen, taken, afspraken, matches en signalen",
    )
    return Dashboard(cases, total, events, tasks, my_agreements, matches, signals, today)


def events_list(*, actor, case_uuid, limit: int = 100):
    case = case_get(actor=actor, case_uuid=case_uuid)
    return case, list(case.events.select_related("actor").order_by("-occurred_at", "-id")[:limit])


def involvements_list(*, actor, case_uuid):
    case = case_get(actor=actor, case_uuid=case_uuid)
    rows = list(
        Involvement.objects.filter(family_id=case.family_id)
        .select_related("professional", "organisation", "person")
        .order_by("started_on", "pk")
    )
    return case, rows


def meetings_list(*, actor, case_uuid):
    case = case_get(actor=actor, case_uuid=case_uuid)
    return case, list(
        case.meetings.select_related("convener")
        .annotate(invited=Count("invitations"))
        .order_by("-id")
    )


def agreements_list(*, actor, case_uuid):
    case = case_get(actor=actor, case_uuid=case_uuid)
    today = timezone.localdate()
    rows = _with_checkins(
        list(
            case.agreements.select_related(
                "responsible_professional", "responsible_organisation", "meeting"
            ).order_by("due_on", "pk")
        )
    )
    for a in rows:
        a.shown = a.shown_status(today)
    return case, rows


# --- the plan ---------------------------------------------------------------------------------


def plan_version_get(
    *, actor, case_uuid, number: int | None = None, action=Action.READ
) -> tuple[Case, PlanVersion | None]:
    """A version of the plan (the newest without a number). Printing is logged as PRINT."""
    case = (
        Case.objects.select_related("family")
        .filter(uuid=_uuid(case_uuid, gettext("Deze casus bestaat niet.")))
        .first()
    )
    if case is None:
        raise NotFound(gettext("Deze casus bestaat niet."))
    versions = PlanVersion.objects.filter(case=case).select_related("author")
    version = (
        versions.filter(number=number).first()
        if number is not None
        else versions.order_by("-number").first()
    )
    guards.case_view_allowed(actor=actor, case=case, action=action, object_type="coordination.PlanVersion",
                             object_uuid=version.uuid if version else case.uuid)  # fmt: skip
    if number is not None and version is None:
        raise NotFound(gettext("Deze versie van het plan bestaat niet."))
    return case, version


# --- programmes of the catalogue in the plan --------------------------------------------------


def _programme_links(case_id):
    return (
        ProgrammeLink.objects.filter(case_id=case_id)
        .select_related("programme__provider", "agreement", "linked_by")
        .order_by("created_at", "pk")
    )


_PROGRAMME_LINKS = PreparedQuery(_programme_links)


def programme_links_of(case: Case, *, today: date | None = None, agreement=None) -> list:
    """The programmes linked to the case (or one agreement of it), each with its waiting time as
    a professional reads it (`.waiting`: weeks, confirmed on, stale). Called with a case the
    caller already fetched through a guard."""
    if agreement is None:
        links = _PROGRAMME_LINKS(case.pk)
    else:
        links = list(_programme_links(case.pk).filter(agreement=agreement))
    return _with_waiting(links, today or timezone.localdate())


def _with_waiting(links: list, today: date) -> list:
    for link in links:
        link.waiting = aanbod.waiting_time(link.programme, today=today)
    return links


def programme_links_list(*, actor, case_uuid):
    case = case_get(actor=actor, case_uuid=case_uuid)
    return case, programme_links_of(case)


def goal_links(case: Case, goals: list[dict]) -> list[list]:
    """Per goal of a plan version, the programmes linked to a goal with the same words."""
    by_words: dict[str, list] = defaultdict(list)
    for link in programme_links_of(case):
        if link.goal:
            by_words[link.goal.strip()].append(link)
    return [by_words.get((g.get("goal") or "").strip(), []) for g in goals]


@dataclass
class LinkTargets:
    """What a programme can be linked to: the open agreements and the goals of the newest plan."""

    agreements: list
    goals: list  # (index, goal text)


def programme_link_targets(case: Case) -> LinkTargets:
    agreements = list(case.agreements.filter(status=AgreementStatus.OPEN).order_by("due_on", "pk"))
    latest = PlanVersion.objects.filter(case=case).order_by("-number").first()
    goals = list(enumerate(g["goal"] for g in (latest.content.get("goals", []) if latest else [])))
    return LinkTargets(agreements=agreements, goals=goals)
