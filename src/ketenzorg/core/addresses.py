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

_STAND_IN = UUID("00000000-0000-4000-8000-00000000c0de")


@functools.lru_cache(maxsize=512)
def _around(viewname: str, prefix: str, urlconf) -> tuple[str, str]:
    """The view's address before and after its uuid."""
    url = reverse(viewname, args=[_STAND_IN], urlconf=urlconf)
    head, found, tail = url.partition(str(_STAND_IN))
    if not found:
        raise ValueError(f"{viewname} does not take its uuid as it is")
    return head, tail


def uuid_address(viewname: str, value) -> str:
    """`reverse(viewname, args=[value])` for a view that takes one uuid."""
    if not isinstance(value, UUID):
        return reverse(viewname, args=[value])
    head, tail = _around(viewname, get_script_prefix(), get_urlconf())
    return f"{head}{value}{tail}"


@functools.lru_cache(maxsize=256)
def _address(viewname: str, prefix: str, urlconf) -> str:
    return reverse(viewname, urlconf=urlconf)


def view_address(viewname: str) -> str:
    """`reverse(viewname)` for a view without arguments: the page frame's links (the menu, the
    brand, log-out, the glossary, the language form) are on every page, ten `reverse`s each."""
    return _address(viewname, get_script_prefix(), get_urlconf())
