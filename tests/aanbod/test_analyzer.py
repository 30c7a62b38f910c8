"""The Dutch analyzer: pure, so tested with examples and properties, without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ketenzorg.aanbod.search.analyzer import (
    as_column,
    fold,
    index_terms,
    query_words,
    split_compound,
    stem,
    words,
)


def _found(query: str, text: str) -> bool:
    """What both databases decide: every query word's whole stem or all of its parts is there."""
    terms = set(index_terms(text))
    return all(
        any(set(alternative) <= terms for alternative in word.alternatives())
        for word in query_words(query)
    )


def test_slapen_finds_slaapproblemen():
    assert _found("slapen", "Hulp bij slaapproblemen van jonge kinderen")
    assert _found("slaapt", "Slaapproblemen")
    assert _found("slaapproblemen", "Als uw kind slecht slaapt: problemen rond de nacht")


def test_opvoeden_and_opvoeding_are_one_word():
    assert stem("opvoeden") == stem("opvoeding")
    assert _found("opvoeden", "Cursus positief opvoeding geven")
    assert _found("opvoeding", "Samen opvoeden na een scheiding")
    assert _found("opvoeden", "Opvoedingsondersteuning voor ouders van tieners")


def test_compounds_split_on_known_parts_with_linking_sounds():
    assert split_compound("slaapproblemen") == ("slaap", "problemen")
    assert split_compound("gezinscoach") == ("gezin", "coach")
    assert split_compound("opvoedingsondersteuning") == ("opvoeding", "ondersteuning")
    assert split_compound("peuterspeelzaal") == ("peuter", "speel", "zaal")
    # A known word is not cut up, and an unknown one is left whole.
    assert split_compound("kinderen") == ()
    assert split_compound("kaasschaaf") == ()


def test_the_stemmer_is_overruled_where_it_errs_for_this_domain():
    # Snowball's newer Dutch stemmer strips ge-: "gezin" would become "zin" and match "zin in".
    assert stem("gezin") == stem("gezinnen") == "gezin"
    assert not _found("gezin", "Heb je zin in een spelletje?")
    assert stem("kinderen") == stem("kind")
    assert stem("probleem") == stem("problemen")


def test_stop_words_accents_and_case_go():
    assert words("De ouders VAN een peuter") == ["ouders", "peuter"]
    assert fold("Coöperatie OKé") == "cooperatie oke"
    assert _found("cooperatie", "Coöperatie")
    assert query_words("de en het") == []


def test_the_column_form_makes_a_term_match_exact():
    column = as_column(["slaap", "kind"])
    assert " slaap " in column and " kind " in column and " sla " not in column
    assert as_column([]) == ""


@given(st.text(max_size=200))
def test_any_text_gives_plain_terms(text):
    for term in index_terms(text):
        assert term and term.isalnum() and term.isascii() and term == term.lower()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=80))
def test_every_word_of_a_text_finds_that_text(text):
    # The analyzer runs the same way on both sides, so a text's own words always find it.
    for word in words(text):
        assert _found(word, text)
