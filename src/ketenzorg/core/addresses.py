"""A view's address for an object's uuid, and a view's without arguments, without a
`reverse` per link.

Lists (a hundred links on the dashboard) and the nightly pass (a link in each of 95 000
e-mails at nation scale) ask the same few views for many uuids; `reverse` took 20 µs each.
The view is reversed once per process, script prefix and URLconf with a stand-in uuid, and
each object's uuid takes its place.
"""

from __future__ import annotations

import functools
from uuid import UUID

from django.urls import get_script_prefix, get_urlconf, reverse

_STAND_INS = (
    UUID("00000000-0000-4000-8000-00000000c0de"),
    UUID("00000000-0000-4000-8000-00000001c0de"),
)


@functools.lru_cache(maxsize=512)
def _around(viewname: str, count: int, prefix: str, urlconf) -> tuple[str, ...]:
    """The view's address around its uuids: the text before the first, between them, after
    the last."""
    stand_ins = _STAND_INS[:count]
    rest, parts = reverse(viewname, args=stand_ins, urlconf=urlconf), []
    for stand_in in stand_ins:
        head, found, rest = rest.partition(str(stand_in))
        if not found:
            raise ValueError(f"{viewname} does not take its uuids as they are")
        parts.append(head)
    return (*parts, rest)


def uuid_address(viewname: str, value) -> str:
    """`reverse(viewname, args=[value])` for a view that takes one uuid."""
    if not isinstance(value, UUID):
        return reverse(viewname, args=[value])
    head, tail = _around(viewname, 1, get_script_prefix(), get_urlconf())
    return f"{head}{value}{tail}"


def uuids_address(viewname: str, first, second) -> str:
    """`reverse(viewname, args=[first, second])` for a view that takes two uuids (a thing of a
    case, such as an involvement to end)."""
    if not (isinstance(first, UUID) and isinstance(second, UUID)):
        return reverse(viewname, args=[first, second])
    head, middle, tail = _around(viewname, 2, get_script_prefix(), get_urlconf())
    return f"{head}{first}{middle}{second}{tail}"


@functools.lru_cache(maxsize=256)
def _address(viewname: str, prefix: str, urlconf) -> str:
    return reverse(viewname, urlconf=urlconf)


def view_address(viewname: str) -> str:
    """`reverse(viewname)` for a view without arguments: the page frame's links (the menu, the
    brand, log-out, the glossary, the language form) are on every page, ten `reverse`s each."""
    return _address(viewname, get_script_prefix(), get_urlconf())
