"""The consultation API: proposals without family data, asking (and the consent refusal),
the meedenker's list and view, findings by the meedenker only, the joint evaluation once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import Consultation
from tests import factories
from tests.werkproces.test_consultation_screens import end_period


@pytest.fixture
def at_internal(werkproces, move):
    move(rules.CONTINUE)
    return werkproces


@pytest.fixture
def at_external(at_internal, move):
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    return at_internal


def post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def body(meedenker, **extra):
    return {
        "kind": "meedoen",
        "scope": "intern",
        "meedenker": str(meedenker.uuid),
        "question": "Hoe helpen we moeder met de angst van het kind?",
        "summary": "Een kind van tien met angstklachten",
        "expects_of_meedenker": "Mee op huisbezoek",
        "expects_of_professional": "Een samenvatting vooraf",
        "ends_at": (timezone.now() + timedelta(days=20)).isoformat(),
        **extra,
    }


def test_proposals_name_colleagues_and_no_family(
    client, okt, case, family, at_internal, colleague, outsider, expertise
):
    api = factories.verified_login(client, okt.user)
    url = f"/api/v1/casussen/{case.uuid}/meedenkers/"
    by_name = api.get(url, {"expertise": "oggz", "scope": "intern"})
    by_uuid = api.get(url, {"expertise": str(expertise.uuid), "scope": "intern"})
    assert by_name.status_code == 200 and by_name.json() == by_uuid.json()
    (row,) = by_name.json()
    assert row["uuid"] == str(colleague.uuid) and row["expertise"] == ["OGGZ"]
    assert set(row) == {
        "uuid",
        "name",
        "organisation",
        "team",
        "expertise",
        "available_now",
        "availability_note",
        "available_from",
        "has_account",
    }
    assert family.name not in by_name.content.decode()
    extern = api.get(url, {"expertise": "OGGZ", "scope": "extern"}).json()
    assert [r["uuid"] for r in extern] == [str(colleague.uuid), str(outsider.uuid)]
    bad = api.get(url, {"expertise": "bestaat niet", "scope": "intern"})
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "expertise"
    assert api.get(url, {"expertise": "OGGZ", "scope": "x"}).status_code == 400


def test_a_professional_not_involved_gets_no_proposals_and_cannot_ask(
    client, case, at_internal, colleague
):
    stranger = factories.make_professional("okt")
    api = factories.verified_login(client, stranger.user)
    base = f"/api/v1/casussen/{case.uuid}/"
    assert (
        api.get(base + "meedenkers/", {"expertise": "OGGZ", "scope": "intern"}).status_code == 403
    )
    assert post(api, base + "consultaties/", body(colleague)).status_code == 403
    assert not Consultation.objects.exists()
    refused = AuditEntry.objects.filter(user_id_snapshot=stranger.user.pk, outcome=Outcome.DENIED)
    assert refused.count() == 2


def test_the_whole_consultation_through_the_api(client, okt, case, at_internal, colleague):
    api = factories.verified_login(client, okt.user)
    asked = body(colleague)
    created = post(
        api,
        f"/api/v1/casussen/{case.uuid}/consultaties/",
        asked,
        **{"Idempotency-Key": "k1"},
    )
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    assert created.json()["family"] == str(case.family.uuid)  # the asker sees the family
    again = post(
        api,
        f"/api/v1/casussen/{case.uuid}/consultaties/",
        asked,
        **{"Idempotency-Key": "k1"},
    )
    assert again.status_code == 201 and again.json()["uuid"] == uuid
    assert Consultation.objects.count() == 1
    assert post(api, f"/api/v1/consultaties/{uuid}/bevindingen/", {"text": "x"}).status_code == 403
    evaluation = {
        "what_it_yielded": "Een plan",
        "can_continue_with_existing": True,
        "additional_care_clear": False,
    }
    early = post(api, f"/api/v1/consultaties/{uuid}/evaluatie/", evaluation)
    assert early.status_code == 409
    client.logout()

    api = factories.verified_login(client, colleague.user)
    mine = api.get("/api/v1/consultaties/").json()
    assert [row["uuid"] for row in mine] == [uuid]
    seen = api.get(f"/api/v1/consultaties/{uuid}/").json()
    assert seen["as_meedenker"] and seen["family"] is None and seen["shared_parts"] == []
    assert post(api, f"/api/v1/consultaties/{uuid}/bevindingen/", {"text": ""}).status_code == 400
    finding = post(api, f"/api/v1/consultaties/{uuid}/bevindingen/", {"text": "Huisbezoek gedaan"})
    assert finding.status_code == 201 and finding.json()["written_by"]["uuid"] == str(
        colleague.uuid
    )
    assert post(api, f"/api/v1/consultaties/{uuid}/evaluatie/", evaluation).status_code == 403
    client.logout()

    api = factories.verified_login(client, okt.user)
    done = post(api, f"/api/v1/consultaties/{uuid}/evaluatie/", evaluation)
    assert done.status_code == 201 and done.json()["can_continue_with_existing"] is True
    assert post(api, f"/api/v1/consultaties/{uuid}/evaluatie/", evaluation).status_code == 409
    detail = api.get(f"/api/v1/consultaties/{uuid}/").json()
    assert detail["evaluation"]["what_it_yielded"] == "Een plan"
    assert [f["text"] for f in detail["findings"]] == ["Huisbezoek gedaan"]


def test_identified_outside_without_consent_is_a_400_on_identified(
    client, okt, case, at_external, outsider
):
    api = factories.verified_login(client, okt.user)
    data = body(outsider, scope="extern", identified=True, shared_parts=["plan"])
    refused = post(api, f"/api/v1/casussen/{case.uuid}/consultaties/", data)
    assert refused.status_code == 400
    (param,) = refused.json()["invalid_params"]
    assert param["name"] == "identified" and "toestemming" in param["reason"]
    assert not Consultation.objects.exists()


def test_after_the_grace_the_meedenker_loses_the_consultation(
    client, okt, case, at_internal, colleague
):
    api = factories.verified_login(client, okt.user)
    uuid = post(api, f"/api/v1/casussen/{case.uuid}/consultaties/", body(colleague)).json()["uuid"]
    end_period(Consultation.objects.get(uuid=uuid), days_ago=8)
    client.logout()
    api = factories.verified_login(client, colleague.user)
    assert api.get("/api/v1/consultaties/").json() == []
    assert api.get(f"/api/v1/consultaties/{uuid}/").status_code == 403
    assert (
        post(api, f"/api/v1/consultaties/{uuid}/bevindingen/", {"text": "Te laat"}).status_code
        == 403
    )
