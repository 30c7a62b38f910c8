"""The referral chain through the real services: professional → gebiedsknooppunt → provider,
each step by its own party, refusals logged, times recorded, the history replaying."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.core.errors import AccessDenied, Conflict, NotFound, ValidationFailed
from ketenzorg.core.queue import run_queued
from ketenzorg.verwijzing import rules, selectors
from ketenzorg.verwijzing.models import DocumentKind, DocumentState, ReferralEvent
from ketenzorg.verwijzing.services import referral as services
from tests.verwijzing.conftest import COMPLETION


def refusals(actor, object_type="verwijzing.Referral"):
    return AuditEntry.objects.filter(
        user_id_snapshot=actor.user.pk, outcome=Outcome.DENIED, object_type=object_type
    ).count()


def test_the_draft_is_filled_from_the_dossier(draft, kim, okt):
    form = draft.form
    assert form["child_name"] == "Kim Proefmans"
    assert form["child_birthdate"] == "01-05-2015"
    assert "Sam Proefmans (met gezag)" in form["parents"]
    assert okt.organisation.name in form["referrer"]
    assert "rustig slaapt" in form["question"]
    assert "Angstig" in form["analysis"] and "vijf nachten" in form["results"]
    assert "meedenker" in form["ajh_decision"]
    assert "45 jeugdhulp ambulant" in form["provision"]
    missing = {f.key for f in rules.missing_fields(form)}
    assert {"family_contact", "safety", "urgency", "consents"} <= missing


def test_the_consents_come_from_the_registry_never_from_the_form(okt, draft):
    with pytest.raises(ValidationFailed):
        services.referral_form_save(
            actor=okt.user, referral_uuid=draft.uuid, form={"consents": "mondeling ja"}
        )


def test_an_incomplete_verwijsformat_is_not_sent(okt, draft, gkp_consent):
    with pytest.raises(ValidationFailed) as refused:
        services.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    assert {"family_contact", "safety", "urgency"} <= set(refused.value.field_errors)
    draft.refresh_from_db()
    assert draft.status == rules.DRAFT and not draft.events.exists()


def test_no_consent_for_the_gebiedsknooppunt_nothing_is_sent(okt, draft):
    services.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    with pytest.raises(ValidationFailed, match="toestemming"):
        services.referral_send(actor=okt.user, referral_uuid=draft.uuid)
    draft.refresh_from_db()
    assert draft.status == rules.DRAFT


def test_the_whole_chain_with_a_decline_and_the_times_between_the_steps(
    okt, verbinder, aanbieder, other_aanbieder, sent, programme, other_programme, provider_consent,
    consent_for, other_provider,
):  # fmt: skip
    assert sent.status == rules.SENT and sent.sent_at is not None
    form_doc = sent.documents.get(kind=DocumentKind.FORM)
    assert form_doc.state == DocumentState.READY and not form_doc.released_to_provider
    services.referral_take(actor=verbinder.user, referral_uuid=sent.uuid)
    # the verbinder matched the other provider first; it declines
    consent_for(recipient_organisation=other_provider)
    services.referral_match(
        actor=verbinder.user, referral_uuid=sent.uuid, programme=other_programme, note="Eerst hier"
    )
    services.referral_forward(actor=verbinder.user, referral_uuid=sent.uuid)
    services.referral_decline(
        actor=other_aanbieder.user, referral_uuid=sent.uuid, reason="Geen plek tot maart"
    )
    sent.refresh_from_db()
    assert sent.status == rules.MATCHING and sent.provider is None
    with pytest.raises(NotFound):  # its access ended with the decline
        selectors.referral_view(actor=other_aanbieder.user, referral_uuid=sent.uuid)
    services.referral_match(
        actor=verbinder.user, referral_uuid=sent.uuid, programme=programme, note="Start in 3 weken"
    )
    services.referral_forward(actor=verbinder.user, referral_uuid=sent.uuid)
    services.referral_accept(actor=aanbieder.user, referral_uuid=sent.uuid)
    services.referral_first_contact(
        actor=aanbieder.user, referral_uuid=sent.uuid, contacted_at=timezone.now()
    )
    services.referral_start_care(
        actor=aanbieder.user, referral_uuid=sent.uuid, on=timezone.localdate()
    )
    services.referral_end_care(
        actor=aanbieder.user,
        referral_uuid=sent.uuid,
        on=timezone.localdate() + timedelta(days=1),
        reason="Doelen bereikt",
    )
    sent.refresh_from_db()
    assert sent.status == rules.ENDED
    assert sent.sent_at <= sent.matched_at <= sent.forwarded_at <= sent.accepted_at
    assert sent.first_contact_at is not None and sent.assignment_number
    history = list(ReferralEvent.objects.filter(referral=sent).values_list("action", "party"))
    assert rules.replay(history) == sent.status
    assert [a for a, _ in history].count(rules.DECLINE) == 1


def test_each_step_belongs_to_its_party_and_a_wrong_one_is_refused_and_logged(
    okt, verbinder, aanbieder, sent
):
    before = refusals(okt)
    with pytest.raises(AccessDenied):
        services.referral_take(actor=okt.user, referral_uuid=sent.uuid)
    assert refusals(okt) == before + 1
    with pytest.raises(ValidationFailed):  # a withdrawal says why
        services.referral_withdraw(actor=okt.user, referral_uuid=sent.uuid, reason="")
    with pytest.raises(Conflict):  # the draft's form is frozen once sent
        services.referral_form_save(actor=okt.user, referral_uuid=sent.uuid, form={"urgency": "x"})
    # a provider it was never forwarded to: as if it did not exist, and logged
    before = refusals(aanbieder)
    with pytest.raises(NotFound):
        services.referral_accept(actor=aanbieder.user, referral_uuid=sent.uuid)
    with pytest.raises(NotFound):
        selectors.referral_view(actor=aanbieder.user, referral_uuid=sent.uuid)
    assert refusals(aanbieder) == before + 2


def test_a_verbinder_of_another_stadsdeel_cannot_see_it(other_verbinder, sent):
    before = refusals(other_verbinder)
    with pytest.raises(AccessDenied):
        selectors.referral_view(actor=other_verbinder.user, referral_uuid=sent.uuid)
    assert refusals(other_verbinder) == before + 1
    inbox = selectors.inbox_for(actor=other_verbinder.user)
    assert all(not rows for rows in inbox.columns.values())


def test_the_verbinder_sees_it_in_the_inbox_and_never_a_draft(verbinder, draft, sent):
    inbox = selectors.inbox_for(actor=verbinder.user)
    assert [r.pk for r in inbox.columns["nieuw"]] == [sent.pk]


def test_forwarding_needs_the_consent_for_the_provider(verbinder, sent, programme):
    services.referral_match(
        actor=verbinder.user, referral_uuid=sent.uuid, programme=programme, note="Kan starten"
    )
    with pytest.raises(ValidationFailed, match="toestemming"):
        services.referral_forward(actor=verbinder.user, referral_uuid=sent.uuid)
    sent.refresh_from_db()
    assert sent.status == rules.MATCHED


def test_a_withdrawn_consent_stops_the_providers_access_to_documents_at_once(
    okt, aanbieder, forwarded, provider_consent, sam
):
    view = selectors.referral_view(actor=aanbieder.user, referral_uuid=forwarded.uuid)
    assert view.documents_open and [d.kind for d in view.documents] == [DocumentKind.FORM]
    from ketenzorg.verwijzing.services import documents

    document, data = documents.document_open(
        actor=aanbieder.user, document_uuid=view.documents[0].uuid
    )
    assert data.startswith(b"%PDF")
    consent_services.consent_withdraw(
        actor=okt.user,
        consent_uuid=provider_consent.uuid,
        withdrawn_by=sam,
        note="Het gezin wil dit niet meer",
    )
    before = refusals(aanbieder, "verwijzing.ReferralDocument")
    with pytest.raises(AccessDenied):
        documents.document_open(actor=aanbieder.user, document_uuid=document.uuid)
    assert refusals(aanbieder, "verwijzing.ReferralDocument") == before + 1
    assert not selectors.referral_view(
        actor=aanbieder.user, referral_uuid=forwarded.uuid
    ).documents_open
    # what the provider already had stays recorded
    assert document.deliveries.filter(organisation=aanbieder.organisation).count() == 1


def test_the_provider_gets_the_definitive_plan_when_it_is_made_definitive(
    okt, aanbieder, forwarded, case, pplan
):
    from ketenzorg.verwijzing.services import documents, plan

    documents.documents_request(
        actor=aanbieder.user, referral_uuid=forwarded.uuid, kinds=[DocumentKind.PLAN]
    )
    request = forwarded.requests.get()
    assert request.fulfilled_at is None  # the plan is still a concept
    plan.perspectiefplan_make_definitive(
        actor=okt.user,
        case=case,
        number=pplan.number,
        family_agreed_on=timezone.localdate(),
        family_agreement="ondertekend",
    )
    run_queued()
    request.refresh_from_db()
    assert request.fulfilled_at is not None
    assert request.document.released_to_provider
    assert request.document.state == DocumentState.READY
    _, data = documents.document_open(actor=aanbieder.user, document_uuid=request.document.uuid)
    assert data.startswith(b"%PDF")


def test_the_verwijsformat_is_encrypted_in_the_database(sent, kim):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT form FROM verwijzing_referral WHERE id = %s", [sent.pk])
        (stored,) = cursor.fetchone()
    # the family name, not the three-letter given name: base64 ciphertext can hold "Kim" by chance
    assert "999990019" not in stored and kim.family_name not in stored
    assert kim.family_name in sent.form["child_name"]
    sent.refresh_from_db()
    assert sent.form["child_bsn"] == "999990019"
