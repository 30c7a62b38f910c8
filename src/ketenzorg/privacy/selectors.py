"""The privacy officer's reads of break-the-glass events: each through the guard, each logged."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.audit.models import Action, AuditEntry, AuditSubject, Basis, Outcome
from ketenzorg.audit.services import Subject, audit_record
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


def _events() -> QuerySet:
    return (
        EmergencyAccess.objects.select_related("family", "user__professional__organisation")
        .annotate(
            uses=_uses(),
            reviewed=Exists(EmergencyAccessReview.objects.filter(grant=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "family__members",
                queryset=Person.objects.only(
                    "id", "uuid", "family_id", "given_name", "family_name"
                ).order_by("birthdate", "id"),
            ),
            Prefetch(
                "reviews",
                queryset=EmergencyAccessReview.objects.select_related(
                    "reviewed_by__professional__organisation"
                ),
            ),
        )
    )


def _subjects(events) -> list[Subject]:
    subjects = []
    for event in events:
        subjects.append(Subject("family", event.family.uuid))
        subjects.extend(Subject("person", m.uuid) for m in event.family.members.all())
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


def emergency_event_page(
    *, actor, status: str = OPEN, page: int = 1, per_page: int = 25
) -> EventPage:
    """Every break of the glass, newest first, filtered by review status; a page beyond the last
    shows the last. The families and persons shown are the subjects of one logged search."""
    emergency_events_allowed(actor=actor)
    events = _events()
    if status == OPEN:
        events = events.filter(reviewed=False)
    elif status == REVIEWED:
        events = events.filter(reviewed=True)
    total = events.count()
    pages = max(1, -(-total // per_page))
    number = min(max(1, page), pages)
    shown = list(events.order_by("-granted_at", "-id")[(number - 1) * per_page : number * per_page])
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
    return _for_screen(actor, _events().get(pk=grant.pk), timezone.now())
