"""Writes through the service: validation, audit and the lookup cache."""

import pytest

from ketenzorg.audit.models import AuditEntry
from ketenzorg.core.errors import ValidationFailed
from ketenzorg.glossary import lookup, services
from ketenzorg.glossary.models import Source, Term


@pytest.fixture
def actor(beheerder):
    return beheerder.user


def create(actor, **overrides):
    values = {"term": "Buurtteam", "definition": "Een team in de buurt.", "source": Source.PRACTICE}
    values.update(overrides)
    return services.term_create(actor=actor, **values)


def test_create_makes_an_ascii_slug_and_derived_columns(actor):
    term = create(actor, term="Coördinatie  van   één buurt")
    assert term.term == "Coördinatie van één buurt"
    assert term.slug == "coordinatie-van-een-buurt"
    assert term.sort_key == "coordinatie van een buurt"
    assert "coordinatie van een buurt" in term.search_text


def test_create_is_audited_without_the_text(actor):
    term = create(actor)
    entry = AuditEntry.objects.get(object_uuid=str(term.uuid))
    assert entry.action == "create" and entry.object_type == "glossary.Term"
    assert "Buurtteam" not in entry.reason


def test_create_clears_the_lookup_map(actor):
    assert lookup.resolve("Buurtteam") is None  # the map is now cached without it
    create(actor)
    assert lookup.resolve("buurtteam") == "buurtteam"


def test_all_field_errors_come_at_once(actor):
    with pytest.raises(ValidationFailed) as info:
        services.term_create(actor=actor, term="", definition="", source="onbekend")
    assert set(info.value.field_errors) == {"term", "definition", "source"}
    assert "Niet alle velden" in info.value.message


def test_a_term_cannot_be_related_to_itself(actor):
    term = Term.objects.get(slug="zorgpiramide")
    with pytest.raises(ValidationFailed) as info:
        services.term_update(
            actor=actor,
            entry=term,
            term=term.term,
            slug=term.slug,
            definition=term.definition,
            source=term.source,
            related=[term],
        )
    assert "related" in info.value.field_errors


def test_update_keeps_own_spellings(actor):
    term = Term.objects.get(slug="oke-inloopspreekuur")
    updated = services.term_update(
        actor=actor,
        entry=term,
        term=term.term,
        slug=term.slug,
        aliases=term.aliases,
        definition="Nieuwe tekst.",
        source=term.source,
    )
    assert updated.definition == "Nieuwe tekst."
    assert lookup.resolve("inloopspreekuur") == "oke-inloopspreekuur"


def test_term_name_that_is_another_terms_alias_is_refused(actor):
    with pytest.raises(ValidationFailed) as info:
        create(actor, term="JGZ", slug="jgz-los")
    assert "term" in info.value.field_errors
    assert "jeugdgezondheidszorg" in info.value.field_errors["term"][0]


def test_nothing_half_written_on_error(actor):
    before = Term.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationFailed):
        create(actor, slug="zorgpiramide")
    assert (Term.objects.count(), AuditEntry.objects.count()) == before
