"""The professional's referral API: the perspectiefplan in versions (409 on a stale save), the
voorziening, the referral from draft to sent, the ONE view for every party and the document as
PDF. Bad input is a Dutch 400 problem with nothing written; a colleague not involved a logged
403; another provider a 404."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import (
    DocumentDelivery,
    DocumentKind,
    PerspectiefplanVersion,
    Referral,
    Voorziening,
)
from tests import factories
from tests.verwijzing.conftest import COMPLETION

API = "/api/v1"


def send(client, method, url, data=None, **headers):
    return getattr(client, method)(
        url, data or {}, content_type="application/json", headers=headers
    )


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    return response.json()


def test_the_plan_is_saved_in_versions_and_a_stale_save_is_409(client, okt, case, pplan, kim):
    api = factories.verified_login(client, okt.user)
    url = f"{API}/casussen/{case.uuid}/perspectiefplan/"
    listed = api.get(url)
    assert listed.status_code == 200 and [v["number"] for v in listed.json()] == [1]
    body = {
        "family_question": "Kim wil weer slapen",
        "analysis": [{"member": str(kim.uuid), "domains": {"school": "Mist lessen"}}],
        "agreements": [{"action": "Begeleiding", "results": "Kim gaat naar school"}],
        "based_on": 1,
    }
    made = send(api, "post", url, body, **{"Idempotency-Key": "plan-2"})
    again = send(api, "post", url, body, **{"Idempotency-Key": "plan-2"})
    assert made.status_code == 201 and made.json()["number"] == 2
    assert again.status_code == 201 and again.json() == made.json()
    stale = problem(send(api, "post", url, body), 409)
    assert "nieuwere versie" in stale["detail"]
    assert PerspectiefplanVersion.objects.filter(case=case).count() == 2
    compare = api.get(f"{url}vergelijken/", {"van": 1, "naar": 2})
    assert compare.status_code == 200
    changes = {line["change"] for line in compare.json()}
    assert {"verwijderd", "toegevoegd"} <= changes
    pdf = api.get(f"{url}2/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("attachment;")


def test_bad_plan_input_is_a_dutch_400_and_nothing_is_written(client, okt, case, at_referral):
    api = factories.verified_login(client, okt.user)
    url = f"{API}/casussen/{case.uuid}/perspectiefplan/"
    empty = problem(send(api, "post", url, {"family_question": ""}), 400)
    assert "hulpvraag" in str(empty)
    stranger_member = problem(
        send(
            api,
            "post",
            url,
            {"family_question": "Vraag", "analysis": [{"member": "x", "domains": {"wonen": "t"}}]},
        ),
        400,
    )
    assert "Kies een gezinslid van dit gezin." in str(stranger_member)
    assert not PerspectiefplanVersion.objects.filter(case=case).exists()


def test_making_the_plan_definitive_over_the_api(client, okt, case, pplan):
    api = factories.verified_login(client, okt.user)
    url = f"{API}/casussen/{case.uuid}/perspectiefplan/1/definitief/"
    problem(send(api, "post", url, {"family_agreement": "mondeling"}), 400)
    done = send(
        api,
        "post",
        url,
        {"family_agreed_on": timezone.localdate().isoformat(), "family_agreement": "ondertekend"},
    )
    assert done.status_code == 200 and done.json()["status"] == "definitief"


def test_a_colleague_not_involved_is_refused_and_logged(client, case, pplan, draft):
    stranger = factories.make_professional("okt", organisation=factories.make_organisation())
    api = factories.verified_login(client, stranger.user)
    before = AuditEntry.objects.filter(
        user_id_snapshot=stranger.user.pk, outcome=Outcome.DENIED
    ).count()
    problem(api.get(f"{API}/casussen/{case.uuid}/perspectiefplan/"), 403)
    problem(send(api, "post", f"{API}/casussen/{case.uuid}/voorzieningen/", {}), 403)
    problem(api.get(f"{API}/verwijzingen/{draft.uuid}/"), 403)
    problem(send(api, "put", f"{API}/verwijzingen/{draft.uuid}/verwijsformat/", {}), 403)
    after = AuditEntry.objects.filter(
        user_id_snapshot=stranger.user.pk, outcome=Outcome.DENIED
    ).count()
    assert after == before + 4


def voorziening_body(kim, **extra):
    today = timezone.localdate()
    return {
        "child": str(kim.uuid),
        "form": "natura",
        "ijw_category": "45",
        "volume": 2,
        "unit": "04",
        "frequency": "2",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=60)).isoformat(),
        **extra,
    }


def test_the_voorziening_over_the_api(client, okt, case, kim, at_referral):
    api = factories.verified_login(client, okt.user)
    url = f"{API}/casussen/{case.uuid}/voorzieningen/"
    too_long = voorziening_body(
        kim, ends_on=(timezone.localdate() + timedelta(days=400)).isoformat()
    )
    bad = problem(send(api, "post", url, too_long), 400)
    assert "hoogstens een jaar" in str(bad)
    wrong_unit = problem(send(api, "post", url, voorziening_body(kim, unit="99")), 400)
    assert "Kies een eenheid." in str(wrong_unit)
    assert not Voorziening.objects.filter(case=case).exists()
    made = send(api, "post", url, voorziening_body(kim))
    assert made.status_code == 201 and made.json()["status"] == "voorlopig"
    detail = f"{API}/voorzieningen/{made.json()['uuid']}/"
    changed = send(api, "put", detail, {**voorziening_body(kim, volume=3), "version": 1})
    assert changed.status_code == 200 and len(changed.json()["history"]) == 2
    problem(send(api, "put", detail, {**voorziening_body(kim, volume=4), "version": 1}), 409)
    definitive = send(api, "post", f"{detail}definitief/", {"version": 2})
    assert definitive.status_code == 200 and definitive.json()["status"] == "definitief"
    no_reason = problem(
        send(api, "put", detail, {**voorziening_body(kim, volume=5), "version": 3}), 400
    )
    assert "Schrijf op waarom" in str(no_reason)


def test_the_referral_from_draft_to_sent_over_the_api(
    client, okt, case, kim, provision, pplan, stadsdeel, gkp_consent, verbinder
):
    api = factories.verified_login(client, okt.user)
    url = f"{API}/casussen/{case.uuid}/verwijzingen/"
    body = {
        "child": str(kim.uuid),
        "voorziening": str(provision.uuid),
        "request_kind": "match",
        "stadsdeel": str(stadsdeel.uuid),
    }
    bad = problem(send(api, "post", url, {**body, "request_kind": "iets"}), 400)
    assert "Kies een aanbieder of vraag het gebiedsknooppunt om een match." in str(bad)
    made = send(api, "post", url, body)
    assert made.status_code == 201, made.content
    referral = made.json()
    assert referral["party"] == "professional" and "safety" in referral["missing"]
    detail = f"{API}/verwijzingen/{referral['uuid']}/"
    incomplete = problem(send(api, "post", f"{detail}verzenden/", {}), 400)
    assert "niet compleet" in incomplete["detail"]
    assert Referral.objects.get(uuid=referral["uuid"]).status == rules.DRAFT
    unknown = problem(send(api, "put", f"{detail}verwijsformat/", {"form": {"x": "y"}}), 400)
    assert "Onbekende velden" in str(unknown)
    saved = send(api, "put", f"{detail}verwijsformat/", {"form": COMPLETION, "version": 0})
    assert saved.status_code == 200 and saved.json()["missing"] in ([], ["consents"])
    problem(send(api, "put", f"{detail}verwijsformat/", {"form": COMPLETION, "version": 0}), 409)
    sent = send(api, "post", f"{detail}verzenden/", {"version": saved.json()["version"]})
    assert sent.status_code == 200 and sent.json()["status"] == rules.SENT
    listed = api.get(url).json()
    assert listed[0]["sent_at"] is not None
    seen = factories.verified_login(client, verbinder.user).get(detail)
    assert seen.status_code == 200 and seen.json()["party"] == "verbinder"
    assert seen.json()["case"] is None


def test_withdrawing_over_the_api_needs_a_reason(client, okt, sent):
    api = factories.verified_login(client, okt.user)
    url = f"{API}/verwijzingen/{sent.uuid}/intrekken/"
    problem(send(api, "post", url, {"reason": ""}), 400)
    done = send(api, "post", url, {"reason": "Het gezin ziet ervan af"})
    assert done.status_code == 200 and done.json()["status"] == rules.WITHDRAWN


def test_the_document_as_pdf_and_another_provider_gets_404(
    client, aanbieder, other_aanbieder, forwarded
):
    document = forwarded.documents.get(kind=DocumentKind.FORM)
    api = factories.verified_login(client, aanbieder.user)
    response = api.get(f"{API}/verwijzing-documenten/{document.uuid}/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert DocumentDelivery.objects.filter(document=document).count() == 1
    other = factories.verified_login(client, other_aanbieder.user)
    problem(other.get(f"{API}/verwijzing-documenten/{document.uuid}/"), 404)
