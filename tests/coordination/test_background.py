"""Reminders and the daily stagnation check: idempotent, so running twice sends nothing twice."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ketenzorg.coordination import services, tasks
from ketenzorg.coordination.models import (
    Agreement,
    CaseEvent,
    EventKind,
    Meeting,
    SentNotification,
    SignalKind,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.core.errors import AccessDenied, Conflict
from ketenzorg.core.workdays import add_working_days
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def _overdue_agreement(case, okt, responsible, today, days=2):
    agreement = services.agreement_add(
        actor=okt.user,
        case=case,
        what="Afspraak",
        due_on=today,
        responsible_professional=responsible,
    )
    Agreement.objects.filter(pk=agreement.pk).update(due_on=today - timedelta(days=days))
    return agreement


def test_reminder_before_the_due_date_is_sent_once(case, okt, involve, today):
    jgz = involve("jgz")
    services.agreement_add(
        actor=okt.user,
        case=case,
        what="Huisbezoek",
        due_on=add_working_days(today, 1),
        responsible_professional=jgz,
    )
    services.agreement_add(
        actor=okt.user,
        case=case,
        what="Later",
        due_on=today + timedelta(days=30),
        responsible_professional=jgz,
    )
    mail.outbox.clear()
    assert tasks.reminder_pass(today) == 1
    assert tasks.reminder_pass(today) == 0  # the second run sends nothing
    assert [m.to for m in mail.outbox] == [[jgz.email]]
    reminded = Agreement.objects.get(
        signals__isnull=True, due_on__lte=add_working_days(today, 1), status="open"
    )
    due = f"{reminded.due_on:%d-%m-%Y}"
    assert mail.outbox[0].subject == f"ketenzorg: afspraak uiterlijk {due}"
    assert f"moet uiterlijk {due} nagekomen zijn" in mail.outbox[0].body
    assert (
        SentNotification.objects.filter(kind="agreement_due", recipient=jgz, day=today).count() == 1
    )


def test_a_failing_mail_server_records_nothing_so_the_next_run_retries(
    case, okt, involve, today, monkeypatch
):
    jgz = involve("jgz")
    services.agreement_add(
        actor=okt.user, case=case, what="Huisbezoek", due_on=today, responsible_professional=jgz
    )

    def broken(self, *args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    assert tasks.reminder_pass(today) == 0
    assert not SentNotification.objects.exists()
    monkeypatch.undo()
    assert tasks.reminder_pass(today) == 1


def test_convener_is_reminded_of_the_meeting_deadline(case, okt, involve, procescoordinator, today):
    for role in ("jgz", "meedenker", "aanbieder"):
        involve(role)
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    services.level_set(actor=okt.user, case=case, level=3)
    meeting = Meeting.objects.get(case=case)
    mail.outbox.clear()
    day = add_working_days(today, 3)  # two working days before the deadline
    assert meeting.deadline == add_working_days(today, 5)
    assert tasks.reminder_pass(day) == 1
    assert tasks.reminder_pass(day) == 0
    assert mail.outbox[0].to == [procescoordinator.email]
    deadline = f"{meeting.deadline:%d-%m-%Y}"
    assert mail.outbox[0].subject == f"ketenzorg: overleg beleggen vóór {deadline}"
    assert f"Een {meeting.get_kind_display()} moet uiterlijk {deadline}" in mail.outbox[0].body


def test_overdue_agreement_raises_one_signal_and_tells_the_coordinators(
    case, okt, involve, procescoordinator, today
):
    jgz = involve("jgz")
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    agreement = _overdue_agreement(case, okt, jgz, today)
    mail.outbox.clear()
    first = tasks.tick(today)
    second = tasks.tick(today)
    assert (first.signals, second.signals) == (1, 0)
    assert first.signal_mails == 2 and second.signal_mails == 0
    signal = StagnationSignal.objects.get()
    assert signal.agreement == agreement and signal.kind == SignalKind.AGREEMENT_OVERDUE
    assert sorted(m.to[0] for m in mail.outbox) == sorted([procescoordinator.email, jgz.email])
    assert mail.outbox[0].subject == "ketenzorg: stagnatiesignaal in een casus"
    assert f"stagneert de hulp ({signal.get_kind_display()})" in mail.outbox[0].body
    event = CaseEvent.objects.filter(case=case, kind=EventKind.STAGNATION).get()
    assert "niveau 4" in event.rule
    assert tasks.tick(today + timedelta(days=1)).signals == 0  # the next day: still one signal


def test_meeting_not_held_by_its_deadline_raises_a_signal(case, okt, involve, today):
    for role in ("jgz", "meedenker", "aanbieder"):
        involve(role)
    services.level_set(actor=okt.user, case=case, level=3)
    meeting = Meeting.objects.get(case=case)
    assert (
        tasks.stagnation_pass(meeting.deadline)[0] == 0
    )  # on the deadline day itself: not yet late
    assert tasks.stagnation_pass(meeting.deadline + timedelta(days=1))[0] == 1
    assert StagnationSignal.objects.get().meeting == meeting


def test_signal_escalates_to_the_brandpuntfunctionaris_who_decides(
    case, okt, involve, brandpunt, today
):
    jgz = involve("jgz")
    _overdue_agreement(case, okt, jgz, today)
    tasks.tick(today)
    signal = StagnationSignal.objects.get()
    outsider_bpf = factories.make_professional("brandpuntfunctionaris")
    with pytest.raises(AccessDenied):  # a role alone gives no access to the case
        services.decision_record(
            actor=outsider_bpf.user, case=case, text="In het belang van het kind besloten"
        )
    services.signal_escalate(
        actor=okt.user,
        signal=signal,
        brandpunt=brandpunt,
        reason="Afspraak al twee weken niet nagekomen",
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.ESCALATED
    with pytest.raises(Conflict):
        services.signal_escalate(
            actor=okt.user, signal=signal, brandpunt=brandpunt, reason="Nog een keer opschalen"
        )
    with pytest.raises(AccessDenied):  # only the brandpuntfunctionaris decides
        services.decision_record(actor=okt.user, case=case, text="Besluit door de verkeerde rol")
    services.decision_record(
        actor=brandpunt.user, case=case, text="Jeugdhulp start per direct; JGZ coördineert"
    )
    case.refresh_from_db()
    assert case.level == 4
    assert CaseEvent.objects.filter(case=case, kind=EventKind.DECISION, actor=brandpunt).exists()


def test_ended_involvement_refreshes_the_suggestion_the_next_days(case, okt, involve, today):
    professionals = [involve(r) for r in ("jgz", "meedenker", "aanbieder")]
    case.refresh_from_db()
    assert case.suggested_level == 3
    involvement = case.family.involvements.get(professional=professionals[0])
    services.involvement_end(actor=okt.user, case=case, involvement=involvement)  # last day: today
    case.refresh_from_db()
    assert case.suggested_level == 3  # still involved today
    assert tasks.suggestion_pass(today + timedelta(days=1)) == 1
    assert tasks.suggestion_pass(today + timedelta(days=1)) == 0
    case.refresh_from_db()
    assert case.suggested_level == 2


def test_the_management_command_runs_once(case, okt, involve, today):
    _overdue_agreement(case, okt, involve("jgz"), today)
    out = StringIO()
    call_command("coordination_tick", stdout=out)
    assert "nieuwe stagnatiesignalen: 1" in out.getvalue()
    out = StringIO()
    call_command("coordination_tick", "--date", today.isoformat(), stdout=out)
    assert "nieuwe stagnatiesignalen: 0" in out.getvalue()


def test_a_signal_another_worker_raised_meanwhile_gets_no_second_event_or_audit_entry(
    case, okt, involve, today
):
    from ketenzorg.audit.models import AuditEntry

    agreement = _overdue_agreement(case, okt, involve("jgz"), today)
    stalled = tasks._Stalled(case_id=case.pk, family_id=case.family_id, kind=SignalKind.AGREEMENT_OVERDUE,
                             key=f"agreement:{agreement.uuid}", agreement_id=agreement.pk, summary="over de datum")  # fmt: skip
    StagnationSignal.objects.create(case=case, kind=stalled.kind, key=stalled.key, agreement=agreement,
                                    raised_on=today)  # fmt: skip
    entries = AuditEntry.objects.count()
    assert tasks._raise_all([stalled], today) == 0
    assert StagnationSignal.objects.count() == 1
    assert not CaseEvent.objects.filter(kind=EventKind.STAGNATION).exists()
    assert AuditEntry.objects.count() == entries


def test_many_overdue_agreements_are_raised_in_one_pass_each_with_its_audit_entry(
    case, okt, involve, today
):
    from ketenzorg.audit.models import AuditEntry
    from ketenzorg.audit.verify import audit_verify

    jgz = involve("jgz")
    agreements = [_overdue_agreement(case, okt, jgz, today, days=d) for d in range(1, 6)]
    assert tasks.stagnation_pass(today)[0] == 5
    signals = StagnationSignal.objects.filter(agreement__in=agreements)
    assert signals.count() == 5
    logged = AuditEntry.objects.filter(object_type="coordination.StagnationSignal")
    assert set(logged.values_list("object_uuid", flat=True)) == {str(s.uuid) for s in signals}
    assert all(
        e.subjects.filter(kind="family", subject_uuid=case.family.uuid).exists() for e in logged
    )
    assert audit_verify().ok


def test_a_notification_twice_in_one_pass_is_sent_once(case, okt, involve, today):
    from ketenzorg.coordination import notify

    jgz = involve("jgz")
    mail.outbox.clear()
    note = notify.Notification(kind="agreement_due", object_uuid=case.uuid, day=today, recipient=jgz,
                               compose=lambda: notify.Mail(to=[jgz.email], subject="s", body="b"))  # fmt: skip
    assert notify.send_many([note, note]) == 1
    assert notify.send_many([note]) == 0
    assert len(mail.outbox) == 1 and SentNotification.objects.count() == 1


def test_the_pass_takes_as_many_queries_for_many_cases_as_for_one(
    today, django_assert_max_num_queries
):
    """Set-based: the candidates, their recipients and cases are read per kind, never per row."""
    okt = factories.make_professional("okt")
    pc = factories.make_professional("procescoordinator")

    def stalled_case(n):
        family = factories.register_family(okt, name=f"Gezin Stil{n}")
        case = services.case_open(actor=okt.user, family=family)
        services.coordinator_assign(
            actor=okt.user, case=case, role="procescoordinator", professional=pc
        )
        _overdue_agreement(case, okt, okt, today)
        due = services.agreement_add(actor=okt.user, case=case, what="Bellen", due_on=today,
                                     responsible_professional=okt)  # fmt: skip
        return case, due

    def one_pass():
        mail.outbox.clear()
        result = tasks.tick(today)
        return result, [m.body for m in mail.outbox]

    first, _ = stalled_case(0)
    one_pass()  # the first pass also raises what the fixtures left behind
    SentNotification.objects.all().delete()
    StagnationSignal.objects.all().delete()
    with django_assert_max_num_queries(60) as one:
        result, bodies = one_pass()
    assert (result.signals, result.signal_mails, result.reminders) == (1, 2, 1)
    assert all(f"/casussen/{first.uuid}/" in body for body in bodies)

    cases = [stalled_case(n) for n in range(1, 8)]
    SentNotification.objects.all().delete()
    StagnationSignal.objects.all().delete()
    with django_assert_max_num_queries(len(one.captured_queries)):
        result, bodies = one_pass()
    assert (result.signals, result.signal_mails, result.reminders) == (8, 16, 8)
    for case, due in cases:
        assert sum(f"/casussen/{case.uuid}/" in body for body in bodies) == 3
        assert any(due.due_on.strftime("%d-%m-%Y") in body for body in bodies)
