"""Generated from tests/access/matrix.py: one test per URL/operation × role × relation."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator

from ketenzorg.access.rules import Relation
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.families.models import Involvement
from ketenzorg.network.models import GovernanceBody, Institution, Role, Team
from tests import factories
from tests.access import matrix

# --- discovering every endpoint -------------------------------------------------
#
# Every route of Django's URL resolver must have a row, not only the operations the OpenAPI
# schema knows: a plain Django view or a DRF view left out of the schema (`exclude=True`)
# under /api/v1/ would otherwise serve without ever being tested.

# Methods every DRF view answers by itself, without running any of our code.
_FRAMEWORK_METHODS = {"options", "head", "trace"}


@dataclass(frozen=True)
class Route:
    name: str | None  # namespaced URL name, e.g. "families:detail"
    namespace: str
    route: str  # Django's pattern, e.g. "gezinnen/<str:family_uuid>/"
    callback: object

    @property
    def path(self) -> str:
        """The route in the OpenAPI schema's notation: /gezinnen/{family_uuid}/."""
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.route)

    def drf_methods(self) -> set[str] | None:
        """The HTTP methods a DRF view handles; None for any other view (unknown methods)."""
        cls = getattr(self.callback, "cls", None)
        if cls is None:
            return None
        return {
            m.upper()
            for m in cls.http_method_names
            if m not in _FRAMEWORK_METHODS and hasattr(cls, m)
        }


def _walk(patterns, namespace="", prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, full_ns.strip(":"), prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield Route(name, namespace, prefix + str(p.pattern), p.callback)


@functools.cache
def routes(urlconf: str) -> tuple[Route, ...]:
    return tuple(_walk(get_resolver(urlconf).url_patterns))


@functools.cache
def api_operations(urlconf: str) -> dict[str, tuple[str, str]]:
    schema = SchemaGenerator(urlconf=urlconf).get_schema(request=None, public=True)
    ops = {}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            ops[operation["operationId"]] = (method.upper(), path)
    return ops


def web_endpoints() -> dict[str, str]:
    """Every named route (also under /api/: a view outside the schema gets a row by name)."""
    return {r.name: r.route for r in routes(settings.ROOT_URLCONF) if r.name}


def missing_rows(urlconf: str) -> list[str]:
    """Every resolver route without a row: the completeness check the matrix stands on.

    A route is covered by a WEB row under its URL name, by its namespace in WEB_NAMESPACES
    (the Django admin, with its unnamed catch-all), or, for a DRF view, by an API row for
    the schema operation of every method the view handles. A DRF method missing from the
    schema is reported, so `extend_schema(exclude=True)` cannot hide an operation.
    """
    operations = {(method, path): op for op, (method, path) in api_operations(urlconf).items()}
    missing = []
    for r in routes(urlconf):
        if r.namespace.split(":")[0] in matrix.WEB_NAMESPACES:
            continue
        if r.name in matrix.WEB:
            continue
        label = f"{r.name or '(naamloos)'} ({r.route})"
        methods = r.drf_methods()
        if methods is None or not methods:
            missing.append(label)
            continue
        for method in sorted(methods):
            op = operations.get((method, r.path))
            if op is None:
                missing.append(
                    f"{label} {method}: niet in het API-schema, geef de route een WEB-rij"
                )
            elif op not in matrix.API:
                missing.append(f"{label} {method} ({op})")
    return missing


def test_every_route_has_a_row():
    missing = missing_rows(settings.ROOT_URLCONF)
    assert not missing, "Routes zonder regel in de autorisatiematrix: " + ", ".join(missing)


def test_a_route_outside_the_schema_is_reported(settings):
    """Proof that the walk sees what the schema does not: a plain Django view, a DRF view
    with `exclude=True` and a DRF method excluded beside a schema'd one, all under /api/v1/
    next to the real routes (which all have rows, so only these three are reported)."""
    settings.ROOT_URLCONF = "tests.access.urls_with_hidden_routes"
    missing = missing_rows(settings.ROOT_URLCONF)
    hidden = "niet in het API-schema, geef de route een WEB-rij"
    assert sorted(missing) == sorted(
        [
            "api-hidden-plain (api/v1/verborgen/plain/)",
            f"api-hidden-drf (api/v1/verborgen/drf/) GET: {hidden}",
            f"api-hidden-half (api/v1/verborgen/half/) DELETE: {hidden}",
            "api-hidden-half (api/v1/verborgen/half/) GET (v1_verborgen_half_retrieve)",
        ]
    )


def test_no_stale_rows():
    assert not set(matrix.WEB) - set(web_endpoints())
    assert not set(matrix.API) - set(api_operations(settings.ROOT_URLCONF))


def test_roles_are_the_products_roles():
    """The literal role list covers every role of the product: a new role needs its cells."""
    assert sorted(matrix.ALL_ROLES) == sorted(r.value for r in Role)


# Route kwargs naming a family, a person or what belongs to them: a route that carries one
# handles personal data, so its refusals must be logged.
SUBJECT_KWARGS = {
    "family_uuid",
    "person_uuid",
    "grant_uuid",
    "case_uuid",
    "involvement_uuid",
    "meeting_uuid",
    "agreement_uuid",
    "signal_uuid",
    "question_uuid",
    "contact_uuid",
}


def test_every_route_about_a_person_is_marked_personal_data():
    urlconf = settings.ROOT_URLCONF
    by_path = {}
    for op, (_method, path) in api_operations(urlconf).items():
        by_path.setdefault(path, set()).add(op)
    unmarked = []
    for r in routes(urlconf):
        if not SUBJECT_KWARGS & set(re.findall(r"<(?:\w+:)?(\w+)>", r.route)):
            continue
        keys = {r.name} if r.name in matrix.WEB else by_path.get(r.path, {r.name})
        unmarked += sorted(k for k in keys if k not in matrix.PERSONAL_DATA)
    assert not unmarked, "Routes met persoonsgegevens zonder PERSONAL_DATA: " + ", ".join(unmarked)
    assert not matrix.PERSONAL_DATA - set(matrix.WEB) - set(matrix.API)


# --- the world each cell runs in ----------------------------------------------


def _build_world() -> dict:
    owner_org = factories.make_organisation("Proef-OKT Noord")
    owner = factories.make_professional("okt", organisation=owner_org)
    family = factories.register_family(owner)
    district = factories.make_district()
    team = Team.objects.create(organisation=owner_org, name="Proefteam")
    institution = Institution.objects.create(
        name="Proefschool", kind="school", district=district, jgz_contact=owner
    )
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
    built["ids_for"] = {}
    for builder in matrix.WORLD_BUILDERS:
        ids = builder(built)
        # A module whose rows need their own object behind a shared kwarg (one referral as a
        # draft for the professional's rows, another forwarded for the provider's) names
        # the rows it is for: {"__rows__": {row key: {kwarg: value}}}.
        for key, values in ids.pop("__rows__", {}).items():
            built["ids_for"].setdefault(key, {}).update(values)
        built["ids"].update(ids)
    return built


@pytest.fixture(scope="module")
def _shared_world(django_db_setup, django_db_blocker):
    """The world, built once per module (and xdist worker) instead of once per cell.

    It is built inside a transaction that is rolled back after the module; each cell runs
    in pytest-django's own transaction, which nests inside it as a savepoint and is rolled
    back after the cell. So every cell still starts from the same untouched world, as with
    Django's `setUpTestData`, and nothing of it outlives the module.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_shared_world, db):
    return _shared_world


def _actor(world, role, relation):
    if role == matrix.ANONYMOUS:
        return None
    organisation = (
        world["owner_org"]
        if relation == Relation.SAME_ORGANISATION
        else factories.make_organisation()
    )
    professional = factories.make_professional(role, organisation=organisation)
    family = world["family"]
    if relation == Relation.INVOLVED:
        Involvement.objects.create(
            family=family,
            professional=professional,
            organisation=organisation,
            started_on=date(2026, 1, 1),
        )
    if relation == Relation.NONE:
        Involvement.objects.filter(family=family, professional=world["owner"]).update(
            ended_on=date(2020, 1, 1)
        )
    return professional.user


def _kwargs_for(route: str, world, key: str = "") -> dict:
    values = {**world["ids"], **world["ids_for"].get(key, {})}
    names = re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", route)
    return {a or b: values[a or b] for a, b in names}


LOGIN_WALL = (
    "/djangobeheer/login/",
    "/inloggen/?next=",
    "/inloggen/tweede-factor/?next=",
    "/inloggen/tweede-factor/instellen/?next=",
)


def _outcome_allowed(response, *, api: bool) -> bool:
    """Refused means 401/403/404/405, or being sent to the login or second-factor wall."""
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code in (301, 302):
        return not response["Location"].startswith(LOGIN_WALL)
    return True


class RefusalNotLogged(AssertionError):
    """A refused request on personal data left no `denied` entry in the access log.

    Its own type so that the cells known not to log yet can be marked
    `xfail(raises=RefusalNotLogged)`: any other failure of such a cell (a wrong access
    decision above all) still fails the run.
    """


def _expects_log_entry(key: str, role: str, relation: str, rule: str) -> bool:
    """A refused professional on personal data; anonymous users meet the login wall first."""
    return (
        role != matrix.ANONYMOUS
        and (key in matrix.PERSONAL_DATA or key in matrix.REFUSALS_LOGGED)
        and not matrix.expected(rule, role, relation)
    )


def _last_entry_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _assert_refusal_logged(user, since_id: int, what: str) -> None:
    """The request itself (entries after `since_id`) logged a refusal for this user."""
    logged = AuditEntry.objects.filter(
        id__gt=since_id, user_id_snapshot=user.pk, outcome=Outcome.DENIED
    )
    if not logged.exists():
        raise RefusalNotLogged(f"{what}: geweigerd maar niet gelogd in het toegangslog")


def _cells(rows):
    for key, spec in rows:
        for method, rule in spec:
            relations = matrix.RELATIONS if rule in matrix.FAMILY_RULES else [Relation.NONE]
            for role in matrix.ROLES:
                for relation in relations:
                    marks = []
                    reason = matrix.REFUSAL_NOT_LOGGED.get((key, method))
                    if reason and _expects_log_entry(key, role, relation, rule):
                        marks = [
                            pytest.mark.xfail(strict=True, raises=RefusalNotLogged, reason=reason)
                        ]
                    yield pytest.param(
                        key,
                        method,
                        rule,
                        role,
                        relation,
                        id=f"{key}-{method}-{role}-{relation}",
                        marks=marks,
                    )


WEB_CELLS = list(_cells((name, spec.items()) for name, spec in matrix.WEB.items()))
API_CELLS = list(_cells((op, [("*", rule)]) for op, rule in matrix.API.items()))


@pytest.mark.parametrize("name,method,rule,role,relation", WEB_CELLS)
def test_web_cell(client, world, name, method, rule, role, relation):
    user = _actor(world, role, relation)
    if user is not None:
        factories.verified_login(client, user)
    route = web_endpoints()[name]
    url = reverse(name, kwargs=_kwargs_for(route, world, name))
    since = _last_entry_id()
    response = client.get(url) if method == "GET" else client.post(url, {})
    allowed = matrix.expected(rule, role, relation)
    what = f"{method} {url} als {role} ({relation})"
    assert response.status_code < 500
    assert _outcome_allowed(response, api=False) == allowed, (
        f"{what}: status {response.status_code}, verwacht {'toegang' if allowed else 'geweigerd'}"
    )
    if _expects_log_entry(name, role, relation, rule):
        _assert_refusal_logged(user, since, what)


@pytest.mark.parametrize("operation,method,rule,role,relation", API_CELLS)
def test_api_cell(client, world, operation, method, rule, role, relation):
    http_method, path = api_operations(settings.ROOT_URLCONF)[operation]
    user = _actor(world, role, relation)
    if user is not None:
        factories.verified_login(client, user)
    url = path.format(**_kwargs_for(path, world, operation))
    since = _last_entry_id()
    response = (
        getattr(client, http_method.lower())(url, {}, content_type="application/json")
        if http_method != "GET"
        else client.get(url)
    )
    allowed = matrix.expected(rule, role, relation)
    what = f"{http_method} {url} als {role} ({relation})"
    assert response.status_code < 500
    assert _outcome_allowed(response, api=True) == allowed, (
        f"{what}: status {response.status_code}, verwacht {'toegang' if allowed else 'geweigerd'}"
    )
    if _expects_log_entry(operation, role, relation, rule):
        _assert_refusal_logged(user, since, what)
