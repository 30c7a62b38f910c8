"""Who may do what: the role sets, kept pure so the matrix can be read at a glance."""

from ketenzorg.coordination.models import CoordinatorRole
from ketenzorg.network.models import Role

# Roles that work with families and may register one (and so become involved).
CASEWORK_ROLES = frozenset(
    {
        Role.OPVOEDADVISEUR,
        Role.OKT,
        Role.JGZ,
        Role.ZORGCOORDINATOR,
        Role.PROCESCOORDINATOR,
        Role.BRANDPUNT,
    }
)
# Roles that may use emergency access (break the glass) on a family they are not involved with.
EMERGENCY_ROLES = frozenset(
    {Role.OKT, Role.JGZ, Role.ZORGCOORDINATOR, Role.PROCESCOORDINATOR, Role.BRANDPUNT}
)
# Roles that never see a person: managers see aggregates, beheer manages the network,
# the privacy officer reads the access log. Holding only these roles means no family access,
# even if an involvement were registered by mistake.
NON_CLIENT_ROLES = frozenset(
    {Role.MANAGER, Role.BEHEERDER, Role.PRIVACY, Role.AUTORISATIEBEHEERDER}
)
NETWORK_ADMIN_ROLES = frozenset({Role.BEHEERDER})
PRIVACY_ROLES = frozenset({Role.PRIVACY})
# Separation of duties: the roles that open client data or the access log, or that grant
# those, are granted and withdrawn only by a beheerder who also holds the autorisatiebeheerder
# role, never by anyone for themselves (a beheerder could otherwise give themselves a client
# role and break the glass into any family).
AUTHORISATION_ROLES = frozenset({Role.AUTORISATIEBEHEERDER})
PROTECTED_ROLES = frozenset(set(Role) - {Role.MANAGER, Role.BEHEERDER})
EMERGENCY_HOURS = 24

# --- the case (één gezin, één plan) ---
# Level 4 is the brandpuntfunctionaris' judgment: setting it, and leaving 4 or 5 again.
LEVEL4_ROLES = frozenset({Role.BRANDPUNT})
# The crisis protocol cannot wait for a coordinator: the roles that may break the glass may start it.
CRISIS_ROLES = EMERGENCY_ROLES
# Who is told when the crisis protocol starts (besides everyone involved and the coordinators).
CRISIS_NOTIFY_ROLES = frozenset({Role.BRANDPUNT})
# Which roles may take which coordinator position (zorgcoördinatie is a JGZ task).
COORDINATOR_ROLES = {
    CoordinatorRole.ZORGCOORDINATOR: frozenset({Role.ZORGCOORDINATOR, Role.JGZ}),
    CoordinatorRole.PROCESCOORDINATOR: frozenset({Role.PROCESCOORDINATOR}),
    CoordinatorRole.BRANDPUNT: frozenset({Role.BRANDPUNT}),
}
# Whom the coordinator form offers: anyone who may hold at least one coordinator position.
COORDINATOR_CAPABLE_ROLES = frozenset().union(*COORDINATOR_ROLES.values())

# --- the signal function: aggregated figures only (plus members of the governance tiers) ---
SIGNAL_ROLES = frozenset({Role.MANAGER})

# --- the front door (informatie en advies) ---
ADVICE_ROLES = frozenset({Role.OPVOEDADVISEUR})


class Relation:
    """How a professional stands to a family: the columns of the authorization matrix."""

    INVOLVED = "involved"
    SAME_ORGANISATION = "same_organisation"
    OTHER_ORGANISATION = "other_organisation"
    NONE = "none"
    ALL = (INVOLVED, SAME_ORGANISATION, OTHER_ORGANISATION, NONE)
