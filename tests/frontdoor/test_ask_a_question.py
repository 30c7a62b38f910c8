"""Asking a question online: the reference, consent, and the abuse limits that never lose typed text."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, AuditSubject
from ketenzorg.frontdoor import rules, services
from ketenzorg.frontdoor.models import Question, SubmissionWindow

pytestmark = pytest.mark.django_db

INVALID_CHOICE = "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
LONG_TEXT = "Mijn dochter van veertien luistert niet meer naar mij. " * 5


def form_data(the_topic, **overrides):
    data = {
        "asker_kind": "ouder",
        "topic": str(the_topic.uuid),
        "text": LONG_TEXT,
        "child_age": "14",
        "name": "Proefouder",
        "email": "Ouder@Voorbeeld.invalid",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_question_gets_a_reference_and_is_logged_without_content(client, topic):
    response = client.post("/publiek/vraag/", form_data(topic))
    assert response.status_code == 302 and response["Location"] == "/publiek/vraag/verstuurd/"
    question = Question.objects.get()
    assert question.status == "nieuw" and question.email == "ouder@voorbeeld.invalid"
    assert (
        question.consent_at is not None
        and question.privacy_notice_version == rules.PRIVACY_NOTICE_VERSION
    )
    sent = client.get("/publiek/vraag/verstuurd/").content.decode()
    assert question.reference in sent and "per e-mail" in sent
    # Shown once: a reload does not show it again (it is not in the address either).
    assert client.get("/publiek/vraag/verstuurd/").status_code == 302
    entry = AuditEntry.objects.get(
        object_type="frontdoor.Question", action="create", outcome="success"
    )
    assert entry.basis == "consent" and "dochter" not in entry.reason
    assert AuditSubject.objects.filter(
        entry=entry, kind="question", subject_uuid=question.uuid
    ).exists()


def test_the_reference_travels_in_a_signed_cookie_for_that_page_only(client, topic):
    """No server-side session for a parent who asked: the thank-you page's reference is in a
    signed cookie that only that page receives; a forged or expired one shows nothing."""
    from django.core import signing

    from ketenzorg.accounts.models import KeptSession as Session
    from ketenzorg.frontdoor import views_public

    response = client.post("/publiek/vraag/", form_data(topic, email=""))
    cookie = response.cookies[views_public.SENT_COOKIE]
    assert cookie["path"] == "/publiek/vraag/verstuurd/" and cookie["httponly"]
    assert cookie["samesite"] == "Lax" and int(cookie["max-age"]) == views_public.SENT_MAX_AGE
    assert "sessionid" not in response.cookies and not Session.objects.exists()
    reference = Question.objects.get().reference
    assert reference not in response["Location"]
    shown = client.get("/publiek/vraag/verstuurd/")
    assert reference in shown.content.decode() and "per e-mail" not in shown.content.decode()
    assert shown.cookies[views_public.SENT_COOKIE]["max-age"] == 0  # gone once shown
    forged = signing.get_cookie_signer(salt="iets anders").sign('{"reference": "VR-NEP0-0000"}')
    client.cookies[views_public.SENT_COOKIE] = forged
    assert client.get("/publiek/vraag/verstuurd/").status_code == 302
    client.cookies[views_public.SENT_COOKIE] = "geen-handtekening"
    assert client.get("/publiek/vraag/verstuurd/").status_code == 302


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"consent": ""},
            "consent",
            "Zonder uw toestemming kunnen we uw vraag niet in behandeling nemen. Lees de privacyverklaring.",
        ),
        ({"text": "Help"}, "text", "Beschrijf uw vraag in minstens 10 tekens."),
        (
            {"text": "x" * 2001},
            "text",
            "Uw vraag is te lang: hooguit 2000 tekens. Maak hem wat korter; wat u typte staat er nog.",
        ),
        ({"child_age": "30"}, "child_age", "Zorg ervoor dat deze waarde hoogstens 23 is."),
        ({"email": "geen-adres"}, "email", "Voer een geldig e-mailadres in."),
        ({"topic": ""}, "topic", "Dit veld is vereist."),
        ({"topic": "geen-uuid"}, "topic", INVALID_CHOICE),
        ({"topic": "5e9a0000-0000-4000-8000-000000000001"}, "topic", INVALID_CHOICE),
    ],
)
def test_invalid_input_says_why_and_keeps_everything_typed(
    client, topic, overrides, field, message
):
    data = form_data(topic, **overrides)
    response = client.post("/publiek/vraag/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Uw vraag is nog niet verstuurd" in html
    # The message stands at the field it is about (the field's own error list), not just anywhere.
    start = html.index(f'<div id="id_{field}_errors">')
    errors = html[start : html.index("</div>", start)]
    assert f"<li>{message}</li>" in errors
    text = data["text"]
    assert text[:40] in html  # the question is still in the textarea
    assert 'value="Proefouder"' in html
    assert not Question.objects.exists()


def test_a_too_long_question_is_not_cut_off_by_the_browser(client, topic):
    html = client.get("/publiek/vraag/").content.decode()
    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert "maxlength" not in textarea


def test_the_honeypot_refuses_and_shows_itself_so_a_person_can_clear_it(client, topic):
    response = client.post("/publiek/vraag/", form_data(topic, website="https://spam.invalid"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Laat dit veld leeg" in html and "verborgen veld" in html
    assert LONG_TEXT[:40] in html
    assert "<div hidden>" not in html
    assert not Question.objects.exists()
    assert SubmissionWindow.objects.get().count == 1
    assert AuditEntry.objects.filter(
        object_type="frontdoor.Question", outcome="denied", reason="honeypot gevuld"
    ).exists()
    # Normally the honeypot is hidden from people and screen readers.
    assert "<div hidden>" in client.get("/publiek/vraag/").content.decode()


def test_the_rate_limit_per_address_answers_429_and_keeps_the_text(client, topic):
    for _ in range(rules.QUESTIONS_PER_WINDOW):
        assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302
    response = client.post(
        "/publiek/vraag/", form_data(topic, text="Nog een vraag over slapen, een heel andere.")
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Probeer het over een uur opnieuw" in html and "Nog een vraag over slapen" in html
    assert Question.objects.count() == rules.QUESTIONS_PER_WINDOW
    # Another address is not affected.
    assert (
        client.post("/publiek/vraag/", form_data(topic), REMOTE_ADDR="10.9.9.9").status_code == 302
    )


def test_validation_errors_do_not_count_against_the_limit(client, topic):
    for _ in range(rules.QUESTIONS_PER_WINDOW + 3):
        assert client.post("/publiek/vraag/", form_data(topic, consent="")).status_code == 400
    assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302


def test_the_limit_counts_in_the_database_per_window_and_forgets_old_windows(topic):
    now = timezone.now()
    old = now - timedelta(days=2)
    services.submission_count(address="192.0.2.1", now=old)
    services.submission_count(address="192.0.2.1", now=now)
    services.submission_count(address="192.0.2.1", now=now)
    rows = list(SubmissionWindow.objects.all())
    assert len(rows) == 1 and rows[0].count == 2
    assert "192.0.2.1" not in rows[0].key  # only a keyed hash is kept
    for _ in range(rules.QUESTIONS_PER_WINDOW - 2):
        services.submission_count(address="192.0.2.1", now=now)
    decision = services.submission_limit_check(address="192.0.2.1", now=now)
    assert not decision.allowed and decision.retry_after > 0
    later = rules.window_start(now) + timedelta(seconds=rules.WINDOW_SECONDS)
    assert services.submission_limit_check(address="192.0.2.1", now=later).allowed


def test_api_submit_and_its_limit(client, topic):
    body = {
        "topic": str(topic.uuid),
        "text": LONG_TEXT,
        "child_age": 14,
        "consent": True,
        "asker_kind": "jongere",
    }
    response = client.post("/api/v1/vragen/", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["reference"] == Question.objects.get().reference
    assert response.json()["answer_by_email"] is False
    refused = client.post(
        "/api/v1/vragen/", {**body, "consent": False}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["invalid_params"][0]["name"] == "consent"
    trap = client.post("/api/v1/vragen/", {**body, "website": "x"}, content_type="application/json")
    assert trap.status_code == 400
    for _ in range(rules.QUESTIONS_PER_WINDOW - 2):
        assert (
            client.post("/api/v1/vragen/", body, content_type="application/json").status_code == 201
        )
    limited = client.post("/api/v1/vragen/", body, content_type="application/json")
    assert limited.status_code == 429 and limited["Content-Type"] == "application/problem+json"
    assert int(limited["Retry-After"]) > 0


def test_a_question_for_an_inactive_topic_is_refused(client, topic):
    assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302  # compiled once
    topic.is_active = False
    topic.save()
    response = client.post("/publiek/vraag/", form_data(topic), REMOTE_ADDR="10.9.9.8")
    assert response.status_code == 400 and INVALID_CHOICE in response.content.decode()
    assert Question.objects.count() == 1


def test_a_question_costs_one_statement_per_step_compiled_once(
    client, topic, monkeypatch, django_assert_num_queries
):
    """The topic, the address's count so far, the question (its reference's uniqueness left
    to the unique index), the count (one upsert), forgetting old windows and the access-log
    entry, in one transaction; the reads compiled once per process (`core.prepared`), the
    upsert written once."""
    from tests.querycount import LOG_ENTRY, record_compiles

    assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302
    # topic, count so far; the transaction (a savepoint in a test); question, count, forget
    with django_assert_num_queries(2 + 2 + 3 + LOG_ENTRY):
        assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302
    compiled = record_compiles(monkeypatch)
    assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302
    tables = ('"frontdoor_topic"', '"frontdoor_submissionwindow"')
    assert not [sql for _, sql in compiled if any(table in sql for table in tables)]
    assert SubmissionWindow.objects.get().count == 3


def test_two_first_questions_from_one_address_both_count(topic):
    """The window's row is made by the first question and counted up by the next, in one
    statement each: no lost count when no row was there yet."""
    now = timezone.now()
    services.submission_count(address="192.0.2.7", now=now)
    services.submission_count(address="192.0.2.7", now=now)
    services.submission_count(address="192.0.2.8", now=now)
    counts = sorted(SubmissionWindow.objects.values_list("count", flat=True))
    assert counts == [1, 2]


def test_a_reference_already_taken_is_drawn_again(client, topic, monkeypatch):
    """Two questions never share a reference: a drawn one that is taken writes nothing and
    another is drawn, in the same transaction."""
    assert client.post("/publiek/vraag/", form_data(topic)).status_code == 302
    taken = Question.objects.get().reference
    drawn = iter([taken, taken, "VR-PROE-F001"])
    monkeypatch.setattr(rules, "new_reference", lambda: next(drawn))
    response = client.post("/publiek/vraag/", form_data(topic), REMOTE_ADDR="10.9.9.7")
    assert response.status_code == 302
    assert sorted(Question.objects.values_list("reference", flat=True)) == sorted(
        [taken, "VR-PROE-F001"]
    )
    assert AuditEntry.objects.filter(object_type="frontdoor.Question").count() == 2
