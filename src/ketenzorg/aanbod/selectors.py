"""Every read of the catalogue.

The public search and a programme's page read only published programmes and only what is about
an offer, never a person; they write no access-log entry (there is no one whose data it is) and
keep no trace of who searched for what.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.aanbod import rules
from ketenzorg.aanbod.models import Programme, ProgrammeStatus, Topic
from ketenzorg.aanbod.search.analyzer import QueryWord, query_words
from ketenzorg.aanbod.search.engine import text_condition
from ketenzorg.core.errors import NotFound, ValidationFailed
from ketenzorg.core.identifiers import parse_uuid
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
    results: list[Programme]
    total: int
    page: int
    page_size: int
    pages: int
    words: list[QueryWord] = field(default_factory=list)
    topic: Topic | None = None
    district: District | None = None


def _public():
    return Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)


def _lookup(model, value, *, name: str, message: str, **filters):
    """An object by uuid for a search filter; an unknown or malformed one is bad input (400)."""
    if value in (None, ""):
        return None
    try:
        uuid = parse_uuid(value, message)
    except NotFound:
        uuid = None
    found = model.objects.filter(uuid=uuid, **filters).first() if uuid else None
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


def programme_search(params: SearchParams) -> SearchPage:
    """Published programmes that fit the child's age, the topic, the district and every word of
    the text; best first (more words in the name), then by name, then by uuid (deterministic).

    A district covers itself, the districts above it and the programmes for the whole city.
    """
    topic = _lookup(Topic, params.topic_uuid, name="topic",
                    message=gettext("Dit onderwerp bestaat niet."), is_active=True)  # fmt: skip
    district = _lookup(District, params.district_uuid, name="district",
                       message=gettext("Dit gebied bestaat niet."))  # fmt: skip
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
        walk = District.objects.select_related("parent__parent").get(pk=district.pk)
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
    page = rules.clamp_page(params.page, total, page_size)
    start = (page - 1) * page_size
    results = list(
        queryset.order_by(*order)
        .select_related("provider")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("sort_order", "name")),
            Prefetch("districts", queryset=District.objects.order_by("name")),
        )[start : start + page_size]
    )
    return SearchPage(
        results=results, total=total, page=page, page_size=page_size,
        pages=rules.page_count(total, page_size), words=words, topic=topic, district=district,
    )  # fmt: skip


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
    return list(Topic.objects.filter(is_active=True).order_by("sort_order", "name"))


def search_districts() -> list[tuple[District, list[District]]]:
    """The stadsdelen, each with its gebieden: the choices of the district filter."""
    stadsdelen = list(District.objects.filter(kind=DistrictKind.STADSDEEL).order_by("name"))
    gebieden: dict[int, list[District]] = {}
    for gebied in District.objects.filter(kind=DistrictKind.GEBIED, parent__in=stadsdelen).order_by(
        "name"
    ):
        gebieden.setdefault(gebied.parent_id, []).append(gebied)
    return [(s, gebieden.get(s.pk, [])) for s in stadsdelen]
