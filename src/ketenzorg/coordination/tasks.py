"""Background passes: deadline reminders, the daily stagnation check, refreshed level suggestions.

Run by `ketenzorg coordination_tick` (once, or `--loop`); see
docs/decisions/0005-background-work.md. Every pass is idempotent: candidates
are found with one query per kind, a signal has a unique key per stalled
agreement or meeting, and every e-mail is recorded in `SentNotification` with a
unique (kind, object, day, recipient), so running twice — or two workers at
once — sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.coordination import notify
from ketenzorg.coordination.models import (
    Agreement,
    AgreementStatus,
    Case,
    CaseCoordinator,
    CaseEvent,
    CaseStatus,
    EventKind,
    Meeting,
    MeetingStatus,
    SignalKind,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.services import family_subjects, refresh_suggestion
from ketenzorg.core.workdays import add_working_days

OPEN_MEETING = (MeetingStatus.TO_PLAN, MeetingStatus.PLANNED)
SUGGESTION_LOOKBACK_DAYS = 7


@dataclass
class TickResult:
    reminders: int = 0
    signals: int = 0
    signal_mails: int = 0
    suggestions: int = 0

    def __str__(self):
        return (
            f"herinneringen: {self.reminders}, nieuwe stagnatiesignalen: {self.signals}, "
            f"signaalberichten: {self.signal_mails}, niveauvoorstellen ververst: {self.suggestions}"
        )


def _coordinators_prefetch():
    return Prefetch(
        "case__coordinators",
        queryset=CaseCoordinator.objects.filter(ended_at__isnull=True).select_related(
            "professional"
        ),
        to_attr="active_coordinators",
    )


def reminder_pass(today: date) -> int:
    """Agreements due today or on the next working day; meetings to convene within two working days."""
    sent = 0
    horizon = add_working_days(today, 1)
    agreements = (
        Agreement.objects.filter(
            status=AgreementStatus.OPEN,
            case__status=CaseStatus.OPEN,
            due_on__gte=today,
            due_on__lte=horizon,
            responsible_professional__isnull=False,
        )
        .select_related("responsible_professional", "case")
        .order_by("pk")
    )
    for agreement in agreements.iterator(chunk_size=500):
        mail = notify.Mail(
            to=[agreement.responsible_professional.email],
            subject=gettext("ketenzorg: afspraak uiterlijk %(date)s")
            % {"date": date_format(agreement.due_on, "d-m-Y")},
            body=gettext(
                "Een afspraak op uw naam moet uiterlijk %(date)s nagekomen zijn. Geef de stand van zaken door: %(link)s"
            )
            % {
                "date": date_format(agreement.due_on, "d-m-Y"),
                "link": notify.case_link(agreement.case),
            },
        )
        sent += notify.send_once(
            kind="agreement_due",
            object_uuid=agreement.uuid,
            day=today,
            recipient=agreement.responsible_professional,
            mail=mail,
        )
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.TO_PLAN,
            case__status=CaseStatus.OPEN,
            deadline__gte=today,
            deadline__lte=add_working_days(today, 2),
        )
        .select_related("convener", "case")
        .prefetch_related(_coordinators_prefetch())
        .order_by("pk")
    )
    for meeting in meetings:
        recipients = (
            [meeting.convener]
            if meeting.convener
            else [c.professional for c in meeting.case.active_coordinators]
        )
        for professional in recipients:
            mail = notify.Mail(
                to=[professional.email],
                subject=gettext("ketenzorg: overleg beleggen vóór %(date)s")
                % {"date": date_format(meeting.deadline, "d-m-Y")},
                body=gettext(
                    "Een %(kind)s moet uiterlijk %(date)s gehouden zijn en is nog niet gepland: %(link)s"
                )
                % {
                    "kind": meeting.get_kind_display(),
                    "date": date_format(meeting.deadline, "d-m-Y"),
                    "link": notify.case_link(meeting.case),
                },
            )
            sent += notify.send_once(
                kind="meeting_deadline",
                object_uuid=meeting.uuid,
                day=today,
                recipient=professional,
                mail=mail,
            )
    return sent


def _raise(case: Case, kind: str, key: str, today: date, summary: str, **target) -> bool:
    """Create the signal unless its key exists; True if this call created it."""
    with transaction.atomic():
        signal, created = StagnationSignal.objects.get_or_create(
            key=key, defaults={"case": case, "kind": kind, "raised_on": today, **target}
        )
        if created:
            CaseEvent.objects.create(
                case=case,
                kind=EventKind.STAGNATION,
                occurred_at=timezone.now(),
                summary=summary[:300],
                rule=gettext(
                    "stagnatie in de hulpverlening: voorstel opschalen naar niveau 4 (brandpuntfunctionaris)"
                ),
            )
            audit_record(
                actor=None,
                action=Action.CREATE,
                object_type="coordination.StagnationSignal",
                object_uuid=signal.uuid,
                subjects=family_subjects(case.family_id, case.family.uuid),
                basis=Basis.NONE,
                reason="dagelijkse stagnatiecontrole",
            )
    return created


def stagnation_pass(today: date) -> tuple[int, int]:
    """Overdue agreements and meetings not held by their deadline raise a signal (once) and tell the coordinators."""
    created = 0
    overdue = (
        Agreement.objects.filter(
            status=AgreementStatus.OPEN, due_on__lt=today, case__status=CaseStatus.OPEN
        )
        .exclude(signals__kind=SignalKind.AGREEMENT_OVERDUE)
        .select_related("case__family")
        .order_by("pk")
    )
    for agreement in overdue:
        created += _raise(
            agreement.case,
            SignalKind.AGREEMENT_OVERDUE,
            f"agreement:{agreement.uuid}",
            today,
            gettext("Stagnatiesignaal: afspraak over de datum (%(date)s)")
            % {"date": date_format(agreement.due_on, "d-m-Y")},
            agreement=agreement,
        )
    late = (
        Meeting.objects.filter(
            status__in=OPEN_MEETING, deadline__lt=today, case__status=CaseStatus.OPEN
        )
        .exclude(signals__kind=SignalKind.MEETING_LATE)
        .select_related("case__family")
        .order_by("pk")
    )
    for meeting in late:
        created += _raise(
            meeting.case,
            SignalKind.MEETING_LATE,
            f"meeting:{meeting.uuid}",
            today,
            gettext("Stagnatiesignaal: %(kind)s niet gehouden voor %(date)s")
            % {"kind": meeting.get_kind_display(), "date": date_format(meeting.deadline, "d-m-Y")},
            meeting=meeting,
        )
    mails = 0
    open_signals = (
        StagnationSignal.objects.filter(status=SignalStatus.OPEN, raised_on=today)
        .select_related("case", "agreement__responsible_professional")
        .prefetch_related(_coordinators_prefetch())
        .order_by("pk")
    )
    for signal in open_signals:
        recipients = {c.professional.pk: c.professional for c in signal.case.active_coordinators}
        if signal.agreement and signal.agreement.responsible_professional:
            p = signal.agreement.responsible_professional
            recipients[p.pk] = p
        for professional in recipients.values():
            mail = notify.Mail(
                to=[professional.email],
                subject=gettext("ketenzorg: stagnatiesignaal in een casus"),
                body=gettext(
                    "In een casus stagneert de hulp (%(kind)s). Het opschalingsmodel stelt voor op te schalen naar "
                    "de brandpuntfunctionaris. Bekijk het signaal: %(link)s"
                )
                % {"kind": signal.get_kind_display(), "link": notify.case_link(signal.case)},
            )
            mails += notify.send_once(
                kind="stagnation",
                object_uuid=signal.uuid,
                day=today,
                recipient=professional,
                mail=mail,
            )
    return created, mails


def suggestion_pass(today: date) -> int:
    """An involvement whose last day has passed no longer counts: refresh those cases' suggestions."""
    cases = (
        Case.objects.filter(
            status=CaseStatus.OPEN,
            family__involvements__ended_on__gte=today - timedelta(days=SUGGESTION_LOOKBACK_DAYS),
            family__involvements__ended_on__lt=today,
        )
        .distinct()
        .order_by("pk")
    )
    changed = 0
    for case in cases:
        before = case.suggested_level
        with transaction.atomic():
            refresh_suggestion(case, actor=None, today=today)
        changed += case.suggested_level != before
    return changed


def tick(today: date | None = None) -> TickResult:
    today = today or timezone.localdate()
    result = TickResult()
    result.suggestions = suggestion_pass(today)
    result.signals, result.signal_mails = stagnation_pass(today)
    result.reminders = reminder_pass(today)
    return result
