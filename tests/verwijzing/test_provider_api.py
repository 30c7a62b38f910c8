"""The provider's API: its list, every step (Idempotency-Key, version → 409, bad input → 400
with nothing written), the refusals (another provider: 404, logged), a withdrawn consent, and
the iJw message as JSON and as XML."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg import ijw
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import DocumentRequest, Referral, ReferralEvent
from tests import factories
from tests.verwijzing.provider_world import *  # noqa: F403
from tests.verwijzing.provider_world import TEST_BSN

PROBLEM = "application/problem+json"


def post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def base(referral):
    return f"/api/v1/verwijzingen/{referral.uuid}/"


@pytest.fixture
def api(client, aanbieder):
    return factories.verified_login(client, aanbieder.user)


def test_the_list_per_group_with_counts(api, forwarded):
    listed = api.get("/api/v1/verwijzingen/aanbieder/")
    assert listed.status_code == 200
    body = listed.json()
    assert body["group"] == "nieuw" and body["counts"] == {"nieuw": 1, "lopend": 0, "afgerond": 0}
    (row,) = body["results"]
    assert row["uuid"] == str(forwarded.uuid) and row["child"]["name"] == "Kim Proefmans"
    assert row["programme"]["name"] == "Proef-Gezinsbegeleiding thuis"
    assert row["voorziening"]["unit"] == "04" and row["version"] == forwarded.version
    assert row["documents"] == {"requested": {}, "released": []}
    bad = api.get("/api/v1/verwijzingen/aanbieder/", {"groep": "alles"})
    assert bad.status_code == 400 and bad["Content-Type"].startswith(PROBLEM)


def test_the_list_of_another_provider_is_empty_and_others_are_refused(
    client, other_aanbieder, okt, forwarded
):
    other = factories.verified_login(client, other_aanbieder.user)
    assert other.get("/api/v1/verwijzingen/aanbieder/").json()["results"] == []
    factories.verified_login(client, okt.user)
    assert client.get("/api/v1/verwijzingen/aanbieder/").status_code == 403


def test_every_step_through_the_api(api, forwarded, kim_bsn):
    url = base(forwarded)
    accepted = post(
        api, url + "accepteren/", {"version": forwarded.version}, **{"Idempotency-Key": "accept-1"}
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == rules.ACCEPTED
    again = post(
        api, url + "accepteren/", {"version": forwarded.version}, **{"Idempotency-Key": "accept-1"}
    )
    assert again.status_code == 200 and again.json() == accepted.json()
    version = accepted.json()["version"]
    Referral.objects.filter(pk=forwarded.pk).update(
        forwarded_at=timezone.now() - timedelta(hours=2)
    )
    contact = post(
        api,
        url + "eerste-contact/",
        {
            "version": version,
            "contacted_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            "note": "Gebeld",
        },
    )
    assert contact.status_code == 200 and contact.json()["status"] == rules.CONTACTED
    start = post(
        api,
        url + "start-zorg/",
        {"version": contact.json()["version"], "on": str(timezone.localdate())},
    )
    assert start.status_code == 200 and start.json()["care_started_on"] == str(timezone.localdate())
    end = post(
        api,
        url + "einde-zorg/",
        {"version": start.json()["version"], "on": str(timezone.localdate()), "reason": "04"},
    )
    assert end.status_code == 200 and end.json()["status"] == rules.ENDED
    event = ReferralEvent.objects.get(referral=forwarded, action=rules.END_CARE)
    assert event.reason == "04 eenzijdig beëindigd door de aanbieder"
    stop = api.get(url + "ijw/JW307/")
    assert stop.status_code == 200
    assert ijw.from_json(stop.json()).reason == ijw.StopReason.BY_PROVIDER
    assert stop.json()["client"]["bsn"] == TEST_BSN
    listed = api.get("/api/v1/verwijzingen/aanbieder/", {"groep": "afgerond"}).json()
    assert listed["counts"]["afgerond"] == 1


def test_bad_input_is_a_400_and_nothing_is_written(api, accepted):
    url = base(accepted)
    future = (timezone.now() + timedelta(days=1)).isoformat()
    for path, body in (
        ("eerste-contact/", {"contacted_at": future}),
        ("eerste-contact/", {"contacted_at": "gisteren"}),
        ("start-zorg/", {"on": "2026-02-30"}),
        ("einde-zorg/", {"on": str(timezone.localdate()), "reason": "77"}),
        ("afwijzen/", {"reason": ""}),
        ("documenten-opvragen/", {"kinds": ["verwijsformat"]}),
        ("documenten-opvragen/", {"kinds": []}),
    ):
        answer = post(api, url + path, body)
        assert answer.status_code == 400, (path, answer.content)
        assert answer["Content-Type"].startswith(PROBLEM)
    assert Referral.objects.get(pk=accepted.pk).status == rules.ACCEPTED
    assert not DocumentRequest.objects.exists()
    assert ReferralEvent.objects.filter(referral=accepted).count() == 5  # up to the accept


def test_a_step_in_the_wrong_state_or_on_an_old_version_is_a_409(api, forwarded):
    url = base(forwarded)
    early = post(api, url + "start-zorg/", {"on": str(timezone.localdate())})
    assert early.status_code == 409 and early["Content-Type"].startswith(PROBLEM)
    stale = post(api, url + "accepteren/", {"version": forwarded.version + 5})
    assert stale.status_code == 409
    stale_docs = post(
        api, url + "documenten-opvragen/", {"version": 0, "kinds": ["perspectiefplan"]}
    )
    assert stale_docs.status_code == 409
    assert Referral.objects.get(pk=forwarded.pk).status == rules.FORWARDED
    assert not DocumentRequest.objects.exists()


def test_decline_and_the_referral_is_gone(api, forwarded):
    url = base(forwarded)
    declined = post(api, url + "afwijzen/", {"reason": "Geen plek", "version": forwarded.version})
    assert declined.status_code == 200 and declined.json() == {
        "uuid": str(forwarded.uuid),
        "status": rules.MATCHING,
    }
    assert api.get("/api/v1/verwijzingen/aanbieder/").json()["results"] == []
    assert post(api, url + "accepteren/", {}).status_code == 404
    assert api.get(url + "ijw/JW301/").status_code == 404


def test_another_provider_gets_404_and_it_is_logged(client, other_aanbieder, forwarded, okt):
    other = factories.verified_login(client, other_aanbieder.user)
    url = base(forwarded)
    for path in ("accepteren/", "afwijzen/", "documenten-opvragen/", "eerste-contact/"):
        assert post(other, url + path, {"reason": "x"}).status_code == 404
    assert other.get(url + "ijw/JW301/").status_code == 404
    assert other.get(url + "ijw/JW301/xml/").status_code == 404
    denied = AuditEntry.objects.filter(
        user_id_snapshot=other_aanbieder.user.pk, outcome=Outcome.DENIED
    )
    assert denied.count() == 6
    factories.verified_login(client, okt.user)
    assert post(client, url + "accepteren/", {}).status_code == 403
    assert Referral.objects.get(pk=forwarded.pk).status == rules.FORWARDED


def test_documents_requested_and_withdrawn_consent(
    api, aanbieder, okt, forwarded, provider_consent, sam
):
    url = base(forwarded)
    made = post(
        api,
        url + "documenten-opvragen/",
        {"kinds": ["perspectiefplan", "voorziening"]},
        **{"Idempotency-Key": "docs-1"},
    )
    assert made.status_code == 201
    assert sorted(r["kind"] for r in made.json()) == ["perspectiefplan", "voorziening"]
    assert all(r["fulfilled_at"] is None for r in made.json())  # both still provisional
    row = api.get("/api/v1/verwijzingen/aanbieder/").json()["results"][0]
    assert set(row["documents"]["requested"]) == {"perspectiefplan", "voorziening"}
    consent_services.consent_withdraw(
        actor=okt.user, consent_uuid=provider_consent.uuid, withdrawn_by=sam, note="Niet meer"
    )
    refused = post(api, url + "documenten-opvragen/", {"kinds": ["perspectiefplan"]})
    assert refused.status_code == 403 and "ingetrokken" in refused.json()["detail"]
    assert DocumentRequest.objects.count() == 2


def test_the_ijw_message_as_json_and_xml(api, kim_bsn, forwarded, okt, client):
    url = base(forwarded)
    as_json = api.get(url + "ijw/JW315/")
    assert as_json.status_code == 200 and as_json.json()["kind"] == "JW315"
    assert "no-store" in as_json["Cache-Control"]
    as_xml = api.get(url + "ijw/JW301/xml/")
    assert as_xml.status_code == 200 and as_xml["Content-Type"] == "application/xml"
    ijw.validate_xml(as_xml.content)
    assert api.get(url + "ijw/JW305/").status_code == 409
    unknown = api.get(url + "ijw/JW999/")
    assert unknown.status_code == 400 and unknown["Content-Type"].startswith(PROBLEM)
    factories.verified_login(client, okt.user)
    assert client.get(url + "ijw/JW301/").status_code == 200  # the case's professional


def test_no_bsn_is_a_409_problem(api, forwarded):
    answer = api.get(base(forwarded) + "ijw/JW301/")
    assert answer.status_code == 409 and "Zonder BSN" in answer.json()["detail"]
