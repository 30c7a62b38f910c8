"""The consent registry's API: the same rules as the screens, problems as RFC 9457, retries safe."""

from __future__ import annotations

import pytest

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import selectors
from ketenzorg.consent.models import Consent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, okt):
    return factories.verified_login(client, okt.user)


def _list_url(family):
    return f"/api/v1/gezinnen/{family.uuid}/toestemmingen/"


def _withdraw_url(consent_uuid):
    return f"/api/v1/toestemmingen/{consent_uuid}/intrekken/"


def _post(client, url, data, **headers):
    return client.post(url, data, content_type="application/json", headers=headers)


def _body(ggz, people, *, children=("Kim",), given_by=("Sam",), **extra):
    body = {
        "purpose": "consultatie",
        "recipient_organisation": str(ggz.uuid),
        "parts": ["plan"],
        "children": [str(people[n].uuid) for n in children],
        "given_by": [str(people[n].uuid) for n in given_by],
        "method": "ondertekend",
    }
    body.update(extra)
    return body


def test_record_list_withdraw_through_the_api(api, family, ggz, people):
    created = _post(
        api,
        _list_url(family),
        _body(ggz, people, children=("Kim", "Noor"), given_by=("Sam", "Noor")),
    )
    assert created.status_code == 201, created.content
    rows = created.json()
    assert {r["child"]["name"] for r in rows} == {"Kim Proefberg", "Noor Proefberg"}
    noor = next(r for r in rows if r["child"]["name"] == "Noor Proefberg")
    assert noor["child_consented"] and noor["given_by"][0]["name"] == "Sam Proefberg"
    listed = api.get(_list_url(family)).json()
    assert len(listed["current"]) == 2 and listed["withdrawn"] == []
    assert any("Jes is 16 of ouder" in r["text"] for r in listed["who_must_consent"])

    withdrawn = _post(api, _withdraw_url(noor["uuid"]), {"withdrawn_by": str(people["Noor"].uuid)})
    assert withdrawn.status_code == 200, withdrawn.content
    assert (
        withdrawn.json()["withdrawn"]
        and withdrawn.json()["withdrawn_by"]["name"] == "Noor Proefberg"
    )
    # At once: the next share of Noor's data is refused, Kim's still covered.
    assert not selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], child=people["Noor"]
    )
    assert selectors.consent_covers(
        family=family, purpose="consultatie", recipient=ggz, parts=["plan"], child=people["Kim"]
    )
    listed = api.get(_list_url(family)).json()
    assert [r["uuid"] for r in listed["withdrawn"]] == [noor["uuid"]] and len(
        listed["current"]
    ) == 1
    again = _post(api, _withdraw_url(noor["uuid"]), {"withdrawn_by": str(people["Sam"].uuid)})
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"


def test_the_age_rules_are_a_400_problem(api, family, ggz, people):
    response = _post(api, _list_url(family), _body(ggz, people, children=("Noor",)))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Vanaf 12 jaar" in str(response.json())
    response = _post(api, _list_url(family), _body(ggz, people, given_by=("Lou",)))
    assert response.status_code == 400 and "zonder gezag" in str(response.json())
    assert not Consent.objects.filter(family=family).exists()


def test_persons_of_another_family_and_bad_shapes_are_400(api, family, ggz, people, okt):
    other = factories.register_family(okt, name="Gezin Anders")
    stranger = other.members.first()
    response = _post(
        api, _list_url(family), _body(ggz, people) | {"children": [str(stranger.uuid)]}
    )
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "children"
    bad = _post(api, _list_url(family), {"purpose": "iets", "children": "geen-lijst"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    both = _post(api, _list_url(family), _body(ggz, people, recipient_role="meedenker"))
    assert both.status_code == 400 and "één ontvanger" in str(both.json())
    assert not Consent.objects.filter(family=family).exists()


def test_idempotency_key_records_once(api, family, ggz, people):
    body = _body(ggz, people)
    first = _post(api, _list_url(family), body, **{"Idempotency-Key": "toestemming-1"})
    retry = _post(api, _list_url(family), body, **{"Idempotency-Key": "toestemming-1"})
    assert first.status_code == retry.status_code == 201
    assert retry["Idempotency-Replayed"] == "true" and retry.json() == first.json()
    assert Consent.objects.filter(family=family).count() == 1


def test_not_involved_is_refused_and_logged(client, family, ggz, people, okt):
    api = factories.verified_login(client, okt.user)
    consent_uuid = _post(api, _list_url(family), _body(ggz, people)).json()[0]["uuid"]
    outsider = factories.make_professional("okt")
    factories.verified_login(client, outsider.user)
    denied = AuditEntry.objects.filter(user_id_snapshot=outsider.user.pk, outcome=Outcome.DENIED)
    assert client.get(_list_url(family)).status_code == 403
    assert _post(client, _list_url(family), _body(ggz, people)).status_code == 403
    assert _post(client, _withdraw_url(consent_uuid), {"withdrawn_by": "x"}).status_code == 403
    assert denied.count() == 3
    assert not Consent.objects.get(uuid=consent_uuid).is_withdrawn
