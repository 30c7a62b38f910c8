"""The werkplek shows the professional's own work: what is due and what waits, nothing of others."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ketenzorg.audit.models import AuditEntry
from ketenzorg.coordination import services as case_services
from ketenzorg.frontdoor import services as frontdoor_services
from ketenzorg.frontdoor.models import Topic
from ketenzorg.network.models import Role
from tests import factories
from tests.frontdoor.conftest import make_question
from tests.querycount import LOG_ENTRY, LOGIN_WALL

HOME = reverse("core:home")


def _open_case(okt, name, **kwargs):
    family = factories.register_family(okt, name=name)
    return case_services.case_open(
        actor=okt.user, family=family, reason="Zorgen thuis en op school"
    )


@pytest.fixture
def okt(db):
    return factories.make_professional(Role.OKT)


def test_a_caseworker_sees_their_cases_and_agreements_due_and_nothing_of_others(client, okt):
    mine = _open_case(okt, "Gezin Eigenwerk")
    other = factories.make_professional(Role.OKT)
    _open_case(other, "Gezin Anderwerk")
    case_services.agreement_add(
        actor=okt.user, case=mine, what="Gesprek met school over verzuim",
        responsible_professional=okt, due_on=date.today() + timedelta(days=3),
    )  # fmt: skip
    factories.verified_login(client, okt.user)
    page = client.get(HOME).content.decode()
    assert "Gezin Eigenwerk" in page and "Gesprek met school over verzuim" in page
    assert "Gezin Anderwerk" not in page
    # What the werkplek showed of a family is in the access log, like the case list.
    assert AuditEntry.objects.filter(username=okt.user.username, action="search").exists()


def test_an_adviser_sees_their_questions_and_how_many_wait(client, db):
    adviser = factories.make_professional(Role.OPVOEDADVISEUR)
    topic = Topic.objects.create(name="Werkplekproef")
    taken = make_question(topic)
    make_question(topic)
    make_question(topic)
    frontdoor_services.question_pick_up(actor=adviser.user, question=taken)
    factories.verified_login(client, adviser.user)
    page = client.get(HOME).content.decode()
    assert taken.reference in page
    assert "2 nieuwe vragen wachten in de wachtrij" in page


def test_roles_without_client_data_see_no_work_blocks(client, db):
    manager = factories.make_professional(Role.MANAGER)
    factories.verified_login(client, manager.user)
    page = client.get(HOME).content.decode()
    assert "Mijn casussen" not in page and "Mijn vragen" not in page
    assert not AuditEntry.objects.filter(username=manager.user.username, action="search").exists()


# Pinned (issue 17): the werkplek's blocks, the access-log entry, the menu; a page that gains
# a query fails.
WERKPLEK_QUERIES = LOGIN_WALL + 9 + LOG_ENTRY


def test_the_werkplek_takes_as_many_queries_for_many_cases_as_for_one(
    client, okt, django_assert_max_num_queries
):
    _open_case(okt, "Gezin Een")
    factories.verified_login(client, okt.user)
    # A first request fills what a process reads once (its caches); the pin is for the next.
    client.get(HOME)
    with django_assert_max_num_queries(60) as one:
        assert client.get(HOME).status_code == 200
    assert len(one.captured_queries) == WERKPLEK_QUERIES
    for n in range(6):
        _open_case(okt, f"Gezin Meer{n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(HOME).status_code == 200
