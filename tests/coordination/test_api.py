"""The case API: the same rules as the screens; problems as RFC 9457; bounded queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ketenzorg.coordination import selectors, services, tasks
from ketenzorg.coordination.models import Agreement
from ketenzorg.core.errors import AccessDenied
from tests import factories
from tests.coordination.test_screens import CASE_PAGE_QUERIES
from tests.querycount import LOG_ENTRY, LOGIN_WALL

pytestmark = pytest.mark.django_db
BASE = "/api/v1/casussen/"


@pytest.fixture
def api(client, okt):
    return factories.verified_login(client, okt.user)


def _post(api, url, data):
    return api.post(url, data, content_type="application/json")


def test_open_case_then_second_is_409_problem(api, family):
    created = _post(api, BASE, {"family": str(family.uuid), "reason": "Meer hulp"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["level"] == 1 and body["suggestion"]["level"] == 1
    again = _post(api, BASE, {"family": str(family.uuid)})
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert body["uuid"] in again.json()["detail"]


def test_uninvolved_family_is_403_and_bad_input_is_400(client, family):
    outsider = factories.make_professional("okt")
    factories.verified_login(client, outsider.user)
    assert _post(client, BASE, {"family": str(family.uuid)}).status_code == 403
    bad = _post(client, BASE, {"family": "geen-uuid"})
    assert bad.status_code == 400 and bad.json()["invalid_params"][0]["name"] == "family"


def test_the_whole_route_through_the_api(api, case, okt, family, procescoordinator, brandpunt):
    url = f"{BASE}{case.uuid}/"
    for role in ("jgz", "meedenker", "aanbieder"):
        p = factories.make_professional(role)
        response = _post(
            api,
            url + "betrokkenheden/",
            {"professional": str(p.uuid), "person": str(family.members.first().uuid)},
        )
        assert response.status_code == 201, response.content
    detail = api.get(url).json()
    assert detail["level_pending"] and detail["suggestion"]["level"] == 3
    assert (
        _post(
            api,
            url + "coordinatoren/",
            {"role": "procescoordinator", "professional": str(procescoordinator.uuid)},
        ).status_code
        == 201
    )
    assert (
        _post(api, url + "niveau/", {"level": 5}).status_code == 400
    )  # 5 only via the crisis protocol
    assert (
        _post(
            api, url + "niveau/", {"level": 4, "reason": "Het loopt helemaal vast hier"}
        ).status_code
        == 403
    )
    assert _post(api, url + "niveau/", {"level": 3}).json()["level"] == 3
    meetings = api.get(url + "overleggen/").json()
    assert meetings[0]["status"] == "te_plannen" and meetings[0]["convener"]["uuid"] == str(
        procescoordinator.uuid
    )
    starts = (timezone.now() + timedelta(days=2)).isoformat()
    planned = _post(
        api,
        url + "overleggen/",
        {
            "kind": "procesoverleg",
            "starts_at": starts,
            "location": "OKé-punt",
            "meeting": meetings[0]["uuid"],
        },
    )
    assert planned.status_code == 201 and planned.json()["invited"] == 5
    minutes = _post(
        api,
        f"/api/v1/overleggen/{meetings[0]['uuid']}/verslag/",
        {"held_on": date.today().isoformat(), "minutes": "Afspraken gemaakt"},
    )
    assert minutes.json()["status"] == "gehouden"
    agreement = _post(
        api,
        url + "afspraken/",
        {
            "what": "Schuldhulp",
            "due_on": date.today().isoformat(),
            "responsible_professional": str(okt.uuid),
        },
    )
    assert agreement.status_code == 201 and agreement.json()["status"] == "open"
    created = agreement.json()
    assert created["what"] == "Schuldhulp" and created["checkins"] == []
    assert created["responsible_professional"]["uuid"] == str(okt.uuid)
    Agreement.objects.filter(uuid=agreement.json()["uuid"]).update(
        due_on=date.today() - timedelta(days=3)
    )
    assert api.get(url + "afspraken/").json()[0]["status"] == "te_laat"
    tasks.tick()
    signal = api.get(url).json()["signals"][0]
    escalated = _post(
        api,
        f"/api/v1/signalen/{signal['uuid']}/opschalen/",
        {"brandpunt": str(brandpunt.uuid), "reason": "Afspraak niet nagekomen"},
    )
    assert escalated.json()["status"] == "opgeschaald"
    assert _post(api, url + "besluit/", {"text": "Door OKT"}).status_code == 403
    factories.verified_login(api, brandpunt.user)
    decided = _post(api, url + "besluit/", {"text": "In het belang van het kind: start jeugdhulp"})
    assert decided.status_code == 201
    assert api.get(url).json()["level"] == 4
    events = api.get(url + "gebeurtenissen/").json()
    assert events[0]["kind"] == "besluit"
    assert any(e["kind"] == "niveau" and "vier of meer" in e["rule"] for e in events)


def test_check_in_and_end_involvement(api, case, okt):
    agreement = services.agreement_add(
        actor=okt.user, case=case, what="x", due_on=date.today(), responsible_professional=okt
    )
    response = _post(
        api, f"/api/v1/afspraken/{agreement.uuid}/checkins/", {"status": "gedaan", "note": "Klaar"}
    )
    assert response.status_code == 201
    jgz = factories.make_professional("jgz")
    inv = services.involvement_register(actor=okt.user, case=case, professional=jgz)
    ended = _post(api, f"{BASE}{case.uuid}/betrokkenheden/{inv.uuid}/beeindigen/", {})
    assert ended.status_code == 200 and ended.json()["ended_on"] == date.today().isoformat()
    rows = api.get(f"{BASE}{case.uuid}/betrokkenheden/").json()
    assert len(rows) == 2  # ended ones stay visible


def test_crisis_through_the_api(api, case):
    response = _post(
        api,
        f"{BASE}{case.uuid}/crisisprotocol/",
        {"reason": "Levensbedreigend: acute situatie thuis"},
    )
    assert response.status_code == 200 and response.json()["level"] == 5


# Pinned (issue 17): the session with its user and device, the page of cases and their coordinators, the
# count, the access-log entry naming the families.
CASE_LIST_API_QUERIES = LOGIN_WALL + 3 + LOG_ENTRY


def test_case_list_queries_do_not_grow(client, django_assert_max_num_queries):
    okt = factories.make_professional("okt")
    pc = factories.make_professional("procescoordinator")
    factories.verified_login(client, okt.user)

    def add(n):
        family = factories.register_family(okt, name=f"Gezin Api{n}")
        case = services.case_open(actor=okt.user, family=family)
        services.coordinator_assign(
            actor=okt.user, case=case, role="procescoordinator", professional=pc
        )
        services.agreement_add(
            actor=okt.user, case=case, what="A", due_on=date.today(), responsible_professional=okt
        )

    add(0)
    # A first request fills what a process reads once (its caches); the pin is for the next.
    client.get(BASE)
    with django_assert_max_num_queries(30) as small:
        assert client.get(BASE).json()["count"] == 1
    assert len(small.captured_queries) == CASE_LIST_API_QUERIES
    for n in range(1, 10):
        add(n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get(BASE, {"level": 1}).json()
    assert (
        body["count"] == 10 and body["results"][0]["coordinators"][0]["role"] == "procescoordinator"
    )


def test_lists_of_one_case_have_bounded_queries(api, case, okt, django_assert_max_num_queries):
    for n in range(8):
        a = services.agreement_add(
            actor=okt.user,
            case=case,
            what=f"A{n}",
            due_on=date.today(),
            responsible_professional=okt,
        )
        services.agreement_check_in(actor=okt.user, agreement=a, note="Loopt", status="open")
        services.involvement_register(
            actor=okt.user, case=case, professional=factories.make_professional("jgz")
        )
    for suffix in ("afspraken/", "betrokkenheden/", "overleggen/", "gebeurtenissen/", ""):
        with django_assert_max_num_queries(30):
            assert api.get(f"{BASE}{case.uuid}/{suffix}").status_code == 200


def test_non_client_roles_get_403(client):
    factories.verified_login(client, factories.make_professional("manager").user)
    assert client.get(BASE).status_code == 403


def test_case_list_rows_are_exactly_what_the_schema_serializer_gives(
    api, case, okt, procescoordinator
):
    from ketenzorg.coordination import selectors
    from ketenzorg.coordination import serializers as s

    services.coordinator_assign(actor=okt.user, case=case, role="procescoordinator",
                                professional=procescoordinator)  # fmt: skip
    services.agreement_add(actor=okt.user, case=case, what="Huisbezoek",
                           due_on=date.today() + timedelta(days=3), responsible_professional=okt)  # fmt: skip
    rows, _ = selectors.case_list(actor=okt.user)
    assert rows and any(r.active_coordinators for r in rows) and any(r.next_deadline for r in rows)
    for row in rows:
        assert s.case_list_item(row) == dict(s.CaseListItemSerializer(row).data)
    listed = api.get("/api/v1/casussen/").json()["results"]
    assert listed == [dict(s.CaseListItemSerializer(r).data) for r in rows]


def test_an_api_write_is_logged_once_as_what_it_wrote(api, case, okt, client):
    """One access-log entry (and one commit) per write; a refusal is logged; bad input writes nothing."""
    from ketenzorg.audit.models import AuditEntry
    from ketenzorg.audit.verify import audit_verify

    url = f"{BASE}{case.uuid}/afspraken/"
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    before = AuditEntry.objects.count()
    created = _post(api, url, {"what": "Gezin belt school", "due_on": due,
                               "responsible_professional": str(okt.uuid)})  # fmt: skip
    assert created.status_code == 201, created.content
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("pk").last()
    assert (entry.action, entry.object_type, entry.object_uuid) == (
        "create", "coordination.Agreement", created.json()["uuid"])  # fmt: skip
    assert entry.subjects.filter(kind="family", subject_uuid=case.family.uuid).exists()

    bad = _post(api, url, {"what": "", "due_on": due})
    assert bad.status_code == 400
    assert AuditEntry.objects.count() == before + 1 and Agreement.objects.count() == 1

    outsider = factories.make_professional("okt")
    factories.verified_login(client, outsider.user)
    refused = _post(client, url, {"what": "Iets", "due_on": due})
    assert refused.status_code == 403 and Agreement.objects.count() == 1
    denied = AuditEntry.objects.order_by("pk").last()
    assert (denied.outcome, denied.user_id_snapshot) == ("denied", outsider.user.pk)
    assert audit_verify().ok


def test_an_api_write_asks_need_to_know_once(api, case, okt, monkeypatch):
    """The case is checked before the input is read (`case_for_change`); the service reuses
    that decision for the same actor instead of asking the database again. A case the service
    gets any other way is checked by the service itself."""
    from ketenzorg.access import coordination as access
    from ketenzorg.coordination import guards

    asked = []
    decide = access.case_change_decision
    monkeypatch.setattr(
        access, "case_change_decision", lambda user, c: asked.append(c.pk) or decide(user, c)
    )
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    created = _post(api, f"{BASE}{case.uuid}/afspraken/", {"what": "Gezin belt school",
                    "due_on": due, "responsible_professional": str(okt.uuid)})  # fmt: skip
    assert created.status_code == 201, created.content
    assert asked == [case.pk]
    # The same case object in another actor's hands is checked again, and refused.
    checked = guards.case_get_for_change(actor=okt.user, case_uuid=case.uuid)
    outsider = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        guards.case_change_allowed(actor=outsider.user, case=checked)
    assert asked == [case.pk, case.pk, case.pk]


# The case by API: the case page's queries (CASE_PAGE_QUERIES in test_screens) without the
# menu. A change that adds one fails here (issue 17).
CASE_DETAIL_API_QUERIES = LOGIN_WALL + 13 + LOG_ENTRY


def test_case_detail_api_queries_are_pinned(api, case, okt, django_assert_num_queries):
    for n in range(3):
        services.agreement_add(
            actor=okt.user,
            case=case,
            what=f"A{n}",
            due_on=date.today(),
            responsible_professional=okt,
        )
    assert api.get(f"{BASE}{case.uuid}/").status_code == 200
    with django_assert_num_queries(CASE_DETAIL_API_QUERIES):
        assert api.get(f"{BASE}{case.uuid}/").status_code == 200


def test_case_detail_is_exactly_what_the_schema_serializer_gives(
    api, case, okt, family, procescoordinator, django_assert_num_queries
):
    """The case by API is built without DRF's fields; the serializer is the schema."""
    from ketenzorg.coordination import selectors
    from ketenzorg.coordination import serializers as s

    child = family.members.first()
    involved = [factories.make_professional(role) for role in ("jgz", "meedenker", "aanbieder")]
    for professional in involved:
        services.involvement_register(
            actor=okt.user, case=case, professional=professional, person=child
        )
    ended = services.involvement_register(
        actor=okt.user, case=case, professional=factories.make_professional("jgz")
    )
    services.involvement_end(actor=okt.user, case=case, involvement=ended, note="Klaar")
    type(ended).objects.filter(pk=ended.pk).update(
        started_on=date.today() - timedelta(days=30), ended_on=date.today() - timedelta(days=2)
    )
    other = factories.make_professional("procescoordinator")
    for professional in (other, procescoordinator):  # the first is handed over: a past one
        services.coordinator_assign(
            actor=okt.user, case=case, role="procescoordinator", professional=professional
        )
    agreement = services.agreement_add(actor=okt.user, case=case, what='Huisbezoek "<thuis>"',
                                       due_on=date.today(), responsible_professional=okt)  # fmt: skip
    services.agreement_check_in(actor=okt.user, agreement=agreement, note="Loopt", status="open")
    Agreement.objects.filter(pk=agreement.pk).update(due_on=date.today() - timedelta(days=9))
    tasks.tick()  # a stagnation signal on the overdue agreement
    services.crisis_start(actor=okt.user, case=case, reason="Acute situatie thuis, proef")
    view = selectors.case_view(actor=okt.user, case_uuid=case.uuid)
    assert view.involvements and view.ended_involvements and view.past_coordinators
    assert view.coordinators and view.meetings and view.signals and view.agreements
    assert view.agreements[0].checkin_list and view.case.crisis_started_at
    for zone in ("Europe/Amsterdam", "UTC"):
        with timezone.override(zone):
            assert s.case_detail_data(view) == s.CaseDetailSerializer(view).data
    assert api.get(f"{BASE}{case.uuid}/").json() == s.case_detail_data(view)
    # The blocks read only the columns shown: a column the page or the API still uses would
    # be read by a query of its own, row by row, and break these pins.
    web = factories.verified_login(Client(), okt.user)
    page = reverse("coordination:detail", kwargs={"case_uuid": case.uuid})
    with django_assert_num_queries(CASE_DETAIL_API_QUERIES):
        assert api.get(f"{BASE}{case.uuid}/").status_code == 200
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        assert web.get(page).status_code == 200


def test_each_agreement_shows_its_own_check_ins_oldest_first(api, case, okt):
    """The check-ins of all a case's agreements come in one compiled query and are handed out
    per agreement: by API (the list and the case) and on the case page alike."""
    first, second, quiet = (
        services.agreement_add(
            actor=okt.user, case=case, what=what, due_on=date.today() + timedelta(days=n),
            responsible_professional=okt,
        )
        for n, what in enumerate(("Eerste", "Tweede", "Stil"))
    )  # fmt: skip
    for agreement, note in ((first, "a1"), (second, "b1"), (first, "a2"), (second, "b2")):
        services.agreement_check_in(actor=okt.user, agreement=agreement, note=note, status="open")
    expected = {"Eerste": ["a1", "a2"], "Tweede": ["b1", "b2"], "Stil": []}
    listed = api.get(f"{BASE}{case.uuid}/afspraken/").json()
    assert {a["what"]: [c["note"] for c in a["checkins"]] for a in listed} == expected
    detail = api.get(f"{BASE}{case.uuid}/").json()["agreements"]
    assert {a["what"]: [c["note"] for c in a["checkins"]] for a in detail} == expected
    assert {a["what"]: a["checkins"][-1]["author"] for a in detail if a["checkins"]} == {
        "Eerste": okt.full_name, "Tweede": okt.full_name,
    }  # fmt: skip
    view = selectors.case_view(actor=okt.user, case_uuid=case.uuid)
    assert {a.what: a.last_checkin and a.last_checkin.note for a in view.agreements} == {
        "Eerste": "a2", "Tweede": "b2", "Stil": None,
    }  # fmt: skip


def test_the_responsible_professional_is_found_by_uuid_once_compiled(api, case, okt, monkeypatch):
    """A related object in a write's input (`api.fields.RelatedByUuid`): the active professional
    by uuid, an unknown, inactive or malformed one a 400 on its field, nothing written; the
    lookup is compiled once per process, not per request."""
    import uuid

    from tests.querycount import record_compiles

    url = f"{BASE}{case.uuid}/afspraken/"

    def add(who):
        body = {"what": "Schuldhulp", "due_on": date.today().isoformat()}
        return _post(api, url, {**body, "responsible_professional": who})

    inactive = factories.make_professional("okt")
    inactive.is_active = False
    inactive.save()
    for who in (str(uuid.uuid4()), str(inactive.uuid), "geen-uuid", 12):
        refused = add(who)
        assert refused.status_code == 400, (who, refused.content)
        assert refused["Content-Type"].startswith("application/problem+json")
        assert [p["name"] for p in refused.json()["invalid_params"]] == ["responsible_professional"]
    assert not Agreement.objects.filter(case=case).exists()
    assert add(str(okt.uuid)).status_code == 201  # compiled here, if not before
    compiled = record_compiles(monkeypatch)
    created = add(str(okt.uuid))
    assert created.status_code == 201
    assert created.json()["responsible_organisation"]["uuid"] == str(okt.organisation.uuid)
    assert not [sql for _, sql in compiled if 'FROM "network_professional"' in sql]


def test_the_agreements_answered_are_what_their_schema_serializer_gives(api, case, okt):
    """A new agreement and the case's list are built without DRF's fields
    (`serializers.agreement_data`); the serializer stays their schema and gives the same, for
    an agreement with a meeting and check-ins, one without, in both time zones."""
    from datetime import datetime

    from ketenzorg.coordination import serializers as s

    meeting = services.meeting_plan(
        actor=okt.user, case=case, kind="zorgoverleg",
        starts_at=timezone.make_aware(datetime(2030, 3, 4, 10, 0)), location="Proefzaal",
    )  # fmt: skip
    url = f"{BASE}{case.uuid}/afspraken/"
    created = _post(api, url, {"what": "Met overleg", "due_on": "2030-03-01",
                               "responsible_professional": str(okt.uuid),
                               "meeting": str(meeting.uuid)})  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["meeting"] == str(meeting.uuid)
    agreement = Agreement.objects.get(uuid=created.json()["uuid"])
    agreement.shown, agreement.checkin_list = agreement.shown_status(date.today()), []
    assert created.json() == dict(s.AgreementSerializer(agreement).data)
    plain = _post(api, url, {"what": "Zonder overleg", "due_on": "2030-03-02",
                             "responsible_professional": str(okt.uuid)})  # fmt: skip
    assert plain.status_code == 201, plain.json()
    assert plain.json()["meeting"] is None
    services.agreement_check_in(actor=okt.user, agreement=agreement, note="Loopt", status="open")
    _, rows = selectors.agreements_list(actor=okt.user, case_uuid=case.uuid)
    for zone in ("UTC", "Europe/Amsterdam"):
        with timezone.override(zone):
            assert [s.agreement_data(a) for a in rows] == s.AgreementSerializer(
                rows, many=True
            ).data
    listed = api.get(url).json()
    assert listed == [s.agreement_data(a) for a in rows]
    assert any(a["checkins"] for a in listed) and any(a["meeting"] for a in listed)
