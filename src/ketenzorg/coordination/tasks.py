"""Background passes: deadline reminders, the daily stagnation check, refreshed level suggestions.

Run by `ketenzorg coordination_tick` (once, or `--loop`); see
docs/decisions/0005-background-work.md. Every pass is idempotent: candidates
are found with one query per kind, a signal has a unique key per stalled
agreement or meeting, and every e-mail is recorded in `SentNotification` with a
unique (kind, object, day, recipient), so running twice — or two workers at
once — sends nothing twice.
"""

from __future__ import annotations

import functools
import uuid as uuidlib
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from ketenzorg.api.idempotency import purge_expired
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import Record, audit_record_many
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
    MeetingKind,
    MeetingStatus,
    SignalKind,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.services import refresh_suggestion
from ketenzorg.coordination.subjects import subjects_of_families
from ketenzorg.core.bulk import insert_rows
from ketenzorg.core.dates import numeric_date
from ketenzorg.core.db_connections import planned_per_run
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


# What a notification needs of its recipient: the key (pk) and the address. The passes load
# thousands of rows at nation scale; whole model instances were a third of their time.
RECIPIENT_FIELDS = ("id", "email")


def _coordinators_prefetch():
    return Prefetch(
        "case__coordinators",
        queryset=CaseCoordinator.objects.filter(ended_at__isnull=True)
        .select_related("professional")
        .only("case_id", *(f"professional__{f}" for f in RECIPIENT_FIELDS)),
        to_attr="active_coordinators",
    )


def reminder_pass(today: date) -> int:
    """Agreements due today or on the next working day; meetings to convene within two working days."""
    horizon = add_working_days(today, 1)
    texts = _MailTexts.translated()
    agreements = (
        Agreement.objects.filter(
            status=AgreementStatus.OPEN,
            case__status=CaseStatus.OPEN,
            due_on__gte=today,
            due_on__lte=horizon,
            responsible_professional__isnull=False,
        )
        .select_related("responsible_professional", "case")
        .only("uuid", "due_on", "case__uuid",
              *(f"responsible_professional__{f}" for f in RECIPIENT_FIELDS))
        .order_by("pk")
    )  # fmt: skip
    notifications = [
        notify.Notification(
            kind="agreement_due",
            object_uuid=agreement.uuid,
            day=today,
            recipient=agreement.responsible_professional,
            compose=functools.partial(_agreement_due_mail, agreement, texts),
        )
        for agreement in agreements.iterator(chunk_size=2000)
    ]
    meetings = (
        Meeting.objects.filter(
            status=MeetingStatus.TO_PLAN,
            case__status=CaseStatus.OPEN,
            deadline__gte=today,
            deadline__lte=add_working_days(today, 2),
        )
        .select_related("convener", "case")
        .prefetch_related(_coordinators_prefetch())
        .only(
            "uuid", "kind", "deadline", "case__uuid", *(f"convener__{f}" for f in RECIPIENT_FIELDS)
        )
        .order_by("pk")
    )
    for meeting in meetings:
        recipients = (
            [meeting.convener]
            if meeting.convener
            else [c.professional for c in meeting.case.active_coordinators]
        )
        notifications += [
            notify.Notification(kind="meeting_deadline", object_uuid=meeting.uuid, day=today,
                                recipient=professional,
                                compose=functools.partial(_meeting_deadline_mail, meeting, professional, texts))
            for professional in recipients
        ]  # fmt: skip
    return notify.send_many(notifications)


@dataclass(frozen=True)
class _MailTexts:
    """The reminder and signal mails' sentences and labels, translated once per pass: per mail
    the translation catalogues were looked up three or four times, and a pass at nation scale
    writes 140 000 mails."""

    agreement_subject: str
    agreement_body: str
    meeting_subject: str
    meeting_body: str
    stagnation_subject: str
    stagnation_body: str
    meeting_kinds: dict
    signal_kinds: dict

    @classmethod
    def translated(cls) -> _MailTexts:
        return cls(
            agreement_subject=gettext("ketenzorg: afspraak uiterlijk %(date)s"),
            agreement_body=gettext(
                "Een afspraak op uw naam moet uiterlijk %(date)s nagekomen zijn. Geef de stand van zaken door: %(link)s"
            ),
            meeting_subject=gettext("ketenzorg: overleg beleggen vóór %(date)s"),
            meeting_body=gettext(
                "Een %(kind)s moet uiterlijk %(date)s gehouden zijn en is nog niet gepland: %(link)s"
            ),
            stagnation_subject=gettext("ketenzorg: stagnatiesignaal in een casus"),
            stagnation_body=gettext(
                "In een casus stagneert de hulp (%(kind)s). Het opschalingsmodel stelt voor op te schalen naar "
                "de brandpuntfunctionaris. Bekijk het signaal: %(link)s"
            ),
            meeting_kinds={value: str(label) for value, label in MeetingKind.choices},
            signal_kinds={value: str(label) for value, label in SignalKind.choices},
        )


def _agreement_due_mail(agreement: Agreement, texts: _MailTexts) -> notify.Mail:
    due = numeric_date(agreement.due_on)
    return notify.Mail(
        to=[agreement.responsible_professional.email],
        subject=texts.agreement_subject % {"date": due},
        body=texts.agreement_body % {"date": due, "link": notify.case_link(agreement.case)},
    )


def _meeting_deadline_mail(meeting: Meeting, professional, texts: _MailTexts) -> notify.Mail:
    deadline = numeric_date(meeting.deadline)
    kind = texts.meeting_kinds.get(meeting.kind, meeting.kind)
    return notify.Mail(
        to=[professional.email],
        subject=texts.meeting_subject % {"date": deadline},
        body=texts.meeting_body
        % {"kind": kind, "date": deadline, "link": notify.case_link(meeting.case)},
    )


def _stagnation_mail(signal: StagnationSignal, professional, texts: _MailTexts) -> notify.Mail:
    kind = texts.signal_kinds.get(signal.kind, signal.kind)
    return notify.Mail(
        to=[professional.email],
        subject=texts.stagnation_subject,
        body=texts.stagnation_body % {"kind": kind, "link": notify.case_link(signal.case)},
    )


@dataclass(frozen=True)
class _Stalled:
    """Something overdue that deserves one signal: an agreement or a meeting."""

    case_id: int
    family_id: int
    kind: str
    key: str
    summary: str
    agreement_id: int | None = None
    meeting_id: int | None = None


SIGNAL_CHUNK = 1000


def _raise_all(stalled: list[_Stalled], today: date) -> int:
    """Create the signals whose key does not exist yet, with their case event and audit entry.

    Set-based: per chunk one transaction with one INSERT per table and one lock of the
    audit chain, instead of a transaction per signal. Signals another worker created
    meanwhile are skipped by the unique key (they get no second event or audit entry).
    """
    created = 0
    rule = gettext(
        "stagnatie in de hulpverlening: voorstel opschalen naar niveau 4 (brandpuntfunctionaris)"
    )
    for start in range(0, len(stalled), SIGNAL_CHUNK):
        chunk = stalled[start : start + SIGNAL_CHUNK]
        with transaction.atomic():
            signals = {uuidlib.uuid4(): item for item in chunk}
            insert_rows(
                StagnationSignal,
                [
                    {"uuid": u, "key": i.key, "case_id": i.case_id, "kind": i.kind, "raised_on": today,
                     "agreement_id": i.agreement_id, "meeting_id": i.meeting_id}
                    for u, i in signals.items()
                ],
                ignore_conflicts=True,
            )  # fmt: skip
            new = StagnationSignal.objects.filter(uuid__in=list(signals)).values_list(
                "uuid", flat=True
            )
            mine = [(u, signals[u]) for u in new]
            if not mine:
                continue
            now = timezone.now()
            insert_rows(
                CaseEvent,
                [
                    {"case_id": i.case_id, "kind": EventKind.STAGNATION, "occurred_at": now,
                     "summary": i.summary[:300], "rule": rule}
                    for _, i in mine
                ],
            )  # fmt: skip
            subjects = subjects_of_families({i.family_id for _, i in mine})
            audit_record_many(
                actor=None,
                records=[
                    Record(action=Action.CREATE, object_type="coordination.StagnationSignal", object_uuid=u,
                           subjects=subjects[i.family_id], basis=Basis.NONE, reason="dagelijkse stagnatiecontrole")
                    for u, i in mine
                ],
            )  # fmt: skip
            created += len(mine)
    return created


def stagnation_pass(today: date) -> tuple[int, int]:
    """Overdue agreements and meetings not held by their deadline raise a signal (once) and tell the coordinators."""
    overdue = (
        Agreement.objects.filter(
            status=AgreementStatus.OPEN, due_on__lt=today, case__status=CaseStatus.OPEN
        )
        .exclude(signals__kind=SignalKind.AGREEMENT_OVERDUE)
        .order_by("pk")
        .values_list("pk", "uuid", "case_id", "case__family_id", "due_on")
    )
    stalled = [
        _Stalled(case_id=case_id, family_id=family_id, kind=SignalKind.AGREEMENT_OVERDUE,
                 key=f"agreement:{uuid}", agreement_id=pk,
                 summary=gettext("Stagnatiesignaal: afspraak over de datum (%(date)s)")
                 % {"date": numeric_date(due_on)})
        for pk, uuid, case_id, family_id, due_on in overdue.iterator(chunk_size=5000)
    ]  # fmt: skip
    late = (
        Meeting.objects.filter(
            status__in=OPEN_MEETING, deadline__lt=today, case__status=CaseStatus.OPEN
        )
        .exclude(signals__kind=SignalKind.MEETING_LATE)
        .order_by("pk")
        .values_list("pk", "uuid", "case_id", "case__family_id", "kind", "deadline")
    )
    kinds = dict(MeetingKind.choices)
    stalled += [
        _Stalled(case_id=case_id, family_id=family_id, kind=SignalKind.MEETING_LATE,
                 key=f"meeting:{uuid}", meeting_id=pk,
                 summary=gettext("Stagnatiesignaal: %(kind)s niet gehouden voor %(date)s")
                 % {"kind": kinds.get(kind, kind), "date": numeric_date(deadline)})
        for pk, uuid, case_id, family_id, kind, deadline in late.iterator(chunk_size=5000)
    ]  # fmt: skip
    created = _raise_all(stalled, today)
    open_signals = (
        StagnationSignal.objects.filter(status=SignalStatus.OPEN, raised_on=today)
        .select_related("case", "agreement__responsible_professional")
        .prefetch_related(_coordinators_prefetch())
        .only(
            "uuid",
            "kind",
            "case__uuid",
            "agreement__id",
            *(f"agreement__responsible_professional__{f}" for f in RECIPIENT_FIELDS),
        )
        .order_by("pk")
    )
    notifications, texts = [], _MailTexts.translated()
    for signal in open_signals:
        recipients = {c.professional.pk: c.professional for c in signal.case.active_coordinators}
        if signal.agreement and signal.agreement.responsible_professional:
            p = signal.agreement.responsible_professional
            recipients[p.pk] = p
        notifications += [
            notify.Notification(kind="stagnation", object_uuid=signal.uuid, day=today, recipient=professional,
                                compose=functools.partial(_stagnation_mail, signal, professional, texts))
            for professional in recipients.values()
        ]  # fmt: skip
    return created, notify.send_many(notifications)


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
    # Chunks of hundreds of values, different each run: each statement planned for its own
    # (core.db_connections, decision 0021).
    with planned_per_run():
        result.suggestions = suggestion_pass(today)
        result.signals, result.signal_mails = stagnation_pass(today)
        result.reminders = reminder_pass(today)
        # Housekeeping of the API's retries: remembered answers are kept 24 hours, not longer.
        purge_expired()
    return result
