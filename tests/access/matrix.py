"""THE authorization matrix: every URL and API operation, and who may use it.

Each row names a rule; `expected(rule, role, relation)` expands the rule into
the full table of role × relation to the family. `test_authorization_matrix`
generates one test per cell and fails for any URL or API operation that has
no row here, so no endpoint can ship unguarded. `docs/authorization.md`
explains the rules in words.
"""

from __future__ import annotations

from ketenzorg.access.rules import Relation

# Who is allowed is written out literally, role code by role code, and never taken from the
# product's role sets (`ketenzorg.access.rules`): a role added to a product set by mistake
# must make cells fail here instead of silently widening the expectation with it.
ANONYMOUS = "anoniem"
ALL_ROLES = [
    "opvoedadviseur",
    "okt",
    "jgz",
    "zorgcoordinator",
    "procescoordinator",
    "brandpuntfunctionaris",
    "meedenker",
    "ajh_verbinder",
    "aanbieder",
    "manager",
    "beheerder",
    "privacy",
    "autorisatiebeheerder",
]
ROLES = [ANONYMOUS, *ALL_ROLES]
RELATIONS = list(Relation.ALL)

# Roles that work with families: every role except manager, beheerder, privacy and
# autorisatiebeheerder.
CLIENT_ROLES = {
    "opvoedadviseur",
    "okt",
    "jgz",
    "zorgcoordinator",
    "procescoordinator",
    "brandpuntfunctionaris",
    "meedenker",
    "ajh_verbinder",
    "aanbieder",
}
# Roles that register families (and so become involved).
CASEWORK = {
    "opvoedadviseur",
    "okt",
    "jgz",
    "zorgcoordinator",
    "procescoordinator",
    "brandpuntfunctionaris",
}
# Roles that may break the glass on a family they are not involved with.
EMERGENCY = {"okt", "jgz", "zorgcoordinator", "procescoordinator", "brandpuntfunctionaris"}
NETWORK_ADMIN = {"beheerder"}
PRIVACY = {"privacy"}

# rule -> who is allowed (relation matters only for the family rules)
RULES = {
    "public": "iedereen, ook zonder inloggen",
    "logged_in": "elke ingelogde gebruiker (na tweede factor)",
    "professional": "elke professional (ook beheer, privacy en management)",
    "client_roles": "professionals met een rol die met gezinnen werkt",
    "casework": "rollen die gezinnen registreren: " + ", ".join(sorted(CASEWORK)),
    "family": "alleen wie betrokken is bij het gezin (en een cliëntrol heeft)",
    "emergency": "noodtoegang: " + ", ".join(sorted(EMERGENCY)),
    "network_admin": "functioneel beheerder",
    "privacy": "privacyfunctionaris",
    "superuser": "alleen technisch beheer (Django-admin, superuser)",
}


def expected(rule: str, role: str, relation: str) -> bool:
    if rule in EXTRA_RULES:
        return EXTRA_RULES[rule][1](role, relation)
    if rule == "public":
        return True
    if role == ANONYMOUS:
        return False
    if rule in ("logged_in", "professional"):
        return True
    if rule == "client_roles":
        return role in CLIENT_ROLES
    if rule == "casework":
        return role in CASEWORK
    if rule == "family":
        return role in CLIENT_ROLES and relation == Relation.INVOLVED
    if rule == "emergency":
        return role in EMERGENCY
    if rule == "network_admin":
        return role in NETWORK_ADMIN
    if rule == "privacy":
        return role in PRIVACY
    if rule == "superuser":
        return False
    raise KeyError(rule)


FAMILY_RULES = {"family"}

# Web pages: URL name -> {method: rule}
WEB = {
    "landing": {"GET": "public"},
    "health": {"GET": "public"},
    "favicon": {"GET": "public"},
    "set_language": {"POST": "public"},
    "accounts:login": {"GET": "public", "POST": "public"},
    "accounts:logout": {"POST": "public"},
    "accounts:mfa_enrol": {"GET": "logged_in"},
    "accounts:mfa_verify": {"GET": "logged_in"},
    "core:home": {"GET": "logged_in"},
    "core:api_token": {"GET": "logged_in", "POST": "logged_in"},
    "core:password_change": {"GET": "logged_in", "POST": "logged_in"},
    "families:list": {"GET": "client_roles", "POST": "client_roles"},
    "families:register": {"GET": "casework", "POST": "casework"},
    "families:detail": {"GET": "family"},
    "families:edit": {"GET": "family", "POST": "family"},
    "families:person_add": {"GET": "family", "POST": "family"},
    "families:person_edit": {"GET": "family", "POST": "family"},
    "families:emergency": {"GET": "emergency", "POST": "emergency"},
    "audit:index": {"GET": "privacy", "POST": "privacy"},
    "audit:person_log": {"GET": "privacy"},
    "glossary:index": {"GET": "public"},
    "glossary:detail": {"GET": "public"},
    "glossary:create": {"GET": "network_admin", "POST": "network_admin"},
    "glossary:edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:directory": {"GET": "professional"},
    "network:index": {"GET": "network_admin"},
    "network:district_list": {"GET": "network_admin"},
    "network:district_create": {"GET": "network_admin", "POST": "network_admin"},
    "network:district_edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:organisation_list": {"GET": "network_admin"},
    "network:organisation_create": {"GET": "network_admin", "POST": "network_admin"},
    "network:organisation_detail": {"GET": "network_admin"},
    "network:organisation_edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:organisation_deactivate": {"POST": "network_admin"},
    "network:organisation_reactivate": {"POST": "network_admin"},
    "network:team_create": {"GET": "network_admin", "POST": "network_admin"},
    "network:team_edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:professional_list": {"GET": "network_admin"},
    "network:professional_create": {"GET": "network_admin", "POST": "network_admin"},
    "network:professional_detail": {"GET": "network_admin"},
    "network:professional_edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:professional_account": {"GET": "network_admin", "POST": "network_admin"},
    "network:professional_deactivate": {"POST": "network_admin"},
    "network:professional_reactivate": {"POST": "network_admin"},
    "network:institution_list": {"GET": "network_admin"},
    "network:institution_create": {"GET": "network_admin", "POST": "network_admin"},
    "network:institution_edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:governance_list": {"GET": "network_admin"},
    "network:governance_detail": {"GET": "network_admin"},
    "network:governance_edit": {"GET": "network_admin", "POST": "network_admin"},
    "network:governance_member_add": {"POST": "network_admin"},
    "network:governance_member_remove": {"POST": "network_admin"},
    "network:import": {"GET": "network_admin", "POST": "network_admin"},
    "admin:index": {"GET": "superuser"},
    "api-schema": {"GET": "public"},
    "api-docs": {"GET": "public"},
}

# API operations: operationId -> rule (the method and path come from the OpenAPI schema)
API = {
    "families_list": "client_roles",
    "families_search": "client_roles",
    "families_create": "casework",
    "families_retrieve": "family",
    "families_update": "family",
    "families_members_create": "family",
    "families_emergency_access": "emergency",
    "persons_retrieve": "family",
    "persons_update": "family",
    "persons_access_log": "privacy",
    "gebieden_list": "professional",
    "organisaties_list": "professional",
    "organisaties_retrieve": "professional",
    "organisaties_create": "network_admin",
    "organisaties_update": "network_admin",
    "professionals_list": "professional",
    "professionals_retrieve": "professional",
    "professionals_create": "network_admin",
    "professionals_update": "network_admin",
    "glossary_terms_list": "public",
    "glossary_terms_retrieve": "public",
}

# Namespaces whose every page follows one rule. The Django admin is the only framework
# namespace: its pages (and its unnamed catch-all) are for the technical superuser alone.
# The other framework route, i18n's set_language, has a row of its own above.
WEB_NAMESPACES = {"admin": "superuser"}

# Rows (URL names and operationIds) that read or change data of a family, a person, a case,
# a parent's question or a contact moment, also as a list, a search or a creation. A refused
# authenticated request on one of these must leave a `denied` entry in the access log.
# tests/access/test_authorization_matrix.py fails for a route whose URL names such a subject
# and is missing here.
PERSONAL_DATA = {
    "families:list",
    "families:register",
    "families:detail",
    "families:edit",
    "families:person_add",
    "families:person_edit",
    "families:emergency",
    "audit:index",
    "audit:person_log",
    "families_list",
    "families_search",
    "families_create",
    "families_retrieve",
    "families_update",
    "families_members_create",
    "families_emergency_access",
    "persons_retrieve",
    "persons_update",
    "persons_access_log",
}

# Rows that are no personal data but whose refusals the product logs all the same (the
# catalogue's maintenance: a provider trying another organisation's programmes); their refused
# cells assert the `denied` entry like the personal-data rows.
REFUSALS_LOGGED: set[str] = set()

# Cells known to refuse without logging it: (row, method) -> reason. Those cells are
# `xfail(strict=True)` on the missing log entry only, so they turn red once the product
# logs the refusal (then remove the entry here). The product fixes them, not this list.
REFUSAL_NOT_LOGGED: dict[tuple[str, str], str] = {}

# Each capability adds its rows in a module of its own (tests/access/rows_<app>.py), so
# that teams working in parallel do not edit one file. A module defines WEB and API like
# above, optionally RULES = {name: (description, predicate(role, relation) -> bool)},
# FAMILY_RULES (rules whose outcome depends on the relation to the family) and
# PERSONAL_DATA (its rows of personal data, see above) and
# world_ids(world) -> {url kwarg: value} creating the objects its URLs need.
EXTRA_RULES: dict = {}
WORLD_BUILDERS: list = []


def _load_row_modules():
    import importlib
    import pkgutil

    import tests.access as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("rows_"):
            continue
        module = importlib.import_module(f"tests.access.{info.name}")
        WEB.update(getattr(module, "WEB", {}))
        API.update(getattr(module, "API", {}))
        for name, (description, predicate) in getattr(module, "RULES", {}).items():
            RULES[name] = description
            EXTRA_RULES[name] = (description, predicate)
        FAMILY_RULES.update(getattr(module, "FAMILY_RULES", set()))
        PERSONAL_DATA.update(getattr(module, "PERSONAL_DATA", set()))
        REFUSALS_LOGGED.update(getattr(module, "REFUSALS_LOGGED", set()))
        if hasattr(module, "world_ids"):
            WORLD_BUILDERS.append(module.world_ids)


_load_row_modules()
