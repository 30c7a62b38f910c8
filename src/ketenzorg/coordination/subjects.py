"""Whose data a case is: the family and its members, the subjects of every access-log entry.

Apart from the services so that selectors, guards and the background passes can
name the subjects without importing the writes.
"""

from __future__ import annotations

from ketenzorg.audit.services import Subject
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families.models import Family, Person


def family_subjects(family_id: int, family_uuid) -> list[Subject]:
    persons = Person.objects.filter(family_id=family_id).values_list("uuid", flat=True)
    return [Subject("family", family_uuid)] + [Subject("person", u) for u in persons]


_MEMBERS = PreparedQuery(
    lambda family_id: Person.objects.filter(family_id=family_id).order_by("birthdate"),
    name="members of a family",
)


def case_members(case) -> list[Person]:
    """The family's members, oldest first, read once for a case object.

    The look at a case names them as the access log's subjects and the case page then
    shows them: one query for both.
    """
    members = getattr(case, "_members", None)
    if members is None:
        members = case._members = _MEMBERS(case.family_id)
    return members


def case_subjects(case) -> list[Subject]:
    return [Subject("family", case.family.uuid)] + [
        Subject("person", m.uuid) for m in case_members(case)
    ]


# A page's families (a list, the meedenker's consultations, a provider's referrals) are
# named on every look: both queries compiled once per size class of the id list.
_FAMILY_UUIDS = PreparedQuery(
    lambda family_ids: Family.objects.filter(pk__in=family_ids).values_list("pk", "uuid"),
    name="uuids of families",
)
_MEMBER_UUIDS = PreparedQuery(
    lambda family_ids: Person.objects.filter(family_id__in=family_ids).values_list(
        "family_id", "uuid"
    ),
    name="uuids of the members of families",
)


def subjects_of_families(family_ids) -> dict[int, tuple[Subject, ...]]:
    """`family_subjects` for many families at once (two queries)."""
    ids = tuple(family_ids)
    if not ids:
        return {}
    found: dict[int, list[Subject]] = {pk: [Subject("family", u)] for pk, u in _FAMILY_UUIDS(ids)}
    for family_id, u in _MEMBER_UUIDS(ids):
        found[family_id].append(Subject("person", u))
    return {pk: tuple(subjects) for pk, subjects in found.items()}
