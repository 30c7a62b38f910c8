"""Every read of family and person data. Each asks `access` and writes the audit entry."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Window
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core import crypto
from ketenzorg.core.errors import NotFound
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families import guards
from ketenzorg.families.models import BSN_PURPOSE, Family, Person
from ketenzorg.families.rules import normalise_bsn


def family_get(*, actor, family_uuid, action: str = Action.READ) -> Family:
    """One family with its members and involvements, if the actor may see it (logged either way)."""
    return guards.family_get_for_view(actor=actor, family_uuid=family_uuid, action=action)


def family_for_emergency(*, family_uuid) -> Family:
    """Only the identity of a family, to attach an emergency grant to; no personal data is read."""
    message = gettext("Dit gezin bestaat niet.")
    family = (
        Family.objects.only("id", "uuid")
        .filter(uuid=guards.parse_uuid(family_uuid, message))
        .first()
    )
    if family is None:
        raise NotFound(message)
    return family


def person_get(*, actor, person_uuid) -> Person:
    return guards.person_get_for_view(actor=actor, person_uuid=person_uuid)


@dataclass(frozen=True)
class FamilySearch:
    name: str = ""
    birthdate: date | None = None
    bsn: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.birthdate or self.bsn)

    def criteria(self) -> str:
        """Which kinds of criteria were used: logged instead of the values themselves."""
        used = [
            k
            for k, v in (("naam", self.name), ("geboortedatum", self.birthdate), ("bsn", self.bsn))
            if v
        ]
        return "zoeken op " + ", ".join(used) if used else "eigen gezinnen"


family_search_allowed = guards.family_search_allowed


def _matching(families, *, name: str, birthdate: date | None, bsn_lookup: str):
    """The families with a name or member that matches; each member criterion as its own
    `EXISTS` (a member named so, a member born then), not a join: a join made a row per
    matching member, which `DISTINCT` then had to fold back, for the count and the page alike."""
    if name:
        named = Person.objects.filter(family=OuterRef("pk")).filter(
            Q(family_name__icontains=name) | Q(given_name__icontains=name)
        )
        families = families.filter(Q(name__icontains=name) | Exists(named))
    if birthdate:
        born = Person.objects.filter(family=OuterRef("pk"), birthdate=birthdate)
        families = families.filter(Exists(born))
    if bsn_lookup:
        families = families.filter(
            Exists(Person.objects.filter(family=OuterRef("pk"), bsn_lookup=bsn_lookup))
        )
    return families


_NO_CRITERIA = {"name": "", "birthdate": None, "bsn_lookup": ""}


def _criteria(search: FamilySearch) -> dict:
    """The search as the values its SQL compares: a BSN by its lookup hash."""
    found = {"name": search.name, "birthdate": search.birthdate, "bsn_lookup": ""}
    if search.bsn:
        found["bsn_lookup"] = crypto.lookup_hash(normalise_bsn(search.bsn), purpose=BSN_PURPOSE)
    return {k: v for k, v in found.items() if v}


# What the search shows of a family and its members (the page and the API's list): not their
# timestamps of change or the BSN's ciphertext and lookup hash, which were read and converted
# for every one of up to fifty families and their members.
_FOUND_FAMILY_SHOWN = (
    "uuid", "name", "postcode", "house_number", "created_at",
    "district", "district__uuid", "district__name",
)  # fmt: skip
_FOUND_MEMBER_SHOWN = (
    "uuid", "family", "given_name", "family_name", "birthdate", "role",
    "has_parental_authority", "bsn_last4",
)  # fmt: skip


@functools.lru_cache(maxsize=64)
def _found_page(used: tuple[str, ...], limit: int, offset: int) -> PreparedQuery:
    """A page of the families the asker sees that match, each with the number of all matches
    as a window over the same rows, per set of criteria used and page: LIMIT and OFFSET are part
    of the SQL."""

    def build(professional_id, user_id, today, now, *values):
        visible = Family.objects.filter(
            pk__in=policy.family_ids_visible(professional_id, user_id, today, now)
        )
        return (
            _matching(visible, **_NO_CRITERIA | dict(zip(used, values, strict=True)))
            .annotate(total=Window(Count("pk")))
            .order_by("name", "id")
            .select_related("district")
            .only(*_FOUND_FAMILY_SHOWN)[offset : offset + limit]
        )

    return PreparedQuery(build, name="a page of found families")


_FOUND_MEMBERS = PreparedQuery(
    lambda family_ids: (
        Person.objects.filter(family_id__in=family_ids)
        .only(*_FOUND_MEMBER_SHOWN)
        .order_by("birthdate", "pk")
    ),
    name="members of found families",
)


def _found(actor, search: FamilySearch, *, limit: int, offset: int) -> tuple[list[Family], int]:
    professional = policy.client_professional_of(actor)
    if professional is None:
        return [], 0
    asker = (professional.pk, actor.pk, timezone.localdate(), timezone.now())
    criteria = _criteria(search)
    page = _found_page(tuple(criteria), limit, offset)(*asker, *criteria.values())
    if not page:
        everyone = policy.families_visible_to(actor)
        return [], _matching(everyone, **_NO_CRITERIA | criteria).count() if offset else 0
    members: dict[int, list[Person]] = {family.pk: [] for family in page}
    for member in _FOUND_MEMBERS(tuple(members)):
        members[member.family_id].append(member)
    for family in page:
        family.member_list = members[family.pk]
    return page, page[0].total


def family_search(
    *, actor, search: FamilySearch, limit: int = 50, offset: int = 0
) -> tuple[list[Family], int]:
    """Families the actor may see that match; the found persons are logged as subjects.

    The page carries the number of all matches as a window over the same rows, so the search
    runs once (only a page past the end counts them apart); the page and its families' members
    each by a query compiled once per process and set of criteria."""
    family_search_allowed(actor=actor)
    page, total = _found(actor, search, limit=limit, offset=offset)
    subjects = []
    for family in page:
        subjects.append(Subject("family", family.uuid))
        subjects.extend(Subject("person", m.uuid) for m in family.member_list)
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="families.Family",
        subjects=subjects,
        basis=Basis.INVOLVEMENT,
        reason=f"{search.criteria()}; {len(page)} van {total} getoond",
    )
    return page, total


def person_search_for_privacy_officer(
    *, actor, search: FamilySearch, limit: int = 50
) -> list[Person]:
    """The privacy officer finds any person to review who accessed their data (basis: role)."""
    guards.access_log_allowed(actor=actor)
    persons = Person.objects.select_related("family")
    if search.name:
        persons = persons.filter(
            Q(family_name__icontains=search.name) | Q(given_name__icontains=search.name)
        )
    if search.birthdate:
        persons = persons.filter(birthdate=search.birthdate)
    if search.bsn:
        persons = persons.filter(
            bsn_lookup=crypto.lookup_hash(normalise_bsn(search.bsn), purpose=BSN_PURPOSE)
        )
    found = (
        list(persons.order_by("family_name", "given_name", "id")[:limit])
        if not search.is_empty
        else []
    )
    audit_record(
        actor=actor,
        action=Action.SEARCH,
        object_type="families.Person",
        subjects=[Subject("person", p.uuid) for p in found],
        basis=Basis.ROLE,
        reason=f"toegangslog: {search.criteria()}; {len(found)} gevonden",
    )
    return found


def person_identity_for_privacy_officer(*, actor, person_uuid) -> Person:
    return guards.person_get_for_access_log(actor=actor, person_uuid=person_uuid)
