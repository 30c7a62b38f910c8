"""The consultation's parts beyond asking: the meedenker's own expectations, the contents of the
shared parts of an identified consultation (and nothing of them after a withdrawal or after
`access_until`), and findings namens a meedenker without an account."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Basis, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.coordination import services as case_services
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.werkproces import rules, selectors, services
from ketenzorg.werkproces.models import Finding, MeedenkerExpectation
from tests import factories
from tests.werkproces.test_consultation_screens import detail_url, end_period
from tests.werkproces.test_consultations import ask

ALL_PARTS = ["personalia", "plan", "afspraken", "werkproces"]


@pytest.fixture
def at_external(werkproces, move):
    move(rules.CONTINUE)
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    return werkproces


@pytest.fixture
def no_account(expertise):
    """A meedenker from the sociale kaart who never logs in."""
    professional = factories.make_professional(
        "meedenker", organisation=factories.make_organisation("Proef-Welzijn"), user=False
    )
    professional.expertise.add(expertise)
    return professional


def consent_for(okt, family, recipient, parts=ALL_PARTS):
    kim = family.members.get(given_name="Kim")
    sam = family.members.get(given_name="Sam")
    return consent_services.consent_record(
        actor=okt.user,
        family=family,
        child=kim,
        purpose="consultatie",
        recipient_organisation=recipient.organisation,
        parts=parts,
        child_consented=False,
        parents=[sam],
        method="mondeling",
    )


@pytest.fixture
def dossier(okt, case):
    """A plan and an agreement on the case, so the shared parts have contents."""
    case_services.plan_save(
        actor=okt.user,
        case=case,
        plan=case_services.PlanInput(
            strengths="Moeder zoekt zelf hulp",
            worries="Kim slaapt slecht",
            goals=[case_services.Goal(goal="Kim slaapt weer door", action="Slaapdagboek")],
        ),
    )
    case_services.agreement_add(
        actor=okt.user,
        case=case,
        what="Gesprek met school plannen",
        due_on=timezone.localdate() + timedelta(days=10),
        responsible_organisation=okt.organisation,
    )
    return case


# --- the meedenker's own expectations ----------------------------------------------------------


def test_the_meedenker_adds_expectations_and_nothing_is_lost(okt, case, at_external, outsider):
    consultation = ask(okt, case, outsider)
    first = services.meedenker_expectation_add(
        actor=outsider.user,
        consultation_uuid=consultation.uuid,
        agrees=True,
        text_value="Vooraf de samenvatting van de hulp tot nu toe",
    )
    services.meedenker_expectation_add(
        actor=outsider.user,
        consultation_uuid=consultation.uuid,
        agrees=False,
        text_value="Eén gesprek is te kort; twee graag",
    )
    rows = list(MeedenkerExpectation.objects.filter(consultation=consultation))
    assert [(r.agrees, r.written_by) for r in rows] == [(True, outsider), (False, outsider)]
    assert rows[0] == first and rows[0].text == "Vooraf de samenvatting van de hulp tot nu toe"
    with pytest.raises(PermissionError):
        first.save()
    # Both sides read them.
    for actor in (okt.user, outsider.user):
        view = selectors.consultation_view(actor=actor, consultation_uuid=consultation.uuid)
        assert [e.text for e in view.expectations][1] == "Eén gesprek is te kort; twee graag"
    entry = AuditEntry.objects.filter(object_type="werkproces.MeedenkerExpectation").first()
    assert entry.basis == Basis.CONSULTATION and entry.outcome == Outcome.SUCCESS


def test_only_the_meedenker_records_their_expectations(okt, case, at_external, outsider):
    consultation = ask(okt, case, outsider)
    with pytest.raises(AccessDenied):
        services.meedenker_expectation_add(
            actor=okt.user, consultation_uuid=consultation.uuid, agrees=True, text_value="Namens"
        )
    refused = AuditEntry.objects.get(
        object_type="werkproces.MeedenkerExpectation", outcome=Outcome.DENIED
    )
    assert refused.action == "create"
    with pytest.raises(ValidationFailed) as empty:
        services.meedenker_expectation_add(
            actor=outsider.user, consultation_uuid=consultation.uuid, agrees=True, text_value=" "
        )
    assert "text" in empty.value.field_errors
    end_period(consultation, days_ago=8)
    with pytest.raises(AccessDenied):
        services.meedenker_expectation_add(
            actor=outsider.user,
            consultation_uuid=consultation.uuid,
            agrees=True,
            text_value="Te laat",
        )
    assert not MeedenkerExpectation.objects.exists()


def test_expectations_on_the_page_and_in_the_api(client, okt, case, at_external, outsider):
    consultation = ask(okt, case, outsider)
    web = factories.verified_login(client, outsider.user)
    url = reverse(
        "werkproces:consultation_expectations", kwargs={"consultation_uuid": consultation.uuid}
    )
    page = web.get(detail_url(consultation)).content.decode()
    assert 'action="' + url + '"' in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "two fields with one id: a label points at the wrong one"
    bad = web.post(url, {"verwachting-text": "Iets"})
    assert bad.status_code == 400 and "Kies ja of nee." in bad.content.decode()
    done = web.post(
        url, {"verwachting-agrees": "ja", "verwachting-text": "Terugkoppeling binnen een week"}
    )
    assert done.status_code == 302
    api = factories.verified_login(client, outsider.user)
    created = api.post(
        f"/api/v1/consultaties/{consultation.uuid}/verwachtingen/",
        {"agrees": False, "text": "Liever op dinsdag"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="verwachting-1",
    )
    assert created.status_code == 201 and created.json()["written_by"]["uuid"] == str(outsider.uuid)
    asker = factories.verified_login(client, okt.user)
    shown = asker.get(f"/api/v1/consultaties/{consultation.uuid}/").json()
    assert [e["text"] for e in shown["meedenker_expectations"]] == [
        "Terugkoppeling binnen een week",
        "Liever op dinsdag",
    ]
    # The asker sees them on the page, but gets no form to write them.
    page = asker.get(detail_url(consultation)).content.decode()
    assert "Terugkoppeling binnen een week" in page and 'action="' + url + '"' not in page


# --- the contents of the shared parts -----------------------------------------------------------


def test_identified_shows_the_shared_contents_logged_as_consultation(
    okt, family, dossier, at_external, outsider
):
    consent_for(okt, family, outsider)
    consultation = ask(okt, dossier, outsider, identified=True, parts=ALL_PARTS)
    view = selectors.consultation_view(actor=outsider.user, consultation_uuid=consultation.uuid)
    shared = view.shared
    assert [c.given_name for c in shared.children] == ["Kim"]
    assert shared.plan["sections"]["worries"] == "Kim slaapt slecht"
    assert shared.plan["goals"][0]["goal"] == "Kim slaapt weer door"
    assert [a.what for a in shared.agreements] == ["Gesprek met school plannen"]
    assert [t.to_step for t in shared.steps] == [rules.OKT, rules.INTERNAL, rules.EXTERNAL]
    entry = AuditEntry.objects.filter(object_type="werkproces.ConsultationShare").get()
    assert entry.basis == Basis.CONSULTATION and entry.user_id_snapshot == outsider.user.pk
    assert entry.reason == "gedeelde delen: " + ", ".join(sorted(ALL_PARTS))
    assert family.uuid in {s.subject_uuid for s in entry.subjects.all()}


def test_only_the_parts_shared_are_read(okt, family, dossier, at_external, outsider):
    consent_for(okt, family, outsider, parts=["personalia"])
    consultation = ask(okt, dossier, outsider, identified=True, parts=["personalia"])
    shared = selectors.consultation_view(
        actor=outsider.user, consultation_uuid=consultation.uuid
    ).shared
    assert [c.given_name for c in shared.children] == ["Kim"]
    assert (shared.plan, shared.agreements, shared.steps) == (None, [], [])


def test_after_withdrawal_only_the_anonymous_part(
    client, okt, family, dossier, at_external, outsider
):
    consent = consent_for(okt, family, outsider)
    consultation = ask(okt, dossier, outsider, identified=True, parts=ALL_PARTS)
    consent_services.consent_withdraw(
        actor=okt.user,
        consent_uuid=consent.uuid,
        withdrawn_by=family.members.get(given_name="Sam"),
    )
    view = selectors.consultation_view(actor=outsider.user, consultation_uuid=consultation.uuid)
    assert view.consent_withdrawn and view.shared is None and view.family is None
    assert not AuditEntry.objects.filter(object_type="werkproces.ConsultationShare").exists()
    web = factories.verified_login(client, outsider.user)
    page = web.get(detail_url(consultation)).content.decode()
    assert "Kim slaapt slecht" not in page and "Gesprek met school plannen" not in page
    assert "Een kind van tien met angstklachten" in page  # the summary stays
    api = web.get(f"/api/v1/consultaties/{consultation.uuid}/").json()
    assert api["shared"] is None and api["consent_withdrawn"] and api["family"] is None
    # The asker is told the meedenker no longer sees it, and is not shown the contents either.
    asker = selectors.consultation_view(actor=okt.user, consultation_uuid=consultation.uuid)
    assert asker.consent_withdrawn and asker.shared is None


def test_after_access_until_only_the_anonymous_part(client, okt, family, dossier, at_external):
    colleague_in_org = factories.make_professional("meedenker", organisation=okt.organisation)
    consultation = ask(
        okt, dossier, colleague_in_org, scope="intern", identified=True, parts=ALL_PARTS
    )
    during = selectors.consultation_view(actor=okt.user, consultation_uuid=consultation.uuid)
    assert during.shared is not None and during.shared.children
    end_period(consultation, days_ago=8)
    after = selectors.consultation_view(actor=okt.user, consultation_uuid=consultation.uuid)
    assert after.share_ended and after.shared is None
    api = factories.verified_login(client, okt.user)
    data = api.get(f"/api/v1/consultaties/{consultation.uuid}/").json()
    assert data["share_ended"] and data["shared"] is None
    # The meedenker no longer sees the consultation at all.
    with pytest.raises(AccessDenied):
        selectors.consultation_view(
            actor=colleague_in_org.user, consultation_uuid=consultation.uuid
        )


def test_the_shared_contents_on_the_page_and_in_the_api(
    client, okt, family, dossier, at_external, outsider
):
    consent_for(okt, family, outsider)
    consultation = ask(okt, dossier, outsider, identified=True, parts=ALL_PARTS)
    web = factories.verified_login(client, outsider.user)
    page = web.get(detail_url(consultation)).content.decode()
    for shown in ("Kim Proefmans", "Kim slaapt slecht", "Gesprek met school plannen"):
        assert shown in page
    data = web.get(f"/api/v1/consultaties/{consultation.uuid}/").json()["shared"]
    assert [c["name"] for c in data["children"]] == ["Kim Proefmans"]
    assert data["plan"]["worries"] == "Kim slaapt slecht" and data["level"]
    assert data["agreements"][0]["what"] == "Gesprek met school plannen"
    assert [s["to_step"] for s in data["steps"]] == [rules.OKT, rules.INTERNAL, rules.EXTERNAL]


# --- findings namens a meedenker without an account ---------------------------------------------


def test_findings_namens_a_meedenker_without_an_account(client, okt, case, at_external, no_account):
    consultation = ask(okt, case, no_account)
    finding = services.finding_write_on_behalf(
        actor=okt.user, consultation_uuid=consultation.uuid, text_value="Advies: slaaphygiëne"
    )
    assert (finding.written_by, finding.on_behalf_of) == (okt, no_account)
    entry = AuditEntry.objects.get(object_type="werkproces.Finding", outcome=Outcome.SUCCESS)
    assert entry.reason == "bevindingen namens meedenker zonder account"
    web = factories.verified_login(client, okt.user)
    page = web.get(detail_url(consultation)).content.decode()
    assert f"Namens {no_account.full_name}, vastgelegd door {okt.full_name}" in page
    # The findings count for the joint evaluation.
    services.consultation_evaluate(
        actor=okt.user,
        consultation_uuid=consultation.uuid,
        what_it_yielded="Een concreet advies",
        can_continue_with_existing=True,
        additional_care_clear=False,
    )


def test_findings_namens_through_the_screen_and_the_api(client, okt, case, at_external, no_account):
    consultation = ask(okt, case, no_account)
    web = factories.verified_login(client, okt.user)
    url = reverse(
        "werkproces:consultation_findings_on_behalf",
        kwargs={"consultation_uuid": consultation.uuid},
    )
    assert 'action="' + url + '"' in web.get(detail_url(consultation)).content.decode()
    assert web.post(url, {"text": ""}).status_code == 400
    assert web.post(url, {"text": "Zoals telefonisch doorgegeven"}).status_code == 302
    created = web.post(
        f"/api/v1/consultaties/{consultation.uuid}/bevindingen-namens/",
        {"text": "Tweede gesprek: gaat beter"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="namens-1",
    )
    assert created.status_code == 201
    assert created.json()["on_behalf_of"]["uuid"] == str(no_account.uuid)
    assert Finding.objects.filter(on_behalf_of=no_account).count() == 2


def test_findings_namens_refused_and_logged_when_the_meedenker_has_an_account(
    client, okt, case, at_external, outsider
):
    consultation = ask(okt, case, outsider)
    with pytest.raises(AccessDenied):
        services.finding_write_on_behalf(
            actor=okt.user, consultation_uuid=consultation.uuid, text_value="Namens"
        )
    refused = AuditEntry.objects.get(object_type="werkproces.Finding", outcome=Outcome.DENIED)
    assert (refused.action, refused.reason) == ("create", "meedenker heeft een eigen account")
    web = factories.verified_login(client, okt.user)
    url = reverse(
        "werkproces:consultation_findings_on_behalf",
        kwargs={"consultation_uuid": consultation.uuid},
    )
    assert 'action="' + url + '"' not in web.get(detail_url(consultation)).content.decode()
    assert web.post(url, {"text": "Namens"}).status_code == 403
    api = web.post(
        f"/api/v1/consultaties/{consultation.uuid}/bevindingen-namens/",
        {"text": "Namens"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="namens-2",
    )
    assert api.status_code == 403
    assert not Finding.objects.exists()


def test_findings_namens_refused_for_someone_not_working_the_case(
    okt, case, at_external, no_account
):
    consultation = ask(okt, case, no_account)
    stranger = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        services.finding_write_on_behalf(
            actor=stranger.user, consultation_uuid=consultation.uuid, text_value="Namens"
        )
    end_period(consultation, days_ago=8)
    with pytest.raises(AccessDenied):
        services.finding_write_on_behalf(
            actor=okt.user, consultation_uuid=consultation.uuid, text_value="Te laat"
        )
    assert (
        AuditEntry.objects.filter(object_type="werkproces.Finding", outcome=Outcome.DENIED).count()
        == 2
    )
    assert not Finding.objects.exists()
