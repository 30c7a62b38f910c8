"""A catalogue programme put into the family's plan: the service, the screens and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ketenzorg.aanbod import services as aanbod_services
from ketenzorg.aanbod.models import AccessRoute, Audience, ProgrammeStatus
from ketenzorg.audit.models import AuditEntry, Outcome
from ketenzorg.coordination import services
from ketenzorg.coordination.models import CaseEvent, EventKind, ProgrammeLink
from ketenzorg.core.errors import AccessDenied, ValidationFailed
from ketenzorg.network.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _programme(name="Samen Slapen", status=ProgrammeStatus.PUBLISHED, **extra):
    beheerder = factories.make_professional(Role.BEHEERDER)
    provider = factories.make_organisation(extra.pop("provider", "Welzijn Proef"))
    return aanbod_services.programme_save(
        actor=beheerder.user,
        data=aanbod_services.ProgrammeInput(
            provider=provider, name=name,
            description=extra.pop("description", "Hulp bij slaapproblemen van peuters."),
            audience=Audience.PARENTS, min_age=0, max_age=4, access_route=AccessRoute.VIA_TEAM,
            status=status, **extra,
        ),
    )  # fmt: skip


@pytest.fixture
def agreement(okt, case):
    return services.agreement_add(
        actor=okt.user, case=case, what="Moeder volgt Samen Slapen",
        due_on=timezone.localdate() + timedelta(days=30), responsible_professional=okt,
    )  # fmt: skip


@pytest.fixture
def plan(okt, case):
    return services.plan_save(
        actor=okt.user, case=case,
        plan=services.PlanInput(worries="Slecht slapen", goals=[
            services.Goal(goal="Noa slaapt door"), services.Goal(goal="Rust in huis")]),
    )  # fmt: skip


# --- the service -------------------------------------------------------------------------------


def test_link_to_agreement_and_goal_writes_event_and_audit(okt, case, agreement, plan):
    programme = _programme()
    link = services.programme_link(
        actor=okt.user, case=case, programme_uuid=programme.uuid, agreement=agreement, goal_index=0
    )
    assert link.agreement == agreement and link.goal == "Noa slaapt door"
    assert link.plan_version == plan and link.goal_index == 0
    event = CaseEvent.objects.filter(case=case, kind=EventKind.PROGRAMME).get()
    assert "Samen Slapen" in event.summary and "Welzijn Proef" in event.summary
    entry = AuditEntry.objects.filter(object_type="coordination.ProgrammeLink").get()
    assert entry.object_uuid == str(link.uuid) and entry.outcome != Outcome.DENIED


def test_refused_before_input_is_read_and_logged(case):
    outsider = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        services.programme_link(actor=outsider.user, case=case, programme_uuid="geen-uuid")
    assert AuditEntry.objects.filter(
        object_type="coordination.ProgrammeLink", outcome=Outcome.DENIED
    ).exists()
    assert not ProgrammeLink.objects.exists()


@pytest.mark.parametrize("status", [ProgrammeStatus.DRAFT, ProgrammeStatus.WITHDRAWN])
def test_only_a_published_programme(okt, case, agreement, status):
    programme = _programme(status=status)
    with pytest.raises(ValidationFailed) as exc:
        services.programme_link(
            actor=okt.user, case=case, programme_uuid=programme.uuid, agreement=agreement
        )
    assert "programme" in exc.value.field_errors
    assert not ProgrammeLink.objects.exists()


def test_needs_a_target_of_this_case_and_no_duplicates(okt, case, agreement, plan, family):
    programme = _programme()
    with pytest.raises(ValidationFailed) as exc:
        services.programme_link(actor=okt.user, case=case, programme_uuid=programme.uuid)
    assert "agreement" in exc.value.field_errors
    with pytest.raises(ValidationFailed) as exc:
        services.programme_link(
            actor=okt.user, case=case, programme_uuid=programme.uuid, goal_index=5
        )
    assert "goal" in exc.value.field_errors
    services.programme_link(
        actor=okt.user, case=case, programme_uuid=programme.uuid, agreement=agreement
    )
    with pytest.raises(ValidationFailed) as exc:
        services.programme_link(
            actor=okt.user, case=case, programme_uuid=programme.uuid, agreement=agreement
        )
    assert "agreement" in exc.value.field_errors
    assert ProgrammeLink.objects.count() == 1


def test_a_closed_agreement_takes_no_programme(okt, case, agreement):
    services.agreement_check_in(actor=okt.user, agreement=agreement, note="klaar", status="gedaan")
    agreement.refresh_from_db()
    with pytest.raises(ValidationFailed) as exc:
        services.programme_link(
            actor=okt.user, case=case, programme_uuid=_programme().uuid, agreement=agreement
        )
    assert "agreement" in exc.value.field_errors


# --- the screens -------------------------------------------------------------------------------


def test_search_choose_link_and_show_on_case_agreement_and_plan(client, okt, case, agreement, plan):
    programme = _programme(waiting_weeks=3, waiting_confirmed_on=timezone.localdate())
    _programme("Huiswerkklas", provider="Buurtwerk Proef", description="Rustig huiswerk maken.")
    factories.verified_login(client, okt.user)
    url = f"/casussen/{case.uuid}/aanbod/"
    page = client.get(url, {"afspraak": str(agreement.uuid)})
    assert page.status_code == 200
    found = client.post(url, {"q": "slapen", "stap": "zoeken", "agreement": str(agreement.uuid)})
    body = found.content.decode()
    assert found.status_code == 200
    assert "Samen Slapen" in body and "Huiswerkklas" not in body and "wachttijd 3 weken" in body
    linked = client.post(url, {"q": "slapen", "programme": str(programme.uuid),
                               "agreement": str(agreement.uuid), "goal": "0", "stap": "koppelen"})  # fmt: skip
    assert linked.status_code == 302 and linked["Location"].endswith("#aanbod")
    case_page = client.get(f"/casussen/{case.uuid}/").content.decode()
    assert "Samen Slapen" in case_page and "Welzijn Proef" in case_page
    assert "via het ouder- en kindteam of het CJG" in case_page
    agreement_page = client.get(f"/casussen/afspraken/{agreement.uuid}/").content.decode()
    assert "Samen Slapen" in agreement_page
    plan_page = client.get(f"/casussen/{case.uuid}/plan/{plan.number}/").content.decode()
    assert "Aanbod bij de doelen" in plan_page and "Samen Slapen" in plan_page


def test_stale_waiting_time_is_flagged(client, okt, case, agreement):
    programme = _programme(
        waiting_weeks=6, waiting_confirmed_on=timezone.localdate() - timedelta(days=400)
    )
    services.programme_link(
        actor=okt.user, case=case, programme_uuid=programme.uuid, agreement=agreement
    )
    factories.verified_login(client, okt.user)
    body = client.get(f"/casussen/{case.uuid}/").content.decode()
    assert "wachttijd 6 weken" in body and "verouderd, bel de aanbieder" in body


def test_link_without_choice_is_400_with_message(client, okt, case, agreement):
    _programme()
    factories.verified_login(client, okt.user)
    response = client.post(
        f"/casussen/{case.uuid}/aanbod/", {"q": "slapen", "agreement": str(agreement.uuid), "stap": "koppelen"}
    )  # fmt: skip
    assert response.status_code == 400
    assert "Kies een gepubliceerd aanbod" in response.content.decode()
    assert not ProgrammeLink.objects.exists()


def test_search_words_never_in_the_address(client, okt, case):
    """The picker is a POST form: the words stay out of the address beside the case uuid."""
    factories.verified_login(client, okt.user)
    body = client.get(f"/casussen/{case.uuid}/aanbod/").content.decode()
    assert 'method="post"' in body and 'method="get"' not in body


def test_uninvolved_professional_is_refused_on_the_page(client, case):
    outsider = factories.make_professional("okt")
    factories.verified_login(client, outsider.user)
    response = client.post(f"/casussen/{case.uuid}/aanbod/", {"stap": "zoeken"})
    assert response.status_code == 403


# --- the API -----------------------------------------------------------------------------------


def test_api_link_and_list(client, okt, case, agreement, plan):
    programme = _programme()
    factories.verified_login(client, okt.user)
    url = f"/api/v1/casussen/{case.uuid}/aanbod/"
    created = client.post(url, {"programme": str(programme.uuid), "agreement": str(agreement.uuid), "goal": 2},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["programme"]["name"] == "Samen Slapen" and body["goal"] == "Rust in huis"
    assert body["agreement"] == str(agreement.uuid) and body["waiting_stale"] is True
    listed = client.get(url).json()
    assert [row["uuid"] for row in listed] == [body["uuid"]]


def test_api_bad_input_is_problem(client, okt, case):
    factories.verified_login(client, okt.user)
    url = f"/api/v1/casussen/{case.uuid}/aanbod/"
    bad = client.post(url, {"programme": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    unknown = client.post(url, {"programme": str(case.uuid)}, content_type="application/json")
    assert unknown.status_code == 400
    names = {p["name"] for p in unknown.json()["invalid_params"]}
    assert {"programme", "agreement"} <= names


def test_the_family_copy_names_the_programme_at_its_goal_without_waiting_time(
    client, okt, case, plan
):
    from ketenzorg.coordination import plandoc, selectors

    programme = _programme(waiting_weeks=3, waiting_confirmed_on=timezone.localdate())
    services.programme_link(actor=okt.user, case=case, programme_uuid=programme.uuid, goal_index=1)
    goals = plan.content["goals"]
    section = plandoc.programme_section(goals, selectors.goal_links(case, goals))
    assert section.lines == [
        "Doel 2: Samen Slapen (Welzijn Proef) — via het ouder- en kindteam of het CJG"
    ]
    factories.verified_login(client, okt.user)
    response = client.get(f"/casussen/{case.uuid}/plan/{plan.number}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
