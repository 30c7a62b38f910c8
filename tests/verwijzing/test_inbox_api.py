"""The gebiedsknooppunt's API: the inbox grouped with counts, take, the candidates and the
match, forward; bad input (unknown programme, empty note) a 400 problem with nothing written,
a stale version a 409, forward without the provider's consent a 400 with the message, and
the refusals (another stadsdeel, the case's professional, a provider) logged."""

from __future__ import annotations

import uuid

import pytest

from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import Referral, ReferralEvent
from tests import factories
from tests.verwijzing.inbox_world import *  # noqa: F403 (its fixtures)
from tests.verwijzing.inbox_world import refusals

INBOX = "/api/v1/verwijzingen/gebiedsknooppunt/"


def url(referral, step):
    return f"/api/v1/verwijzingen/{referral.uuid}/{step}/"


def post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


def test_the_inbox_grouped_with_counts(client, verbinder, sent, stadsdeel):
    api = factories.verified_login(client, verbinder.user)
    body = api.get(INBOX).json()
    assert [c["key"] for c in body["columns"]] == list(rules.INBOX_COLUMNS)
    assert [c["count"] for c in body["columns"]] == [1, 0, 0, 0]
    row = body["columns"][0]["referrals"][0]
    assert row["referral"]["uuid"] == str(sent.uuid)
    assert row["referral"]["child_name"] == "Kim Proefmans" and row["child_age"] == 11
    assert row["referral"]["voorziening"]["ijw_category"] == "45"
    assert row["days_since_sent"] == 0 and row["days_since_forwarded"] is None
    assert body["stadsdelen"] == [{"uuid": str(stadsdeel.uuid), "name": stadsdeel.name}]
    assert api.get(INBOX, {"stadsdeel": str(stadsdeel.uuid)}).json()["columns"][0]["count"] == 1
    unknown = problem(api.get(INBOX, {"stadsdeel": str(uuid.uuid4())}), 400)
    assert unknown["invalid_params"][0]["name"] == "stadsdeel"


def test_take_candidates_match_and_forward(
    client, verbinder, sent, programme, teen_programme, provider_consent, provider
):
    api = factories.verified_login(client, verbinder.user)
    taken = post(api, url(sent, "oppakken"), {"version": sent.version})
    assert taken.status_code == 200 and taken.json()["status"] == rules.MATCHING
    candidates = api.get(url(sent, "matchen")).json()
    by_uuid = {c["programme"]["uuid"]: c for c in candidates["candidates"]}
    assert by_uuid[str(programme.uuid)]["fits_age"] is True
    assert by_uuid[str(teen_programme.uuid)]["fits_age"] is False
    fitting = api.get(url(sent, "matchen"), {"passend": "true"}).json()
    assert str(teen_programme.uuid) not in {c["programme"]["uuid"] for c in fitting["candidates"]}
    assert fitting["hidden_by_filter"] == 1
    matched = post(
        api,
        url(sent, "matchen"),
        {
            "programme": str(programme.uuid),
            "note": "Start over drie weken",
            "version": taken.json()["version"],
        },
    )
    assert matched.status_code == 200, matched.content
    assert matched.json()["provider"]["uuid"] == str(provider.uuid)
    assert matched.json()["match_note"] == "Start over drie weken"
    forwarded = post(api, url(sent, "doorsturen"), {"version": matched.json()["version"]})
    assert forwarded.status_code == 200
    assert forwarded.json()["status"] == rules.FORWARDED and forwarded.json()["assignment_number"]
    columns = api.get(INBOX).json()["columns"]
    assert [c["count"] for c in columns] == [0, 0, 1, 0]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"programme": "ONBEKEND", "note": "Kan snel starten"}, "programme"),
        ({"programme": "geen-uuid", "note": "Kan snel starten"}, "programme"),
        ({"note": "Kan snel starten"}, "programme"),
        ({"programme": "PROGRAMME", "note": "  "}, "note"),
        ({"programme": "PROGRAMME"}, "note"),
    ],
)
def test_bad_match_input_is_a_400_and_nothing_is_written(
    client, verbinder, sent, programme, body, field
):
    replace = {"ONBEKEND": str(uuid.uuid4()), "PROGRAMME": str(programme.uuid)}
    body = {k: replace.get(v, v) for k, v in body.items()}
    api = factories.verified_login(client, verbinder.user)
    found = problem(post(api, url(sent, "matchen"), body), 400)
    assert field in {p["name"] for p in found["invalid_params"]}
    assert Referral.objects.get(pk=sent.pk).status == rules.SENT
    assert not ReferralEvent.objects.filter(referral=sent, action=rules.MATCH).exists()


def test_a_stale_version_is_a_409(client, verbinder, sent, programme):
    api = factories.verified_login(client, verbinder.user)
    assert post(api, url(sent, "oppakken"), {"version": sent.version}).status_code == 200
    stale = problem(post(api, url(sent, "oppakken"), {"version": sent.version}), 409)
    assert "door iemand anders gewijzigd" in stale["detail"]
    body = {"programme": str(programme.uuid), "note": "Te laat", "version": sent.version}
    problem(post(api, url(sent, "matchen"), body), 409)
    assert Referral.objects.get(pk=sent.pk).status == rules.MATCHING


def test_forward_without_the_providers_consent_is_a_400_with_the_message(
    client, verbinder, sent, programme
):
    api = factories.verified_login(client, verbinder.user)
    post(api, url(sent, "oppakken"))
    post(api, url(sent, "matchen"), {"programme": str(programme.uuid), "note": "Kan starten"})
    found = problem(post(api, url(sent, "doorsturen")), 400)
    assert "Vraag de professional die toestemming vast te leggen" in found["detail"]
    referral = Referral.objects.get(pk=sent.pk)
    assert referral.status == rules.MATCHED and not referral.assignment_number


def test_another_stadsdeels_verbinder_is_refused_and_logged(
    client, other_verbinder, sent, programme
):
    api = factories.verified_login(client, other_verbinder.user)
    before = refusals(other_verbinder)
    assert api.get(url(sent, "matchen")).status_code == 403
    for step in ("oppakken", "doorsturen"):
        problem(post(api, url(sent, step)), 403)
    problem(post(api, url(sent, "matchen"), {"programme": "x", "note": ""}), 403)
    assert refusals(other_verbinder) == before + 4
    assert [c["count"] for c in api.get(INBOX).json()["columns"]] == [0, 0, 0, 0]
    assert Referral.objects.get(pk=sent.pk).status == rules.SENT


@pytest.mark.parametrize("who,status", [("okt", 403), ("aanbieder", 404)])
def test_the_case_professional_and_a_provider_are_refused_and_logged(
    client, request, sent, who, status
):
    professional = request.getfixturevalue(who)
    api = factories.verified_login(client, professional.user)
    before = refusals(professional)
    problem(api.get(INBOX), 403)
    problem(post(api, url(sent, "oppakken")), status)
    problem(api.get(url(sent, "matchen")), status)
    assert refusals(professional) == before + 3


@pytest.mark.parametrize(
    "body",
    [
        {"version": "abc"},
        {"version": -1},
        {"version": [1]},
        {"programme": 12, "note": "x"},
        {"programme": None, "note": None},
        {"programme": "PROGRAMME", "note": "x" * 5001},
    ],
)
def test_odd_bodies_are_400_problems_never_500(client, verbinder, sent, programme, body):
    body = {k: str(programme.uuid) if v == "PROGRAMME" else v for k, v in body.items()}
    api = factories.verified_login(client, verbinder.user)
    step = "matchen" if "programme" in body else "oppakken"
    problem(post(api, url(sent, step), body), 400)
    assert Referral.objects.get(pk=sent.pk).status == rules.SENT
