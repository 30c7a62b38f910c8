"""Every read of family and person data. Each asks `access` and writes the audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Window
from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core import crypto
from ketenzorg.core.errors import NotFound
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


def _matching(families, search: FamilySearch):
    """The families with a name or member that matches; each member criterion as its own
    `EXISTS` (a member named so, a member born then), not a join: a join made a row per
    matching member, which `DISTINCT` then had to fold back, for the count and the page alike."""
    if search.name:
        named = Person.objects.filter(family=OuterRef("pk")).filter(
            Q(family_name__icontains=search.name) | Q(given_name__icontains=search.name)
        )
        families = families.filter(Q(name__icontains=search.name) | Exists(named))
    if search.birthdate:
        born = Person.objects.filter(family=OuterRef("pk"), birthdate=search.birthdate)
        families = families.filter(Exists(born))
    if search.bsn:
        lookup = crypto.lookup_hash(normalise_bsn(search.bsn), purpose=BSN_PURPOSE)
        families = families.filter(
            Exists(Person.objects.filter(family=OuterRef("pk"), bsn_lookup=lookup))
        )
    return families


def family_search(
    *, actor, search: FamilySearch, limit: int = 50, offset: int = 0
) -> tuple[list[Family], int]:
    """Families the actor may see that match; the found persons are logged as subjects.

    The page carries the number of all matches as a window over the same rows, so the search
    runs once; only a page past the end counts them apart."""
    family_search_allowed(actor=actor)
    families = _matching(policy.families_visible_to(actor), search)
    page = list(
        families.annotate(total=Window(Count("pk")))
        .order_by("name", "id")
        .select_related("district")
        .prefetch_related("members")[offset : offset + limit]
    )
    if page:
        total = page[0].total
    else:
        total = families.count() if offset else 0
    subjects = []
    for family in page:
        subjects.append(Subject("family", family.uuid))
        subjects.extend(Subject("person", m.uuid) for m in family.members.all())
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
