"""The public API of the catalogue: no login, public fields, problems for bad input."""

from __future__ import annotations

import pytest

from ketenzorg.aanbod.models import PUBLIC_FIELDS, ProgrammeStatus, Topic
from tests.aanbod.conftest import WAITING

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_search_without_login(client, make_programme, city):
    make_programme("Slaapspreekuur", "Hulp bij slaapproblemen.", min_age=0, max_age=4,
                   districts=[city["noord"]], topics=["Slapen"], **WAITING)  # fmt: skip
    make_programme("Slaapspreekuur Zuid", "Slapen.", districts=[city["zuid"]])
    response = client.get(
        "/api/v1/aanbod/",
        {"text": "slapen", "age": 4, "district": str(city["noorderhof"].uuid),
         "topic": str(Topic.objects.get(name="Slapen").uuid)},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    (found,) = body["results"]
    assert found["name"] == "Slaapspreekuur" and found["provider"] == "Stichting Proefhulp"
    assert found["districts"] == [{"uuid": str(city["noord"].uuid), "name": "Noord"}]
    assert set(found) == {*PUBLIC_FIELDS, "provider", "topics", "districts"}
    assert "waiting_weeks" not in found and "internal_notes" not in found


def test_paging_in_the_api(client, make_programme):
    for n in range(7):
        make_programme(f"Groep {n}", "Opvoeden.")
    body = client.get("/api/v1/aanbod/", {"text": "opvoeding", "page_size": 3, "page": 3}).json()
    assert (
        body["count"] == 7
        and body["pages"] == 3
        and [r["name"] for r in body["results"]] == ["Groep 6"]
    )


def test_programme_detail_and_unpublished_is_404(client, make_programme):
    published = make_programme("Slaapspreekuur", "Slapen.")
    concept = make_programme("Concept", status=ProgrammeStatus.DRAFT)
    assert client.get(f"/api/v1/aanbod/{published.uuid}/").json()["name"] == "Slaapspreekuur"
    response = client.get(f"/api/v1/aanbod/{concept.uuid}/")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    "params, field",
    [
        ({"age": "abc"}, "age"),
        ({"age": "99"}, "age"),
        ({"district": "00000000-0000-0000-0000-000000000000"}, "district"),
        ({"district": "abc"}, "district"),
        ({"topic": "00000000-0000-0000-0000-000000000000"}, "topic"),
        ({"page": "0"}, "page"),
        ({"page_size": "500"}, "page_size"),
        ({"text": "x" * 101}, "text"),
    ],
)
def test_bad_filters_are_a_400_problem(client, params, field):
    response = client.get("/api/v1/aanbod/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert field in {p["name"] for p in response.json()["invalid_params"]}


def test_districts_for_the_filter(client, city):
    body = client.get("/api/v1/aanbod/gebieden/").json()
    noord = next(d for d in body if d["name"] == "Noord")
    assert noord["kind"] == "stadsdeel" and noord["parent"] is None
    assert {d["name"] for d in body if d["parent"] == noord["uuid"]} == {
        "Noorderhof",
        "Noorderpark",
    }


def test_the_operations_are_in_the_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operations = {
        op["operationId"] for methods in schema["paths"].values() for op in methods.values()
    }
    assert {
        "aanbod_programmes_search",
        "aanbod_programmes_retrieve",
        "aanbod_districts_list",
    } <= operations


def test_a_search_result_is_what_the_serializer_writes(client, make_programme, city):
    """The search's items are built directly (`public_programme_item`, decision 0019); the
    programme's own page and the schema keep `PublicProgrammeSerializer`. The two write the
    same JSON, key for key and byte for byte, for programmes with and without topics and
    districts, markup and every optional text."""
    import json

    from ketenzorg.aanbod.models import Programme
    from ketenzorg.aanbod.serializers import PublicProgrammeSerializer

    Topic.objects.create(name="Pesten <b>", sort_order=0)
    make_programme(
        "Slaapspreekuur <i>&</i>", 'Hulp bij "slaapproblemen".', min_age=0, max_age=4,
        districts=[city["zuid"], city["noord"]], topics=["Slapen", "Pesten <b>"],
        location="Buurthuis 't Hoekje", schedule="ma 9–11", costs="gratis", languages="NL, EN",
        contact_phone="020-0000000", contact_email="slaap@proef.invalid",
        website="https://proef.invalid/slapen",
    )  # fmt: skip
    make_programme("Slaapgroep", "Slapen.")
    body = client.get("/api/v1/aanbod/", {"text": "slapen"}).json()
    assert [r["name"] for r in body["results"]] == ["Slaapgroep", "Slaapspreekuur <i>&</i>"]
    for item in body["results"]:
        programme = Programme.objects.get(uuid=item["uuid"])
        expected = json.loads(json.dumps(PublicProgrammeSerializer(programme).data))
        assert json.dumps(item) == json.dumps(expected)
    assert [t["name"] for t in body["results"][1]["topics"]] == ["Pesten <b>", "Slapen"]
    assert [d["name"] for d in body["results"][1]["districts"]] == ["Noord", "Zuid"]
