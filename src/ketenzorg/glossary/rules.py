"""How glossary text is compared: one normalisation for search, slugs and the `begrip` tag.

Professionals type "zorgcoordinatie", "Zorgcoördinatie" or "OKe punt" for the
same word, and the PDF the terms came from even garbled the accents. So every
comparison runs on the same accent-free, lower-case, punctuation-free form.
Kept free of Django models so the data migration can use it too.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import slugify

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Accent-free lower case with punctuation as single spaces.

    Hyphens and slashes become spaces so that "OKé-telefoon" is found by
    "oke telefoon" and "meedenken/meedoen" keeps its two words.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", stripped.casefold()).strip()


def term_key(text: str) -> str:
    """The lookup key of a term, alias or slug; a slug is its own key."""
    return slugify(normalise(text))


def make_slug(term: str) -> str:
    """The slug a new term gets when the beheerder leaves it empty (ASCII, Django's slugify)."""
    return term_key(term)


def is_valid_slug(slug: str) -> bool:
    return bool(slug) and term_key(slug) == slug


def split_aliases(aliases: str) -> list[str]:
    """The comma-separated alias field as a clean list, order kept, duplicates dropped."""
    seen: set[str] = set()
    result: list[str] = []
    for part in (aliases or "").split(","):
        alias = " ".join(part.split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            result.append(alias)
    return result


def join_aliases(aliases: list[str] | tuple[str, ...]) -> str:
    return ", ".join(aliases)


def search_text(*, term: str, aliases: str, definition: str, definition_en: str = "") -> str:
    """What the search box matches against, stored so the database can filter it.

    The English definition is included because the UI also runs in English.
    """
    parts = [term, *split_aliases(aliases), definition, definition_en]
    return " | ".join(normalise(p) for p in parts if p)


def sort_key(term: str) -> str:
    """Alphabetical order the way a reader expects: "één gezin" under E, not after Z."""
    return normalise(term)


def group_letter(key: str) -> str:
    """The A–Z bar's group for a sort key; digits share one group."""
    first = key[:1].upper()
    if first.isalpha():
        return first
    return "0–9"


def query_tokens(query: str) -> list[str]:
    """Every word must match somewhere, so "gezin plan" finds "één gezin, één plan"."""
    return normalise(query).split()


def term_keys(*, slug: str, term: str, aliases: str) -> list[str]:
    """Every key under which one term can be found: its slug, its name and each alias."""
    keys = [slug, term_key(term), *(term_key(a) for a in split_aliases(aliases))]
    return [k for k in dict.fromkeys(keys) if k]


def key_map(rows) -> dict[str, str]:
    """Key -> slug for rows of (slug, term, aliases).

    Slugs are entered first so that no alias of one term can hide another
    term's own slug; after that the first term to claim a key keeps it.
    """
    rows = list(rows)
    mapping: dict[str, str] = {slug: slug for slug, _term, _aliases in rows}
    for slug, term, aliases in rows:
        for key in term_keys(slug=slug, term=term, aliases=aliases):
            mapping.setdefault(key, slug)
    return mapping
