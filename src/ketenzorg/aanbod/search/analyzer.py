"""The one Dutch analyzer of the catalogue's search, used for the stored terms and for the query.

Both databases receive terms this module has already analysed (lowercase, accents folded, stop
words out, compounds split, Snowball 'dutch' stems), and index them without any language
processing of their own. That is how PostgreSQL and SQLite give the same results for the same
data: neither has a say in what a word means (decision 0015).

Pure Python: no Django, no database.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from ketenzorg.aanbod.search.lexicon import LEMMAS, PARTS, STOP_WORDS

_TOKEN = re.compile(r"[a-z0-9]+")
_LINKS = ("s", "e", "en")  # the Dutch linking sounds between the parts of a compound
_MIN_PART = 3
_MAX_WORD = 40  # longer "words" are not language; they are indexed whole, never split
_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lowercase without accents: "Coöperatie" and "cooperatie", "OKé" and "oke" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text, folded, without stop words and single letters."""
    return [
        w
        for w in _TOKEN.findall(fold(text or ""))
        if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())
    ]


@functools.lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return LEMMAS.get(word) or _stemmer.stemWord(word)


_PART_STEMS = frozenset(stem(p) for p in PARTS)


def _is_head(part: str) -> bool:
    """The last part of a compound may be inflected: "slaap|problemen", "opvoedings|vragen"."""
    return part in PARTS or stem(part) in _PART_STEMS


@functools.lru_cache(maxsize=20_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound made of known parts, fewest parts first; () when it is none.

    "slaapproblemen" → ("slaap", "problemen"); "opvoedingsondersteuning" → ("opvoeding",
    "ondersteuning") when both are known. A word that is itself known is not split
    ("kinderen" is not "kind" + "eren").
    """
    if word in PARTS or len(word) < 2 * _MIN_PART or len(word) > _MAX_WORD or not word.isalpha():
        return ()
    best: tuple[str, ...] = ()

    def walk(start: int, parts: tuple[str, ...]) -> None:
        nonlocal best
        if best and len(parts) + 1 >= len(best):
            return
        rest = word[start:]
        if parts and len(rest) >= _MIN_PART and _is_head(rest):
            best = (*parts, rest)
            return
        # Longest first part first, so "kinderopvang" is kinder|opvang, not kind|e|ropvang.
        for end in range(len(word) - _MIN_PART, start + _MIN_PART - 1, -1):
            part = word[start:end]
            if part not in PARTS:
                continue
            walk(end, (*parts, part))
            for link in _LINKS:
                if word.startswith(link, end) and len(word) - end - len(link) >= _MIN_PART:
                    walk(end + len(link), (*parts, part))

    walk(0, ())
    return best


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: found when its whole stem, or every one of its parts, is there."""

    whole: str
    parts: tuple[str, ...] = ()

    def alternatives(self) -> list[tuple[str, ...]]:
        return [(self.whole,), self.parts] if self.parts else [(self.whole,)]


def _terms_of(word: str) -> tuple[str, tuple[str, ...]]:
    parts = tuple(dict.fromkeys(stem(p) for p in split_compound(word)))
    return stem(word), parts


def index_terms(*texts: str) -> list[str]:
    """The terms stored for a text: every word's stem and the stems of its parts, in order, once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            whole, parts = _terms_of(word)
            seen[whole] = None
            for part in parts:
                seen[part] = None
    return list(seen)


def query_words(text: str, *, limit: int = 12) -> list[QueryWord]:
    """The analysed words of a search, at most `limit` (a query is a few words, not a text)."""
    found: dict[QueryWord, None] = {}
    for word in words(text):
        whole, parts = _terms_of(word)
        found[QueryWord(whole, parts if parts != (whole,) else ())] = None
        if len(found) >= limit:
            break
    return list(found)


def as_column(terms: list[str]) -> str:
    """The stored form: terms between single spaces with a space at both ends, so that
    "contains ' term '" is an exact term match in plain SQL on both databases."""
    return f" {' '.join(terms)} " if terms else ""
