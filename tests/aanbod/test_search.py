"""The public search on the database in use: `make test` runs it on SQLite (FTS5), the CI's second
run on PostgreSQL (GIN over 'simple' tsvectors). The expectations are written out, so both runs
must give exactly these results, in this order."""

from __future__ import annotations

import pytest
from django.db import connection

from ketenzorg.aanbod import services
from ketenzorg.aanbod.models import Programme, ProgrammeStatus
from ketenzorg.aanbod.search.analyzer import query_words
from ketenzorg.aanbod.search.engine import text_condition
from ketenzorg.aanbod.selectors import SearchParams, programme_search
from ketenzorg.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def names(**params) -> list[str]:
    return [p.name for p in programme_search(SearchParams(page_size=50, **params)).results]


def test_slapen_finds_the_programme_about_slaapproblemen(make_programme):
    make_programme("Rustig de nacht door", "Hulp bij slaapproblemen van baby's en peuters.")
    make_programme("Stevig ouderschap", "Een cursus over grenzen stellen.")
    assert names(text="slapen") == ["Rustig de nacht door"]
    assert names(text="Slaapproblemen") == ["Rustig de nacht door"]
    assert names(text="opvoeden") == []


def test_every_word_must_be_found(make_programme):
    make_programme("Peuterpraat", "Taalontwikkeling van peuters, samen met andere ouders.")
    make_programme("Slaapcursus", "Slapen voor ouders van peuters.")
    assert names(text="peuter slapen") == ["Slaapcursus"]
    assert names(text="peuters") == ["Peuterpraat", "Slaapcursus"]


def test_name_hits_rank_above_description_hits_then_by_name(make_programme):
    make_programme("Aandacht voor jezelf", "Ook over slapen en rust.")
    make_programme("Zo slaapt je kind", "Avondrituelen.")
    make_programme("Beter slapen", "Voor ouders.")
    make_programme("Avondcafé", "Ouders praten over slaapproblemen.")
    # Two name hits first (alphabetical), then the description hits (alphabetical).
    assert names(text="slapen") == [
        "Beter slapen", "Zo slaapt je kind", "Aandacht voor jezelf", "Avondcafé",
    ]  # fmt: skip


def test_a_topic_name_is_searchable_text(make_programme):
    make_programme("Nachtrust", "Voor gezinnen met jonge kinderen.", topics=["Slapen"])
    assert names(text="slapen") == ["Nachtrust"]


def test_only_published_programmes_are_found(make_programme):
    make_programme("Slaapklas concept", "Slapen.", status=ProgrammeStatus.DRAFT)
    make_programme("Slaapklas oud", "Slapen.", status=ProgrammeStatus.WITHDRAWN)
    make_programme("Slaapklas", "Slapen.")
    assert names(text="slapen") == ["Slaapklas"]
    assert names() == ["Slaapklas"]


def test_age_filter_includes_both_ends(make_programme):
    make_programme("Babymassage", min_age=0, max_age=1)
    make_programme("Peutergroep", min_age=2, max_age=4)
    make_programme("Voor tieners", min_age=12, max_age=18)
    assert names(age=4) == ["Peutergroep"]
    assert names(age=1) == ["Babymassage"]
    assert names(age=12) == ["Voor tieners"]
    assert names(age=8) == []


def test_topic_filter(make_programme):
    make_programme("Nachtrust", topics=["Slapen", "Huilen en troosten"])
    make_programme("Grenzen", topics=["Grenzen stellen"])
    from ketenzorg.aanbod.models import Topic

    slapen = Topic.objects.get(name="Slapen")
    assert names(topic_uuid=slapen.uuid) == ["Nachtrust"]


def test_a_district_covers_its_stadsdeel_and_the_whole_city(make_programme, city):
    make_programme("Heel de stad")  # no districts: the whole city
    make_programme("Stad expliciet", districts=[city["stad"]])
    make_programme("Heel Noord", districts=[city["noord"]])
    make_programme("Alleen Noorderhof", districts=[city["noorderhof"]])
    make_programme("Alleen Noorderpark", districts=[city["noorderpark"]])
    make_programme("Zuid en Noorderhof", districts=[city["zuid"], city["noorderhof"]])
    assert names(district_uuid=city["noorderhof"].uuid) == [
        "Alleen Noorderhof", "Heel de stad", "Heel Noord", "Stad expliciet", "Zuid en Noorderhof",
    ]  # fmt: skip
    assert names(district_uuid=city["zuiderhof"].uuid) == [
        "Heel de stad", "Stad expliciet", "Zuid en Noorderhof",
    ]  # fmt: skip
    assert names(district_uuid=city["noord"].uuid) == [
        "Heel de stad",
        "Heel Noord",
        "Stad expliciet",
    ]


def test_filters_and_text_together(make_programme, city):
    make_programme(
        "Slaapspreekuur Noord", "Slapen.", districts=[city["noord"]], min_age=0, max_age=4
    )
    make_programme("Slaapspreekuur Zuid", "Slapen.", districts=[city["zuid"]], min_age=0, max_age=4)
    make_programme("Slaaptraining tieners", "Slapen.", min_age=12, max_age=18)
    assert names(text="slapen", age=4, district_uuid=city["noorderhof"].uuid) == [
        "Slaapspreekuur Noord"
    ]


def test_paging_is_stable_and_complete(make_programme):
    for n in range(23):
        make_programme(f"Slaapgroep {n:02d}", "Slapen.")
    seen = []
    for page in (1, 2, 3):
        result = programme_search(SearchParams(text="slapen", page=page, page_size=10))
        assert result.total == 23 and result.pages == 3 and result.page == page
        seen += [p.name for p in result.results]
    assert seen == [f"Slaapgroep {n:02d}" for n in range(23)]
    # A page past the end shows the last page.
    assert programme_search(SearchParams(text="slapen", page=99, page_size=10)).page == 3


def test_ordering_ignores_case_and_accents(make_programme):
    make_programme("éénoudergezinnen")
    make_programme("Babymassage")
    make_programme("zwemles")
    make_programme("Eten")
    assert names() == ["Babymassage", "éénoudergezinnen", "Eten", "zwemles"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"district_uuid": "00000000-0000-0000-0000-000000000000"}, "district"),
        ({"district_uuid": "abc"}, "district"),
        ({"topic_uuid": "nope"}, "topic"),
        ({"age": 99}, "age"),
        ({"age": -1}, "age"),
    ],
)
def test_bad_filters_are_bad_input(params, field):
    with pytest.raises(ValidationFailed) as raised:
        programme_search(SearchParams(**params))
    assert field in raised.value.field_errors


def test_queries_do_not_grow_with_the_results(make_programme, city, django_assert_num_queries):
    for n in range(12):
        make_programme(f"Slaapgroep {n}", "Slapen.", topics=["Slapen"], districts=[city["noord"]])
    # The gebied with the two above it, the page's ids with the total, the programmes, their
    # topics, their districts.
    with django_assert_num_queries(5):
        result = programme_search(
            SearchParams(text="slapen", age=3, district_uuid=city["noorderhof"].uuid)
        )
    assert len(result.results) == 10 and result.total == 12
    assert {(p.topics[0].name, p.districts[0].name) for p in result.results} == {
        ("Slapen", "Noord")
    }


def test_the_index_follows_changes_and_deletes(make_programme, beheerder):
    programme = make_programme("Nachtrust", "Slapen.")
    assert names(text="slapen") == ["Nachtrust"]
    data = services.ProgrammeInput(
        provider=programme.provider, name="Nachtrust", description="Over eten en drinken.",
        audience=programme.audience, min_age=0, max_age=18, access_route=programme.access_route,
        status=ProgrammeStatus.PUBLISHED,
    )  # fmt: skip
    services.programme_save(actor=beheerder.user, data=data, programme=programme)
    assert names(text="slapen") == []
    assert names(text="eten") == ["Nachtrust"]
    Programme.objects.filter(pk=programme.pk).delete()
    assert names(text="eten") == []


def test_sqlite_index_is_rebuilt_when_a_table_rebuild_dropped_its_triggers(make_programme):
    """Django rebuilds an SQLite table for many schema changes, dropping its triggers; the
    check after every migrate puts them back and rebuilds the index from the table."""
    from django.db import connection

    from ketenzorg.aanbod.search import engine

    if connection.vendor != "sqlite":
        assert engine.install(connection) is False  # PostgreSQL: the GIN index is just there
        return
    make_programme("Nachtrust", "Slapen.")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER aanbod_programme_fts_ai")
    make_programme("Slaapklas", "Slapen.")  # missed by the index
    assert names(text="slapen") == ["Nachtrust"]
    assert engine.install(connection) is True
    assert names(text="slapen") == ["Nachtrust", "Slaapklas"]
    assert engine.install(connection) is False


def test_the_text_condition_is_on_the_programme_row():
    """On PostgreSQL the condition is on the row the GIN index covers, not `id IN (SELECT …)`,
    which the planner joined against a scan of every published programme (docs/performance.md,
    the catalogue search at nation scale)."""
    sql = str(Programme.objects.filter(text_condition(query_words("slaapproblemen"))).query)
    if connection.vendor == "postgresql":
        assert "to_tsvector('simple'::regconfig, aanbod_programme.search_terms) @@" in sql
        assert "IN (SELECT" not in sql
    else:
        assert "aanbod_programme_fts MATCH" in sql


def test_the_picker_and_the_api_read_no_column_later(
    make_programme, city, django_assert_num_queries
):
    """Each reads only the columns it shows (`only`): a missing one would be read per programme."""
    from ketenzorg.aanbod.picker import choice_label
    from ketenzorg.aanbod.selectors import programme_choices, waiting_time
    from ketenzorg.aanbod.serializers import public_programme_item

    for n in range(3):
        make_programme(f"Slaapgroep {n}", "Slapen.", topics=["Slapen"], districts=[city["noord"]])
    picked = programme_choices(SearchParams(text="slapen")).results
    shown = programme_search(SearchParams(text="slapen")).results
    with django_assert_num_queries(0):
        for programme in picked:
            programme.waiting = waiting_time(programme)
            assert choice_label(programme).startswith("Slaapgroep")
        data = [public_programme_item(p) for p in shown]
    assert [d["topics"][0]["name"] for d in data] == ["Slapen"] * 3
    assert {d["districts"][0]["name"] for d in data} == {"Noord"}
