"""The consultation screens: asking from the proposals, the meedenker's list and page,
findings by the meedenker only, the joint evaluation, and the limits of the meedenker's view
(not the family's own pages; nothing after the period and its grace)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.werkproces import rules
from ketenzorg.werkproces.models import Consultation, ConsultationEvaluation, Finding
from tests import factories
from tests.werkproces.test_consultations import ask


@pytest.fixture
def at_internal(werkproces, move):
    move(rules.CONTINUE)
    return werkproces


@pytest.fixture
def at_external(at_internal, move):
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    return at_internal


def ask_url(case, **query):
    url = reverse("werkproces:consultation_ask", kwargs={"case_uuid": case.uuid})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def detail_url(consultation):
    return reverse("werkproces:consultation", kwargs={"consultation_uuid": consultation.uuid})


def form_data(meedenker, **extra):
    return {
        "kind": "meedenken",
        "meedenker": str(meedenker.uuid),
        "question": "Hoe helpen we moeder met de angst van het kind?",
        "summary": "Een kind van tien met angstklachten",
        "expects_of_meedenker": "Een advies na één gesprek",
        "expects_of_professional": "Een samenvatting van de hulp tot nu toe",
        "identified": "anoniem",
        "ends_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        **extra,
    }


def end_period(consultation, *, days_ago):
    ended = timezone.now() - timedelta(days=days_ago)
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=ended - timedelta(days=10), ends_at=ended, access_until=ended + rules.GRACE
    )


def test_ask_from_the_proposals(client, okt, case, at_internal, colleague, outsider, expertise):
    web = factories.verified_login(client, okt.user)
    first = web.get(ask_url(case))
    assert first.status_code == 200 and 'name="question"' not in first.content.decode()
    shown = web.get(ask_url(case, scope="intern", expertise=expertise.uuid))
    page = shown.content.decode()
    # The team colleague is proposed with organisation, team and expertise; the outsider is not.
    assert colleague.full_name in page and "Team A" in page and "OGGZ" in page
    assert outsider.full_name not in page
    done = web.post(ask_url(case, scope="intern", expertise=expertise.uuid), form_data(colleague))
    consultation = Consultation.objects.get()
    assert done.status_code == 302 and done["Location"] == detail_url(consultation)
    assert (consultation.meedenker, consultation.scope, consultation.expertise) == (
        colleague,
        "intern",
        expertise,
    )
    assert not consultation.identified and consultation.shared_parts == []


def test_arriving_with_the_steps_scope_preselects_it_and_bad_step_one_input_is_a_400(
    client, okt, case, at_internal, expertise
):
    web = factories.verified_login(client, okt.user)
    arrived = web.get(ask_url(case, scope="intern"))
    page = arrived.content.decode()
    assert arrived.status_code == 200
    assert "Kies de expertise die u zoekt." not in page
    assert re.search(r'<input type="radio" name="scope" value="intern"[^>]* checked', page)
    missing = web.get(ask_url(case, scope="intern", area=""))
    assert missing.status_code == 400
    assert "Kies de expertise die u zoekt." in missing.content.decode()
    unknown = web.get(ask_url(case, scope="nergens", expertise=expertise.uuid))
    assert unknown.status_code == 400


def test_extern_also_offers_the_sociale_kaart_by_area(
    client, okt, case, at_external, outsider, expertise
):
    area = factories.make_district("Proef-West")
    nearby = factories.make_professional("meedenker")
    nearby.areas.add(area)
    nearby.expertise.add(expertise)
    web = factories.verified_login(client, okt.user)
    page = web.get(ask_url(case, scope="extern", expertise=expertise.uuid, area=area.uuid))
    assert outsider.full_name in page.content.decode() and nearby.full_name in page.content.decode()


def test_identified_outside_without_consent_shows_the_refusal(
    client, okt, case, at_external, outsider, expertise
):
    web = factories.verified_login(client, okt.user)
    data = form_data(outsider, identified="op_naam", shared_parts=["plan"])
    refused = web.post(ask_url(case, scope="extern", expertise=expertise.uuid), data)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "error-summary" in page and "toestemming" in page
    assert not Consultation.objects.exists()


def test_a_bad_form_says_what_is_missing_and_writes_nothing(
    client, okt, case, at_internal, colleague, expertise
):
    web = factories.verified_login(client, okt.user)
    data = form_data(colleague, question="", ends_on="")
    bad = web.post(ask_url(case, scope="intern", expertise=expertise.uuid), data)
    assert bad.status_code == 400
    assert "Schrijf de vraag op." in bad.content.decode()
    assert not Consultation.objects.exists()


def test_a_professional_not_involved_cannot_ask(client, case, at_internal, colleague, expertise):
    stranger = factories.make_professional("okt")
    web = factories.verified_login(client, stranger.user)
    url = ask_url(case, scope="intern", expertise=expertise.uuid)
    assert web.get(url).status_code == 403
    assert web.post(url, form_data(colleague)).status_code == 403
    assert not Consultation.objects.exists()
    assert AuditEntry.objects.filter(user_id_snapshot=stranger.user.pk, outcome=Outcome.DENIED)


def test_my_consultations_running_first_and_gone_after_the_grace(
    client, okt, case, at_internal, colleague
):
    in_grace = ask(okt, case, colleague, scope="intern")
    end_period(in_grace, days_ago=2)
    running = ask(okt, case, colleague, scope="intern", ends_at=timezone.now() + timedelta(days=30))
    gone = ask(okt, case, colleague, scope="intern")
    end_period(gone, days_ago=10)
    web = factories.verified_login(client, colleague.user)
    page = web.get(reverse("werkproces:my_consultations")).content.decode()
    links = [detail_url(c) for c in (running, in_grace)]
    assert all(link in page for link in links)
    assert page.index(links[0]) < page.index(links[1])
    assert detail_url(gone) not in page
    # The selector decides: after the grace the page itself is refused, and logged.
    assert web.get(detail_url(gone)).status_code == 403
    assert web.get(detail_url(in_grace)).status_code == 200


def test_the_meedenker_of_an_anonymous_consultation_cannot_open_the_family(
    client, okt, case, family, at_internal, colleague
):
    consultation = ask(okt, case, colleague, scope="intern")
    web = factories.verified_login(client, colleague.user)
    page = web.get(detail_url(consultation)).content.decode()
    assert consultation.question in page and family.name not in page
    family_page = web.get(reverse("families:detail", kwargs={"family_uuid": family.uuid}))
    assert family_page.status_code in (403, 404)
    case_page = web.get(reverse("coordination:detail", kwargs={"case_uuid": case.uuid}))
    assert case_page.status_code in (403, 404)


def test_findings_by_the_meedenker_only_then_the_joint_evaluation(
    client, okt, case, at_internal, colleague
):
    consultation = ask(okt, case, colleague, scope="intern")
    findings_url = reverse("werkproces:consultation_findings", args=[consultation.uuid])
    evaluate_url = reverse("werkproces:consultation_evaluate", args=[consultation.uuid])
    asker = factories.verified_login(client, okt.user)
    assert asker.post(findings_url, {"text": "Niet van mij"}).status_code == 403
    evaluation = {
        "what_it_yielded": "Een plan voor de angst",
        "can_continue_with_existing": "ja",
        "additional_care_clear": "nee",
    }
    early = asker.post(evaluate_url, evaluation)
    assert early.status_code == 400 and "nadat de meedenker" in early.content.decode()
    client.logout()
    meedenker = factories.verified_login(client, colleague.user)
    assert meedenker.post(findings_url, {"text": "  "}).status_code == 400
    assert meedenker.post(findings_url, {"text": "Angst past bij de leeftijd"}).status_code == 302
    assert meedenker.post(evaluate_url, evaluation).status_code == 403
    page = meedenker.get(detail_url(consultation)).content.decode()
    assert "Angst past bij de leeftijd" in page and 'name="what_it_yielded"' not in page
    assert Finding.objects.get().written_by == colleague
    client.logout()
    asker = factories.verified_login(client, okt.user)
    unclear = asker.post(evaluate_url, {**evaluation, "additional_care_clear": "ja"})
    assert unclear.status_code == 400 and "welke aanvullende jeugdhulp" in unclear.content.decode()
    assert asker.post(evaluate_url, evaluation).status_code == 302
    recorded = ConsultationEvaluation.objects.get()
    assert recorded.can_continue_with_existing and not recorded.additional_care_clear
    assert recorded.recorded_by == okt
    page = asker.get(detail_url(consultation)).content.decode()
    assert "Een plan voor de angst" in page and 'name="what_it_yielded"' not in page


def test_the_menu_offers_my_consultations_to_whom_can_be_asked(
    client, okt, case, at_internal, colleague
):
    home = reverse("core:home")
    link = reverse("werkproces:my_consultations")
    assert link in factories.verified_login(client, colleague.user).get(home).content.decode()
    client.logout()
    assert link not in factories.verified_login(client, okt.user).get(home).content.decode()
    # An OKT colleague who was asked sees it too.
    other = factories.make_professional("okt", organisation=okt.organisation)
    other.team = okt.team
    other.save()
    ask(okt, case, other, scope="intern")
    client.logout()
    assert link in factories.verified_login(client, other.user).get(home).content.decode()
