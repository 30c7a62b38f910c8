"""Contact moments (anonymous allowed) and "meer hulp regelen": a family, the adviser involved, the case."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from ketenzorg.access import policy
from ketenzorg.audit.models import AuditEntry, AuditSubject
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.families.models import Family
from ketenzorg.frontdoor import services
from ketenzorg.frontdoor.models import ContactMoment, Topic
from ketenzorg.network.models import Role
from tests import factories
from tests.frontdoor.conftest import make_location, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def location(adviser):
    today = timezone.localdate().weekday()
    return make_location(
        "Inloop Proefhoek", slots=((today, time(0, 0), time(23, 59)),), adviser=adviser
    )


def contact_data(where, chosen, **overrides):
    data = {
        "channel": "inloop",
        "location": str(where.uuid),
        "topics": [str(t.uuid) for t in chosen],
        "age_group": "4-12",
        "advice": "Tips over een vast ritme gegeven.",
        "outcome": "advies",
        "visitor_name": "",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def members_data(**overrides):
    data = {
        "family_name": "Gezin Proefmans",
        "postcode": "",
        "house_number": "",
        "reason": "Ouders lopen vast met de opvoeding en vragen om hulp thuis.",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "12",
        "members-0-given_name": "Kim",
        "members-0-family_name": "Proefmans",
        "members-0-birthdate": "2016-05-01",
        "members-0-role": "kind",
        "members-1-given_name": "Sam",
        "members-1-family_name": "Proefmans",
        "members-1-birthdate": "1985-03-02",
        "members-1-role": "ouder",
        "members-1-has_parental_authority": "on",
    }
    data.update(overrides)
    return data


def test_the_form_preselects_todays_walk_in_hour(adviser_client, location):
    html = adviser_client.get("/advies/contactmomenten/nieuw/").content.decode()
    assert f'<option value="{location.uuid}" selected>' in html


def test_register_an_anonymous_walk_in_contact(adviser_client, adviser, location):
    topics = list(Topic.objects.all()[:2])
    response = adviser_client.post("/advies/contactmomenten/nieuw/", contact_data(location, topics))
    assert response.status_code == 302 and response["Location"] == "/advies/contactmomenten/nieuw/"
    moment = ContactMoment.objects.get()
    assert moment.visitor_name == "" and moment.adviser == adviser and moment.location == location
    assert set(moment.topics.all()) == set(topics)
    follow = adviser_client.get("/advies/contactmomenten/nieuw/").content.decode()
    assert f"/advies/contactmomenten/{moment.uuid}/meer-hulp/" in follow
    entry = AuditEntry.objects.get(action="create", object_type="frontdoor.ContactMoment")
    assert AuditSubject.objects.filter(
        entry=entry, kind="contactmoment", subject_uuid=moment.uuid
    ).exists()


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"location": ""}, "location"),
        ({"topics": []}, "topics"),
        (
            {"occurred_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")},
            "occurred_at",
        ),
        ({"outcome": "meer_hulp"}, "outcome"),
    ],
)
def test_invalid_contact_rerenders_with_400_and_keeps_input(
    adviser_client, location, overrides, field
):
    topics = list(Topic.objects.all()[:1])
    response = adviser_client.post(
        "/advies/contactmomenten/nieuw/", contact_data(location, topics, **overrides)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}_errors"' in html
    assert "Tips over een vast ritme gegeven." in html
    assert not ContactMoment.objects.exists()


def test_a_phone_contact_needs_no_location(adviser):
    moment = services.contact_register(
        actor=adviser.user,
        data=services.ContactInput(channel="telefoon", topics=[Topic.objects.first()]),
    )
    assert moment.location is None and moment.age_group == "onbekend"


def test_only_advisers_register_contacts(client, location):
    okt = factories.make_professional(Role.OKT)
    factories.verified_login(client, okt.user)
    assert client.get("/advies/contactmomenten/nieuw/").status_code == 403
    assert (
        client.post("/advies/contactmomenten/nieuw/", contact_data(location, [])).status_code == 403
    )
    with pytest.raises(AccessDenied):
        services.contact_register(
            actor=okt.user, data=services.ContactInput(channel="telefoon", topics=[])
        )
    assert AuditEntry.objects.filter(user_id_snapshot=okt.user.pk, outcome="denied").count() >= 3


def test_more_help_from_a_contact_registers_the_family_and_opens_the_case(
    adviser_client, adviser, location
):
    moment = services.contact_register(
        actor=adviser.user,
        data=services.ContactInput(
            channel="inloop", location=location, topics=[Topic.objects.first()]
        ),
    )
    response = adviser_client.post(
        f"/advies/contactmomenten/{moment.uuid}/meer-hulp/", members_data()
    )
    assert response.status_code == 302
    family = Family.objects.get()
    moment.refresh_from_db()
    assert moment.family == family and moment.outcome == "meer_hulp"
    assert policy.family_view_decision(adviser.user, family)  # the adviser is involved
    assert family.members.count() == 2
    case = _open_case_of(family)
    if case is not None:
        assert response["Location"] == f"/casussen/{case.uuid}/"
    else:
        assert response["Location"] == f"/gezinnen/{family.uuid}/"
    # A second time is refused: the moment already led to more help.
    again = adviser_client.get(f"/advies/contactmomenten/{moment.uuid}/meer-hulp/")
    assert again.status_code == 302


def _open_case_of(family):
    """The coordination app's case, if that app provides one (it is built in parallel)."""
    try:
        from ketenzorg.coordination.models import Case
    except ImportError:
        return None
    return Case.objects.filter(family=family).first()


def test_more_help_with_invalid_members_writes_nothing(adviser_client, adviser, topic):
    question = make_question(topic)
    response = adviser_client.post(
        f"/advies/vragen/{question.uuid}/meer-hulp/",
        members_data(**{"members-0-birthdate": "2999-01-01"}),
    )
    assert response.status_code == 400
    assert "Ouders lopen vast" in response.content.decode()
    assert not Family.objects.exists()
    question.refresh_from_db()
    assert question.status == "nieuw" and question.family is None


def test_more_help_from_a_question_links_and_closes_it(adviser, topic):
    question = make_question(topic)
    services.question_pick_up(actor=adviser.user, question=question)
    family, case = services.question_more_help(
        actor=adviser.user,
        question=question,
        data=services.MoreHelpInput(
            family_name="Gezin Proefmans",
            members=[factories.member()],
            reason="Meer hulp nodig bij slapen en grenzen.",
        ),
    )
    question.refresh_from_db()
    assert question.family == family and question.status == "gesloten"
    assert ContactMoment.objects.get(question=question).outcome == "meer_hulp"
    assert case.family == family and case.is_open
    assert case.reason == "Meer hulp nodig bij slapen en grenzen."
    assert case.opened_by == adviser
    entry = AuditEntry.objects.filter(
        object_type="frontdoor.Question", object_uuid=str(question.uuid)
    ).last()
    assert {s.kind for s in AuditSubject.objects.filter(entry=entry)} == {"question", "family"}


def test_more_help_needs_a_reason(adviser, topic):
    with pytest.raises(ValidationFailed) as refused:
        services.question_more_help(
            actor=adviser.user, question=make_question(topic),
            data=services.MoreHelpInput(family_name="Gezin Proefmans", members=[factories.member()], reason="kort"),
        )  # fmt: skip
    assert "reason" in refused.value.field_errors
    assert not Family.objects.exists()


def test_the_api_registers_contacts_and_arranges_more_help(adviser_client, adviser, location):
    topic = Topic.objects.first()
    created = adviser_client.post(
        "/api/v1/contactmomenten/",
        {
            "channel": "inloop",
            "location": str(location.uuid),
            "topics": [str(topic.uuid)],
            "outcome": "vervolg",
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["outcome"] == "vervolg"
    unknown = adviser_client.post(
        "/api/v1/contactmomenten/",
        {
            "channel": "telefoon",
            "topics": [str(topic.uuid)],
            "adviser": "00000000-0000-0000-0000-000000000000",
        },
        content_type="application/json",
    )
    assert unknown.status_code == 400 and unknown.json()["invalid_params"][0]["name"] == "adviser"
    uuid = created.json()["uuid"]
    assert adviser_client.get(f"/api/v1/contactmomenten/{uuid}/").json()["location"] == str(
        location.uuid
    )
    assert adviser_client.get("/api/v1/contactmomenten/").json()["count"] == 1
    body = {
        "family_name": "Gezin Proefmans",
        "reason": "Meer hulp nodig: ouders lopen vast.",
        "members": [
            {
                "given_name": "Kim",
                "family_name": "Proefmans",
                "birthdate": "2016-05-01",
                "role": "kind",
            }
        ],
    }
    helped = adviser_client.post(
        f"/api/v1/contactmomenten/{uuid}/meer-hulp/", body, content_type="application/json"
    )
    assert helped.status_code == 201
    assert helped.json()["family"] == str(Family.objects.get().uuid)
    twice = adviser_client.post(
        f"/api/v1/contactmomenten/{uuid}/meer-hulp/", body, content_type="application/json"
    )
    assert twice.status_code == 409


def test_contact_list_query_count_does_not_grow(
    adviser_client, adviser, location, django_assert_max_num_queries
):
    topics = list(Topic.objects.all()[:3])

    def add(n):
        for _ in range(n):
            services.contact_register(
                actor=adviser.user,
                data=services.ContactInput(channel="inloop", location=location, topics=topics),
            )

    add(3)
    with django_assert_max_num_queries(30) as few:
        adviser_client.get("/advies/contactmomenten/")
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert adviser_client.get("/advies/contactmomenten/").status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert adviser_client.get("/api/v1/contactmomenten/").status_code == 200
