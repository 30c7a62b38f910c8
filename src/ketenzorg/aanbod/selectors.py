"""Every read of the catalogue.

The public search and a programme's page read only published programmes and only what is about
an offer, never a person; they write no access-log entry (there is no one whose data it is) and
keep no trace of who searched for what.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import (
    PUBLIC_FIELDS,
    AccessRoute,
    Audience,
    Programme,
    ProgrammeStatus,
    Topic,
)
from ketenzorg.aanbod.search.analyzer import query_words
from ketenzorg.aanbod.search.page import Filters, last_page, page_ids, page_query
from ketenzorg.core.errors import NotFound, ValidationFailed
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.core.prepared import PreparedQuery, together
from ketenzorg.network.models import District, DistrictKind


@dataclass(frozen=True)
class SearchParams:
    text: str = ""
    age: int | None = None
    topic_uuid: object = None
    district_uuid: object = None
    page: int = 1
    page_size: int = rules.PAGE_SIZE


@dataclass
class SearchPage:
    results: list
    total: int
    page: int
    page_size: int
    pages: int


@dataclass(frozen=True)
class ProgrammeCard:
    """A result as the public search page shows it: what a parent reads on the card, no more.

    The page read its ten programmes as model instances with every column of theirs and of
    their provider, and prefetched full topic and district rows, where a card shows only the
    districts' names: that was most of the search's time (docs/performance.md).
    """

    uuid: UUID
    name: str
    provider: str
    description: str
    min_age: int
    max_age: int
    audience: str
    access_route: str
    districts: tuple[str, ...]


CARD_COLUMNS = (
    "id", "uuid", "name", "description", "min_age", "max_age", "audience", "access_route",
    "provider__name",
)  # fmt: skip


class Named(NamedTuple):
    uuid: UUID
    name: str


@dataclass(frozen=True)
class PublicProgramme:
    """A result as the API shows it: the public fields (`PUBLIC_FIELDS`, in their order), the
    provider's name and the topics' and districts' uuid and name.

    Read as rows rather than model instances with prefetched topics and districts: Django's
    prefetch compiled two querysets and built a model instance per topic and district on every
    search, more than the search itself (docs/performance.md, session 21).
    """

    uuid: UUID
    name: str
    description: str
    audience: str
    min_age: int
    max_age: int
    location: str
    schedule: str
    access_route: str
    costs: str
    languages: str
    contact_phone: str
    contact_email: str
    website: str
    provider: str
    topics: tuple[Named, ...]
    districts: tuple[Named, ...]


class DistrictChoice(NamedTuple):
    uuid: UUID
    name: str
    kind: str


def _public():
    return Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)


def _chosen_uuid(value, *, name: str, message: str) -> UUID | None:
    """A filter's uuid; a malformed one is bad input (400), like an unknown one."""
    if value in (None, ""):
        return None
    try:
        return parse_uuid(value, message)
    except NotFound:
        raise ValidationFailed(message, field_errors={name: [message]}) from None


_TOPIC_ID = PreparedQuery(
    lambda uuid: Topic.objects.filter(uuid=uuid, is_active=True).values_list("pk"),
    name="a search's topic",
)
_DISTRICT_CHAIN = PreparedQuery(
    lambda uuid: District.objects.filter(uuid=uuid).values_list(
        "pk", "parent_id", "parent__parent_id"
    ),
    name="a search's district with the two above it",
)


def _filters(params: SearchParams, choices: SearchChoices | None) -> Filters:
    """The search's filters as ids; an unknown topic or district, or an age outside a
    child's, is bad input (400) naming the field. The page's own choices answer for a topic or
    district among them; any other is looked up (both lookups in one round trip)."""
    topic_message = gettext("Dit onderwerp bestaat niet.")
    district_message = gettext("Dit gebied bestaat niet.")
    topic_uuid = _chosen_uuid(params.topic_uuid, name="topic", message=topic_message)
    district_uuid = _chosen_uuid(params.district_uuid, name="district", message=district_message)
    topic_id = choices.topic_id(topic_uuid) if choices and topic_uuid else None
    covering = choices.covering(district_uuid) if choices and district_uuid else None
    asked = []
    if topic_uuid and topic_id is None:
        asked.append(("topic", (_TOPIC_ID, topic_uuid)))
    if district_uuid and covering is None:
        asked.append(("district", (_DISTRICT_CHAIN, district_uuid)))
    for (what, _), rows in zip(asked, together(*(call for _, call in asked)), strict=True):
        if not rows:
            message = topic_message if what == "topic" else district_message
            raise ValidationFailed(message, field_errors={what: [message]})
        if what == "topic":
            topic_id = rows[0][0]
        else:
            covering = tuple(pk for pk in rows[0] if pk is not None)
    if params.age is not None and not 0 <= params.age <= rules.CHILD_MAX_AGE:
        message = gettext("Een leeftijd ligt tussen 0 en %(max)s jaar.") % {
            "max": rules.CHILD_MAX_AGE
        }
        raise ValidationFailed(message, field_errors={"age": [message]})
    return Filters(
        age=params.age, topic_id=topic_id, covering=covering or (),
        words=tuple(query_words(params.text or "")),
    )  # fmt: skip


def _found(params: SearchParams, choices: SearchChoices | None = None) -> tuple[list, SearchPage]:
    """Published programmes that fit the child's age, the topic, the district and every word of
    the text (`search.page`): the page's ids in their order, and the page without its results
    (each reader puts in its own)."""
    size = min(max(1, params.page_size), rules.MAX_PAGE_SIZE)
    ids, total, page = page_ids(_filters(params, choices), page=params.page, size=size)
    found = SearchPage(
        results=[], total=total, page=page, page_size=size, pages=rules.page_count(total, size)
    )
    return ids, found


def _in_order(ids: list[int], rows, key=lambda row: row.pk) -> list:
    by_id = {key(row): row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


_PUBLIC_ROWS = PreparedQuery(
    lambda ids: Programme.objects.filter(pk__in=ids).values("id", *PUBLIC_FIELDS, "provider__name"),
    name="the programmes of a page of the API's search",
)
_PAGE_TOPICS = PreparedQuery(
    lambda ids: (
        Programme.topics.through.objects.filter(programme_id__in=ids)
        .order_by("topic__sort_order", "topic__name", "topic_id")
        .values_list("programme_id", "topic__uuid", "topic__name")
    ),
    name="the topics of a page of the search",
)
_PAGE_DISTRICTS = PreparedQuery(
    lambda ids: (
        Programme.districts.through.objects.filter(programme_id__in=ids)
        .order_by("district__name", "district_id")
        .values_list("programme_id", "district__uuid", "district__name")
    ),
    name="the districts of a page of the search",
)
_CHOICE_ROWS = PreparedQuery(
    lambda ids: (
        Programme.objects.filter(pk__in=ids)
        .select_related("provider")
        .only(
            "uuid",
            "name",
            "access_route",
            "waiting_weeks",
            "waiting_confirmed_on",
            "provider__name",
        )
    ),  # fmt: skip
    name="the programmes of a page of the picker's search",
)


def _per_programme(rows) -> dict[int, tuple[Named, ...]]:
    """(programme id, uuid, name) rows, in their order, as each programme's named things."""
    found: dict[int, list[Named]] = {}
    for programme_id, uuid, name in rows:
        found.setdefault(programme_id, []).append(Named(uuid, name))
    return {pk: tuple(named) for pk, named in found.items()}


def programme_search(params: SearchParams) -> SearchPage:
    """One page of the search as `PublicProgramme`s: what the API shows of each."""
    ids, found = _found(params)
    if not ids:
        return found
    rows, topic_rows, district_rows = together(
        (_PUBLIC_ROWS, tuple(ids)), (_PAGE_TOPICS, tuple(ids)), (_PAGE_DISTRICTS, tuple(ids))
    )
    topics, districts = _per_programme(topic_rows), _per_programme(district_rows)
    found.results = [
        PublicProgramme(
            **{name: row[name] for name in PUBLIC_FIELDS},
            provider=row["provider__name"],
            topics=topics.get(row["id"], ()),
            districts=districts.get(row["id"], ()),
        )  # fmt: skip
        for row in _in_order(ids, rows, key=lambda row: row["id"])
    ]
    return found


def programme_choices(params: SearchParams) -> SearchPage:
    """One page of the search for the professional's picker: the programme with its provider and
    waiting time, no lists."""
    ids, found = _found(params)
    if ids:
        found.results = _in_order(ids, _CHOICE_ROWS(tuple(ids)))
    return found


def catalogue_page(
    params: SearchParams, choices: SearchChoices | None = None
) -> tuple[SearchChoices, SearchPage]:
    """The public page: the form's choices and one page of the search as its cards
    (`ProgrammeCard`). The page's hits come with their cards' columns and the total in one
    statement; when the form did not need its choices first (no topic or area chosen, so none
    to check), the choices are read in the same round trip as the hits."""
    filters = _filters(params, choices)
    size = min(max(1, params.page_size), rules.MAX_PAGE_SIZE)
    page = max(1, params.page)
    hits = page_query(filters, page=page, size=size, columns=CARD_COLUMNS)
    if choices is None:
        topic_rows, district_rows, rows = together((_TOPIC_CHOICES,), (_DISTRICT_CHOICES,), hits)
        choices = SearchChoices(topic_rows, district_rows)
    else:
        rows = together(hits)[0]
    if not rows and page > 1:  # past the end: the last page
        page = last_page(filters, size=size)
        query, *values = page_query(filters, page=page, size=size, columns=CARD_COLUMNS)
        rows = query(*values)
    total = rows[0][-1] if rows else 0
    found = SearchPage(
        results=[], total=total, page=page, page_size=size, pages=rules.page_count(total, size)
    )
    if rows:
        found.results = _cards([dict(zip(CARD_COLUMNS, row, strict=False)) for row in rows])
    return choices, found


def _cards(rows: list[dict]) -> list[ProgrammeCard]:
    districts = _per_programme(_PAGE_DISTRICTS(tuple(row["id"] for row in rows)))
    audiences, routes = dict(Audience.choices), dict(AccessRoute.choices)
    return [
        ProgrammeCard(
            uuid=row["uuid"],
            name=row["name"],
            provider=row["provider__name"],
            description=row["description"],
            min_age=row["min_age"],
            max_age=row["max_age"],
            audience=audiences.get(row["audience"], row["audience"]),
            access_route=routes.get(row["access_route"], row["access_route"]),
            districts=tuple(d.name for d in districts.get(row["id"], ())),
        )  # fmt: skip
        for row in rows
    ]


@dataclass(frozen=True)
class WaitingTime:
    """What a professional reads about a waiting time: the weeks, the date and whether that
    date is too long ago to trust (KETENZORG_WAITING_TIME_STALE_DAYS)."""

    weeks: int | None
    confirmed_on: object
    stale: bool


def waiting_time(programme: Programme, *, today=None) -> WaitingTime:
    today = today or timezone.localdate()
    return WaitingTime(
        weeks=programme.waiting_weeks,
        confirmed_on=programme.waiting_confirmed_on,
        stale=rules.waiting_time_is_stale(
            programme.waiting_confirmed_on, today=today,
            stale_days=getattr(settings, "WAITING_TIME_STALE_DAYS", rules.DEFAULT_STALE_DAYS),
        ),
    )  # fmt: skip


def public_programme_get(*, programme_uuid) -> Programme:
    message = gettext("Dit aanbod bestaat niet (meer).")
    programme = (
        _public()
        .filter(uuid=parse_uuid(programme_uuid, message))
        .select_related("provider")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("sort_order", "name")),
            Prefetch("districts", queryset=District.objects.order_by("name")),
        )
        .first()
    )
    if programme is None:
        raise NotFound(message)
    return programme


def search_topics() -> list[Topic]:
    """The active topics as instances: for the maintenance forms, which hand them to the service."""
    return list(Topic.objects.filter(is_active=True).order_by("sort_order", "name"))


# The search's choices are the same on every request: compiled once per process, and on the
# public page both read in one round trip (PostgreSQL).
_TOPIC_CHOICES = PreparedQuery(
    lambda: Topic.objects.filter(is_active=True).order_by("sort_order", "name")
    .values_list("pk", "uuid", "name"),
    name="topic_choices",
)  # fmt: skip
_DISTRICT_CHOICES = PreparedQuery(
    lambda: District.objects.filter(
        Q(kind=DistrictKind.STADSDEEL) | Q(kind=DistrictKind.GEBIED, parent__kind=DistrictKind.STADSDEEL)
    )
    .order_by("name", "pk")
    .values_list("pk", "uuid", "name", "kind", "parent_id"),
    name="district_choices",
)  # fmt: skip


def topic_choices() -> list[tuple[UUID, str]]:
    """The active topics as (uuid, name): the topic filter's choices."""
    return [(uuid, name) for _pk, uuid, name in _TOPIC_CHOICES()]


def _grouped(rows) -> list[tuple[DistrictChoice, list[DistrictChoice]]]:
    stadsdelen = [row for row in rows if row[3] == DistrictKind.STADSDEEL]
    gebieden: dict[int, list[DistrictChoice]] = {}
    for _pk, uuid, name, kind, parent_id in rows:
        if kind == DistrictKind.GEBIED:
            gebieden.setdefault(parent_id, []).append(DistrictChoice(uuid, name, kind))
    return [(DistrictChoice(*row[1:4]), gebieden.get(row[0], [])) for row in stadsdelen]


def search_districts() -> list[tuple[DistrictChoice, list[DistrictChoice]]]:
    """The stadsdelen, each with its gebieden: the choices of the district filter."""
    return _grouped(_DISTRICT_CHOICES())


class SearchChoices:
    """The public search form's topics and districts as read, which also answer which topic and
    which districts a chosen one stands for: the page then asks the database nothing more
    about its filters."""

    def __init__(self, topic_rows: list, district_rows: list):
        self.topics = [(uuid, name) for _pk, uuid, name in topic_rows]
        self.districts = _grouped(district_rows)
        self._topic_ids = {uuid: pk for pk, uuid, _name in topic_rows}
        self._district_ids = {row[1]: row[0] for row in district_rows}
        self._parent_of = {row[0]: row[4] for row in district_rows}

    def topic_id(self, uuid: UUID) -> int | None:
        return self._topic_ids.get(uuid)

    def covering(self, uuid: UUID) -> tuple[int, ...] | None:
        """The district and those above it (gebied → stadsdeel → city); None for one that is
        not among the choices."""
        pk = self._district_ids.get(uuid)
        return None if pk is None else tuple(rules.covering_districts(pk, self._parent_of))


def search_choices() -> SearchChoices:
    """The public search form's topics and districts, in one round trip on PostgreSQL."""
    return SearchChoices(*together((_TOPIC_CHOICES,), (_DISTRICT_CHOICES,)))
