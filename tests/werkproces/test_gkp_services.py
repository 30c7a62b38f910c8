"""The GKP-overleg's services: planning, agenda items (consent at the moment of sharing, only
in the AJH step, never on a past meeting), withdrawing, the outcome once and its correction,
and what an AJH-verbinder sees of an item (a withdrawn consent makes it anonymous at once)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from ketenzorg.audit.models import AuditEntry, Basis, Outcome
from ketenzorg.consent import services as consent_services
from ketenzorg.core.errors import AccessDenied, Conflict, ValidationFailed
from ketenzorg.werkproces import rules, selectors, selectors_gkp
from ketenzorg.werkproces.models import GkpItemStatus, GkpMeeting, GkpOutcome
from ketenzorg.werkproces.services import gkp
from tests import factories
from tests.werkproces.gkp_world import *  # noqa: F403 (its fixtures)
from tests.werkproces.gkp_world import add_item, give_gkp_consent, held


def record(verbinder, item, **kwargs):
    values = {
        "advice": "Verwijs naar ambulante jeugd-GGZ; de AJH-verbinder zoekt een aanbieder.",
        "ajh_kind": "jeugd_ggz",
        "follow_up_by": verbinder,
    }
    values.update(kwargs)
    return gkp.gkp_outcome_record(actor=verbinder.user, item_uuid=item.uuid, **values)


# --- planning -------------------------------------------------------------------------------


def test_a_series_is_planned_by_a_verbinder_of_the_stadsdeel(meetings, stadsdeel, verbinder):
    assert len(meetings) == 3
    assert {m.stadsdeel_id for m in meetings} == {stadsdeel.pk}
    assert len({m.series for m in meetings}) == 1
    gaps = {b.starts_at - a.starts_at for a, b in zip(meetings, meetings[1:], strict=False)}
    assert gaps <= {timedelta(weeks=2), timedelta(weeks=2, hours=1), timedelta(weeks=2, hours=-1)}
    assert timezone.localtime(meetings[0].starts_at).time() == time(13, 0)


def test_another_stadsdeel_cannot_plan_here_and_the_refusal_is_logged(other_verbinder, stadsdeel):
    with pytest.raises(AccessDenied):
        gkp.gkp_meetings_plan(
            actor=other_verbinder.user,
            stadsdeel=stadsdeel,
            first=timezone.localdate() + timedelta(days=3),
            at=time(10),
            every_weeks=1,
            count=2,
            location="Elders",
        )
    assert not GkpMeeting.objects.exists()
    assert AuditEntry.objects.filter(
        user_id_snapshot=other_verbinder.user.pk, outcome=Outcome.DENIED
    ).exists()


def test_a_series_in_the_past_or_on_a_taken_moment_is_a_400_and_writes_nothing(
    verbinder, stadsdeel, meetings
):
    plan = dict(actor=verbinder.user, stadsdeel=stadsdeel, at=time(13), location="Zaal 1")
    with pytest.raises(ValidationFailed) as past:
        gkp.gkp_meetings_plan(
            first=timezone.localdate() - timedelta(days=1), every_weeks=1, count=2, **plan
        )
    assert "first" in past.value.field_errors
    with pytest.raises(ValidationFailed) as taken:
        gkp.gkp_meetings_plan(
            first=timezone.localdate() + timedelta(days=1), every_weeks=1, count=4, **plan
        )
    assert "first" in taken.value.field_errors
    assert GkpMeeting.objects.count() == 3


# --- the agenda item ------------------------------------------------------------------------


def test_an_anonymous_item_during_the_ajh_step(okt, case, at_ajh, meeting):
    item = add_item(okt, case, meeting)
    assert item.status == GkpItemStatus.ON_AGENDA
    assert not item.identified and item.shared_parts == []
    entry = AuditEntry.objects.filter(object_uuid=str(item.uuid)).get()
    assert entry.reason == "GKP-agendapunt anoniem"


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_not_outside_the_ajh_step(okt, case, werkproces, move, family_in_gebied, meeting, steps):
    for n in range(steps):
        move(rules.CONTINUE, **({"team_decision": "Samen besloten: van buiten"} if n else {}))
    with pytest.raises(Conflict):
        add_item(okt, case, meeting)


def test_not_in_a_past_meeting(okt, case, at_ajh, meeting):
    held(meeting)
    with pytest.raises(ValidationFailed) as refused:
        add_item(okt, case, meeting)
    assert "meeting" in refused.value.field_errors


def test_only_a_meeting_of_the_familys_stadsdeel(okt, case, at_ajh, other_verbinder):
    west = other_verbinder.areas.get().parent
    elsewhere = gkp.gkp_meetings_plan(
        actor=other_verbinder.user,
        stadsdeel=west,
        first=timezone.localdate() + timedelta(days=2),
        at=time(9),
        every_weeks=1,
        count=1,
        location="West",
    )[0]
    with pytest.raises(ValidationFailed) as refused:
        add_item(okt, case, elsewhere)
    assert "meeting" in refused.value.field_errors


def test_the_professionals_own_stadsdeel_for_a_family_living_elsewhere(
    okt, case, at_ajh, meeting, family_in_gebied, other_verbinder
):
    """The gebiedsknooppunt of the own stadsdeel (DOMAIN.md §4) also takes the question."""
    family_in_gebied.district = other_verbinder.areas.get()
    family_in_gebied.save(update_fields=["district"])
    assert add_item(okt, case, meeting).meeting == meeting


def test_identified_needs_the_familys_consent_at_the_moment_of_sharing(
    okt, case, at_ajh, meeting, family_in_gebied
):
    with pytest.raises(ValidationFailed) as refused:
        add_item(okt, case, meeting, identified=True, parts=["personalia"])
    assert "identified" in refused.value.field_errors
    consent = give_gkp_consent(okt, family_in_gebied)
    item = add_item(okt, case, meeting, identified=True, parts=["personalia"])
    assert list(item.consents.all()) == [consent]
    # A part the consent does not cover is refused too.
    with pytest.raises(ValidationFailed):
        add_item(okt, case, meeting, identified=True, parts=["afspraken"])


def test_a_consent_to_the_stadsdeels_gebiedsknooppunt_covers_it_too(
    okt, case, at_ajh, meeting, family_in_gebied, gkp_org
):
    give_gkp_consent(okt, family_in_gebied, recipient_organisation=gkp_org)
    item = add_item(okt, case, meeting, identified=True, parts=["plan"])
    assert item.identified


def test_not_involved_cannot_put_a_question_on_the_agenda(case, at_ajh, meeting):
    stranger = factories.make_professional("okt")
    with pytest.raises(AccessDenied):
        add_item(stranger, case, meeting)


# --- what the overleg sees --------------------------------------------------------------------


def test_the_verbinder_sees_the_name_only_while_the_consent_covers(
    okt, case, at_ajh, meeting, family_in_gebied, verbinder
):
    consent = give_gkp_consent(okt, family_in_gebied)
    item = add_item(okt, case, meeting, identified=True, parts=["personalia", "plan"])
    seen = selectors_gkp.gkp_item_view(actor=verbinder.user, item_uuid=item.uuid)
    assert seen.family == family_in_gebied and seen.shared_parts == ["personalia", "plan"]
    consent_services.consent_withdraw(
        actor=okt.user,
        consent_uuid=consent.uuid,
        withdrawn_by=family_in_gebied.members.get(given_name="Sam"),
        note="Liever niet op naam",
    )
    seen = selectors_gkp.gkp_item_view(actor=verbinder.user, item_uuid=item.uuid)
    assert seen.family is None and seen.consent_withdrawn and seen.shared_parts == []
    agenda = selectors_gkp.gkp_meeting_view(actor=verbinder.user, meeting_uuid=meeting.uuid)
    assert [v.family for v in agenda.items] == [None]
    # The professional of the case still sees the family: they work it.
    own = selectors_gkp.gkp_item_view(actor=okt.user, item_uuid=item.uuid)
    assert own.as_case_worker and own.family == family_in_gebied


def test_the_look_at_the_agenda_is_logged_with_the_families(
    okt, case, at_ajh, meeting, verbinder, family_in_gebied
):
    add_item(okt, case, meeting)
    selectors_gkp.gkp_meeting_view(actor=verbinder.user, meeting_uuid=meeting.uuid)
    entry = AuditEntry.objects.filter(
        user_id_snapshot=verbinder.user.pk, object_uuid=str(meeting.uuid)
    ).get()
    assert entry.basis == Basis.GKP_OVERLEG and entry.outcome == Outcome.SUCCESS
    assert family_in_gebied.uuid in {s.subject_uuid for s in entry.subjects.all()}


def test_another_stadsdeels_verbinder_is_refused_and_logged(
    okt, case, at_ajh, meeting, other_verbinder
):
    item = add_item(okt, case, meeting)
    for look in (
        lambda: selectors_gkp.gkp_meeting_view(
            actor=other_verbinder.user, meeting_uuid=meeting.uuid
        ),
        lambda: selectors_gkp.gkp_item_view(actor=other_verbinder.user, item_uuid=item.uuid),
        lambda: record(other_verbinder, item),
    ):
        with pytest.raises(AccessDenied):
            look()
    assert (
        AuditEntry.objects.filter(
            user_id_snapshot=other_verbinder.user.pk, outcome=Outcome.DENIED
        ).count()
        == 3
    )
    assert selectors_gkp.gkp_meetings_for(actor=other_verbinder.user) == []


def test_the_verbinders_list_holds_the_own_stadsdeel(verbinder, meetings, okt):
    listed = selectors_gkp.gkp_meetings_for(actor=verbinder.user)
    assert [m.pk for m in listed] == [m.pk for m in meetings]
    with pytest.raises(AccessDenied):
        selectors_gkp.gkp_meetings_for(actor=okt.user)


# --- withdraw ---------------------------------------------------------------------------------


def test_withdraw_before_the_meeting_with_a_reason(okt, case, at_ajh, meeting):
    item = add_item(okt, case, meeting)
    with pytest.raises(ValidationFailed):
        gkp.gkp_item_withdraw(actor=okt.user, item_uuid=item.uuid, reason="kort")
    item = gkp.gkp_item_withdraw(
        actor=okt.user, item_uuid=item.uuid, reason="Het gezin koos zelf al een aanbieder."
    )
    assert item.status == GkpItemStatus.WITHDRAWN and item.withdrawn_by == okt
    with pytest.raises(Conflict):
        gkp.gkp_item_withdraw(actor=okt.user, item_uuid=item.uuid, reason="Nog een keer intrekken")


def test_no_withdraw_after_the_meeting_began(okt, case, at_ajh, meeting):
    item = add_item(okt, case, meeting)
    held(meeting)
    with pytest.raises(Conflict):
        gkp.gkp_item_withdraw(actor=okt.user, item_uuid=item.uuid, reason="Te laat bedacht, sorry")


# --- the outcome -------------------------------------------------------------------------------


def test_the_outcome_once_then_corrected_with_nothing_lost(okt, case, at_ajh, meeting, verbinder):
    item = add_item(okt, case, meeting)
    with pytest.raises(Conflict):  # the meeting has not been held
        record(verbinder, item)
    held(meeting)
    first = record(verbinder, item)
    item.refresh_from_db()
    assert item.status == GkpItemStatus.DISCUSSED
    with pytest.raises(Conflict):
        record(verbinder, item)
    with pytest.raises(ValidationFailed):  # a correction needs its reason
        gkp.gkp_outcome_correct(
            actor=verbinder.user,
            item_uuid=item.uuid,
            advice="Anders",
            ajh_kind="ambulant",
            follow_up_by=okt,
            reason="",
        )
    second = gkp.gkp_outcome_correct(
        actor=verbinder.user,
        item_uuid=item.uuid,
        advice="Toch eerst ambulante gezinsbegeleiding; de OKT-professional vraagt het aan.",
        ajh_kind="ambulant",
        follow_up_by=okt,
        reason="Het verslag noemde de verkeerde vorm van hulp.",
    )
    assert second.corrects == first
    assert list(GkpOutcome.objects.filter(item=item)) == [first, second]
    view = selectors_gkp.gkp_item_view(actor=okt.user, item_uuid=item.uuid)
    assert view.outcome == second and view.outcomes == [first, second]
    with pytest.raises(PermissionError):
        first.save()


def test_the_outcome_names_an_allowed_follow_up(okt, case, at_ajh, meeting, verbinder):
    item = add_item(okt, case, meeting)
    held(meeting)
    stranger = factories.make_professional("okt")
    with pytest.raises(ValidationFailed) as refused:
        record(verbinder, item, follow_up_by=stranger, ajh_kind="onzin")
    assert set(refused.value.field_errors) == {"follow_up_by", "ajh_kind"}


def test_the_professional_of_the_case_cannot_record_the_outcome(okt, case, at_ajh, meeting):
    item = add_item(okt, case, meeting)
    held(meeting)
    with pytest.raises(AccessDenied):
        record(okt, item)


def test_the_outcome_is_on_the_case(okt, case, at_ajh, meeting, verbinder):
    item = add_item(okt, case, meeting)
    held(meeting)
    record(verbinder, item)
    rows = selectors.werkproces_view(actor=okt.user, case=case).gkp_items
    assert [r.item for r in rows] == [item]
    assert rows[0].outcome.ajh_kind == "jeugd_ggz"
