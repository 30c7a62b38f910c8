"""Generated from tests/access/matrix.py: one test per URL/operation × role × relation."""

from __future__ import annotations

import functools
import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from ketenzorg.access.rules import Relation
from ketenzorg.families.models import Involvement
from ketenzorg.network.models import GovernanceBody, Institution, Team
from tests import factories
from tests.access import matrix

# --- discovering every endpoint -------------------------------------------------


def _walk(patterns, namespace="", prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, full_ns.strip(":"), prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern), p


@functools.cache
def web_endpoints():
    """Every named page outside the API (which is covered operation by operation)."""
    found = {}
    for name, route, _ in _walk(get_resolver().url_patterns):
        if route.startswith("api/v1/"):
            continue
        found[name] = route
    return found


@functools.cache
def api_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    ops = {}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            ops[operation["operationId"]] = (method.upper(), path)
    return ops


def test_every_page_has_a_row():
    missing = []
    for name, route in web_endpoints().items():
        namespace = name.split(":")[0] if name and ":" in name else ""
        if route.startswith("djangobeheer/"):
            namespace = "admin"  # includes the admin's unnamed catch-all
        if name is None and namespace not in matrix.WEB_NAMESPACES:
            missing.append(f"(naamloos) {route}")
            continue
        if name not in matrix.WEB and namespace not in matrix.WEB_NAMESPACES:
            missing.append(f"{name} ({route})")
    assert not missing, "Pagina's zonder regel in de autorisatiematrix: " + ", ".join(missing)


def test_every_api_operation_has_a_row():
    missing = sorted(set(api_operations()) - set(matrix.API))
    assert not missing, "API-operaties zonder regel in de autorisatiematrix: " + ", ".join(missing)


def test_no_stale_rows():
    names = set(web_endpoints())
    assert not set(matrix.WEB) - names - {"admin:index"}
    assert not set(matrix.API) - set(api_operations())


# --- the world each cell runs in ----------------------------------------------


@pytest.fixture
def world(db):
    owner_org = factories.make_organisation("Proef-OKT Noord")
    owner = factories.make_professional("okt", organisation=owner_org)
    family = factories.register_family(owner)
    district = factories.make_district()
    team = Team.objects.create(organisation=owner_org, name="Proefteam")
    institution = Institution.objects.create(name="Proefschool", kind="school", district=district, jgz_contact=owner)
    body = GovernanceBody.objects.get(level="kerngroep")
    built = {
        "owner": owner,
        "owner_org": owner_org,
        "family": family,
        "person": family.members.first(),
        "ids": {
            "family_uuid": family.uuid,
            "person_uuid": family.members.first().uuid,
            "slug": "zorgcoordinatie",
            "district_uuid": district.uuid,
            "organisation_uuid": owner_org.uuid,
            "team_uuid": team.uuid,
            "professional_uuid": owner.uuid,
            "institution_uuid": institution.uuid,
            "body_uuid": body.uuid,
        },
    }
    for builder in matrix.WORLD_BUILDERS:
        built["ids"].update(builder(built))
    return built


def _actor(world, role, relation):
    if role == matrix.ANONYMOUS:
        return None
    organisation = world["owner_org"] if relation == Relation.SAME_ORGANISATION else factories.make_organisation()
    professional = factories.make_professional(role, organisation=organisation)
    family = world["family"]
    if relation == Relation.INVOLVED:
        Involvement.objects.create(family=family, professional=professional, organisation=organisation, started_on=date(2026, 1, 1))
    if relation == Relation.NONE:
        Involvement.objects.filter(family=family, professional=world["owner"]).update(ended_on=date(2020, 1, 1))
    return professional.user


def _kwargs_for(route: str, world) -> dict:
    values = world["ids"]
    names = re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", route)
    return {a or b: values[a or b] for a, b in names}


LOGIN_WALL = ("/djangobeheer/login/", "/inloggen/?next=", "/inloggen/tweede-factor/?next=", "/inloggen/tweede-factor/instellen/?next=")


def _outcome_allowed(response, *, api: bool) -> bool:
    """Refused means 401/403/404/405, or being sent to the login or second-factor wall."""
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code in (301, 302):
        return not response["Location"].startswith(LOGIN_WALL)
    return True


def _cells(rows):
    for key, spec in rows:
        for method, rule in spec:
            relations = matrix.RELATIONS if rule in matrix.FAMILY_RULES else [Relation.NONE]
            for role in matrix.ROLES:
                for relation in relations:
                    yield pytest.param(key, method, rule, role, relation, id=f"{key}-{method}-{role}-{relation}")


WEB_CELLS = list(_cells((name, spec.items()) for name, spec in matrix.WEB.items()))
API_CELLS = list(_cells((op, [("*", rule)]) for op, rule in matrix.API.items()))


@pytest.mark.parametrize("name,method,rule,role,relation", WEB_CELLS)
def test_web_cell(client, world, name, method, rule, role, relation):
    user = _actor(world, role, relation)
    if user is not None:
        factories.verified_login(client, user)
    route = web_endpoints()[name]
    url = reverse(name, kwargs=_kwargs_for(route, world))
    response = client.get(url) if method == "GET" else client.post(url, {})
    allowed = matrix.expected(rule, role, relation)
    assert response.status_code < 500
    assert _outcome_allowed(response, api=False) == allowed, (
        f"{method} {url} als {role} ({relation}): status {response.status_code}, verwacht {'toegang' if allowed else 'geweigerd'}"
    )


@pytest.mark.parametrize("operation,method,rule,role,relation", API_CELLS)
def test_api_cell(client, world, operation, method, rule, role, relation):
    http_method, path = api_operations()[operation]
    user = _actor(world, role, relation)
    if user is not None:
        factories.verified_login(client, user)
    url = path.format(**_kwargs_for(path, world))
    response = getattr(client, http_method.lower())(url, {}, content_type="application/json") if http_method != "GET" else client.get(url)
    allowed = matrix.expected(rule, role, relation)
    assert response.status_code < 500
    assert _outcome_allowed(response, api=True) == allowed, (
        f"{http_method} {url} als {role} ({relation}): status {response.status_code}, verwacht {'toegang' if allowed else 'geweigerd'}"
    )
    if not allowed and user is not None and rule in matrix.FAMILY_RULES:
        from ketenzorg.audit.models import AuditEntry

        assert AuditEntry.objects.filter(user_id_snapshot=user.pk, outcome="denied").exists(), "geweigerde poging niet gelogd"
