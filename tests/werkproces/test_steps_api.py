"""The werkproces steps through the API: the same rules as the page, refusals as problems."""

from __future__ import annotations

import pytest

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import StepEvaluation, Transition, Werkproces
from tests import factories

REASON = "Het gezin vraagt om meer tijd"


def base(case):
    return f"/api/v1/casussen/{case.uuid}/werkproces/"


@pytest.fixture
def api(client, okt):
    factories.verified_login(client, okt.user)
    return client


def post(client, path, body, **headers):
    return client.post(path, body, content_type="application/json", headers=headers)


def test_the_whole_way_from_start_to_internal(api, case, okt):
    answer = api.get(base(case)).json()
    assert answer["started"] is False and answer["possible_transitions"] == [rules.START]

    response = post(api, base(case) + "overgangen/", {"kind": "start"})
    assert response.status_code == 201
    assert (response.json()["from_step"], response.json()["to_step"]) == (None, rules.OKT)

    response = post(
        api, base(case) + "evaluaties/", {"yielded_enough": False, "summary": "Niet genoeg"}
    )
    assert response.status_code == 201 and response.json()["step"] == rules.OKT
    evaluation = response.json()["uuid"]

    response = post(api, base(case) + "overgangen/", {"kind": "verder"})
    assert response.status_code == 201
    assert response.json()["to_step"] == rules.INTERNAL
    assert response.json()["evaluation"] == evaluation

    answer = api.get(base(case)).json()
    assert answer["step"] == rules.INTERNAL and answer["current_evaluation"] is None
    assert [t["kind"] for t in answer["transitions"]] == [rules.START, rules.CONTINUE]
    assert answer["transitions"][1]["actor"]["name"] == okt.full_name
    assert set(answer["possible_transitions"]) == {rules.CONTINUE, rules.STOP, rules.BACK}
    assert [e["summary"] for e in answer["evaluations"]] == ["Niet genoeg"]


def test_a_state_refusal_is_a_409_problem_and_nothing_is_written(api, case, werkproces):
    before = Transition.objects.count()
    response = post(api, base(case) + "overgangen/", {"kind": "verder"})
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert "Evalueer eerst" in response.json()["detail"]
    response = post(api, base(case) + "overgangen/", {"kind": "start"})
    assert response.status_code == 409
    assert Transition.objects.count() == before


def test_missing_input_is_a_400_on_its_field(api, case, werkproces, move):
    post(api, base(case) + "evaluaties/", {"yielded_enough": True, "summary": "Genoeg"})
    response = post(api, base(case) + "overgangen/", {"kind": "stoppen", "reason": "kort"})
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["reason"]
    response = post(api, base(case) + "overgangen/", {"kind": "vliegen"})
    assert response.status_code == 400
    response = post(api, base(case) + "evaluaties/", {"summary": "   "})
    assert response.status_code == 400
    assert StepEvaluation.objects.count() == 1
    response = post(api, base(case) + "overgangen/", {"kind": "stoppen", "reason": REASON})
    assert response.status_code == 201
    assert Werkproces.objects.get(case=case).step == rules.STOPPED


def test_into_extern_needs_the_teams_decision(api, case, werkproces, move):
    move(rules.CONTINUE)
    post(api, base(case) + "evaluaties/", {"yielded_enough": False, "summary": "Niet genoeg"})
    response = post(api, base(case) + "overgangen/", {"kind": "verder"})
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["team_decision"]
    response = post(
        api,
        base(case) + "overgangen/",
        {"kind": "verder", "team_decision": "Teamoverleg van 3 maart"},
    )
    assert response.status_code == 201 and response.json()["to_step"] == rules.EXTERNAL


def test_an_idempotency_key_writes_once(api, case, werkproces):
    body = {"yielded_enough": False, "summary": "Niet genoeg"}
    first = post(api, base(case) + "evaluaties/", body, **{"Idempotency-Key": "eval-1"})
    again = post(api, base(case) + "evaluaties/", body, **{"Idempotency-Key": "eval-1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotency-Replayed"] == "true"
    assert first.json() == again.json()
    assert StepEvaluation.objects.count() == 1


def test_a_stranger_gets_403_before_any_validation_and_it_is_logged(client, case, werkproces):
    stranger = factories.make_professional("okt")
    factories.verified_login(client, stranger.user)
    assert client.get(base(case)).status_code == 403
    response = post(client, base(case) + "overgangen/", {"kind": "vliegen"})
    assert response.status_code == 403
    assert (
        AuditEntry.objects.filter(username=stranger.user.username, outcome=Outcome.DENIED).count()
        == 2
    )


def test_the_operations_are_in_the_schema(client):
    schema = client.get("/api/schema/", headers={"Accept": "application/json"})
    text = schema.content.decode()
    for operation in (
        "cases_werkproces_retrieve",
        "cases_werkproces_evaluations_create",
        "cases_werkproces_transitions_create",
    ):
        assert operation in text


def test_reading_the_werkproces_is_one_look_logged(api, okt, case, werkproces):
    before = AuditEntry.objects.count()
    assert api.get(base(case)).status_code == 200
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [(e.object_type, e.object_uuid, e.outcome) for e in entries] == [
        ("werkproces.Werkproces", str(case.uuid), Outcome.SUCCESS)
    ]


def test_the_werkproces_of_no_case_is_a_404_problem(api):
    answer = api.get("/api/v1/casussen/00000000-0000-4000-8000-00000000abcd/werkproces/")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/problem+json")


def test_reading_the_werkproces_reads_only_what_it_answers(api, case, werkproces):
    """The API answers the steps and their evaluations: the consultations and GKP items that
    the page also shows are not read for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert api.get(base(case)).status_code == 200
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert "werkproces_transition" in tables and "werkproces_stepevaluation" in tables
    assert "werkproces_consultation" not in tables and "werkproces_gkpitem" not in tables


def test_the_werkproces_is_what_its_schema_serializer_gives(
    api, case, werkproces, move, okt, colleague
):
    """The API's werkproces is built without DRF's fields (`werkproces_data`); the serializer
    stays its schema: the two give the same, for a history with a stop, a resume, a referral
    decided with a meedenker and an evaluation of the current visit."""
    from django.utils import timezone

    from ketenzorg.werkproces import selectors, services
    from ketenzorg.werkproces.api import serializers_steps as s
    from ketenzorg.werkproces.api.steps import werkproces_shown
    from tests.werkproces.conftest import later

    move(rules.CONTINUE)
    move(rules.STOP, enough=True, reason="Het gezin kan verder met de bestaande steun")
    move(rules.RESUME, reason="De zorgen kwamen terug na de zomer")
    services.consultation_ask(
        actor=okt.user, case=case, kind="meedenken", scope="intern", meedenker=colleague,
        question="Wat helpt bij deze zorgen?", summary="Een kind van tien met zorgen thuis",
        expects_of_meedenker="Advies binnen twee weken",
        expects_of_professional="Een korte schets vooraf", ends_at=later(),
    )  # fmt: skip
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    move(rules.CONTINUE)
    move(
        rules.CONTINUE, ajh_with_family=True, ajh_meedenker=colleague,
        ajh_participants="Moeder, Kim, de meedenker en de OKT-professional",
    )  # fmt: skip
    move(rules.BACK, reason="Eerst nog een keer met de meedenker om tafel")
    services.step_evaluate(actor=okt.user, case=case, yielded_enough=False, summary="Nog niet")
    case_, view = selectors.werkproces_of_case(
        actor=okt.user, case_uuid=case.uuid, history_only=True
    )
    shown = werkproces_shown(view, case_)
    assert shown["current_evaluation"] is not None
    assert any(t.ajh_meedenker for t in shown["transitions"])
    assert any(not t.from_step for t in shown["transitions"])
    for zone in ("UTC", "Europe/Amsterdam"):
        with timezone.override(zone):
            assert s.werkproces_data(shown) == s.WerkprocesSerializer(shown).data
    assert api.get(base(case)).json() == s.werkproces_data(shown)
