"""Reads at the front door.

Public reads (locations, hours, the phone line, topics) hold no personal data and need
no log. Reads of questions and contact moments by professionals ask `access.frontdoor`
and write the audit entry, refusals too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import frontdoor as access
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import NotFound
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.frontdoor import guards, rules
from ketenzorg.frontdoor.models import (
    ContactMoment,
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Question,
    QuestionStatus,
    Topic,
)
from ketenzorg.frontdoor.subjects import contact_subjects, question_subjects
from ketenzorg.network.models import District, DistrictKind

# --- public ----------------------------------------------------------------------------------


@dataclass
class LocationView:
    """A location with what the public pages show: the week, open now, coming changes."""

    location: Location
    status: rules.OpenStatus
    week: list[tuple[str, list[rules.Slot]]]
    changes: list

    @property
    def uuid(self):
        return self.location.uuid


def _exceptions_prefetch(now: datetime) -> Prefetch:
    today = now.astimezone(rules.AMSTERDAM).date()
    return Prefetch(
        "exceptions",
        queryset=OpeningException.objects.filter(
            date__gte=today - timedelta(days=1),
            date__lte=today + timedelta(days=rules.LOOKAHEAD_DAYS + 1),
        ),
    )


def schedule_of(location: Location) -> rules.Schedule:
    """From prefetched `hours` and `exceptions`."""
    return rules.schedule_from_rows(
        ((h.weekday, h.opens, h.closes) for h in location.hours.all()),
        ((e.date, e.is_closed, e.opens, e.closes) for e in location.exceptions.all()),
        closed_on_holidays=location.closed_on_holidays,
    )


def _view(location: Location, now: datetime) -> LocationView:
    schedule = schedule_of(location)
    today = now.astimezone(rules.AMSTERDAM).date()
    week = [(rules.WEEKDAY_NAMES[d], list(schedule.weekly.get(d, ()))) for d in range(7)]
    reasons = {e.date: e.reason for e in location.exceptions.all() if e.reason}
    changes = [
        (day, reasons.get(day) or note, slots)
        for day, note, slots in rules.upcoming_changes(schedule, today)
    ]
    return LocationView(
        location=location, status=rules.status_at(schedule, now), week=week, changes=changes
    )


def _public_locations(now: datetime):
    return (
        Location.objects.filter(is_active=True)
        .select_related("district")
        .prefetch_related(
            Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
            _exceptions_prefetch(now),
        )
    )


def stadsdelen_with_locations():
    return (
        District.objects.filter(
            frontdoor_locations__is_active=True, frontdoor_locations__kind=LocationKind.WALK_IN
        )
        .distinct()
        .order_by("name")
    )


@dataclass
class LocationSearch:
    results: list[LocationView]
    nearest_only: bool = False  # the postcode matched no stadsdeel; the nearest locations are shown


def public_locations(
    *, district_uuid=None, postcode: str = "", now: datetime | None = None
) -> LocationSearch:
    """The walk-in locations, optionally of one stadsdeel or near a postcode."""
    now = now or timezone.now()
    locations = _public_locations(now).filter(kind=LocationKind.WALK_IN)
    if district_uuid:
        locations = locations.filter(
            Q(district__uuid=district_uuid) | Q(district__parent__uuid=district_uuid)
        )
    digits = rules.postcode_digits(postcode) if postcode else None
    if digits:
        stadsdelen = _stadsdelen_for_postcode(digits)
        matched = (
            list(locations.filter(Q(district__in=stadsdelen) | Q(postcode__startswith=digits)))
            if stadsdelen
            else []
        )
        if matched:
            return LocationSearch([_view(loc, now) for loc in matched])
        nearest = sorted(
            locations,
            key=lambda loc: abs(int(rules.postcode_digits(loc.postcode) or 0) - int(digits)),
        )[:3]
        return LocationSearch([_view(loc, now) for loc in nearest], nearest_only=True)
    return LocationSearch([_view(loc, now) for loc in locations])


def _stadsdelen_for_postcode(digits: str) -> list[District]:
    """The stadsdeel a postcode falls in, from the postcode areas of districts (gebied or stadsdeel)."""
    found = []
    for district in District.objects.filter(postcode_prefixes__contains=digits).select_related(
        "parent"
    ):
        if digits not in {p.strip() for p in district.postcode_prefixes.split(",")}:
            continue
        stadsdeel = district if district.kind != DistrictKind.GEBIED else district.parent
        if stadsdeel is not None and stadsdeel not in found:
            found.append(stadsdeel)
    return found


def public_location_get(*, location_uuid, now: datetime | None = None) -> LocationView:
    now = now or timezone.now()
    message = gettext("Dit inloopspreekuur bestaat niet (meer).")
    location = (
        _public_locations(now)
        .filter(kind=LocationKind.WALK_IN, uuid=parse_uuid(location_uuid, message))
        .first()
    )
    if location is None:
        raise NotFound(message)
    return _view(location, now)


def phone_line(*, now: datetime | None = None) -> LocationView | None:
    """The phone line. Its hours are its weekly slots when beheer set them, else the seed's
    working days 09:00–16:30."""
    now = now or timezone.now()
    location = _public_locations(now).filter(kind=LocationKind.PHONE).first()
    if location is None:
        return None
    view = _view(location, now)
    if not any(slots for _, slots in view.week):
        schedule = rules.phone_schedule(schedule_of(location).exceptions)
        today = now.astimezone(rules.AMSTERDAM).date()
        view = LocationView(
            location=location,
            status=rules.status_at(schedule, now),
            week=[(rules.WEEKDAY_NAMES[d], list(schedule.weekly.get(d, ()))) for d in range(7)],
            changes=rules.upcoming_changes(schedule, today),
        )
    return view


def active_topics():
    return Topic.objects.filter(is_active=True).order_by("sort_order", "name")


# --- the advisers' queue (personal data: audited) --------------------------------------------


queue_allowed = guards.queue_allowed


@dataclass
class AdviserWork:
    """What an adviser has on their plate: their own questions, and how many wait for anyone."""

    mine: list
    waiting: int


def adviser_work(*, actor, limit: int = 10) -> AdviserWork:
    """The werkplek's block for an adviser; the questions shown are logged, the count is not data."""
    queue_allowed(actor=actor)
    adviser = access.adviser_of(actor)
    mine = list(
        Question.objects.filter(assigned_to=adviser, status=QuestionStatus.ASSIGNED)
        .select_related("topic", "family")
        .order_by("created_at", "id")[:limit]
    )
    waiting = Question.objects.filter(status=QuestionStatus.NEW).count()
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="frontdoor.Question",
        subjects=[s for q in mine for s in question_subjects(q)],
        basis=Basis.ROLE,
        reason=f"werkplek: {len(mine)} eigen vragen",
    )
    return AdviserWork(mine=mine, waiting=waiting)


def question_queue(
    *, actor, status: str = "", mine: bool = False, limit: int = 50, offset: int = 0
) -> tuple[list[Question], int, dict[str, int]]:
    """Questions of one status (oldest first: first come, first served), the total, and counts per status."""
    queue_allowed(actor=actor)
    adviser = access.adviser_of(actor)
    questions = Question.objects.all()
    if mine:
        questions = questions.filter(assigned_to=adviser)
    counts = {
        row["status"]: row["n"]
        for row in questions.values("status").annotate(n=Count("id")).order_by()
    }
    if status:
        questions = questions.filter(status=status)
    total = questions.count()
    page = list(
        questions.select_related("topic", "assigned_to", "family").order_by("created_at", "id")[
            offset : offset + limit
        ]
    )
    subjects = [s for q in page for s in question_subjects(q)]
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="frontdoor.Question",
        subjects=subjects,
        basis=Basis.ROLE,
        reason=f"wachtrij {status or 'alle'}{' (eigen)' if mine else ''}; {len(page)} van {total} getoond",
    )
    return page, total, counts


question_get = guards.question_get_for_view
contacts_allowed = guards.contacts_allowed


def contact_list(
    *, actor, mine: bool = True, limit: int = 50, offset: int = 0
) -> tuple[list[ContactMoment], int]:
    """Recent contact moments, newest first: the adviser's own, or the whole team's."""
    contacts_allowed(actor=actor)
    moments = ContactMoment.objects.all()
    if mine:
        moments = moments.filter(adviser=access.adviser_of(actor))
    total = moments.count()
    page = list(
        moments.select_related("location", "adviser", "family", "question")
        .prefetch_related("topics")
        .order_by("-occurred_at", "-id")[offset : offset + limit]
    )
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="frontdoor.ContactMoment",
        subjects=[s for m in page for s in contact_subjects(m)],
        basis=Basis.ROLE,
        reason=f"contactmomenten {'eigen' if mine else 'team'}; {len(page)} van {total} getoond",
    )
    return page, total


contact_get = guards.contact_get_for_view


def handed_programmes(moment: ContactMoment) -> list:
    """What was handed at a contact moment the caller already fetched through the guard."""
    return list(
        moment.handed_programmes.select_related("programme__provider", "handed_by").order_by(
            "created_at", "pk"
        )
    )


# --- schedule and beheer (no client data) ------------------------------------------------------


def staffing(*, actor) -> list[Location]:
    """Walk-in locations with their weekly slots and who staffs them."""
    guards.schedule_allowed(actor=actor)
    return list(
        Location.objects.filter(is_active=True, kind=LocationKind.WALK_IN)
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "hours",
                queryset=OpeningHours.objects.select_related("adviser").order_by(
                    "weekday", "opens"
                ),
            )
        )
        .order_by("name")
    )


def location_get(*, location_uuid) -> Location:
    message = gettext("Deze locatie bestaat niet.")
    location = (
        Location.objects.select_related("district")
        .prefetch_related(
            Prefetch("hours", queryset=OpeningHours.objects.select_related("adviser")), "exceptions"
        )
        .filter(uuid=parse_uuid(location_uuid, message))
        .first()
    )
    if location is None:
        raise NotFound(message)
    return location


def exception_get(*, exception_uuid) -> OpeningException:
    message = gettext("Deze uitzondering bestaat niet.")
    exception = (
        OpeningException.objects.select_related("location")
        .filter(uuid=parse_uuid(exception_uuid, message))
        .first()
    )
    if exception is None:
        raise NotFound(message)
    return exception


def topic_get(*, topic_uuid) -> Topic:
    message = gettext("Dit onderwerp bestaat niet.")
    topic = Topic.objects.filter(uuid=parse_uuid(topic_uuid, message)).first()
    if topic is None:
        raise NotFound(message)
    return topic


def locations_for_manager():
    return (
        Location.objects.select_related("district")
        .annotate(slot_count=Count("hours"))
        .order_by("kind", "name")
    )
