"""Whose data a case is: the family and its members, the subjects of every access-log entry.

Apart from the services so that selectors, guards and the background passes can
name the subjects without importing the writes.
"""

from __future__ import annotations

from ketenzorg.audit.services import Subject
from ketenzorg.core.lookups import id_list
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families.models import Family, Person


def family_subjects(family_id: int, family_uuid) -> list[Subject]:
    persons = Person.objects.filter(family_id=family_id).values_list("uuid", flat=True)
    return [Subject("family", family_uuid)] + [Subject("person", u) for u in persons]


_MEMBERS = PreparedQuery(
    lambda family_id: Person.objects.filter(family_id=family_id).order_by("birthdate", "pk"),
    name="members of a family",
)
# The same members by the case's uuid, for a guard that reads them with the case itself
# (`coordination.guards.case_found`: one round trip on PostgreSQL).
MEMBERS_OF_CASE = PreparedQuery(
    lambda case_uuid: Person.objects.filter(family__cases__uuid=case_uuid).order_by(
        "birthdate", "pk"
    ),
    name="members of a case's family",
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
# named on every look: both queries compiled once, the ids one text parameter (`id_list`)
# whatever their number. As an `IN` list of more than 50 ids psycopg would convert the
# statement again on every run.
_FAMILY_UUIDS = PreparedQuery(
    lambda family_ids: Family.objects.filter(pk__in_id_list=family_ids).values_list("pk", "uuid"),
    name="uuids of families",
)
_MEMBER_UUIDS = PreparedQuery(
    lambda family_ids: Person.objects.filter(family_id__in_id_list=family_ids).values_list(
        "family_id", "uuid"
    ),
    name="uuids of the members of families",
)


def subjects_of_families(family_ids) -> dict[int, tuple[Subject, ...]]:
    """`family_subjects` for many families at once (two queries)."""
    ids = id_list(family_ids)
    if not ids:
        return {}
    return subjects_from(_FAMILY_UUIDS(ids), _MEMBER_UUIDS(ids))


def subjects_from(families, members) -> dict[int, tuple[Subject, ...]]:
    """The subjects per family from its (pk, uuid) rows and its members' (family_id, uuid)."""
    found: dict[int, list[Subject]] = {pk: [Subject("family", u)] for pk, u in families}
    for family_id, u in members:
        found[family_id].append(Subject("person", u))
    return {pk: tuple(subjects) for pk, subjects in found.items()}


def subject_queries(families_of, *, name: str) -> tuple[PreparedQuery, PreparedQuery]:
    """The two queries of `subjects_of_families` for the families a query names
    (`families_of(*values)`: a queryset of family ids), for `together` with that query itself.

    A list's look names every family on it, and those are known only once its rows are in:
    two more round trips after the list. Asked with the list's own filter as a subquery, they
    go to the server in the same pipeline as the list (`subjects_from` makes the subjects).
    """
    return (
        PreparedQuery(
            lambda *values: Family.objects.filter(pk__in=families_of(*values)).values_list(
                "pk", "uuid"
            ),
            name=f"{name}: families",
        ),
        PreparedQuery(
            lambda *values: Person.objects.filter(family_id__in=families_of(*values)).values_list(
                "family_id", "uuid"
            ),
            name=f"{name}: members of the families",
        ),
    )
