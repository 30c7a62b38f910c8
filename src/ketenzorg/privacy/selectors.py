"""The privacy officer's reads of break-the-glass events: each through the guard, each logged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.audit.models import Action, AuditEntry, AuditSubject, Basis, Outcome
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core.prepared import PreparedQuery, QueryPerValues, together
from ketenzorg.families import guards
from ketenzorg.families.models import Person

# The filter of the overview: what the privacy officer still has to do, what is done, all.
OPEN = "open"
REVIEWED = "reviewed"
ALL = "all"
STATUSES = (OPEN, REVIEWED, ALL)


def emergency_events_allowed(*, actor):
    """Refused (and logged) before the filter or page is read: the privacy role only."""
    return guards.access_log_allowed(
        actor=actor, action=Action.SEARCH, object_type=guards.EMERGENCY_GRANT_TYPE
    )


def _uses():
    """How often the grant was used: the holder's allowed looks and writes with basis
    break-the-glass at this family, inside the grant's window. The grant's own entry (action
    `emergency`) is the breaking, not a use; refused attempts are no use either."""
    family_touched = AuditSubject.objects.filter(
        entry=OuterRef("pk"), kind="family", subject_uuid=OuterRef(OuterRef("family__uuid"))
    )
    return Coalesce(
        Subquery(
            AuditEntry.objects.filter(
                user_id_snapshot=OuterRef("user_id"),
                basis=Basis.BREAK_THE_GLASS,
                outcome=Outcome.SUCCESS,
                occurred_at__gte=OuterRef("granted_at"),
                occurred_at__lte=OuterRef("expires_at"),
            )
            .exclude(action=Action.EMERGENCY)
            .filter(Exists(family_touched))
            .order_by()
            .values("user_id_snapshot")
            .annotate(n=Count("id"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _reviewed() -> Exists:
    return Exists(EmergencyAccessReview.objects.filter(grant=OuterRef("pk")))


def _events() -> QuerySet:
    return EmergencyAccess.objects.select_related(
        "family", "user__professional__organisation"
    ).annotate(uses=_uses(), reviewed=_reviewed())


def _page_of(status: str, offset: int, per_page: int) -> QuerySet:
    events = _events()
    if status != ALL:
        events = events.filter(reviewed=status == REVIEWED)
    return events.order_by("-granted_at", "-id")[offset : offset + per_page]


# The overview's reads, compiled once per process (they were compiled on every request, the
# page's in more time than the database took to run it). The page's offset is written into its
# SQL (LIMIT/OFFSET), so it is compiled once per page asked; the first is the one asked for.
_COUNTS = PreparedQuery(
    lambda: (
        EmergencyAccess.objects.annotate(reviewed=_reviewed())
        .values_list("reviewed")
        .annotate(n=Count("id"))
        .order_by()
    ),
    name="break-the-glass: counts",
)
_PAGES = {
    status: QueryPerValues(
        lambda offset, per_page, status=status: _page_of(status, offset, per_page),
        name=f"break-the-glass: page ({status})",
    )
    for status in STATUSES
}
_EVENT = PreparedQuery(lambda pk: _events().filter(pk=pk), name="break-the-glass: one")
_MEMBERS = PreparedQuery(
    lambda family_ids: (
        Person.objects.filter(family_id__in=family_ids)
        .only("id", "uuid", "family_id", "given_name", "family_name")
        .order_by("birthdate", "id")
    ),
    name="break-the-glass: the families' members",
)
_REVIEWS = PreparedQuery(
    lambda grant_ids: EmergencyAccessReview.objects.filter(grant_id__in=grant_ids).select_related(
        "reviewed_by__professional__organisation"
    ),
    name="break-the-glass: reviews",
)


def _with_members_and_reviews(events: list) -> list:
    """Each event's family members (`family.persons_shown`) and reviews (`reviews_shown`): one
    query for all the families' members, one for the reviews of those reviewed (none on the
    list still to be reviewed)."""
    family_ids = tuple(sorted({e.family_id for e in events}))
    reviewed_ids = tuple(e.pk for e in events if e.reviewed)
    members, reviews = defaultdict(list), defaultdict(list)
    for person in _MEMBERS(family_ids) if family_ids else ():
        members[person.family_id].append(person)
    for review in _REVIEWS(reviewed_ids) if reviewed_ids else ():
        reviews[review.grant_id].append(review)
    for event in events:
        event.family.persons_shown = members[event.family_id]
        event.reviews_shown = reviews[event.pk]
    return events


def _subjects(events) -> list[Subject]:
    subjects = []
    for event in events:
        subjects.append(Subject("family", event.family.uuid))
        subjects.extend(Subject("person", m.uuid) for m in event.family.persons_shown)
    return subjects


def _for_screen(actor, event, now):
    """What the screens show beside the row: still running, how long it ran (whole hours), and
    whether this privacy officer may review it (never their own)."""
    event.active = event.expires_at > now
    end = min(event.expires_at, now)
    event.hours = max(0, round((end - event.granted_at).total_seconds() / 3600))
    event.professional = getattr(event.user, "professional", None)
    event.may_review = bool(policy.emergency_review_decision(actor, event))
    return event


@dataclass(frozen=True)
class EventPage:
    events: list
    total: int
    number: int
    pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _total(counts: list, status: str) -> int:
    by_reviewed = dict(counts)
    if status == ALL:
        return sum(by_reviewed.values())
    return by_reviewed.get(status == REVIEWED, 0)


def emergency_event_page(
    *, actor, status: str = OPEN, page: int = 1, per_page: int = 25
) -> EventPage:
    """Every break of the glass, newest first, filtered by review status; a page beyond the last
    shows the last. The families and persons shown are the subjects of one logged search.

    The count and the page asked for go to the database together; only a page beyond the last
    asks again, for the last."""
    emergency_events_allowed(actor=actor)
    number = max(1, page)
    counts, shown = together((_COUNTS,), (_PAGES[status], (number - 1) * per_page, per_page))
    total = _total(counts, status)
    pages = max(1, -(-total // per_page))
    if number > pages:
        number = pages
        shown = _PAGES[status]((number - 1) * per_page, per_page)
    _with_members_and_reviews(shown)
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type=guards.EMERGENCY_GRANT_TYPE,
        subjects=_subjects(shown),
        basis=Basis.ROLE,
        reason=f"noodtoegang-overzicht ({status}); {len(shown)} van {total} getoond",
    )
    now = timezone.now()
    for event in shown:
        _for_screen(actor, event, now)
    return EventPage(events=shown, total=total, number=number, pages=pages)


def emergency_event_get(*, actor, grant_uuid):
    """One break of the glass with its uses and reviews; the look is logged by the guard."""
    grant = guards.emergency_grant_get_for_privacy_officer(actor=actor, grant_uuid=grant_uuid)
    (event,) = _with_members_and_reviews(_EVENT(grant.pk))
    return _for_screen(actor, event, timezone.now())
