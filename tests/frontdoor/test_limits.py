"""One limit per field, stated once (frontdoor.rules), the same in the API schema and the service."""

from __future__ import annotations

import pytest
from django.test import Client

from ketenzorg.frontdoor import rules


@pytest.fixture
def schema(db):
    return Client().get("/api/schema/?format=json").json()["components"]["schemas"]


@pytest.mark.parametrize(
    "component, field, limit",
    [
        ("QuestionSubmitRequest", "text", rules.QUESTION_MAX_LENGTH),
        ("QuestionSubmitRequest", "name", rules.NAME_MAX_LENGTH),
        ("AnswerRequest", "answer", rules.ANSWER_MAX_LENGTH),
        ("ContactCreateRequest", "advice", rules.ADVICE_MAX_LENGTH),
        ("ContactCreateRequest", "visitor_name", rules.VISITOR_NAME_MAX_LENGTH),
    ],
)
def test_the_schema_states_the_services_limit(schema, component, field, limit):
    assert schema[component]["properties"][field]["maxLength"] == limit


def test_a_question_one_character_too_long_is_a_problem_not_a_question(client, topic):
    body = {
        "topic": str(topic.uuid),
        "text": "x" * (rules.QUESTION_MAX_LENGTH + 1),
        "child_age": 4,
        "consent": True,
        "asker_kind": "ouder",
    }
    refused = client.post("/api/v1/vragen/", body, content_type="application/json")
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["invalid_params"][0]["name"] == "text"
