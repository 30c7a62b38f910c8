"""One case per family; the counting rule through the real services; confirming, overriding, level 4 and 5."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry
from ketenzorg.coordination import rules, services
from ketenzorg.coordination.models import (
    Case,
    CaseEvent,
    EventKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from tests import factories

pytestmark = pytest.mark.django_db


def test_opening_a_case_starts_at_motorkapoverleg(case, okt):
    assert case.level == 1 and case.suggested_level == 1 and case.is_open
    assert CaseEvent.objects.filter(case=case, kind=EventKind.OPENED, actor=okt).exists()
    assert AuditEntry.objects.filter(
        object_uuid=str(case.uuid), action="create", outcome="success"
    ).exists()


def test_a_second_open_case_is_refused_pointing_to_the_first(case, okt, family):
    with pytest.raises(Conflict) as exc:
        services.case_open(actor=okt.user, family=family)
    assert exc.value.case == case
    assert f"/casussen/{case.uuid}/" in exc.value.message
    assert Case.objects.filter(family=family).count() == 1


def test_after_closing_a_new_case_may_be_opened(case, okt, family):
    services.case_close(actor=okt.user, case=case, reason="Hulp is afgerond, gezin redt zich")
    again = services.case_open(actor=okt.user, family=family)
    assert again.pk != case.pk


def test_an_uninvolved_professional_cannot_open_a_case(family):
    outsider = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        services.case_open(actor=outsider.user, family=family)
    assert AuditEntry.objects.filter(user_id_snapshot=outsider.user.pk, outcome="denied").exists()


def _suggested(case):
    case.refresh_from_db()
    return case.suggested_level


def test_two_three_four_professionals(case, involve):
    assert _suggested(case) == 1  # only the OKT professional
    involve("jgz")
    assert _suggested(case) == 1  # two: motorkapoverleg
    involve("meedenker")
    assert _suggested(case) == 2  # three: zorgcoördinatie
    involve("aanbieder")
    assert _suggested(case) == 3  # four: procescoördinatie
    assert case.level == 1 and case.level_pending
    event = CaseEvent.objects.filter(case=case, kind=EventKind.LEVEL_SUGGESTED).first()
    assert event.level_to == 3 and "vier of meer" in event.rule


def test_parents_count_and_one_professional_with_two_children_counts_once(
    case, involve, family, okt
):
    kids = list(family.members.filter(role="kind"))
    parent = family.members.get(role="ouder")
    jgz = involve("jgz", person=kids[0])
    services.involvement_register(actor=okt.user, case=case, professional=jgz, person=kids[1])
    assert _suggested(case) == 1  # OKT + JGZ (twice) = two professionals
    involve("meedenker", person=parent)
    assert _suggested(case) == 2  # a professional for the parent counts


def test_ended_involvements_do_not_count(case, involve, okt):
    professionals = [involve("jgz"), involve("meedenker"), involve("aanbieder")]
    assert _suggested(case) == 3
    involvement = case.family.involvements.get(professional=professionals[0])
    services.involvement_end(
        actor=okt.user,
        case=case,
        involvement=involvement,
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    assert _suggested(case) == 2
    involvement.refresh_from_db()
    assert involvement.ended_on is not None  # the row and its history stay
    assert case.involvement_history.filter(involvement=involvement).count() == 2


def test_confirming_level_3_gives_the_procescoordinator_a_task_within_5_working_days(
    case, involve, okt, procescoordinator, django_capture_on_commit_callbacks
):
    for role in ("jgz", "meedenker", "aanbieder"):
        involve(role)
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.level_set(actor=okt.user, case=case, level=3)
    case.refresh_from_db()
    assert case.level == 3 and not case.level_pending
    meeting = Meeting.objects.get(case=case, kind=MeetingKind.PROCES)
    assert meeting.status == MeetingStatus.TO_PLAN
    assert meeting.convener == procescoordinator
    assert meeting.deadline == rules.convene_deadline(timezone.localdate())
    assert [m.to for m in mail.outbox] == [[procescoordinator.email]]
    event = CaseEvent.objects.filter(case=case, kind=EventKind.LEVEL_CHANGED).first()
    assert (event.level_from, event.level_to) == (1, 3) and "procescoördinatie" in event.rule


def test_de_escalating_needs_a_reason_and_cancels_the_convene_task(
    case, involve, okt, procescoordinator
):
    """Following the rule down to 2 still asks why; the level-3 task does not stay open."""
    professionals = [involve(role) for role in ("jgz", "meedenker", "aanbieder")]
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    services.level_set(actor=okt.user, case=case, level=3)
    task = Meeting.objects.get(case=case, kind=MeetingKind.PROCES)
    services.involvement_end(
        actor=okt.user,
        case=case,
        involvement=case.family.involvements.get(professional=professionals[0]),
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    case.refresh_from_db()
    assert case.suggested_level == 2  # the rule itself suggests going down
    with pytest.raises(ValidationFailed) as exc:
        services.level_set(actor=okt.user, case=case, level=2)
    assert "reason" in exc.value.field_errors
    case.refresh_from_db()
    assert case.level == 3
    services.level_set(
        actor=okt.user, case=case, level=2, reason="Schoolverzuim opgelost, twee hulpverleners over"
    )
    task.refresh_from_db()
    assert task.status == MeetingStatus.CANCELLED
    event = CaseEvent.objects.filter(case=case, kind=EventKind.LEVEL_CHANGED).first()
    assert (event.level_from, event.level_to) == (3, 2) and event.reason.startswith("Schoolverzuim")
    assert CaseEvent.objects.filter(
        case=case, kind=EventKind.MEETING, summary__startswith="Procesoverleg vervalt"
    ).exists()


def test_overriding_the_suggestion_needs_a_reason(case, involve, okt):
    for role in ("jgz", "meedenker", "aanbieder"):
        involve(role)
    with pytest.raises(ValidationFailed) as exc:
        services.level_set(actor=okt.user, case=case, level=2)
    assert "reason" in exc.value.field_errors
    services.level_set(
        actor=okt.user, case=case, level=2, reason="Twee van de vier ronden deze maand af"
    )
    event = CaseEvent.objects.filter(case=case, kind=EventKind.LEVEL_CHANGED).first()
    assert "afwijking" in event.rule and event.reason.startswith("Twee")


def test_felt_necessity_sets_level_2_with_two_professionals(case, okt):
    services.level_set(
        actor=okt.user, case=case, level=2, reason="Gevoelde noodzaak: zorgen over ontwikkeling"
    )
    assert (
        CaseEvent.objects.filter(case=case, kind=EventKind.LEVEL_CHANGED)
        .first()
        .rule.endswith("zorgcoördinatie door de JGZ")
    )


def test_level_4_is_for_the_brandpuntfunctionaris(case, okt, brandpunt):
    with pytest.raises(AccessDenied):
        services.level_set(actor=okt.user, case=case, level=4, reason="Het stagneert al weken")
    assert AuditEntry.objects.filter(user_id_snapshot=okt.user.pk, outcome="denied").exists()
    services.coordinator_assign(
        actor=okt.user, case=case, role="brandpuntfunctionaris", professional=brandpunt
    )
    services.level_set(
        actor=brandpunt.user,
        case=case,
        level=4,
        reason="In het belang van het kind: knoop doorgehakt",
    )
    case.refresh_from_db()
    assert case.level == 4
    with pytest.raises(AccessDenied):  # leaving 4 is the brandpuntfunctionaris' call too
        services.level_set(
            actor=okt.user, case=case, level=1, reason="Gaat weer goed met het gezin"
        )


def test_level_5_only_through_the_crisis_protocol(
    case, okt, involve, brandpunt, django_capture_on_commit_callbacks
):
    jgz = involve("jgz")
    with pytest.raises(AccessDenied):
        services.level_set(
            actor=okt.user, case=case, level=5, reason="Levensbedreigend, direct handelen"
        )
    with pytest.raises(ValidationFailed):
        services.crisis_start(actor=okt.user, case=case, reason="kort")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.crisis_start(
            actor=okt.user,
            case=case,
            reason="Levensbedreigende situatie thuis, politie ingeschakeld",
        )
    case.refresh_from_db()
    assert case.level == 5 and case.crisis_started_by == okt
    recipients = {m.to[0] for m in mail.outbox}
    assert {jgz.email, brandpunt.email} <= recipients and okt.email not in recipients
    assert all("CRISIS" in m.subject and "Proefmans" not in m.body for m in mail.outbox)
    assert Meeting.objects.filter(case=case, kind=MeetingKind.CRISIS).exists()
    with pytest.raises(Conflict):
        services.crisis_start(actor=okt.user, case=case, reason="Nog een keer gestart, per ongeluk")


def test_roles_without_crisis_right_cannot_start_it(case, okt):
    meedenker = factories.make_professional("meedenker")
    services.involvement_register(actor=okt.user, case=case, professional=meedenker)
    with pytest.raises(AccessDenied):
        services.crisis_start(
            actor=meedenker.user, case=case, reason="Levensbedreigende situatie thuis"
        )


def test_coordinator_hand_over_keeps_history(case, okt, procescoordinator):
    other = factories.make_professional("procescoordinator")
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=other, note="Verlof"
    )
    rows = list(case.coordinators.order_by("started_at"))
    assert [r.professional for r in rows] == [procescoordinator, other]
    assert rows[0].ended_at is not None and rows[1].ended_at is None
    assert (
        "overgedragen"
        in CaseEvent.objects.filter(case=case, kind=EventKind.COORDINATOR).first().summary
    )


def test_coordinator_must_hold_the_matching_role(case, okt):
    with pytest.raises(ValidationFailed):
        services.coordinator_assign(
            actor=okt.user, case=case, role="procescoordinator", professional=okt
        )
    jgz = factories.make_professional("jgz")
    services.coordinator_assign(actor=okt.user, case=case, role="zorgcoordinator", professional=jgz)


def test_closed_case_refuses_work(case, okt):
    services.case_close(actor=okt.user, case=case, reason="Hulp afgerond met het gezin")
    with pytest.raises(Conflict):
        services.level_set(actor=okt.user, case=case, level=2, reason="Toch weer zorgen gemeld")
