"""Reads of the network for lists, pickers, the directory and the CSV import.

Lists are built to a fixed number of queries however many rows they show, and
nothing here reaches into family data: the directory tells who to call, not about whom.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenzorg.access import policy
from ketenzorg.core.errors import NotFound
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.network import imports, rules
from ketenzorg.network.models import (
    District,
    Domain,
    ExpertiseTag,
    GovernanceBody,
    GovernanceMembership,
    Institution,
    Organisation,
    OrganisationKind,
    Professional,
    Team,
)

ACTIVE, INACTIVE, ALL = "actief", "inactief", "alle"


def _get(queryset: QuerySet, uuid, message: str):
    """`message` is a lazy translation, read in the user's language when NotFound is raised."""
    try:
        uuid = uuid if isinstance(uuid, uuidlib.UUID) else uuidlib.UUID(str(uuid))
    except ValueError:
        raise NotFound(message) from None
    found = queryset.filter(uuid=uuid).first()
    if found is None:
        raise NotFound(message)
    return found


def _with_status(queryset: QuerySet, status: str) -> QuerySet:
    if status == ACTIVE:
        return queryset.filter(is_active=True)
    if status == INACTIVE:
        return queryset.filter(is_active=False)
    return queryset


def _words(q: str) -> list[str]:
    return q.split()[:5]


@dataclass
class DistrictNode:
    district: District
    children: list[DistrictNode] = field(default_factory=list)


def district_tree() -> list[DistrictNode]:
    """All districts as city → stadsdeel → gebied, from one query."""
    districts = list(District.objects.order_by("name"))
    nodes = {d.id: DistrictNode(d) for d in districts}
    roots = []
    for district in districts:
        parent = nodes.get(district.parent_id)
        (parent.children if parent else roots).append(nodes[district.id])
    return roots


_DISTRICT_ROWS = PreparedQuery(
    lambda: District.objects.order_by("name").values_list("pk", "uuid", "name", "parent_id"),
    name="every district",
)


def district_rows() -> list[tuple]:
    """Every district as (pk, uuid, name, parent id), by name: for a choice of area built on
    every request, compiled once and without a model instance per district."""
    return _DISTRICT_ROWS()


def district_get(*, district_uuid) -> District:
    return _get(
        District.objects.select_related("parent"), district_uuid, _("Dit gebied bestaat niet.")
    )


def district_choices() -> QuerySet:
    return District.objects.select_related("parent__parent").order_by("name")


def district_parents() -> dict[int, int | None]:
    return dict(District.objects.values_list("id", "parent_id"))


def district_neighbourhood_ids(district: District) -> set[int]:
    """The district with everything above and below it: who works in a stadsdeel works in its gebieden."""
    parents = district_parents()
    ids = {district.id}
    current = parents.get(district.id)
    while current is not None and current not in ids:
        ids.add(current)
        current = parents.get(current)
    below = {district.id}
    while True:
        more = {
            child for child, parent in parents.items() if parent in below and child not in below
        }
        if not more:
            break
        below |= more
    return ids | below


def _in_domain(domain: str) -> Q:
    # JSON containment is not available on SQLite; an index lookup on a list of
    # at most four distinct domains is, on every database.
    condition = Q()
    for index in range(len(Domain.values)):
        condition |= Q(**{f"domains__{index}": domain})
    return condition


def organisation_list(
    *, q: str = "", kind: str = "", domain: str = "", status: str = ACTIVE
) -> QuerySet:
    organisations = _with_status(Organisation.objects.select_related("district"), status)
    for word in _words(q):
        organisations = organisations.filter(name__icontains=word)
    if kind:
        organisations = organisations.filter(kind=kind)
    if domain:
        organisations = organisations.filter(_in_domain(domain))
    return organisations.annotate(
        team_count=Count("teams", distinct=True),
        professional_count=Count(
            "professionals", filter=Q(professionals__is_active=True), distinct=True
        ),
    ).order_by("name", "id")


def organisation_choices(*, include=None) -> QuerySet:
    """Active organisations to pick from, plus the one already chosen even if it was deactivated."""
    condition = Q(is_active=True)
    if include is not None:
        condition |= Q(pk=include.pk)
    return Organisation.objects.filter(condition).order_by("name")


def organisation_all() -> QuerySet:
    return Organisation.objects.order_by("name")


def organisation_get(*, organisation_uuid) -> Organisation:
    return _get(
        Organisation.objects.select_related("district"),
        organisation_uuid,
        _("Deze organisatie bestaat niet."),
    )


def organisation_teams(*, organisation: Organisation) -> QuerySet:
    return (
        organisation.teams.select_related("district")
        .annotate(member_count=Count("members", filter=Q(members__is_active=True)))
        .order_by("name")
    )


def team_get(*, team_uuid) -> Team:
    return _get(
        Team.objects.select_related("organisation", "district"),
        team_uuid,
        _("Dit team bestaat niet."),
    )


def team_choices() -> QuerySet:
    return Team.objects.select_related("organisation").order_by("organisation__name", "name")


def _professionals() -> QuerySet:
    return Professional.objects.select_related("organisation", "team", "user").prefetch_related(
        "role_assignments",
        "expertise",
        Prefetch("areas", queryset=District.objects.order_by("name")),
    )


def professional_list(
    *, q: str = "", organisation=None, role: str = "", status: str = ACTIVE
) -> QuerySet:
    professionals = _with_status(_professionals(), status)
    for word in _words(q):
        professionals = professionals.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    if organisation is not None:
        professionals = professionals.filter(organisation=organisation)
    if role:
        professionals = professionals.filter(role_assignments__role=role)
    return professionals.order_by("last_name", "first_name", "id")


def professional_get(*, professional_uuid) -> Professional:
    return _get(_professionals(), professional_uuid, _("Deze professional bestaat niet."))


def contact_institutions(*, professional: Professional) -> list[Institution]:
    return list(professional.contact_for_institutions.order_by("name"))


def professional_memberships(*, professional: Professional) -> list[GovernanceMembership]:
    return list(professional.governance_memberships.select_related("body").order_by("body__level"))


def professional_choices() -> QuerySet:
    return (
        Professional.objects.filter(is_active=True)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def available_now(today=None) -> Q:
    """Takes meedenken/meedoen questions today (see `Professional.is_available`)."""
    today = today or timezone.localdate()
    return Q(available_for_consultation=True) & (
        Q(available_from__isnull=True) | Q(available_from__lte=today)
    )


def directory_search(
    *,
    area: District | None = None,
    expertise=None,
    role: str = "",
    q: str = "",
    available: bool = False,
) -> QuerySet:
    """Active professionals of active organisations, by area (or the team's or organisation's) and expertise.

    `available` keeps those who take meedenken/meedoen questions today.
    """
    professionals = _professionals().filter(is_active=True, organisation__is_active=True)
    if available:
        professionals = professionals.filter(available_now())
    if area is not None:
        ids = district_neighbourhood_ids(area)
        professionals = professionals.filter(
            Q(areas__in=ids) | Q(team__district__in=ids) | Q(organisation__district__in=ids)
        )
    if expertise is not None:
        professionals = professionals.filter(expertise=expertise)
    if role:
        professionals = professionals.filter(role_assignments__role=role)
    for word in _words(q):
        professionals = professionals.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(expertise__name__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return professionals.distinct().order_by("last_name", "first_name", "id")


def own_entry(*, actor) -> Professional | None:
    """The actor's own entry in the directory, with what the page about it shows."""
    own = policy.professional_of(actor)
    return _professionals().filter(pk=own.pk).first() if own is not None else None


def expertise_choices() -> QuerySet:
    return ExpertiseTag.objects.order_by("name")


def expertise_by_name(*, name: str) -> ExpertiseTag | None:
    wanted = " ".join(name.split()).casefold()
    return next((tag for tag in ExpertiseTag.objects.all() if tag.name.casefold() == wanted), None)


def jgz_contact_candidates(*, include=None) -> QuerySet:
    """Who may be a school's or daycare's vast contactpersoon: active JGZ people (see rules)."""
    condition = Q(is_active=True) & (
        Q(role_assignments__role__in=rules.JGZ_CONTACT_ROLES)
        | Q(organisation__kind=OrganisationKind.JGZ)
    )
    if include is not None:
        condition |= Q(pk=include.pk)
    ids = Professional.objects.filter(condition).values("id")
    return (
        Professional.objects.filter(id__in=ids)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def institution_list(*, q: str = "", kind: str = "") -> QuerySet:
    institutions = Institution.objects.select_related("district", "jgz_contact__organisation")
    for word in _words(q):
        institutions = institutions.filter(name__icontains=word)
    if kind:
        institutions = institutions.filter(kind=kind)
    return institutions.order_by("name", "id")


def institution_get(*, institution_uuid) -> Institution:
    return _get(
        Institution.objects.select_related("district", "jgz_contact__organisation"),
        institution_uuid,
        _("Deze instelling bestaat niet."),
    )


def governance_bodies() -> QuerySet:
    return GovernanceBody.objects.annotate(member_count=Count("memberships")).order_by("level")


def governance_body_get(*, body_uuid) -> GovernanceBody:
    memberships = GovernanceMembership.objects.select_related(
        "professional__organisation"
    ).order_by("professional__last_name", "professional__first_name")
    return _get(
        GovernanceBody.objects.prefetch_related(Prefetch("memberships", queryset=memberships)),
        body_uuid,
        _("Dit overleg bestaat niet."),
    )


def network_counts() -> dict[str, int]:
    return {
        "districts": District.objects.count(),
        "organisations": Organisation.objects.filter(is_active=True).count(),
        "inactive_organisations": Organisation.objects.filter(is_active=False).count(),
        "teams": Team.objects.count(),
        "professionals": Professional.objects.filter(is_active=True).count(),
        "professionals_without_account": Professional.objects.filter(
            is_active=True, user__isnull=True
        ).count(),
        "institutions": Institution.objects.count(),
        "institutions_without_contact": Institution.objects.filter(
            Q(jgz_contact__isnull=True) | Q(jgz_contact__is_active=False)
        ).count(),
        "governance_bodies": GovernanceBody.objects.count(),
    }


def _district_names() -> dict[str, list[int]]:
    names: dict[str, list[int]] = {}
    for district_id, name in District.objects.values_list("id", "name"):
        names.setdefault(name.casefold(), []).append(district_id)
    return names


def _known_organisations() -> dict[str, imports.KnownOrganisation]:
    return {
        name.casefold(): imports.KnownOrganisation(id=pk, name=name, is_active=active)
        for pk, name, active in Organisation.objects.values_list("id", "name", "is_active")
    }


def organisation_import_reference() -> imports.Reference:
    return imports.Reference(organisations=_known_organisations(), districts=_district_names())


def professional_import_reference(*, emails: set[str]) -> imports.Reference:
    """Only the file's own e-mail addresses are looked up, so a large network stays cheap."""
    wanted = sorted(emails)
    taken: set[str] = set()
    for start in range(0, len(wanted), 500):
        taken.update(
            Professional.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=wanted[start : start + 500])
            .values_list("email_lower", flat=True)
        )
    teams = {
        (org_id, name.casefold()): pk
        for pk, org_id, name in Team.objects.values_list("id", "organisation_id", "name")
    }
    return imports.Reference(
        organisations=_known_organisations(),
        teams=teams,
        districts=_district_names(),
        taken_emails=taken,
    )
