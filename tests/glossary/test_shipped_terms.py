"""The begrippenlijst ships every term of both seeds and of the practice DOMAIN.md names."""

import json

import pytest

from ketenzorg.glossary import lookup, rules
from ketenzorg.glossary.loader import DATA_FILE, load_terms
from ketenzorg.glossary.models import Source, Term

BOOKLET = [
    "OKé-punt",
    "Centrum voor Jeugd en Gezin",
    "één gezin, één plan",
    "informatie en advies",
    "sluitende aanpak",
    "opvoeden en opgroeien",
    "OKé-inloopspreekuur",
    "inloopspreekuur",
    "opvoedadviseur",
    "OKé-telefoon",
    "OKé-website",
    "JonginAlmere",
    "OKé-netwerk",
    "OKé-netwerkoverleg",
    "kerngroep Jeugd",
    "adviesgroep Jeugd",
    "werkgroep OKé",
    "OKé-zorgnetwerk",
    "zorgcoördinatie",
    "vast contactpersoon JGZ",
    "jeugdgezondheidszorg",
    "JGZ",
    "zorgpiramide",
    "opschalingsmodel",
    "motorkapoverleg",
    "procescoördinatie",
    "procescoördinator",
    "brandpuntfunctionaris",
    "crisisprotocol",
    "OKé-aanbod op maat",
    "signaalfunctie",
    "meervoudige problematiek",
    "enkelvoudige problematiek",
    "Actieplan Almere Ketenzorg Jeugd",
    "domeinen",
]
WERKPROCES = [
    "Ouder- en Kindteam",
    "OKT",
    "OKT-professional",
    "werkproces",
    "meedenken/meedoen",
    "meedenker/meedoener",
    "meedenker",
    "aanmeldcollega",
    "OGGZ",
    "OKA",
    "werkbegeleider",
    "BT",
    "behandelteam",
    "aanvullende jeugdhulp",
    "AJH",
    "AJH-verbinder",
    "gebiedsknooppunt",
    "GKP",
    "GKP-overleg",
    "stadsdeel",
    "perspectiefplan",
    "voorziening",
    "voorlopige voorziening",
    "definitieve voorziening",
    "verwijsformat",
    "aanmelddocument",
    "AJH-aanbieder",
    "dossier",
    "beveiligd verzenden",
]
PRACTICE = [
    "verwijsindex",
    "signaal in de verwijsindex",
    "match in de verwijsindex",
    "meldcode huiselijk geweld en kindermishandeling",
    "Veilig Thuis",
    "afwegingskader",
    "NEN 7513",
    "toegangslog",
    "noodtoegang",
    "break the glass",
    "BSN",
    "gezag",
    "dossierplicht",
    "bewaartermijn",
    "iJw",
    "JW301",
    "JW315",
    "pgb",
    "behandelplan",
    "1Gezin1Plan",
]


@pytest.mark.parametrize("name", BOOKLET + WERKPROCES + PRACTICE)
def test_every_seed_term_is_in_the_glossary_after_migrations(db, name):
    slug = lookup.resolve(name)
    assert slug is not None, f"{name!r} staat niet in de begrippenlijst"
    term = Term.objects.get(slug=slug)
    assert term.definition and term.definition_en


def test_sources_follow_the_seed_a_term_came_from(db):
    assert Term.objects.get(slug="zorgpiramide").source == Source.OKE_PUNT
    assert Term.objects.get(slug="gebiedsknooppunt").source == Source.OKT_WERKPROCES
    assert Term.objects.get(slug="veilig-thuis").source == Source.PRACTICE
    assert set(Term.objects.values_list("source", flat=True)) == set(Source.values)


def test_the_pyramid_and_escalation_model_name_all_five_levels(db):
    pyramid = Term.objects.get(slug="zorgpiramide").definition
    for share in ("85%", "10%", "3,5%", "1,47%", "0,03%"):
        assert share in pyramid
    model = Term.objects.get(slug="opschalingsmodel").definition
    for level in range(1, 6):
        assert f"Niveau {level}" in model
    for word in (
        "motorkapoverleg",
        "zorgcoördinatie",
        "procescoördinator",
        "brandpuntfunctionaris",
        "crisisprotocol",
    ):
        assert word in model


def test_retention_term_says_twenty_years(db):
    assert "twintig jaar" in Term.objects.get(slug="bewaartermijn").definition


def test_related_terms_are_linked_both_ways(db):
    zorg = Term.objects.get(slug="zorgcoordinatie")
    assert zorg.related.filter(slug="jeugdgezondheidszorg").exists()
    assert (
        Term.objects.get(slug="jeugdgezondheidszorg")
        .related.filter(slug="zorgcoordinatie")
        .exists()
    )
    # Every shipped term is linked to at least one other, so no page is a dead end.
    assert not Term.objects.filter(related__isnull=True).exists()


def test_derived_columns_are_filled_by_the_migration(db):
    term = Term.objects.get(slug="zorgcoordinatie")
    assert "zorgcoordinatie" in term.search_text
    assert term.sort_key == "zorgcoordinatie"


def test_loading_again_changes_nothing(db):
    before = Term.objects.count()
    links = Term.related.through.objects.count()
    load_terms(Term)
    assert Term.objects.count() == before
    assert Term.related.through.objects.count() == links


def test_loading_again_keeps_terms_the_beheerder_added(db):
    Term.objects.create(
        term="Eigen begrip", slug="eigen-begrip", definition="Iets eigens.", source=Source.PRACTICE
    )
    load_terms(Term)
    assert Term.objects.filter(slug="eigen-begrip").exists()


def test_data_file_is_consistent():
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    slugs = [e["slug"] for e in entries]
    assert len(slugs) == len(set(slugs)), "dubbele slug in terms.json"
    owner: dict[str, str] = {}
    for entry in entries:
        assert rules.is_valid_slug(entry["slug"]), entry["slug"]
        assert entry["source"] in Source.values
        assert entry["definition"].strip() and entry["definition_en"].strip(), entry["slug"]
        assert set(entry["related"]) <= set(slugs), entry["slug"]
        assert entry["slug"] not in entry["related"]
        assert all("," not in alias for alias in entry["aliases"]), (
            "aliassen worden met komma's gescheiden"
        )
        aliases = rules.join_aliases(entry["aliases"])
        for key in rules.term_keys(slug=entry["slug"], term=entry["term"], aliases=aliases):
            assert owner.setdefault(key, entry["slug"]) == entry["slug"], (
                f"{key!r} wijst naar twee begrippen"
            )
