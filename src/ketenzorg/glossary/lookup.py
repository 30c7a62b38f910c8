"""Finding a term by any of its spellings, cheaply enough to do on every page render.

Templates link words with `{% begrip "..." %}`; a page can hold many of them,
so the key -> slug map is built once and kept in Django's cache. The service
clears it after every write. With a per-process cache (the default LocMem) the
other worker processes see a change only when their copy expires, hence the
short lifetime: a stale map costs at most a missing or outdated link, never data.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import mail
from django.core.cache import cache

from ketenzorg.glossary import rules

logger = logging.getLogger(__name__)

CACHE_KEY = "ketenzorg:glossary:key-map:v1"
CACHE_SECONDS = 300


class UnknownTerm(LookupError):
    """A template names a term the glossary does not have."""


def key_map() -> dict[str, str]:
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        from ketenzorg.glossary.models import Term

        mapping = rules.key_map(Term.objects.values_list("slug", "term", "aliases"))
        cache.set(CACHE_KEY, mapping, CACHE_SECONDS)
    return mapping


def invalidate() -> None:
    cache.delete(CACHE_KEY)


def resolve(text: str) -> str | None:
    """The slug of the term `text` names (any spelling, accents and case ignored), or None."""
    return key_map().get(rules.term_key(text))


def strict() -> bool:
    """Whether an unknown term is an error rather than a warning.

    On by default while developing (DEBUG) and under a test runner (which is
    when `django.core.mail.outbox` exists), so a missing term fails loudly
    before it reaches users; `GLOSSARY_STRICT` in settings overrides both.
    """
    configured = getattr(settings, "GLOSSARY_STRICT", None)
    if configured is not None:
        return bool(configured)
    return bool(settings.DEBUG) or hasattr(mail, "outbox")


def report_unknown(text: str) -> None:
    # An empty glossary means the terms were never loaded (or a transactional
    # test flushed them); failing every page then would hide the real problem.
    if strict() and key_map():
        raise UnknownTerm(
            f"Onbekend begrip in template: {text!r}. Voeg het toe aan de begrippenlijst."
        )
    logger.warning("Onbekend begrip in template: %r", text)
