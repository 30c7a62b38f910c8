"""Every write to the network: checked, in one transaction, recorded in the access log.

Only the functioneel beheerder changes the network. Views and the API check that
first (`network.guards`); these functions check it again so that no other door can
skip it. One module per part; callers import from here.
"""

from ketenzorg.network.services._common import NOT_A_MANAGER
from ketenzorg.network.services.csv_import import organisation_import, professional_import
from ketenzorg.network.services.districts import DistrictInput, district_create, district_update
from ketenzorg.network.services.institutions import (
    InstitutionInput,
    governance_body_update,
    governance_member_add,
    governance_member_remove,
    institution_create,
    institution_update,
)
from ketenzorg.network.services.organisations import (
    OrganisationInput,
    TeamInput,
    organisation_create,
    organisation_deactivate,
    organisation_reactivate,
    organisation_update,
    team_create,
    team_update,
)
from ketenzorg.network.services.professionals import (
    AvailabilityInput,
    ProfessionalInput,
    own_availability_update,
    professional_account_create,
    professional_create,
    professional_deactivate,
    professional_reactivate,
    professional_update,
)

__all__ = [
    "NOT_A_MANAGER",
    "AvailabilityInput",
    "own_availability_update",
    "DistrictInput",
    "InstitutionInput",
    "OrganisationInput",
    "ProfessionalInput",
    "TeamInput",
    "district_create",
    "district_update",
    "governance_body_update",
    "governance_member_add",
    "governance_member_remove",
    "institution_create",
    "institution_update",
    "organisation_create",
    "organisation_deactivate",
    "organisation_import",
    "organisation_reactivate",
    "organisation_update",
    "professional_account_create",
    "professional_create",
    "professional_deactivate",
    "professional_import",
    "professional_reactivate",
    "professional_update",
    "team_create",
    "team_update",
]
