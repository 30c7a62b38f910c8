"""Who sees a case: the involved and the case's coordinators; nobody on role or organisation alone. Every look is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ketenzorg.access import coordination as access
from ketenzorg.audit.models import AuditEntry, AuditSubject
from ketenzorg.coordination import selectors, services
from ketenzorg.core.errors import AccessDenied
from tests import factories

pytestmark = pytest.mark.django_db


def test_involved_professional_sees_the_case_and_the_look_is_logged(case, okt, family):
    selectors.case_get(actor=okt.user, case_uuid=case.uuid)
    entry = AuditEntry.objects.filter(
        user_id_snapshot=okt.user.pk, object_uuid=str(case.uuid), action="read"
    ).last()
    assert entry.outcome == "success" and entry.basis == "involvement"
    assert AuditSubject.objects.filter(entry=entry, subject_uuid=family.uuid).exists()
    assert AuditSubject.objects.filter(entry=entry, kind="person").count() == 3


def test_uninvolved_professional_is_refused_and_logged(case):
    for outsider in (
        factories.make_professional("okt"),
        factories.make_professional("procescoordinator"),
    ):
        with pytest.raises(AccessDenied):
            selectors.case_get(actor=outsider.user, case_uuid=case.uuid)
        assert AuditEntry.objects.filter(
            user_id_snapshot=outsider.user.pk, outcome="denied"
        ).exists()


def test_same_organisation_gives_nothing(case, okt):
    colleague = factories.make_professional("okt", organisation=okt.organisation)
    assert not access.case_view_decision(colleague.user, case)


def test_coordinator_sees_the_case_without_being_involved(case, okt, procescoordinator):
    assert not access.case_view_decision(procescoordinator.user, case)
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    decision = access.case_view_decision(procescoordinator.user, case)
    assert decision and decision.basis == "role"
    assert case in access.cases_visible_to(procescoordinator.user)
    from ketenzorg.access import policy

    assert not policy.family_view_decision(
        procescoordinator.user, case.family
    )  # the family pages need an involvement


def test_handed_over_coordinator_loses_access(case, okt, procescoordinator):
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    services.coordinator_assign(
        actor=okt.user,
        case=case,
        role="procescoordinator",
        professional=factories.make_professional("procescoordinator"),
    )
    assert not access.case_view_decision(procescoordinator.user, case)
    assert case not in access.cases_visible_to(procescoordinator.user)


def test_ended_involvement_ends_access(case, okt, family):
    from datetime import date

    family.involvements.filter(professional=okt).update(
        started_on=date(2020, 1, 1), ended_on=date(2021, 1, 1)
    )
    assert not access.case_view_decision(okt.user, case)
    assert case not in access.cases_visible_to(okt.user)


def test_non_client_roles_see_no_cases(case, okt, family):
    manager = factories.make_professional("manager")
    from ketenzorg.families.models import Involvement

    Involvement.objects.create(
        family=family,
        professional=manager,
        organisation=manager.organisation,
        started_on=family.created_at.date(),
    )
    assert not access.case_view_decision(manager.user, case)
    assert not access.cases_visible_to(manager.user).exists()


def test_emergency_access_opens_the_case_for_24_hours(case, client):
    from ketenzorg.families import services as family_services

    jgz = factories.make_professional("jgz")
    family_services.emergency_access_grant(
        actor=jgz.user, family=case.family, reason="Acute zorg over veiligheid van het kind"
    )
    decision = access.case_view_decision(jgz.user, case)
    assert decision and decision.basis == "break_the_glass"


def test_refused_page_offers_break_the_glass(case, client):
    outsider = factories.make_professional("jgz")
    factories.verified_login(client, outsider.user)
    response = client.get(reverse("coordination:detail", kwargs={"case_uuid": case.uuid}))
    assert response.status_code == 403
