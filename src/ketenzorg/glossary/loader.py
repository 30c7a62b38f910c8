"""Loading the shipped terms from `data/terms.json`.

Used by data migrations with the *historical* model, so it sets only fields the
model of that moment has and computes the derived columns itself (historical
models have none of our methods). Idempotent: a term is matched on its slug
and updated, so the file can be loaded again after it grows.
"""

from __future__ import annotations

import json
from pathlib import Path

from ketenzorg.glossary import rules

DATA_FILE = Path(__file__).resolve().parent / "data" / "terms.json"


def read_terms(path: Path = DATA_FILE) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_terms(term_model, *, path: Path = DATA_FILE) -> int:
    """Create or update every term in the file, then link the related terms.

    Terms the beheerder added are left alone; terms in the file get the file's
    text back (the file is the reviewed source of the shipped meanings).
    """
    entries = read_terms(path)
    field_names = {f.name for f in term_model._meta.get_fields()}
    by_slug = {}
    for entry in entries:
        aliases = rules.join_aliases(entry.get("aliases", []))
        values = {
            "term": entry["term"],
            "aliases": aliases,
            "definition": entry["definition"],
            "definition_en": entry.get("definition_en", ""),
            "source": entry["source"],
            "search_text": rules.search_text(
                term=entry["term"],
                aliases=aliases,
                definition=entry["definition"],
                definition_en=entry.get("definition_en", ""),
            ),
            "sort_key": rules.sort_key(entry["term"])[:120],
        }
        values = {k: v for k, v in values.items() if k in field_names}
        by_slug[entry["slug"]], _ = term_model.objects.update_or_create(
            slug=entry["slug"], defaults=values
        )
    for entry in entries:
        term = by_slug[entry["slug"]]
        for other in (by_slug[s] for s in entry.get("related", []) if s in by_slug):
            # Both directions by hand: a historical model of a self-relation is
            # not symmetrical (its `to` is "glossary.term", not "self"). add(),
            # not set(), so links the beheerder made survive a reload.
            term.related.add(other)
            other.related.add(term)
    return len(entries)
