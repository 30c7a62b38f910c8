"""The professional's referral screens: the case's overview, the perspectiefplan in versions,
the voorziening, the referral from draft to sent or withdrawn, the ONE referral page for every
party, and the documents behind a personal, expiring link. Bad input is a 400 with a Dutch
message and nothing written; a stale version a 409."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.coordination.models import CaseEvent, EventKind
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import (
    DocumentDelivery,
    DocumentKind,
    PerspectiefplanVersion,
    PlanStatus,
    Referral,
    Voorziening,
    VoorzieningStatus,
)
from ketenzorg.verwijzing.services import referral as referral_services
from tests import factories
from tests.verwijzing.conftest import COMPLETION


def login(client, professional):
    return factories.verified_login(client, professional.user)


def denied(professional) -> int:
    return AuditEntry.objects.filter(
        user_id_snapshot=professional.user.pk, outcome=Outcome.DENIED
    ).count()


def plan_post(number=None, **extra):
    data = {
        "family_question": "Kim wil weer slapen en naar school.",
        "analysis_rows": "1",
        "agreement_rows": "1",
        "agreement-0-action": "Gezinsbegeleiding thuis",
        "agreement-0-results": "Kim slaapt door",
    }
    if number is not None:
        data["based_on"] = str(number)
    data.update(extra)
    return data


def test_the_overview_shows_plan_voorziening_and_referral_and_is_linked(
    client, okt, case, pplan, provision, draft
):
    login(client, okt)
    page = client.get(reverse("verwijzing:case_referrals", args=[case.uuid]))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("verwijzing:plan_version", args=[case.uuid, pplan.number]) in html
    assert reverse("verwijzing:voorziening", args=[provision.uuid]) in html
    assert reverse("verwijzing:referral", args=[draft.uuid]) in html
    assert reverse("verwijzing:referral_new", args=[case.uuid]) in html
    overview = reverse("verwijzing:case_referrals", args=[case.uuid])
    assert overview in client.get(reverse("werkproces:case", args=[case.uuid])).content.decode()
    assert overview in client.get(reverse("coordination:detail", args=[case.uuid])).content.decode()


def test_a_colleague_not_involved_is_refused_and_it_is_logged(client, case, draft, okt_org):
    stranger = factories.make_professional("okt", organisation=factories.make_organisation())
    login(client, stranger)
    before = denied(stranger)
    assert client.get(reverse("verwijzing:case_referrals", args=[case.uuid])).status_code == 403
    assert client.get(reverse("verwijzing:referral", args=[draft.uuid])).status_code == 403
    response = client.post(reverse("verwijzing:plan_edit", args=[case.uuid]), plan_post())
    assert response.status_code == 403
    assert denied(stranger) == before + 3
    assert PerspectiefplanVersion.objects.filter(case=case).count() == 1  # the draft's plan


def test_saving_the_plan_writes_a_new_version(client, okt, case, pplan, kim):
    login(client, okt)
    form = client.get(reverse("verwijzing:plan_edit", args=[case.uuid]))
    assert form.status_code == 200
    assert "Angstig, slaapt slecht" in form.content.decode()  # the rows of the latest version
    data = plan_post(
        pplan.number,
        **{
            "analysis_rows": "2",
            "analysis-0-member": str(kim.uuid),
            "analysis-0-domain": "school",
            "analysis-0-text": "Mist lessen",
        },
    )
    response = client.post(reverse("verwijzing:plan_edit", args=[case.uuid]), data)
    assert response.status_code == 302
    latest = PerspectiefplanVersion.objects.filter(case=case).order_by("-number").first()
    assert latest.number == 2 and latest.analysis[0]["domains"] == {"school": "Mist lessen"}
    assert pplan.__class__.objects.get(pk=pplan.pk).family_question != latest.family_question


def test_a_stale_plan_is_refused_with_409_and_nothing_written(client, okt, case, pplan):
    login(client, okt)
    url = reverse("verwijzing:plan_edit", args=[case.uuid])
    assert client.post(url, plan_post(pplan.number)).status_code == 302
    stale = client.post(url, plan_post(pplan.number))  # the colleague's newer version won
    assert stale.status_code == 409
    assert "nieuwere versie" in stale.content.decode()
    assert PerspectiefplanVersion.objects.filter(case=case).count() == 2


def test_bad_plan_input_is_400_in_dutch_and_nothing_written(client, okt, case, at_referral):
    login(client, okt)
    url = reverse("verwijzing:plan_edit", args=[case.uuid])
    empty = client.post(url, plan_post(family_question=""))
    assert empty.status_code == 400
    assert "Schrijf de hulpvraag op" in empty.content.decode()
    no_member = client.post(url, plan_post(**{"analysis-0-text": "Zonder gezinslid"}))
    assert no_member.status_code == 400
    assert "Kies het gezinslid." in no_member.content.decode()
    assert not PerspectiefplanVersion.objects.filter(case=case).exists()


def test_more_rows_without_javascript_saves_nothing(client, okt, case, at_referral):
    login(client, okt)
    response = client.post(reverse("verwijzing:plan_edit", args=[case.uuid]), plan_post(meer="1"))
    assert response.status_code == 200
    assert 'name="agreement-3-results"' in response.content.decode()
    assert not PerspectiefplanVersion.objects.filter(case=case).exists()


def test_compare_marks_removed_and_added_lines_in_words(client, okt, case, pplan):
    login(client, okt)
    client.post(
        reverse("verwijzing:plan_edit", args=[case.uuid]),
        plan_post(pplan.number, family_question="Een nieuwe vraag"),
    )
    page = client.get(reverse("verwijzing:plan_compare", args=[case.uuid]), {"van": 1, "naar": 2})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<del>Hulpvraag: We willen" in html and "<ins>Hulpvraag: Een nieuwe vraag" in html
    assert "Verwijderd" in html and "Toegevoegd" in html
    bad = client.get(reverse("verwijzing:plan_compare", args=[case.uuid]), {"van": 9, "naar": 1})
    assert bad.status_code == 400


def test_making_the_plan_definitive_needs_the_familys_agreement(client, okt, case, pplan):
    login(client, okt)
    url = reverse("verwijzing:plan_definitive", args=[case.uuid])
    missing = client.post(url, {"number": pplan.number, "family_agreement": "mondeling"})
    assert missing.status_code == 400
    assert "Leg vast wanneer het gezin" in missing.content.decode()
    pplan.refresh_from_db()
    assert pplan.status == PlanStatus.DRAFT
    done = client.post(
        url,
        {
            "number": pplan.number,
            "family_agreed_on": timezone.localdate().isoformat(),
            "family_agreement": "mondeling",
        },
    )
    assert done.status_code == 302
    pplan.refresh_from_db()
    assert pplan.status == PlanStatus.DEFINITIVE


def test_the_plan_pdf_is_an_attachment_and_the_look_is_logged(client, okt, case, pplan):
    login(client, okt)
    before = AuditEntry.objects.filter(
        user_id_snapshot=okt.user.pk, object_type="verwijzing.Perspectiefplan"
    ).count()
    response = client.get(reverse("verwijzing:plan_pdf", args=[case.uuid, pplan.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    after = AuditEntry.objects.filter(
        user_id_snapshot=okt.user.pk, object_type="verwijzing.Perspectiefplan"
    ).count()
    assert after == before + 1


def voorziening_post(kim=None, **extra):
    today = timezone.localdate()
    data = {
        "provision_form": "natura",
        "ijw_category": "45",
        "volume": "3",
        "unit": "04",
        "frequency": "2",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=90)).isoformat(),
    }
    if kim is not None:
        data["child"] = str(kim.uuid)
    data.update(extra)
    return data


def test_a_voorziening_is_made_changed_and_made_definitive(client, okt, case, kim, at_referral):
    login(client, okt)
    url = reverse("verwijzing:voorziening_new", args=[case.uuid])
    reversed_period = client.post(
        url, voorziening_post(kim, ends_on=(timezone.localdate() - timedelta(days=1)).isoformat())
    )
    assert reversed_period.status_code == 400
    assert "De einddatum ligt voor de begindatum." in reversed_period.content.decode()
    no_child = client.post(url, voorziening_post())
    assert (
        no_child.status_code == 400 and "Kies een kind van dit gezin." in no_child.content.decode()
    )
    assert not Voorziening.objects.filter(case=case).exists()
    assert client.post(url, voorziening_post(kim)).status_code == 302
    made = Voorziening.objects.get(case=case)
    change = reverse("verwijzing:voorziening_change", args=[made.uuid])
    assert client.post(change, voorziening_post(volume="4", version="1")).status_code == 302
    stale = client.post(change, voorziening_post(volume="5", version="1"))
    assert stale.status_code == 409
    definitive = reverse("verwijzing:voorziening_definitive", args=[made.uuid])
    assert client.post(definitive, {"version": "2"}).status_code == 302
    no_reason = client.post(change, voorziening_post(volume="6", version="3"))
    assert no_reason.status_code == 400
    assert "Schrijf op waarom" in no_reason.content.decode()
    made.refresh_from_db()
    assert made.status == VoorzieningStatus.DEFINITIVE and made.volume == 4
    page = client.get(reverse("verwijzing:voorziening", args=[made.uuid]))
    assert page.status_code == 200 and page.content.decode().count("<tr><td>") == 3


def test_a_referral_is_made_from_the_case_as_a_request_for_a_match(
    client, okt, case, kim, provision, pplan, stadsdeel
):
    login(client, okt)
    url = reverse("verwijzing:referral_new", args=[case.uuid])
    assert client.get(url).status_code == 200
    nothing = client.post(url, {"stap": "maken", "request_kind": "match"})
    assert nothing.status_code == 400
    assert "Kies een kind van dit gezin." in nothing.content.decode()
    chosen_without_programme = client.post(
        url,
        {"stap": "maken", "child": kim.uuid, "voorziening": provision.uuid,
         "request_kind": "aanbieder", "stadsdeel": stadsdeel.uuid},
    )  # fmt: skip
    assert chosen_without_programme.status_code == 400
    assert "Kies een aanbod uit de catalogus." in chosen_without_programme.content.decode()
    assert not Referral.objects.filter(case=case).exists()
    response = client.post(
        url,
        {"stap": "maken", "child": kim.uuid, "voorziening": provision.uuid,
         "request_kind": "match", "stadsdeel": stadsdeel.uuid},
    )  # fmt: skip
    assert response.status_code == 302
    made = Referral.objects.get(case=case)
    assert response["Location"] == reverse("verwijzing:referral_form", args=[made.uuid])


def test_a_chosen_programme_from_the_picker(client, okt, case, kim, provision, pplan, programme):
    login(client, okt)
    url = reverse("verwijzing:referral_new", args=[case.uuid])
    found = client.post(url, {"stap": "zoeken", "q": "Gezinsbegeleiding"})
    assert found.status_code == 200 and programme.name in found.content.decode()
    response = client.post(
        url,
        {"stap": "maken", "q": "Gezinsbegeleiding", "child": kim.uuid,
         "voorziening": provision.uuid, "request_kind": "aanbieder",
         "programme": str(programme.uuid)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Referral.objects.get(case=case).requested_programme == programme


def test_the_incomplete_verwijsformat_cannot_be_sent_from_the_screen(
    client, okt, draft, gkp_consent
):
    login(client, okt)
    page = client.get(reverse("verwijzing:referral_form", args=[draft.uuid]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="#id_safety"' in html and 'href="#id_urgency"' in html  # missing, listed on top
    response = client.post(
        reverse("verwijzing:referral_send", args=[draft.uuid]), {"version": draft.version}
    )
    assert response.status_code == 400
    assert "Het verwijsformat is niet compleet" in response.content.decode()
    assert 'id="id_safety_errors"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == rules.DRAFT and not draft.events.exists()


def test_without_consent_the_form_links_to_the_consent_page_and_sending_is_refused(
    client, okt, draft, family
):
    login(client, okt)
    page = client.get(reverse("verwijzing:referral_form", args=[draft.uuid]))
    assert reverse("consent:family", args=[family.uuid]) in page.content.decode()
    referral_services.referral_form_save(actor=okt.user, referral_uuid=draft.uuid, form=COMPLETION)
    draft.refresh_from_db()
    response = client.post(
        reverse("verwijzing:referral_send", args=[draft.uuid]), {"version": draft.version}
    )
    assert response.status_code == 400 and "toestemming" in response.content.decode()


def test_completing_and_sending_puts_the_step_on_the_case_history(
    client, okt, case, draft, gkp_consent
):
    login(client, okt)
    form_url = reverse("verwijzing:referral_form", args=[draft.uuid])
    data = {**{k: draft.form.get(k, "") for k in rules.EDITABLE_KEYS}, **COMPLETION}
    assert client.post(form_url, {**data, "version": draft.version}).status_code == 302
    stale = client.post(form_url, {**data, "version": draft.version})
    assert stale.status_code == 409
    draft.refresh_from_db()
    response = client.post(
        reverse("verwijzing:referral_send", args=[draft.uuid]), {"version": draft.version}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == rules.SENT
    assert CaseEvent.objects.filter(
        case=case, kind=EventKind.WERKPROCES, summary__contains="Verwijzing naar aanvullende"
    ).exists()
    page = client.get(reverse("verwijzing:referral", args=[draft.uuid]))
    assert "verzonden" in page.content.decode()


def test_withdrawing_needs_a_reason(client, okt, sent):
    login(client, okt)
    url = reverse("verwijzing:referral_withdraw", args=[sent.uuid])
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": "", "version": sent.version})
    assert empty.status_code == 400 and "Schrijf de reden op." in empty.content.decode()
    done = client.post(url, {"reason": "Het gezin wil niet meer", "version": sent.version})
    assert done.status_code == 302
    sent.refresh_from_db()
    assert sent.status == rules.WITHDRAWN


def test_the_one_page_for_each_party(client, okt, verbinder, aanbieder, forwarded):
    login(client, okt)
    page = client.get(reverse("verwijzing:referral", args=[forwarded.uuid])).content.decode()
    assert "Verwijzing intrekken" in page and "Doorlooptijden" in page
    login(client, verbinder)
    page = client.get(reverse("verwijzing:referral", args=[forwarded.uuid]))
    assert page.status_code == 200
    assert "Kim Proefmans" in page.content.decode()
    assert "Verwijzing intrekken" not in page.content.decode()
    login(client, aanbieder)
    page = client.get(reverse("verwijzing:referral", args=[forwarded.uuid])).content.decode()
    document = forwarded.documents.get(kind=DocumentKind.FORM)
    assert reverse("verwijzing:document", args=[document.uuid]) in page
    assert "Verwijzing intrekken" not in page


def test_the_provider_is_told_the_family_withdrew_consent(
    client, okt, aanbieder, forwarded, provider_consent, sam
):
    consent_services.consent_withdraw(
        actor=okt.user, consent_uuid=provider_consent.uuid, withdrawn_by=sam, note="Niet meer"
    )
    login(client, aanbieder)
    page = client.get(reverse("verwijzing:referral", args=[forwarded.uuid])).content.decode()
    assert "toestemming voor het delen met uw organisatie ingetrokken" in page
    assert reverse("verwijzing:document", args=[forwarded.documents.get().uuid]) not in page


def test_the_document_link_is_personal_expires_and_logs_one_look(
    client, okt, colleague, aanbieder, forwarded, settings
):
    document = forwarded.documents.get(kind=DocumentKind.FORM)
    login(client, aanbieder)
    looks = AuditEntry.objects.filter(
        user_id_snapshot=aanbieder.user.pk, object_type="verwijzing.ReferralDocument"
    )
    response = client.get(reverse("verwijzing:document", args=[document.uuid]))
    assert response.status_code == 302 and looks.count() == 0  # the check logs nothing
    link = response["Location"]
    pdf = client.get(link)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert "no-store" in pdf["Cache-Control"]
    assert looks.count() == 1
    assert DocumentDelivery.objects.filter(document=document).count() == 1
    # the same link in another user's session is useless
    login(client, okt)
    assert client.get(link).status_code == 403
    # and it expires
    login(client, aanbieder)
    settings.KETENZORG_DOCUMENT_LINK_SECONDS = -1
    expired = client.get(link)
    assert expired.status_code == 410 and "verlopen" in expired.content.decode()
    assert DocumentDelivery.objects.filter(document=document).count() == 1


@pytest.mark.parametrize("kind", [DocumentKind.FORM])
def test_a_provider_never_gets_a_link_to_a_document_it_was_not_given(
    client, other_aanbieder, forwarded, kind
):
    document = forwarded.documents.get(kind=kind)
    login(client, other_aanbieder)
    before = denied(other_aanbieder)
    assert client.get(reverse("verwijzing:document", args=[document.uuid])).status_code == 404
    assert denied(other_aanbieder) == before + 1


def test_a_field_left_out_of_the_post_is_kept_not_wiped(client, okt, draft):
    login(client, okt)
    url = reverse("verwijzing:referral_form", args=[draft.uuid])
    response = client.post(url, {"urgency": "Spoed: slaapt niet meer", "version": draft.version})
    assert response.status_code == 302
    before = dict(draft.form)
    draft.refresh_from_db()
    assert draft.form["urgency"] == "Spoed: slaapt niet meer"
    assert draft.form["child_name"] == before["child_name"] and draft.form["question"]
