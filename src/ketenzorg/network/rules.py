"""The network's rules that need no database, shared by screens, API and CSV import.

Keeping them here means a CSV row and a form field are judged by the same words.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext

from ketenzorg.network.models import DistrictKind, Domain, OrganisationKind, Role

# Each kind of district sits directly under exactly one other kind; a city is the root.
PARENT_KIND = {
    DistrictKind.STADSDEEL: DistrictKind.CITY,
    DistrictKind.GEBIED: DistrictKind.STADSDEEL,
}
CHILD_KIND = {parent: child for child, parent in PARENT_KIND.items()}

# The vast contactpersoon of a school or daycare comes from JGZ (DOMAIN.md, zorgcoördinator).
JGZ_CONTACT_ROLES = frozenset({Role.JGZ, Role.ZORGCOORDINATOR})

_email_validator = EmailValidator()
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,32}$")
_POSTCODE_PREFIX = re.compile(r"^[1-9][0-9]{3}$")


def kind_label(kind: str) -> str:
    return str(dict(DistrictKind.choices).get(kind, kind))


def district_parent_error(kind: str, parent_kind: str | None) -> str:
    """Why this parent cannot hold a district of this kind, or "" if it can."""
    expected = PARENT_KIND.get(kind)
    if expected is None:
        return (
            gettext("Een stad valt niet onder een ander gebied; laat 'valt onder' leeg.")
            if parent_kind
            else ""
        )
    if parent_kind is None:
        return gettext("Een %(kind)s valt onder een %(parent)s; kies er een.") % {
            "kind": kind_label(kind),
            "parent": kind_label(expected),
        }
    if parent_kind != expected:
        return gettext("Een %(kind)s valt onder een %(parent)s, niet onder een %(other)s.") % {
            "kind": kind_label(kind),
            "parent": kind_label(expected),
            "other": kind_label(parent_kind),
        }
    return ""


def district_children_error(kind: str, child_kinds: set[str]) -> str:
    """Changing a district's kind must leave its existing children valid."""
    wrong = {k for k in child_kinds if CHILD_KIND.get(kind) != k}
    if not wrong:
        return ""
    names = ", ".join(sorted(kind_label(k) for k in wrong))
    return gettext(
        "Dit gebied heeft onderliggende gebieden (%(names)s); die kunnen niet onder een %(kind)s vallen."
    ) % {"names": names, "kind": kind_label(kind)}


def creates_cycle(node_id: int, parent_id: int | None, parents: dict[int, int | None]) -> bool:
    """Would hanging `node_id` under `parent_id` make it its own ancestor?"""
    seen = set()
    current = parent_id
    while current is not None and current not in seen:
        if current == node_id:
            return True
        seen.add(current)
        current = parents.get(current)
    return current is not None


def split_list(value: str, separator: str = "|") -> list[str]:
    """Split a list field, dropping blanks and repeats but keeping the order typed."""
    items: list[str] = []
    seen: set[str] = set()
    for raw in (value or "").split(separator):
        item = " ".join(raw.split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


def email_error(value: str) -> str:
    try:
        _email_validator(value)
    except ValidationError:
        return gettext("'%(value)s' is geen geldig e-mailadres.") % {"value": value}
    return ""


def phone_error(value: str) -> str:
    if value and not _PHONE.match(value):
        return gettext(
            "Een telefoonnummer bestaat uit cijfers, spaties, haakjes, streepjes en eventueel een + vooraan."
        )
    return ""


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def postcode_prefixes_error(value: str) -> str:
    bad = [p for p in split_list(value, ",") if not _POSTCODE_PREFIX.match(p)]
    if bad:
        return gettext("Postcodegebieden zijn vier cijfers (bijv. 1315); niet goed: %(bad)s.") % {
            "bad": ", ".join(bad)
        }
    return ""


def normalise_postcode_prefixes(value: str) -> str:
    return ",".join(split_list(value, ","))


def ordered_domains(domains) -> list[str]:
    """Domains in one fixed order, so equal sets are stored equally."""
    chosen = set(domains)
    return [d for d in Domain.values if d in chosen]


def is_jgz_contact_eligible(professional) -> bool:
    return professional.is_active and (
        professional.has_role(*JGZ_CONTACT_ROLES)
        or professional.organisation.kind == OrganisationKind.JGZ
    )
