"""THE need-to-know policy. Every decision about a family is taken here.

Selectors and services ask these functions; list pages and the API get their
querysets from `families_visible_to`, so a list cannot show what a detail page
would refuse. Later capabilities add their rules here, not in views.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from ketenzorg.access import rules
from ketenzorg.access.models import EmergencyAccess
from ketenzorg.audit.models import Basis
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families.models import Family, Involvement


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: str = Basis.NONE
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


DENY_NOT_INVOLVED = Decision(False, Basis.NONE, "niet betrokken")


def professional_of(user):
    if user is None or not user.is_authenticated:
        return None
    professional = getattr(user, "professional", None)
    if professional is None or not professional.is_active:
        return None
    return professional


def professional_decision(user) -> Decision:
    if professional_of(user) is not None:
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "geen actieve professional")


def client_professional_of(user):
    """The professional, if their roles allow working with client data at all."""
    professional = professional_of(user)
    if professional is None or not (professional.role_codes() - rules.NON_CLIENT_ROLES):
        return None
    return professional


def has_role(user, roles) -> bool:
    professional = professional_of(user)
    return professional is not None and professional.has_role(*roles)


def active_involvements() -> QuerySet:
    return involvements_running_on(timezone.localdate())


def involvements_running_on(today) -> QuerySet:
    """`active_involvements` on a given day: for a query compiled once (`core.prepared`),
    where today must be an argument."""
    return Involvement.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))


def families_visible_to(user) -> QuerySet:
    """The families this user may see: involved, or an unexpired emergency grant.

    One `IN (… UNION …)` over the involvement and grant indexes rather than
    `Exists(...) OR Exists(...)`: PostgreSQL cannot use an index for that OR and
    scanned all 2.4 million families at nation scale (1.2 s).
    """
    professional = client_professional_of(user)
    if professional is None:
        return Family.objects.none()
    return Family.objects.filter(
        pk__in=family_ids_visible(professional.pk, user.pk, timezone.localdate(), timezone.now())
    )


def family_ids_visible(professional_id: int, user_id: int, today, now) -> QuerySet:
    """`families_visible_to` from plain values, for a query compiled once (`core.prepared`)."""
    involved = (
        involvements_running_on(today).filter(professional_id=professional_id).values("family_id")
    )
    emergency = EmergencyAccess.objects.filter(user_id=user_id, expires_at__gt=now).values(
        "family_id"
    )
    return involved.union(emergency)


# Asked on every look at a family or case; compiled once per process (`core.prepared`).
def _running_involvement(today, professional_id, **family) -> QuerySet:
    return (
        involvements_running_on(today)
        .filter(professional_id=professional_id, **family)
        .values("pk")[:1]
    )


_INVOLVED = PreparedQuery(
    lambda family_id, professional_id, today: _running_involvement(
        today, professional_id, family_id=family_id
    ),
    name="involved with the family",
)


# The same question by a case's uuid, for a guard that asks it with the case itself
# (`coordination.guards.case_found`: one round trip on PostgreSQL); its answer is kept on the
# family it read (`remember_involvement`) for `family_view_decision` to use.
INVOLVED_IN_CASE = PreparedQuery(
    lambda case_uuid, professional_id, today: _running_involvement(
        today, professional_id, family__cases__uuid=case_uuid
    ),
    name="involved with the case's family",
)


def remember_involvement(family: Family, professional_id: int, today, involved: bool) -> None:
    """What `INVOLVED_IN_CASE` answered, for this professional on this day only."""
    family._involved = (professional_id, today, involved)


def _involved(family: Family, professional_id: int, today) -> bool:
    known = getattr(family, "_involved", None)
    if known is not None and known[:2] == (professional_id, today):
        return known[2]
    return bool(_INVOLVED(family.pk, professional_id, today))


def family_view_decision(user, family: Family) -> Decision:
    professional = client_professional_of(user)
    if professional is None:
        return Decision(False, Basis.NONE, "rol geeft geen toegang tot cliëntgegevens")
    if _involved(family, professional.pk, timezone.localdate()):
        return Decision(True, Basis.INVOLVEMENT)
    if EmergencyAccess.objects.filter(
        family=family, user=user, expires_at__gt=timezone.now()
    ).exists():
        return Decision(True, Basis.BREAK_THE_GLASS)
    return DENY_NOT_INVOLVED


def family_change_decision(user, family: Family) -> Decision:
    # Changing a family's data needs the same need-to-know as seeing it.
    return family_view_decision(user, family)


def can_register_family(user) -> Decision:
    if has_role(user, rules.CASEWORK_ROLES):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "rol mag geen gezin registreren")


def can_request_emergency_access(user) -> Decision:
    if has_role(user, rules.EMERGENCY_ROLES):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "rol mag geen noodtoegang vragen")


def can_manage_network(user) -> bool:
    return has_role(user, rules.NETWORK_ADMIN_ROLES) or bool(
        user.is_authenticated and user.is_superuser
    )


def network_manage_decision(user) -> Decision:
    if can_manage_network(user):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "geen functioneel beheerder")


def role_grant_decision(user, *, added: set, removed: set, own: bool) -> Decision:
    """May this user give and take these roles? Nobody changes their own roles; the protected
    roles (client data, the access log, granting) only with the autorisatiebeheerder role."""
    if not (added or removed):
        return Decision(True, Basis.ROLE)
    if own:
        return Decision(False, Basis.NONE, "eigen rollen wijzigen")
    if (added | removed) & rules.PROTECTED_ROLES and not has_role(user, rules.AUTHORISATION_ROLES):
        return Decision(False, Basis.NONE, "beschermde rol zonder autorisatiebeheerder")
    return Decision(True, Basis.ROLE)


def can_read_access_log(user) -> bool:
    return has_role(user, rules.PRIVACY_ROLES)


def access_log_decision(user) -> Decision:
    if can_read_access_log(user):
        return Decision(True, Basis.ROLE)
    return Decision(False, Basis.NONE, "geen privacyrol")


def emergency_review_decision(user, grant: EmergencyAccess) -> Decision:
    """Reviewing a break of the glass: the privacy role, and never one's own (a professional
    who holds the privacy role beside a casework role could otherwise clear themselves)."""
    if not can_read_access_log(user):
        return Decision(False, Basis.NONE, "geen privacyrol")
    if grant.user_id == user.pk:
        return Decision(False, Basis.NONE, "eigen noodtoegang beoordelen")
    return Decision(True, Basis.ROLE)


def client_data_decision(user) -> Decision:
    """Working with client data at all (searching families, lists of cases): a client role."""
    if client_professional_of(user) is not None:
        return Decision(True, Basis.INVOLVEMENT)
    return Decision(False, Basis.NONE, "rol werkt niet met gezinsgegevens")


def relation_to_family(user, family: Family) -> str:
    """The matrix column this user is in for this family (for tests and explanations)."""
    professional = professional_of(user)
    if professional is None:
        return rules.Relation.NONE
    involvements = active_involvements().filter(family=family)
    if involvements.filter(professional=professional).exists():
        return rules.Relation.INVOLVED
    if involvements.filter(organisation_id=professional.organisation_id).exists():
        return rules.Relation.SAME_ORGANISATION
    if involvements.exists():
        return rules.Relation.OTHER_ORGANISATION
    return rules.Relation.NONE
