"""The signal function's API: the list, one figure after suppression, bad filters, refusals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.network.models import GovernanceBody, GovernanceMembership, Role
from ketenzorg.signaal import catalogue
from tests import factories
from tests.signaal.test_screens import LIMIT, city  # noqa: F401 - the shared small city

LIST = "/api/v1/signaal/figuren/"


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.SIGNAL_THRESHOLD = LIMIT


def login(client, *roles):
    professional = factories.make_professional(*roles)
    factories.verified_login(client, professional.user)
    return professional


def test_the_list_has_every_figure_with_its_definition(client, city):  # noqa: F811
    login(client, Role.MANAGER)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert [f["key"] for f in body] == [e.key for e in catalogue.ENTRIES]
    assert all(f["definition"] for f in body)


def test_a_figure_is_published_after_suppression(client, city):  # noqa: F811
    login(client, Role.MANAGER)
    response = client.get(f"{LIST}zorgniveaus/", {"gebied": str(city["city"].uuid)})
    assert response.status_code == 200
    body = response.json()
    assert body["rows"] == ["Proefstad", "Oost", "West", "zonder gebied"]
    oost = body["cells"][1]
    assert oost[:2] == [4, 3] and body["row_totals"][1] == 7
    assert body["expected_shares"]["1"] == pytest.approx(0.85)
    # Nothing between 1 and the threshold is ever published.
    values = [v for row in body["cells"] for v in row] + body["row_totals"]
    assert all(v is None or v == 0 or v >= LIMIT for v in values)


@pytest.mark.parametrize(
    "key", ["verwijzingen_per_fase", "wachttijd_per_stap", "wachttijd_per_aanbieder"]
)
def test_the_referral_figures_by_api(client, city, key):  # noqa: F811
    login(client, Role.MANAGER)
    response = client.get(f"{LIST}{key}/", {"van": "2026-01", "tot": "2026-06"})
    assert response.status_code == 200
    body = response.json()
    assert body["key"] == key and body["definition"]
    if key != "verwijzingen_per_fase":  # the tables count whole quarters that are over
        assert "2026-01-01 t/m 2026-06-30" in body["definition"]
    else:
        assert "concept" not in body["columns"]


def test_a_governance_member_sees_the_figures_too(client, city):  # noqa: F811
    member = login(client, Role.OKT)
    GovernanceMembership.objects.create(
        body=GovernanceBody.objects.get(level="kerngroep"), professional=member
    )
    response = client.get(f"{LIST}opschalingen/", {"van": "2026-01", "tot": "2026-03"})
    assert response.status_code == 200
    assert response.json()["rows"] == ["2026-01", "2026-02", "2026-03"]


@pytest.mark.parametrize(
    "params,field",
    [
        ({"van": "maart"}, "van"),
        ({"van": "2026-05", "tot": "2026-01"}, "filters"),
        ({"van": "2020-01", "tot": "2026-01"}, "filters"),
        ({"gebied": "geen-uuid"}, "gebied"),
    ],
)
def test_bad_filters_are_a_400_problem(client, city, params, field):  # noqa: F811
    login(client, Role.MANAGER)
    response = client.get(f"{LIST}stagnatiesignalen/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in {p["name"] for p in response.json()["invalid_params"]}


def test_an_unknown_figure_is_a_404_problem(client, city):  # noqa: F811
    login(client, Role.MANAGER)
    response = client.get(f"{LIST}geheim/")
    assert response.status_code == 404


def test_others_are_refused_and_the_refusal_is_logged(client, city):  # noqa: F811
    okt = login(client, Role.OKT)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}zorgniveaus/").status_code == 403
    assert (
        AuditEntry.objects.filter(user_id_snapshot=okt.user.pk, outcome=Outcome.DENIED).count() == 2
    )


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    van=st.one_of(st.none(), st.text(max_size=12), st.from_regex(r"\A\d{4}-\d{2}\Z")),
    tot=st.one_of(st.none(), st.text(max_size=12), st.from_regex(r"\A\d{4}-\d{2}\Z")),
    gebied=st.one_of(st.none(), st.text(max_size=40), st.uuids().map(str)),
)
def test_no_filter_causes_a_server_error(manager_client, van, tot, gebied):
    params = {k: v for k, v in {"van": van, "tot": tot, "gebied": gebied}.items() if v is not None}
    response = manager_client.get(f"{LIST}contactmomenten_topic/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["invalid_params"]


@pytest.fixture
def manager_client(client, db):
    login(client, Role.MANAGER)
    return client
