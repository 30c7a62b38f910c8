"""Meetings with .ics invitations and minutes; agreements with check-ins; who keeps their agreements."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from ketenzorg.coordination import ics, selectors, services
from ketenzorg.coordination.models import (
    AgreementStatus,
    MeetingStatus,
    SignalKind,
    SignalStatus,
    StagnationSignal,
)
from ketenzorg.core.errors import Conflict, ValidationFailed
from tests import factories

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def test_planning_invites_everyone_involved_with_an_ics(
    case, okt, involve, procescoordinator, django_capture_on_commit_callbacks
):
    jgz, meedenker = involve("jgz"), involve("meedenker")
    services.coordinator_assign(
        actor=okt.user, case=case, role="procescoordinator", professional=procescoordinator
    )
    mail.outbox.clear()
    starts = datetime(2030, 3, 4, 10, 0, tzinfo=AMS)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_plan(
            actor=procescoordinator.user,
            case=case,
            kind="procesoverleg",
            starts_at=starts,
            location="OKé-punt, zaal 2",
            duration_minutes=90,
        )
    assert meeting.status == MeetingStatus.PLANNED and meeting.invitations.count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for p in (okt, jgz, meedenker, procescoordinator)
    )
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert name == "uitnodiging.ics" and mimetype.startswith("text/calendar")
    unfolded = content.replace("\r\n ", "")
    assert "METHOD:REQUEST" in unfolded
    assert "DTSTART:20300304T090000Z" in unfolded  # 10:00 in Amsterdam (CET) is 09:00 UTC
    assert "DTEND:20300304T103000Z" in unfolded
    assert f"UID:{meeting.uuid}@ketenzorg" in unfolded
    assert re.search(
        r"ORGANIZER;CN=\"[^\"]+\":mailto:" + re.escape(procescoordinator.email), unfolded
    )
    assert unfolded.count("ATTENDEE;") == 4
    assert all(len(line.encode()) <= 75 for line in content.split("\r\n"))
    assert "Proefmans" not in content  # the family is not named in an e-mail


def test_planning_in_the_past_is_refused(case, okt):
    with pytest.raises(ValidationFailed) as exc:
        services.meeting_plan(
            actor=okt.user,
            case=case,
            kind="zorgoverleg",
            starts_at=timezone.now() - timedelta(days=1),
            location="x",
        )
    assert "starts_at" in exc.value.field_errors


def test_replanning_bumps_the_sequence(case, okt):
    meeting = services.meeting_plan(
        actor=okt.user,
        case=case,
        kind="zorgoverleg",
        starts_at=timezone.now() + timedelta(days=2),
        location="a",
    )
    again = services.meeting_plan(
        actor=okt.user,
        case=case,
        meeting=meeting,
        kind="zorgoverleg",
        starts_at=timezone.now() + timedelta(days=3),
        location="b",
    )
    assert again.sequence == 1


def test_minutes_close_the_meeting_and_its_signal(case, okt):
    meeting = services.meeting_plan(
        actor=okt.user,
        case=case,
        kind="zorgoverleg",
        starts_at=timezone.now() + timedelta(hours=1),
        location="a",
    )
    signal = StagnationSignal.objects.create(
        case=case,
        kind=SignalKind.MEETING_LATE,
        key=f"meeting:{meeting.uuid}",
        meeting=meeting,
        raised_on=timezone.localdate(),
    )
    services.meeting_record_minutes(
        actor=okt.user,
        meeting=meeting,
        minutes="Besproken: aanpak school",
        held_on=timezone.localdate(),
    )
    meeting.refresh_from_db()
    signal.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and signal.status == SignalStatus.DISMISSED
    with pytest.raises(Conflict):
        services.meeting_record_minutes(
            actor=okt.user, meeting=meeting, minutes="nog eens", held_on=timezone.localdate()
        )


def test_agreements_with_check_ins_and_the_kept_record(case, okt, involve):
    jgz = involve("jgz")
    today = timezone.localdate()
    a = services.agreement_add(
        actor=okt.user,
        case=case,
        what="Gesprek met school",
        due_on=today + timedelta(days=3),
        responsible_professional=jgz,
    )
    b = services.agreement_add(
        actor=okt.user,
        case=case,
        what="Schuldhulp aanvragen",
        due_on=today,
        responsible_professional=okt,
    )
    assert a.responsible_organisation == jgz.organisation
    services.agreement_check_in(
        actor=jgz.user, agreement=a, note="Gesprek gevoerd", status=AgreementStatus.DONE
    )
    a.refresh_from_db()
    assert a.status == AgreementStatus.DONE and a.done_on == today
    type(b).objects.filter(pk=b.pk).update(due_on=today - timedelta(days=2))  # time passes
    view = selectors.case_view(actor=okt.user, case_uuid=case.uuid)
    shown = {x.what: x.shown for x in view.agreements}
    assert shown == {"Gesprek met school": "gedaan", "Schuldhulp aanvragen": "te_laat"}
    kept = {p.name: p.record for p in view.kept}
    assert kept[jgz.full_name].done_on_time == 1
    assert kept[okt.full_name].overdue == 1
    assert view.kept[0].name == okt.full_name  # who does not keep them comes first


def test_agreement_needs_someone_responsible_and_a_future_date(case, okt):
    with pytest.raises(ValidationFailed) as exc:
        services.agreement_add(
            actor=okt.user, case=case, what="x", due_on=timezone.localdate() - timedelta(days=1)
        )
    assert {"due_on", "responsible_professional"} <= set(exc.value.field_errors)


def test_agreement_for_an_organisation(case, okt):
    org = factories.make_organisation("Proefschool")
    a = services.agreement_add(
        actor=okt.user,
        case=case,
        what="Zorgplan school",
        due_on=timezone.localdate(),
        responsible_organisation=org,
    )
    assert a.responsible_professional is None and a.responsible_organisation == org


def test_ics_escapes_and_folds():
    text = ics.escape_text("a;b,c\\d\nregel")
    assert text == "a\\;b\\,c\\\\d\\nregel"
    # A lone CR cannot break out of its line (a location "Zaal 1\rATTENDEE:…").
    assert "\r" not in ics.escape_text("Zaal 1\rATTENDEE:mailto:x@voorbeeld.invalid")
    line = "DESCRIPTION:" + "é" * 100
    folded = ics.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    with pytest.raises(ValueError):
        ics.utc_stamp(datetime(2030, 1, 1))
