"""Every read of the catalogue.

The public search and a programme's page read only published programmes and only what is about
an offer, never a person; they write no access-log entry (there is no one whose data it is) and
keep no trace of who searched for what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple
from uuid import UUID

from django.conf import settings
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Collate
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
from ketenzorg.aanbod.search.analyzer import QueryWord, query_words
from ketenzorg.aanbod.search.engine import text_condition
from ketenzorg.core.errors import NotFound, ValidationFailed
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.core.prepared import PreparedQuery, together
from ketenzorg.network.models import District, DistrictKind

NAME_HIT, TEXT_HIT = 2, 1


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
    words: list[QueryWord] = field(default_factory=list)
    topic: Topic | None = None
    district: District | None = None


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


class DistrictChoice(NamedTuple):
    uuid: UUID
    name: str
    kind: str


def _public():
    return Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)


def _lookup(model, value, *, name: str, message: str, queryset=None, **filters):
    """An object by uuid for a search filter; an unknown or malformed one is bad input (400)."""
    if value in (None, ""):
        return None
    try:
        uuid = parse_uuid(value, message)
    except NotFound:
        uuid = None
    rows = model.objects if queryset is None else queryset
    found = rows.filter(uuid=uuid, **filters).first() if uuid else None
    if found is None:
        raise ValidationFailed(message, field_errors={name: [message]})
    return found


def _rank(words: list[QueryWord]):
    """Per word: NAME_HIT when the programme's name holds it, else TEXT_HIT (it matched somewhere,
    or it would not be a candidate). Plain SQL on the stored terms: the same on both databases."""
    total = Value(0)
    for word in words:
        in_name = Q()
        for alternative in word.alternatives():
            every = Q()
            for term in alternative:
                every &= Q(name_terms__contains=f" {term} ")
            in_name |= every
        total = total + Case(
            When(in_name, then=Value(NAME_HIT)),
            default=Value(TEXT_HIT),
            output_field=IntegerField(),
        )
    return total


def _bytewise(expression: str):
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


@dataclass
class _Found:
    """The search's programmes in their order, one page of them and what was searched for."""

    ordered: object  # QuerySet
    total: int
    page: int
    page_size: int
    words: list[QueryWord]
    topic: Topic | None
    district: District | None

    def rows(self):
        """The page's slice of the ordered programmes; none (no query) when nothing was found."""
        if not self.total:
            return self.ordered.none()
        start = (self.page - 1) * self.page_size
        return self.ordered[start : start + self.page_size]

    def page_of(self, results: list) -> SearchPage:
        return SearchPage(
            results=results, total=self.total, page=self.page, page_size=self.page_size,
            pages=rules.page_count(self.total, self.page_size), words=self.words,
            topic=self.topic, district=self.district,
        )  # fmt: skip


def _search(params: SearchParams) -> _Found:
    """Published programmes that fit the child's age, the topic, the district and every word of
    the text; best first (more words in the name), then by name, then by uuid (deterministic).

    A district covers itself, the districts above it and the programmes for the whole city.
    """
    topic = _lookup(Topic, params.topic_uuid, name="topic",
                    message=gettext("Dit onderwerp bestaat niet."), is_active=True)  # fmt: skip
    district = _lookup(District, params.district_uuid, name="district",
                       message=gettext("Dit gebied bestaat niet."),
                       queryset=District.objects.select_related("parent__parent"))  # fmt: skip
    if params.age is not None and not 0 <= params.age <= rules.CHILD_MAX_AGE:
        message = gettext("Een leeftijd ligt tussen 0 en %(max)s jaar.") % {
            "max": rules.CHILD_MAX_AGE
        }
        raise ValidationFailed(message, field_errors={"age": [message]})
    page_size = min(max(1, params.page_size), rules.MAX_PAGE_SIZE)

    queryset = _public()
    if params.age is not None:
        queryset = queryset.filter(min_age__lte=params.age, max_age__gte=params.age)
    topics = Programme.topics.through.objects
    districts = Programme.districts.through.objects
    if topic is not None:
        queryset = queryset.filter(
            Exists(topics.filter(programme_id=OuterRef("pk"), topic_id=topic.pk))
        )
    if district is not None:
        parent_of = {}
        walk = district
        while walk is not None:
            parent_of[walk.pk] = walk.parent_id
            walk = walk.parent if walk.parent_id else None
        covering = rules.covering_districts(district.pk, parent_of)
        queryset = queryset.filter(
            Exists(districts.filter(programme_id=OuterRef("pk"), district_id__in=covering))
            | ~Exists(districts.filter(programme_id=OuterRef("pk")))
        )
    words = query_words(params.text or "")
    if words:
        queryset = queryset.filter(text_condition(words)).annotate(rank=_rank(words))
        order = ["-rank", _bytewise("sort_name").asc(), "uuid"]
    else:
        order = [_bytewise("sort_name").asc(), "uuid"]
    total = queryset.count()
    return _Found(
        ordered=queryset.order_by(*order), total=total,
        page=rules.clamp_page(params.page, total, page_size), page_size=page_size,
        words=words, topic=topic, district=district,
    )  # fmt: skip


def programme_search(params: SearchParams) -> SearchPage:
    """One page of the search as programmes with their public fields, provider, topics and
    districts: what the API shows of each (the topics' and districts' uuid and name only)."""
    found = _search(params)
    return found.page_of(
        list(
            found.rows()
            .select_related("provider")
            .only(*PUBLIC_FIELDS, "provider__name")
            .prefetch_related(
                Prefetch(
                    "topics",
                    queryset=Topic.objects.order_by("sort_order", "name").only("uuid", "name"),
                ),
                Prefetch(
                    "districts", queryset=District.objects.order_by("name").only("uuid", "name")
                ),
            )
        )
    )


def programme_choices(params: SearchParams) -> SearchPage:
    """One page of the search for the professional's picker: the programme with its provider and
    waiting time, no lists."""
    found = _search(params)
    return found.page_of(
        list(
            found.rows()
            .select_related("provider")
            .only(
                "uuid",
                "name",
                "access_route",
                "waiting_weeks",
                "waiting_confirmed_on",
                "provider__name",
            )
        )
    )


def programme_cards(params: SearchParams) -> SearchPage:
    """One page of the search as the public page's cards (`ProgrammeCard`)."""
    found = _search(params)
    rows = list(found.rows().values(*CARD_COLUMNS))
    names: dict[int, list[str]] = {}
    if rows:
        served = (
            Programme.districts.through.objects.filter(programme_id__in=[r["id"] for r in rows])
            .order_by("district__name", "district_id")
            .values_list("programme_id", "district__name")
        )
        for programme_id, name in served:
            names.setdefault(programme_id, []).append(name)
    audiences, routes = dict(Audience.choices), dict(AccessRoute.choices)
    return found.page_of(
        [
            ProgrammeCard(
                uuid=row["uuid"],
                name=row["name"],
                provider=row["provider__name"],
                description=row["description"],
                min_age=row["min_age"],
                max_age=row["max_age"],
                audience=audiences.get(row["audience"], row["audience"]),
                access_route=routes.get(row["access_route"], row["access_route"]),
                districts=tuple(names.get(row["id"], ())),
            )  # fmt: skip
            for row in rows
        ]
    )


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
    .values_list("uuid", "name"),
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
    return _TOPIC_CHOICES()


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


def search_choices() -> tuple[list[tuple[UUID, str]], list]:
    """The public search form's topics and districts, in one round trip on PostgreSQL."""
    topics, districts = together((_TOPIC_CHOICES,), (_DISTRICT_CHOICES,))
    return topics, _grouped(districts)
