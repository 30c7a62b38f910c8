"""The GKP-overleg API: the AJH-verbinder's meetings and planning (Idempotency-Key), the agenda
(no family on an anonymous item), agenderen for a case (consent refused as a Dutch 400), the
outcome once and its correction, withdrawing, and the refusals of another stadsdeel."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.werkproces.models import GkpItem, GkpMeeting
from tests import factories
from tests.werkproces.gkp_world import *  # noqa: F403 (its fixtures)
from tests.werkproces.gkp_world import add_item, held


def post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def item_body(meeting, **extra):
    return {
        "meeting": str(meeting.uuid),
        "question": "Welke hulp past bij de somberheid?",
        "summary": "Kind van tien, somber sinds een half jaar.",
        **extra,
    }


def test_the_verbinder_lists_and_plans_with_an_idempotency_key(
    client, verbinder, stadsdeel, meetings
):
    api = factories.verified_login(client, verbinder.user)
    listed = api.get("/api/v1/gkp-overleggen/")
    assert listed.status_code == 200
    assert [m["uuid"] for m in listed.json()] == [str(m.uuid) for m in meetings]
    body = {
        "stadsdeel": str(stadsdeel.uuid),
        "first": (timezone.localdate() + timedelta(days=9)).isoformat(),
        "at": "09:30",
        "every_weeks": 4,
        "count": 2,
        "location": "Buurthuis",
    }
    first = post(api, "/api/v1/gkp-overleggen/", body, **{"Idempotency-Key": "plan-1"})
    again = post(api, "/api/v1/gkp-overleggen/", body, **{"Idempotency-Key": "plan-1"})
    assert first.status_code == 201 and len(first.json()) == 2
    assert again.status_code == 201 and again.json() == first.json()
    assert GkpMeeting.objects.count() == 5
    bad = post(api, "/api/v1/gkp-overleggen/", {**body, "count": 99})
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")


def test_agenderen_for_a_case_and_the_agenda_without_the_family(
    client, okt, case, at_ajh, meeting, verbinder, family_in_gebied
):
    api = factories.verified_login(client, okt.user)
    meetings = api.get(f"/api/v1/casussen/{case.uuid}/gkp-overleggen/")
    assert meetings.status_code == 200 and meetings.json()[0]["uuid"] == str(meeting.uuid)
    created = post(
        api,
        f"/api/v1/casussen/{case.uuid}/gkp-agendapunten/",
        item_body(meeting),
        **{"Idempotency-Key": "punt-1"},
    )
    assert created.status_code == 201, created.content
    assert created.json()["case"] == str(case.uuid)
    refused = post(
        api,
        f"/api/v1/casussen/{case.uuid}/gkp-agendapunten/",
        item_body(meeting, identified=True, shared_parts=["personalia"]),
    )
    assert refused.status_code == 400
    assert "toestemming van het gezin voor het GKP-overleg" in refused.content.decode()
    assert GkpItem.objects.count() == 1
    factories.verified_login(client, verbinder.user)
    agenda = client.get(f"/api/v1/gkp-overleggen/{meeting.uuid}/")
    assert agenda.status_code == 200
    (row,) = agenda.json()["items"]
    assert row["family"] is None and row["family_name"] is None and row["case"] is None
    assert family_in_gebied.name not in agenda.content.decode()


def test_the_outcome_once_then_a_correction(client, okt, case, at_ajh, meeting, verbinder):
    item = add_item(okt, case, meeting)
    api = factories.verified_login(client, verbinder.user)
    url = f"/api/v1/gkp-agendapunten/{item.uuid}/uitkomsten/"
    body = {"advice": "Jeugd-GGZ", "ajh_kind": "jeugd_ggz", "follow_up_by": str(verbinder.uuid)}
    assert post(api, url, body).status_code == 409  # not held yet
    held(meeting)
    first = post(api, url, body)
    assert first.status_code == 201
    assert post(api, url, body).status_code == 409
    corrected = post(api, url, {**body, "ajh_kind": "lvb", "correction_reason": "Verkeerde soort"})
    assert corrected.status_code == 201 and corrected.json()["corrects"] == first.json()["uuid"]
    seen = api.get(f"/api/v1/gkp-agendapunten/{item.uuid}/").json()
    assert [o["ajh_kind"] for o in seen["outcomes"]] == ["jeugd_ggz", "lvb"]
    assert seen["status"] == "besproken"


def test_withdraw_through_the_api(client, okt, case, at_ajh, meeting):
    item = add_item(okt, case, meeting)
    api = factories.verified_login(client, okt.user)
    url = f"/api/v1/gkp-agendapunten/{item.uuid}/intrekken/"
    assert post(api, url, {}).status_code == 400
    done = post(api, url, {"reason": "Het gezin koos zelf een aanbieder."})
    assert done.status_code == 200 and done.json()["status"] == "ingetrokken"


def test_another_stadsdeel_and_an_outsider_are_refused_and_logged(
    client, okt, case, at_ajh, meeting, other_verbinder
):
    item = add_item(okt, case, meeting)
    api = factories.verified_login(client, other_verbinder.user)
    assert api.get(f"/api/v1/gkp-overleggen/{meeting.uuid}/").status_code == 403
    assert api.get(f"/api/v1/gkp-agendapunten/{item.uuid}/").status_code == 403
    assert api.get("/api/v1/gkp-overleggen/").json() == []
    assert (
        AuditEntry.objects.filter(
            user_id_snapshot=other_verbinder.user.pk, outcome=Outcome.DENIED
        ).count()
        == 2
    )
    stranger = factories.make_professional("okt")
    factories.verified_login(client, stranger.user)
    assert client.get("/api/v1/gkp-overleggen/").status_code == 403
    assert (
        post(
            client, f"/api/v1/casussen/{case.uuid}/gkp-agendapunten/", item_body(meeting)
        ).status_code
        == 403
    )
