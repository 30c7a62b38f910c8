"""The werkproces page of a case: the steps, the history, and the forms the state allows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.werkproces import rules, services
from ketenzorg.werkproces.models import StepEvaluation, Transition, Werkproces
from tests import factories
from tests.werkproces.conftest import later

REASON = "Het gezin vraagt om meer tijd"


def url(name, case):
    return reverse(f"werkproces:{name}", args=[case.uuid])


@pytest.fixture
def client_of(client, okt):
    factories.verified_login(client, okt.user)
    return client


def evaluate(client, case, enough="nee", summary="Gesprekken gevoerd, zorgen blijven"):
    return client.post(
        url("evaluate", case),
        {"evaluatie-yielded_enough": enough, "evaluatie-summary": summary},
    )


def test_the_case_page_links_to_the_werkproces(client_of, case):
    page = client_of.get(reverse("coordination:detail", args=[case.uuid])).content.decode()
    assert url("case", case) in page


def test_before_the_start_only_starting_is_offered(client_of, case):
    response = client_of.get(url("case", case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het werkproces is nog niet gestart." in page
    assert url("start", case) in page
    assert url("evaluate", case) not in page and url("continue", case) not in page


def test_start_evaluate_continue_and_the_history_shows_it_all(client_of, okt, case):
    response = client_of.post(url("start", case))
    assert response.status_code == 302 and response["Location"].endswith("#stap")
    page = client_of.get(url("case", case)).content.decode()
    # The current step is marked for assistive technology, and deciding waits for an evaluation.
    assert '<li aria-current="step"><strong>ondersteuning door het OKT</strong>' in page
    assert url("evaluate", case) in page and url("continue", case) not in page

    assert evaluate(client_of, case).status_code == 302
    page = client_of.get(url("case", case)).content.decode()
    assert "leverde niet genoeg op" in page
    assert url("continue", case) in page and url("stop", case) in page

    response = client_of.post(url("continue", case), {"verder-reason": ""})
    assert response.status_code == 302
    werkproces = Werkproces.objects.get(case=case)
    assert werkproces.step == rules.INTERNAL
    page = client_of.get(url("case", case)).content.decode()
    assert '<li aria-current="step"><strong>meedenken/meedoen binnen team' in page
    assert page.count(okt.full_name) >= 3  # start, evaluation, continue
    assert "Gesprekken gevoerd, zorgen blijven" in page
    assert "naar de volgende stap" in page


def test_after_an_evaluation_that_says_enough_only_stopping_is_offered(client_of, werkproces, case):
    evaluate(client_of, case, enough="ja")
    page = client_of.get(url("case", case)).content.decode()
    assert url("stop", case) in page and url("continue", case) not in page
    response = client_of.post(url("continue", case), {"verder-reason": ""})
    assert response.status_code == 400
    assert "De evaluatie zegt dat deze stap genoeg opleverde." in response.content.decode()
    assert Werkproces.objects.get(case=case).step == rules.OKT


def test_deciding_before_evaluating_is_refused_on_the_form(client_of, werkproces, case):
    before = Transition.objects.count()
    response = client_of.post(url("stop", case), {"stoppen-reason": REASON})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Evalueer eerst de huidige stap" in page
    # The summary at the top leads to the form that was refused.
    assert 'role="alert"' in page and '<a href="#besluit-stoppen">' in page
    assert 'id="besluit-stoppen"' in page
    assert Transition.objects.count() == before


def test_missing_input_stays_on_the_form_with_a_dutch_message(client_of, werkproces, case):
    response = evaluate(client_of, case, enough="", summary="")
    assert response.status_code == 400
    assert not StepEvaluation.objects.exists()
    evaluate(client_of, case)
    response = client_of.post(url("stop", case), {"stoppen-reason": "kort"})
    assert response.status_code == 400
    assert "Schrijf de reden op (minstens 10 tekens)." in response.content.decode()


def test_into_extern_needs_the_teams_decision(client_of, werkproces, case, move):
    move(rules.CONTINUE)
    evaluate(client_of, case)
    response = client_of.post(url("continue", case), {"verder-reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Het team besloot samen dat expertise van buiten helpt" in page
    response = client_of.post(
        url("continue", case),
        {"verder-team_agreed": "on", "verder-team_decision": "Teamoverleg van 3 maart"},
    )
    assert response.status_code == 302
    row = Transition.objects.filter(werkproces=werkproces).last()
    assert (row.to_step, row.team_decision) == (rules.EXTERNAL, "Teamoverleg van 3 maart")


def test_into_verwijzing_needs_the_family_and_a_meedenker_of_this_werkproces(
    client_of, okt, werkproces, case, move, colleague
):
    move(rules.CONTINUE)
    services.consultation_ask(
        actor=okt.user,
        case=case,
        kind="meedenken",
        scope="intern",
        meedenker=colleague,
        question="Wat helpt bij deze zorgen?",
        summary="Een kind van tien met zorgen thuis",
        expects_of_meedenker="Advies binnen twee weken",
        expects_of_professional="Een korte schets vooraf",
        ends_at=later(),
    )
    move(rules.CONTINUE, team_decision="Het team besloot samen: expertise van buiten")
    move(rules.CONTINUE)
    evaluate(client_of, case)
    page = client_of.get(url("case", case)).content.decode()
    assert colleague.full_name in page  # offered as the meedenker who took part
    response = client_of.post(url("continue", case), {"verder-ajh_participants": "Ouders"})
    assert response.status_code == 400
    assert Werkproces.objects.get(case=case).step == rules.AJH
    response = client_of.post(
        url("continue", case),
        {
            "verder-ajh_with_family": "on",
            "verder-ajh_meedenker": str(colleague.uuid),
            "verder-ajh_participants": "Moeder, Kim en de meedenker",
        },
    )
    assert response.status_code == 302
    row = Transition.objects.filter(werkproces=werkproces).last()
    assert (row.to_step, row.ajh_meedenker, row.ajh_with_family) == (
        rules.REFERRAL,
        colleague,
        True,
    )


def test_stop_and_resume_with_reasons(client_of, werkproces, case):
    evaluate(client_of, case, enough="ja")
    assert client_of.post(url("stop", case), {"stoppen-reason": REASON}).status_code == 302
    page = client_of.get(url("case", case)).content.decode()
    assert "hier gestopt" in page and url("resume", case) in page
    assert url("evaluate", case) not in page
    response = client_of.post(url("resume", case), {"hervatten-reason": "Nieuwe zorgen op school"})
    assert response.status_code == 302
    assert Werkproces.objects.get(case=case).step == rules.OKT


def test_back_one_step(client_of, werkproces, case, move):
    move(rules.CONTINUE)
    response = client_of.post(url("back", case), {"terug-reason": "Eerst nog zelf verder"})
    assert response.status_code == 302
    assert Werkproces.objects.get(case=case).step == rules.OKT


def test_a_stranger_is_refused_and_the_refusal_logged(client, case, werkproces):
    stranger = factories.make_professional("okt")
    factories.verified_login(client, stranger.user)
    assert client.get(url("case", case)).status_code == 403
    response = evaluate(client, case)
    assert response.status_code == 403
    assert not StepEvaluation.objects.exists()
    assert (
        AuditEntry.objects.filter(username=stranger.user.username, outcome=Outcome.DENIED).count()
        == 2
    )


def test_the_action_urls_take_only_posts(client_of, case):
    assert client_of.get(url("start", case)).status_code == 405


def test_the_page_and_its_messages_follow_the_language(client_of, werkproces, case, settings):
    client_of.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client_of.get(url("case", case)).content.decode()
    assert "Where is the family?" in page and "Did this step yield enough?" in page
    response = client_of.post(url("stop", case), {"stoppen-reason": REASON})
    assert response.status_code == 400
    assert "First evaluate the current step" in response.content.decode()


def test_the_page_lists_the_consultations_and_offers_to_ask_one(
    client_of, okt, case, werkproces, move, colleague, expertise
):
    page = client_of.get(url("case", case)).content.decode()
    assert "Nog geen consultaties in dit werkproces." in page
    assert url("consultation_ask", case) not in page  # the OKT's own step asks no one yet
    move(rules.CONTINUE)
    consultation = services.consultation_ask(
        actor=okt.user,
        case=case,
        kind="meedenken",
        scope="intern",
        meedenker=colleague,
        question="Hoe praten we met de ouders over de zorgen?",
        summary="Gezin met twee kinderen; zorgen over de opvoeding.",
        expects_of_meedenker="Een gesprek van een uur",
        expects_of_professional="Een korte schets vooraf",
        ends_at=later(),
        expertise=expertise,
    )
    page = client_of.get(url("case", case)).content.decode()
    assert reverse("werkproces:consultation", args=[consultation.uuid]) in page
    assert colleague.full_name in page
    assert f"{url('consultation_ask', case)}?scope=intern" in page


def test_the_page_is_one_look_logged_at_the_werkproces(client_of, okt, case, werkproces):
    """The case's header is part of the look at its werkproces: one entry, not one at the case
    and one at the werkproces (issue 17: each entry is a locked chain step and a commit)."""
    before = AuditEntry.objects.count()
    assert client_of.get(url("case", case)).status_code == 200
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [(e.object_type, e.object_uuid, e.outcome) for e in entries] == [
        ("werkproces.Werkproces", str(case.uuid), Outcome.SUCCESS)
    ]
    assert entries[0].username == okt.user.username


def test_a_werkproces_page_of_no_case_is_a_404_and_logged(client_of, okt):
    missing = "00000000-0000-4000-8000-00000000abcd"
    assert client_of.get(reverse("werkproces:case", args=[missing])).status_code == 404
    entry = AuditEntry.objects.order_by("pk").last()
    assert (entry.object_type, entry.username) == ("coordination.Case", okt.user.username)
    assert entry.outcome != Outcome.SUCCESS
