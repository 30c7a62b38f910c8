"""`core.prepared`: a query compiled once gives, for every value, what the queryset gives."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Q

from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families.models import Person
from ketenzorg.network.models import Professional
from tests import factories


@pytest.fixture
def two_organisations(db):
    first, second = factories.make_organisation("Proef-A"), factories.make_organisation("Proef-B")
    for n in range(3):
        factories.make_professional("okt", organisation=first, username=f"proef-a{n}")
    factories.make_professional("jgz", organisation=second, username="proef-b0")
    return first, second


def _staff(organisation_id):
    return (
        Professional.objects.filter(organisation_id=organisation_id)
        .select_related("organisation")
        .order_by("pk")
    )


def test_each_value_gives_what_the_queryset_gives(two_organisations, django_assert_num_queries):
    staff = PreparedQuery(_staff)
    for organisation in (*two_organisations, *two_organisations):
        with django_assert_num_queries(1):  # the organisation comes along, as with the queryset
            rows = staff(organisation.pk)
            names = [(p.pk, p.organisation.name) for p in rows]
        assert names == [(p.pk, p.organisation.name) for p in _staff(organisation.pk)]
        assert names  # both organisations have staff
    assert staff(-5) == []


def test_uuid_and_date_arguments(two_organisations):
    okt = Professional.objects.filter(organisation=two_organisations[0]).first()
    factories.register_family(okt, members=[factories.member(born=date(2016, 3, 4))])
    by_uuid = PreparedQuery(lambda u: Professional.objects.filter(uuid=u))
    assert by_uuid(okt.uuid) == [okt]
    born = PreparedQuery(lambda d: Person.objects.filter(birthdate=d).order_by("pk"))
    assert [p.birthdate for p in born(date(2016, 3, 4))] == [date(2016, 3, 4)]
    assert born(date(2016, 3, 5)) == []


def test_a_value_that_changes_the_sql_runs_the_queryset_itself(two_organisations):
    staff = PreparedQuery(_staff)
    assert staff(None) == list(_staff(None)) == []  # IS NULL, not "= %s"


def test_annotations_and_prefetches_are_kept(two_organisations, django_assert_num_queries):
    from django.db.models import Count

    organisations = PreparedQuery(
        lambda pk: (
            type(two_organisations[0])
            .objects.filter(pk=pk)
            .annotate(staff=Count("professionals"))
            .prefetch_related("professionals")
        )
    )
    with django_assert_num_queries(2):
        (first,) = organisations(two_organisations[0].pk)
        assert first.staff == 3 and len(first.professionals.all()) == 3


def test_an_argument_the_sql_does_not_use_is_refused(db):
    ignoring = PreparedQuery(lambda pk: Professional.objects.all(), name="ignoring")
    with pytest.raises(LookupError, match="ignoring: argument 0"):
        ignoring(1)


def test_string_arguments(two_organisations):
    by_username = PreparedQuery(
        lambda name: Professional.objects.filter(user__username=name).order_by("pk")
    )
    assert [p.user.username for p in by_username("proef-b0")] == ["proef-b0"]
    assert by_username("proef-zz") == []
    starts = PreparedQuery(
        lambda name: Professional.objects.filter(user__username__startswith=name)
    )
    with pytest.raises(LookupError):  # the SQL has "proef%", not the argument itself
        starts("proef")


def test_text_searched_for_inside_a_column(two_organisations):
    """`contains`/`icontains` take the argument between wildcards, its own wildcards escaped:
    a search for "%" or "_" finds those characters, not every row."""
    within = PreparedQuery(
        lambda text: Professional.objects.filter(
            Q(user__username__icontains=text) | Q(last_name__contains=text)
        ).order_by("user__username")
    )
    factories.make_professional("okt", username="proef_100%")
    assert [p.user.username for p in within("OEF-A")] == ["proef-a0", "proef-a1", "proef-a2"]
    assert [p.user.username for p in within("f-b")] == ["proef-b0"]
    assert [p.user.username for p in within("_")] == ["proef_100%"]
    assert [p.user.username for p in within("0%")] == ["proef_100%"]
    assert within("f_a") == [] and within("a%1") == [] and within("\\") == []
    assert len(within._compiled) == 1  # one compiled query for every text


def test_id_tuples_and_datetimes(two_organisations):
    from django.utils import timezone

    first, second = two_organisations
    ids = tuple(Professional.objects.order_by("pk").values_list("pk", flat=True))
    among = PreparedQuery(lambda pks: Professional.objects.filter(pk__in=pks).order_by("pk"))
    assert [p.pk for p in among(ids[:2])] == list(ids[:2])
    assert [p.pk for p in among(ids[2:4])] == list(ids[2:4])  # same length, other ids
    assert [p.pk for p in among(ids)] == list(ids)  # another length: compiled again
    assert among(()) == []
    since = PreparedQuery(
        lambda when: Professional.objects.filter(created_at__gte=when).order_by("pk")
    )
    later = timezone.now() + timezone.timedelta(days=1)
    assert since(later) == []
    assert [p.pk for p in since(later - timezone.timedelta(days=2))] == list(ids)


def test_a_value_derived_inside_the_builder_is_refused(db):
    from datetime import timedelta

    derived = PreparedQuery(
        lambda when: Professional.objects.filter(created_at__gte=when - timedelta(days=1)),
        name="derived",
    )
    with pytest.raises(LookupError, match="derived: argument 0"):
        derived(timezone_now())


def test_small_integer_columns_take_the_stand_ins(two_organisations):
    from ketenzorg.coordination.models import Case

    by_level = PreparedQuery(lambda level: Case.objects.filter(level=level))
    assert by_level(1) == [] and by_level(3) == []  # no cases; the lookup compiled as SQL


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def test_first_is_the_first_row_or_none(two_organisations):
    one = PreparedQuery(
        lambda pk: Professional.objects.filter(organisation_id=pk).order_by("pk")[:1]
    )
    first = Professional.objects.filter(organisation=two_organisations[0]).order_by("pk").first()
    assert one.first(two_organisations[0].pk) == first
    assert one.first(-5) is None


def _by_organisation(organisation_id):
    return Professional.objects.filter(organisation_id=organisation_id).order_by("pk")


def _converted(rows):
    """What the converters made of each row: a uuid, an aware datetime, a boolean."""
    return [(p.uuid, p.created_at, p.created_at.tzinfo is not None, p.is_active) for p in rows]


def test_converters_are_kept_per_connection_and_give_what_the_queryset_gives(db):
    import copy

    from django.db import connections

    organisation = factories.make_organisation("Proef-C")
    for n in range(2):
        factories.make_professional("okt", organisation=organisation, username=f"proef-c{n}")
    staff = PreparedQuery(_by_organisation)
    expected = _converted(_by_organisation(organisation.pk))
    assert len(expected) == 2 and all(aware for _, _, aware, _ in expected)
    assert _converted(staff(organisation.pk)) == expected
    assert _converted(staff(organisation.pk)) == expected  # the kept converters
    (compiled,) = staff._compiled.values()
    assert list(compiled.converters) == [connections["default"]]

    # Another thread has its own connection: it gets converters bound to its own backend.
    other = connections.create_connection("default")
    try:
        compiler = copy.copy(compiled.compiler)
        compiler.connection = other
        kept = compiled.converters_for(compiler)
        assert set(compiled.converters) == {connections["default"], other}
        backends = {
            id(getattr(converter, "__self__", None))
            for converters, _ in kept.values()
            for converter in converters
        }
        assert id(connections["default"].ops) not in backends
        if other.vendor == "sqlite":  # text to uuid, datetime, boolean: the backend's own
            assert id(other.ops) in backends
    finally:
        other.close()


def test_id_lists_of_one_size_class_share_a_compiled_query(two_organisations):
    ids = tuple(Professional.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) == 4
    among = PreparedQuery(lambda pks: Professional.objects.filter(pk__in=pks).order_by("pk"))
    assert [p.pk for p in among(ids[:3])] == list(ids[:3])  # filled up with its last id
    assert [p.pk for p in among(ids)] == list(ids)
    assert [p.pk for p in among(ids[1:])] == list(ids[1:])
    assert list(among._compiled) == [((tuple, 4),)]  # three ids and four: one class
    assert [p.pk for p in among(ids[:1])] == list(ids[:1])
    assert [p.pk for p in among((ids[0],) * 3 + (ids[3],))] == [ids[0], ids[3]]


# --- several queries together -----------------------------------------------------------------


def _names(rows):
    return [(p.pk, p.organisation.name) for p in rows]


def test_together_gives_each_call_what_it_gives_alone(two_organisations, django_assert_num_queries):
    from ketenzorg.core.prepared import together

    staff = PreparedQuery(_staff)
    one, two = two_organisations
    by_uuid = PreparedQuery(lambda u: Professional.objects.filter(uuid=u).order_by("pk"))
    somebody = Professional.objects.filter(organisation=two).get()
    with django_assert_num_queries(4):  # each statement still counted (and logged) as one
        first, second, none, found = together(
            (staff, one.pk), (staff, two.pk), (staff, None), (by_uuid, somebody.uuid)
        )
    assert _names(first) == _names(_staff(one.pk)) and len(first) == 3
    assert _names(second) == _names(_staff(two.pk)) and len(second) == 1
    assert none == []  # a value the SQL depends on (IS NULL) runs the queryset itself
    assert found == [somebody]
    # The calls can be made again, alone and together, with the same answers.
    assert _names(staff(one.pk)) == _names(first)
    assert [_names(rows) for rows in together((staff, two.pk), (staff, one.pk))] == [
        _names(second),
        _names(first),
    ]


def test_together_cuts_the_columns_a_distinct_order_added(two_organisations):
    from ketenzorg.core.prepared import together

    ordered = PreparedQuery(
        lambda pk: (
            Professional.objects.filter(organisation_id=pk)
            .order_by("organisation__name", "-pk")
            .distinct()
            .values_list("pk", "last_name")
        )
    )
    bound = ordered._bind((two_organisations[0].pk,))
    assert bound.compiler.has_extra_select  # the case this test is about
    alone = ordered(two_organisations[0].pk)
    together_ = together((ordered, two_organisations[0].pk), (ordered, two_organisations[1].pk))
    assert together_[0] == alone and alone and all(len(row) == 2 for row in alone)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite answers in process")
def test_on_postgresql_together_is_one_pipeline(two_organisations, monkeypatch):
    from ketenzorg.core.prepared import together

    staff = PreparedQuery(_staff)
    connection.ensure_connection()
    entered = []
    pipeline = type(connection.connection).pipeline

    def counting(self, *args, **kwargs):
        entered.append(True)
        return pipeline(self, *args, **kwargs)

    monkeypatch.setattr(type(connection.connection), "pipeline", counting)
    together(*((staff, o.pk) for o in two_organisations * 3))
    assert entered == [True]
    staff(two_organisations[0].pk)  # alone: no pipeline
    assert entered == [True]


def _named(organisation_id, names):
    """A query whose SQL changes with its values (an IN list of names, a CASE per name)."""
    from django.db.models import Case, IntegerField, Value, When

    rank = Case(
        *(When(last_name=name, then=Value(i)) for i, name in enumerate(names)),
        default=Value(len(names)),
        output_field=IntegerField(),
    )
    return (
        Professional.objects.filter(organisation_id=organisation_id, last_name__in=names)
        .annotate(rank=rank)
        .order_by("rank", "pk")
        .values_list("last_name", "rank")
    )


def test_a_query_per_values_is_compiled_once_for_each_set_of_values(two_organisations, monkeypatch):
    from ketenzorg.core.prepared import QueryPerValues, together
    from tests.querycount import record_compiles

    first, _second = two_organisations
    names = tuple(
        Professional.objects.filter(organisation=first).values_list("last_name", flat=True)
    )
    named = QueryPerValues(_named, size=2)
    compiled = record_compiles(monkeypatch)
    for values in (
        (first.pk, names),
        (first.pk, names[:1]),
        (first.pk, names),
        (first.pk, names[::-1]),
    ):
        assert named(*values) == list(_named(*values))
    # Built by the check itself (the plain querysets) and by the query per distinct values:
    # four checks and three sets of values, the repeated one read from its compile.
    assert len(compiled) == 4 + 3
    assert len(named._compiled) == 2  # the oldest left when a third came
    compiled.clear()
    (rows,) = together((named, first.pk, names[::-1]))  # with others: the same compile
    assert rows == list(_named(first.pk, names[::-1])) and len(compiled) == 1  # the check's
    assert named(first.pk, ["geen"]) == []
    assert named(first.pk, ()) == []  # nothing to ask: the queryset's own way
    assert named(first.pk, list(names)) == list(_named(first.pk, names))  # a list: not kept
