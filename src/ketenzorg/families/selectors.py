"""Every read of family and person data. Each asks `access` and writes the audit entry."""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils.translation import gettext

from ketenzorg.access import policy
from ketenzorg.audit.models import Action, Basis, Outcome
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.core import crypto
from ketenzorg.core.errors import AccessDenied, NotFound
from ketenzorg.families.models import BSN_PURPOSE, Family, Involvement, Person
from ketenzorg.families.rules import normalise_bsn


def family_subjects(family: Family) -> list[Subject]:
    return [Subject("family", family.uuid)] + [Subject("person", u) for u in family.members.values_list("uuid", flat=True)]


def _parse_uuid(value) -> uuidlib.UUID:
    try:
        return value if isinstance(value, uuidlib.UUID) else uuidlib.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise NotFound(gettext("Dit gezin bestaat niet.")) from None


def family_get(*, actor, family_uuid, action: str = Action.READ) -> Family:
    """One family with its members and involvements, if the actor may see it."""
    family = (
        Family.objects.filter(uuid=_parse_uuid(family_uuid))
        .select_related("district", "registered_by")
        .prefetch_related(
            "members",
            Prefetch(
                "involvements",
                queryset=Involvement.objects.select_related("professional", "organisation", "person").order_by("started_on"),
            ),
        )
        .first()
    )
    if family is None:
        raise NotFound(gettext("Dit gezin bestaat niet."))
    decision = policy.family_view_decision(actor, family)
    audit_record(
        actor=actor,
        action=action,
        outcome=Outcome.SUCCESS if decision else Outcome.DENIED,
        object_type="families.Family",
        object_uuid=family.uuid,
        subjects=family_subjects(family),
        basis=decision.basis,
        reason=decision.reason,
    )
    if not decision:
        raise AccessDenied(
            gettext("U bent niet betrokken bij dit gezin. Alleen betrokken professionals zien het dossier.")
        )
    return family


def family_for_emergency(*, family_uuid) -> Family:
    """Only the identity of a family, to attach an emergency grant to; no personal data is read."""
    family = Family.objects.only("id", "uuid").filter(uuid=_parse_uuid(family_uuid)).first()
    if family is None:
        raise NotFound(gettext("Dit gezin bestaat niet."))
    return family


def person_get(*, actor, person_uuid) -> Person:
    person = Person.objects.select_related("family").filter(uuid=_parse_uuid(person_uuid)).first()
    if person is None:
        raise NotFound(gettext("Deze persoon bestaat niet."))
    decision = policy.family_view_decision(actor, person.family)
    audit_record(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.SUCCESS if decision else Outcome.DENIED,
        object_type="families.Person",
        object_uuid=person.uuid,
        subjects=[Subject("person", person.uuid), Subject("family", person.family.uuid)],
        basis=decision.basis,
        reason=decision.reason,
    )
    if not decision:
        raise AccessDenied(gettext("U bent niet betrokken bij dit gezin."))
    return person


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
        used = [k for k, v in (("naam", self.name), ("geboortedatum", self.birthdate), ("bsn", self.bsn)) if v]
        return "zoeken op " + ", ".join(used) if used else "eigen gezinnen"


def family_search_allowed(*, actor) -> None:
    """Refuse (and log) roles that never see families, before their input is looked at."""
    if policy.client_professional_of(actor) is None:
        audit_record(
            actor=actor,
            action=Action.SEARCH,
            outcome=Outcome.DENIED,
            object_type="families.Family",
            reason="rol werkt niet met gezinsgegevens",
        )
        raise AccessDenied(gettext("Uw rol werkt niet met gezinsgegevens."))


def family_search(*, actor, search: FamilySearch, limit: int = 50, offset: int = 0) -> tuple[list[Family], int]:
    """Families the actor may see that match; the found persons are logged as subjects."""
    family_search_allowed(actor=actor)
    families = policy.families_visible_to(actor)
    if search.name:
        families = families.filter(
            Q(name__icontains=search.name)
            | Q(members__family_name__icontains=search.name)
            | Q(members__given_name__icontains=search.name)
        )
    if search.birthdate:
        families = families.filter(members__birthdate=search.birthdate)
    if search.bsn:
        families = families.filter(members__bsn_lookup=crypto.lookup_hash(normalise_bsn(search.bsn), purpose=BSN_PURPOSE))
    families = families.distinct().order_by("name", "id")
    total = families.count()
    page = list(
        families.select_related("district").prefetch_related("members")[offset : offset + limit]
    )
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


def person_search_for_privacy_officer(*, actor, search: FamilySearch, limit: int = 50) -> list[Person]:
    """The privacy officer finds any person to review who accessed their data (basis: role)."""
    from ketenzorg.access.policy import can_read_access_log

    if not can_read_access_log(actor):
        audit_record(actor=actor, action=Action.SEARCH, outcome=Outcome.DENIED, object_type="families.Person", reason="geen privacyrol")
        raise AccessDenied(gettext("Alleen de privacyfunctionaris kan het toegangslog inzien."))
    persons = Person.objects.select_related("family")
    if search.name:
        persons = persons.filter(Q(family_name__icontains=search.name) | Q(given_name__icontains=search.name))
    if search.birthdate:
        persons = persons.filter(birthdate=search.birthdate)
    if search.bsn:
        persons = persons.filter(bsn_lookup=crypto.lookup_hash(normalise_bsn(search.bsn), purpose=BSN_PURPOSE))
    found = list(persons.order_by("family_name", "given_name", "id")[:limit]) if not search.is_empty else []
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
    from ketenzorg.access.policy import can_read_access_log

    person = Person.objects.select_related("family").filter(uuid=_parse_uuid(person_uuid)).first()
    if person is None:
        raise NotFound(gettext("Deze persoon bestaat niet."))
    allowed = can_read_access_log(actor)
    audit_record(
        actor=actor,
        action=Action.READ,
        outcome=Outcome.SUCCESS if allowed else Outcome.DENIED,
        object_type="audit.AccessLog",
        object_uuid=person.uuid,
        subjects=[Subject("person", person.uuid)],
        basis=Basis.ROLE if allowed else Basis.NONE,
        reason="toegangslog van persoon",
    )
    if not allowed:
        raise AccessDenied(gettext("Alleen de privacyfunctionaris kan het toegangslog inzien."))
    return person
