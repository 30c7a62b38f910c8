"""Searching the begrippenlijst the way people type: without accents, in any case, in parts."""

import pytest

from ketenzorg.glossary import rules, selectors


def slugs(query, **kwargs):
    return [t.slug for t in selectors.term_search(query=query, **kwargs)]


@pytest.mark.parametrize(
    "query", ["zorgcoördinatie", "zorgcoordinatie", "ZORGCOORDINATIE", "Zorgcoördinatie "]
)
def test_accents_and_case_do_not_matter(db, query):
    assert slugs(query)[0] == "zorgcoordinatie"


def test_alias_is_found(db):
    assert "oke-inloopspreekuur" in slugs("inloopspreekuur")
    assert "aanvullende-jeugdhulp" in slugs("ajh")


def test_definition_text_is_found(db):
    # "rampenbestrijding" only occurs in the definition of the escalation model.
    assert slugs("rampenbestrijding") == ["opschalingsmodel"]


def test_punctuation_is_ignored(db):
    assert "oke-telefoon" in slugs("oke telefoon")
    assert "meedenken-meedoen" in slugs("meedenken/meedoen")


def test_every_word_must_match(db):
    found = slugs("gezin plan")
    assert "een-gezin-een-plan" in found
    assert "motorkapoverleg" not in found


def test_terms_whose_name_matches_come_first(db):
    # Both names start with "procescoord"; other definitions only mention them.
    found = slugs("procescoord")
    assert set(found[:2]) == {"procescoordinator", "procescoordinatie"}
    assert len(found) > 2


def test_alphabetical_when_asked(db):
    found = list(selectors.term_search(query="jeugd", ranked=False))
    keys = [t.sort_key for t in found]
    assert keys == sorted(keys)


def test_no_match_is_empty(db):
    assert slugs("xyzzyvoorbeeld") == []


def test_empty_query_is_everything(db):
    assert len(slugs("")) == len(slugs("   "))
    assert len(slugs("")) > 90


def test_normalise_strips_accents_and_punctuation():
    assert rules.normalise("Zorgcoördinatie") == "zorgcoordinatie"
    assert rules.normalise("Eén gezin, één plan") == "een gezin een plan"
    assert rules.normalise("OKé-telefoon") == "oke telefoon"
    assert rules.term_key("meedenken/meedoen") == "meedenken-meedoen"
    assert rules.group_letter("een gezin") == "E"
    assert rules.group_letter("1gezin1plan") == "0–9"
