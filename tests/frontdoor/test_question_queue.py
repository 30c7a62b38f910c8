"""The advisers' queue: pick up, answer (stored and e-mailed), hand over, close; logged reads."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from ketenzorg.audit.models import AuditEntry, AuditSubject
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from ketenzorg.frontdoor import services
from ketenzorg.frontdoor.models import ContactMoment, Question
from ketenzorg.network.models import Role
from tests import factories
from tests.frontdoor.conftest import make_phone_line, make_question
from tests.querycount import LOG_ENTRY, LOGIN_WALL

pytestmark = pytest.mark.django_db

ANSWER = "Probeer een vast slaapritueel: badje, boekje, bed. Houd het twee weken vol."


def test_queue_shows_new_questions_oldest_first_and_logs_the_look(adviser_client, adviser, topic):
    first = make_question(topic, text="Eerste vraag over slapen")
    second = make_question(topic, text="Tweede vraag over slapen")
    html = adviser_client.get("/advies/").content.decode()
    assert html.index(first.reference) < html.index(second.reference)
    entry = AuditEntry.objects.get(action="search", object_type="frontdoor.Question")
    assert entry.basis == "role" and entry.user_id_snapshot == adviser.user.pk
    shown = set(
        AuditSubject.objects.filter(entry=entry, kind="question").values_list(
            "subject_uuid", flat=True
        )
    )
    assert shown == {first.uuid, second.uuid}


def test_detail_is_logged_and_hides_the_email_address(adviser_client, topic):
    question = make_question(topic, name="Proefouder")
    html = adviser_client.get(f"/advies/vragen/{question.uuid}/").content.decode()
    assert "Proefouder" in html and question.text in html
    assert "ouder@voorbeeld.invalid" not in html
    assert AuditEntry.objects.filter(
        action="read", object_uuid=str(question.uuid), outcome="success"
    ).exists()


def test_pick_up_answer_sends_a_minimal_email(
    adviser_client, adviser, topic, django_capture_on_commit_callbacks
):
    make_phone_line()
    question = make_question(
        topic, name="Proefouder", text="Hoe krijg ik mijn peuter van twee jaar in slaap?"
    )
    assert adviser_client.post(f"/advies/vragen/{question.uuid}/oppakken/").status_code == 302
    question.refresh_from_db()
    assert question.status == "opgepakt" and question.assigned_to == adviser
    with django_capture_on_commit_callbacks(execute=True):
        response = adviser_client.post(
            f"/advies/vragen/{question.uuid}/beantwoorden/", {"answer": ANSWER}
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (
        question.status == "beantwoord"
        and question.answer == ANSWER
        and question.answer_emailed_at is not None
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ouder@voorbeeld.invalid"]
    assert question.reference in message.subject and ANSWER in message.body
    assert "(0999) 123 45 67" in message.body
    # No more personal data than needed: not the name, not the question, not the adviser.
    for private in ("Proefouder", "peuter van twee", adviser.last_name, "2 jaar"):
        assert private not in message.body and private not in message.subject
    moment = ContactMoment.objects.get(question=question)
    assert moment.channel == "online" and moment.outcome == "advies" and moment.age_group == "0-4"
    assert list(moment.topics.all()) == [topic]


def test_without_email_the_answer_is_stored_and_nothing_is_sent(
    adviser, topic, django_capture_on_commit_callbacks
):
    question = make_question(topic, email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=adviser.user, question=question, answer=ANSWER)
    assert Question.objects.get().status == "beantwoord" and mail.outbox == []


def test_a_failing_mail_server_is_recorded_not_raised(
    adviser, topic, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.frontdoor.failing_mail.Backend"
    question = make_question(topic)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=adviser.user, question=question, answer=ANSWER)
    question.refresh_from_db()
    assert (
        question.status == "beantwoord"
        and question.answer_email_failed
        and question.answer_emailed_at is None
    )


def test_an_empty_answer_rerenders_with_400(adviser_client, topic):
    question = make_question(topic)
    response = adviser_client.post(
        f"/advies/vragen/{question.uuid}/beantwoorden/", {"answer": "   "}
    )
    assert response.status_code == 400
    assert Question.objects.get().status == "nieuw"


def test_hand_over_to_a_colleague_adviser_only(adviser_client, adviser, topic):
    colleague = factories.make_professional(Role.OPVOEDADVISEUR)
    okt = factories.make_professional(Role.OKT)
    question = make_question(topic)
    services.question_pick_up(actor=adviser.user, question=question)
    refused = adviser_client.post(
        f"/advies/vragen/{question.uuid}/overdragen/", {"to": str(okt.uuid)}
    )
    assert refused.status_code == 400
    response = adviser_client.post(
        f"/advies/vragen/{question.uuid}/overdragen/",
        {"to": str(colleague.uuid), "note": "Jij kent dit gezin"},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.assigned_to == colleague and question.handover_note == "Jij kent dit gezin"
    with pytest.raises(ValidationFailed):
        services.question_hand_over(
            actor=adviser.user, question=question, to_professional_uuid=okt.uuid
        )


def test_close_removes_the_contact_details(adviser_client, topic):
    question = make_question(topic, name="Proefouder")
    assert adviser_client.post(f"/advies/vragen/{question.uuid}/sluiten/").status_code == 302
    question.refresh_from_db()
    assert question.status == "gesloten" and question.email == "" and question.name == ""


def test_state_rules_hold(adviser, topic):
    question = make_question(topic)
    services.question_close(actor=adviser.user, question=question)
    for action in (services.question_pick_up, services.question_close):
        with pytest.raises(Conflict):
            action(actor=adviser.user, question=question)
    with pytest.raises(Conflict):
        services.question_answer(actor=adviser.user, question=question, answer=ANSWER)


def test_a_conflict_on_the_screen_is_a_message_not_an_error(adviser_client, adviser, topic):
    question = make_question(topic)
    services.question_pick_up(actor=adviser.user, question=question)
    response = adviser_client.post(f"/advies/vragen/{question.uuid}/oppakken/", follow=True)
    assert response.status_code == 200 and "Dit kan niet bij een vraag" in response.content.decode()


@pytest.mark.parametrize("role", [Role.OKT, Role.BEHEERDER, Role.MANAGER])
def test_other_roles_are_refused_and_logged(client, topic, role):
    other = factories.make_professional(role)
    factories.verified_login(client, other.user)
    question = make_question(topic)
    assert client.get("/advies/").status_code == 403
    assert client.get(f"/advies/vragen/{question.uuid}/").status_code == 403
    assert (
        client.post(f"/advies/vragen/{question.uuid}/beantwoorden/", {"answer": ANSWER}).status_code
        == 403
    )
    assert Question.objects.get().status == "nieuw"
    denied = AuditEntry.objects.filter(
        user_id_snapshot=other.user.pk, outcome="denied", object_type="frontdoor.Question"
    )
    assert denied.count() >= 3
    with pytest.raises(AccessDenied):
        services.question_pick_up(actor=other.user, question=question)


# Pinned (issue 17): the adviser's queue, the access-log entry naming the questions' askers
# included; a page that gains a query fails.
QUEUE_QUERIES = LOGIN_WALL + 4 + LOG_ENTRY


def test_queue_query_count_does_not_grow_with_questions(
    adviser_client, adviser, topic, django_assert_max_num_queries
):
    for _ in range(3):
        services.question_pick_up(actor=adviser.user, question=make_question(topic))
    # A first request fills what a process reads once (its caches); the pin is for the next.
    adviser_client.get("/advies/?status=opgepakt")
    with django_assert_max_num_queries(30) as few:
        adviser_client.get("/advies/?status=opgepakt")
    assert len(few.captured_queries) == QUEUE_QUERIES
    for _ in range(25):
        services.question_pick_up(actor=adviser.user, question=make_question(topic))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert adviser_client.get("/advies/?status=opgepakt").status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert adviser_client.get("/api/v1/adviesvragen/?status=opgepakt").status_code == 200


def test_the_api_works_the_queue(
    adviser_client, adviser, topic, django_capture_on_commit_callbacks
):
    colleague = factories.make_professional(Role.OPVOEDADVISEUR)
    question = make_question(topic)
    listed = adviser_client.get("/api/v1/adviesvragen/", {"status": "nieuw"}).json()
    assert listed["count"] == 1 and listed["results"][0]["answer_by_email"] is True
    assert "email" not in listed["results"][0]
    base = f"/api/v1/adviesvragen/{question.uuid}/"
    assert adviser_client.get(base).json()["text"] == question.text
    assert adviser_client.post(base + "oppakken/").json()["status"] == "opgepakt"
    again = adviser_client.post(base + "oppakken/")
    assert again.status_code == 409 and again["Content-Type"] == "application/problem+json"
    moved = adviser_client.post(
        base + "overdragen/", {"to": str(colleague.uuid)}, content_type="application/json"
    )
    assert moved.json()["assigned_to"] == str(colleague.uuid)
    # Only the adviser who has the question answers it: the one who handed it over is refused
    # (and logged) before the input is read; the colleague answers.
    refused = adviser_client.post(
        base + "antwoord/", {"answer": ANSWER}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert AuditEntry.objects.filter(
        object_uuid=str(question.uuid), outcome="denied", username=adviser.user.username
    ).exists()
    colleague_client = Client()
    factories.verified_login(colleague_client, colleague.user)
    bad = colleague_client.post(base + "antwoord/", {}, content_type="application/json")
    assert bad.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        answered = colleague_client.post(
            base + "antwoord/", {"answer": ANSWER}, content_type="application/json"
        )
    assert answered.json()["status"] == "beantwoord" and len(mail.outbox) == 1
    assert adviser_client.post(base + "sluiten/").json()["status"] == "gesloten"
    assert adviser_client.get("/api/v1/adviesvragen/", {"status": "kapot"}).status_code == 400


@pytest.mark.parametrize(
    "status, allowed",
    [("nieuw", False), ("opgepakt", True), ("beantwoord", False), ("gesloten", False)],
)
def test_only_a_picked_up_question_can_go_back_to_the_queue(status, allowed):
    from ketenzorg.frontdoor import rules

    assert rules.question_action_allowed(status, "release") is allowed


def test_the_holder_gives_a_question_back_to_the_queue(adviser, topic):
    colleague = factories.make_professional(Role.OPVOEDADVISEUR)
    question = make_question(topic)
    services.question_pick_up(actor=adviser.user, question=question)
    # A colleague cannot give back what they do not have: refused and logged.
    with pytest.raises(AccessDenied):
        services.question_release(actor=colleague.user, question=Question.objects.get())
    assert AuditEntry.objects.filter(
        object_uuid=str(question.uuid), outcome="denied", username=colleague.user.username
    ).exists()
    assert Question.objects.get().assigned_to == adviser
    released = services.question_release(actor=adviser.user, question=Question.objects.get())
    assert (released.status, released.assigned_to) == ("nieuw", None)
    entry = AuditEntry.objects.filter(object_uuid=str(question.uuid)).last()
    assert (entry.outcome, entry.reason) == ("success", "teruggezet in de wachtrij")
    # Back in the queue: nothing to give back any more; anyone may pick it up again.
    with pytest.raises(Conflict):
        services.question_release(actor=adviser.user, question=Question.objects.get())
    services.question_pick_up(actor=colleague.user, question=Question.objects.get())
    assert Question.objects.get().assigned_to == colleague


def test_the_api_gives_a_question_back(adviser_client, adviser, topic):
    question = make_question(topic)
    base = f"/api/v1/adviesvragen/{question.uuid}/"
    assert adviser_client.post(base + "teruggeven/").status_code == 409  # not picked up
    adviser_client.post(base + "oppakken/")
    released = adviser_client.post(base + "teruggeven/")
    assert released.status_code == 200 and released.json()["status"] == "nieuw"
    assert released.json()["assigned_to"] is None
