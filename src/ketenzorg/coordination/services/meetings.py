"""Meetings: planning with invitations, minutes, and which institution a child attends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ketenzorg.audit.models import Action
from ketenzorg.coordination import guards, ics, notify
from ketenzorg.coordination.models import (
    Case,
    EventKind,
    InstitutionAttendance,
    Meeting,
    MeetingInvitation,
    MeetingKind,
    MeetingStatus,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.coordination.services._common import (
    audit_write,
    client_professional,
    fail,
    involved_professionals,
    record_event,
    require_open,
    text_field,
)
from ketenzorg.core.errors import Conflict, NotFound
from ketenzorg.families.models import MemberRole, Person
from ketenzorg.network.models import Institution, Professional


def _invitation_mails(
    meeting: Meeting, organizer: Professional, attendees: list[Professional]
) -> list[notify.Mail]:
    kind = str(MeetingKind(meeting.kind).label)
    link = notify.case_link(meeting.case)
    calendar = ics.invitation(
        uid=f"{meeting.uuid}@ketenzorg",
        sequence=meeting.sequence,
        starts_at=meeting.starts_at,
        duration=timedelta(minutes=meeting.duration_minutes),
        summary=f"{kind} (ketenzorg)",
        location=meeting.location,
        description=gettext("Overleg over een gezin in ketenzorg. Details na inloggen: %(link)s")
        % {"link": link},
        organizer=ics.Attendee(organizer.full_name, organizer.email),
        attendees=[ics.Attendee(p.full_name, p.email) for p in attendees if p.email],
        stamp=timezone.now(),
    )
    when = date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")
    return [
        notify.Mail(
            to=[p.email],
            subject=gettext("ketenzorg: uitnodiging %(kind)s op %(when)s")
            % {"kind": kind, "when": when},
            body=gettext(
                "%(organizer)s nodigt u uit voor een %(kind)s op %(when)s, %(location)s. De uitnodiging voor uw "
                "agenda zit in de bijlage. Casus: %(link)s"
            )
            % {
                "organizer": organizer.full_name,
                "kind": kind,
                "when": when,
                "location": meeting.location,
                "link": link,
            },
            attachments=[
                ("uitnodiging.ics", calendar, "text/calendar; method=REQUEST; charset=utf-8")
            ],
        )
        for p in attendees
        if p.email
    ]


def meeting_plan(
    *,
    actor,
    case: Case,
    kind: str,
    starts_at: datetime | None,
    location: str,
    duration_minutes: int = 60,
    meeting: Meeting | None = None,
) -> Meeting:
    """Plan (or re-plan) an overleg and invite every involved professional and coordinator (.ics by e-mail)."""
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        object_type="coordination.Meeting",
        object_uuid=meeting.uuid if meeting else "",
    )
    professional = client_professional(actor)
    require_open(case)
    if meeting is not None and meeting.case_id != case.pk:
        raise NotFound(gettext("Dit overleg hoort niet bij deze casus."))
    errors: dict = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [gettext("Kies een soort overleg.")]
    if starts_at is None:
        errors["starts_at"] = [gettext("Kies een datum en tijd.")]
    elif starts_at < timezone.now() - timedelta(minutes=5):
        errors["starts_at"] = [
            gettext(
                "Het overleg ligt in het verleden. Leg een gehouden overleg vast met een verslag."
            )
        ]
    location = text_field(
        location, "location", errors, message=gettext("Vul een plaats in (of 'online').")
    )[:200]
    if not isinstance(duration_minutes, int) or not 15 <= duration_minutes <= 480:
        errors["duration_minutes"] = [gettext("Kies een duur van 15 tot 480 minuten.")]
    if meeting is not None and meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise Conflict(gettext("Dit overleg is al gehouden of geannuleerd."))
    fail(errors, gettext("Het overleg is niet gepland."))
    with transaction.atomic():
        if meeting is None:
            meeting = Meeting(case=case, kind=kind, convener=professional)
        else:
            meeting.sequence += 1 if meeting.status == MeetingStatus.PLANNED else 0
            meeting.kind = kind
            meeting.convener = meeting.convener or professional
        meeting.status = MeetingStatus.PLANNED
        meeting.starts_at = starts_at
        meeting.duration_minutes = duration_minutes
        meeting.location = location
        meeting.save()
        attendees = involved_professionals(case)
        now = timezone.now()
        for p in attendees:
            MeetingInvitation.objects.update_or_create(
                meeting=meeting, professional=p, defaults={"sent_at": now}
            )
        when = date_format(timezone.localtime(starts_at), "d-m-Y H:i")
        summary = gettext("%(kind)s gepland op %(when)s; %(n)s uitgenodigd") % {
            "kind": str(MeetingKind(kind).label).capitalize(),
            "when": when,
            "n": len(attendees),
        }
        record_event(case, EventKind.MEETING, professional, summary)
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Meeting",
            object_uuid=meeting.uuid,
        )
    notify.after_commit(_invitation_mails(meeting, meeting.convener, attendees))
    return meeting


def meeting_record_minutes(
    *, actor, meeting: Meeting, minutes: str, held_on: date | None
) -> Meeting:
    case = meeting.case
    decision = guards.case_change_allowed(
        actor=actor, case=case, object_type="coordination.Meeting", object_uuid=meeting.uuid
    )
    professional = client_professional(actor)
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        raise Conflict(gettext("Van dit overleg is het verslag al vastgelegd."))
    errors: dict = {}
    minutes = text_field(minutes, "minutes", errors, message=gettext("Schrijf het verslag."))
    if held_on is None:
        errors["held_on"] = [gettext("Vul de datum in waarop het overleg is gehouden.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [gettext("Die datum ligt in de toekomst.")]
    fail(errors, gettext("Het verslag is niet opgeslagen."))
    with transaction.atomic():
        meeting.status = MeetingStatus.HELD
        meeting.minutes = minutes
        meeting.held_on = held_on
        meeting.save()
        in_time = meeting.deadline is None or held_on <= meeting.deadline
        StagnationSignal.objects.filter(meeting=meeting, status=SignalStatus.OPEN).update(
            status=SignalStatus.DISMISSED, resolution="overleg gehouden", updated_at=timezone.now()
        )
        record_event(
            case,
            EventKind.MEETING,
            professional,
            (
                gettext("%(kind)s gehouden op %(date)s")
                if in_time
                else gettext("%(kind)s gehouden op %(date)s (na de termijn)")
            )
            % {
                "kind": str(MeetingKind(meeting.kind).label).capitalize(),
                "date": date_format(held_on, "d-m-Y"),
            },
        )
        audit_write(
            actor,
            Action.UPDATE,
            case,
            decision,
            object_type="coordination.Meeting",
            object_uuid=meeting.uuid,
            reason="verslag",
        )
    return meeting


def attendance_record(
    *, actor, case: Case, person: Person | None, institution: Institution | None
) -> InstitutionAttendance:
    """Which school, daycare or playgroup a child attends: shows the JGZ's fixed contact person."""
    decision = guards.case_change_allowed(
        actor=actor,
        case=case,
        action=Action.CREATE,
        object_type="coordination.InstitutionAttendance",
        object_uuid="",
    )
    professional = client_professional(actor)
    errors: dict = {}
    if person is None or person.family_id != case.family_id:
        errors["person"] = [gettext("Kies een kind uit dit gezin.")]
    elif person.role not in (MemberRole.CHILD, MemberRole.YOUTH):
        errors["person"] = [gettext("Kies een kind of jongere.")]
    if institution is None:
        errors["institution"] = [gettext("Kies een school, kinderdagverblijf of peuterspeelzaal.")]
    if (
        not errors
        and InstitutionAttendance.objects.filter(
            case=case, person=person, institution=institution
        ).exists()
    ):
        errors["institution"] = [gettext("Dit is al vastgelegd.")]
    fail(errors, gettext("De school of opvang is niet vastgelegd."))
    with transaction.atomic():
        row = InstitutionAttendance.objects.create(
            case=case, person=person, institution=institution, recorded_by=professional
        )
        audit_write(
            actor,
            Action.CREATE,
            case,
            decision,
            object_type="coordination.InstitutionAttendance",
            object_uuid=row.uuid,
        )
    return row
