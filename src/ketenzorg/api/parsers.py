"""The API's only request parser: JSON, bounded in size and in nesting.

Python's `json` module recurses once per `[` or `{`: 100 000 of them in an anonymous
POST raise `RecursionError`, which is a 500 and a stack walk per request. No body of
ours nests deeper than a few levels, so the depth is measured on the text first, in
regular-expression passes that never recurse, and a deeper body is a 400 before the
decoder sees it. The size is bounded again here (Django checks
`DATA_UPLOAD_MAX_MEMORY_SIZE` when the body is read; `ProblemMiddleware` refuses a
declared length over it before anything is read).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

MAX_DEPTH = 32


def too_large_detail(limit: int | None) -> str:
    if limit is None:
        return gettext("Het verzoek is te groot.")
    return gettext("Het verzoek is te groot: hooguit %(limit)s bytes.") % {"limit": limit}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self, limit: int | None = None):
        super().__init__(too_large_detail(limit))


# Keep only brackets, and make them one kind: depth depends on the counts alone, and a
# mismatch (`[}`) is the decoder's to report once the depth is known to be small.
_BRACKETS_ONLY = (
    bytes.maketrans(b"{}", b"[]"),
    bytes(b for b in range(256) if b not in b"[]{}"),
)


def _outside_strings(text: str) -> str:
    """The text with every string's content left out.

    In valid JSON a backslash occurs only inside a string, so dropping `\\\\` and then
    `\\"` leaves only the quotes that open and close strings; every second piece between
    them is a string's content. Where the text is not valid JSON, the decoder stops at
    the first fault, and up to there this reading and the decoder's agree.
    """
    return "".join(text.replace("\\\\", "").replace('\\"', "").split('"')[::2])


def nesting_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when `text` may nest deeper than `limit`; brackets inside strings do not count.

    Each pass removes every innermost pair, so a balanced document of depth d is empty
    after d passes. When a pass removes nothing, what is left does not close (`[[[`);
    the depth is then at most the passes so far plus what is left. All of it is
    C-speed string work and none of it recurses.
    """
    table, delete = _BRACKETS_ONLY
    brackets = _outside_strings(text).encode("utf-8", "replace").translate(table, delete)
    passes = 0
    while brackets:
        if passes >= limit:
            return True
        shorter = brackets.replace(b"[]", b"")
        passes += 1
        if len(shorter) == len(brackets):
            return passes - 1 + len(brackets) > limit
        brackets = shorter
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with a size and depth bound and Dutch messages."""

    max_depth = MAX_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise RequestTooLarge(limit)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(
                gettext("De inhoud is geen tekst in de tekenset %(charset)s.")
                % {"charset": encoding}
            ) from None
        if nesting_depth_exceeds(text, self.max_depth):
            raise ParseError(
                gettext("De JSON is dieper genest dan %(max)s niveaus.") % {"max": self.max_depth}
            )
        try:
            return json.loads(text, parse_constant=_refuse_constant if self.strict else None)
        except json.JSONDecodeError as exc:
            raise ParseError(
                gettext("Dit is geen geldige JSON (regel %(line)s, kolom %(column)s).")
                % {"line": exc.lineno, "column": exc.colno}
            ) from None
        except (ValueError, RecursionError):
            raise ParseError(gettext("Dit is geen geldige JSON.")) from None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is geen JSON")
