"""The only ways to a GKP-overleg and its agenda items, and to the writes on them.

Each asks `access.gkp` and ends in `access.door`: a look is logged (with the families of
the items it shows), a refused write is logged as the write that was attempted, and an
unknown id is logged as a probe.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from ketenzorg.access import door
from ketenzorg.access import gkp as access
from ketenzorg.access.policy import Decision
from ketenzorg.audit.models import Action
from ketenzorg.coordination.subjects import case_subjects, subjects_of_families
from ketenzorg.core.identifiers import parse_uuid
from ketenzorg.werkproces.models import GkpItem, GkpMeeting

ONLY_VERBINDERS = gettext_noop("Alleen AJH-verbinders werken met het GKP-overleg.")
OTHER_STADSDEEL = gettext_noop("Alleen de AJH-verbinders van dit stadsdeel zien dit GKP-overleg.")


def gkp_list_allowed(*, actor) -> Decision:
    return door.require(
        actor,
        access.gkp_list_decision(actor),
        action=Action.READ,
        object_type="werkproces.GkpMeeting",
        message=gettext(ONLY_VERBINDERS),
    )


def stadsdeel_plan_allowed(*, actor, stadsdeel) -> Decision:
    return door.require(
        actor,
        access.stadsdeel_decision(actor, stadsdeel.pk),
        action=Action.CREATE,
        object_type="werkproces.GkpMeeting",
        object_uuid=stadsdeel.uuid,
        message=gettext(OTHER_STADSDEEL),
    )


def _meeting(actor, meeting_uuid) -> GkpMeeting:
    message = gettext("Dit GKP-overleg bestaat niet.")
    meeting = (
        GkpMeeting.objects.select_related("stadsdeel")
        .filter(uuid=parse_uuid(meeting_uuid, message))
        .first()
    )
    if meeting is None:
        door.not_found(
            actor, object_type="werkproces.GkpMeeting", requested=meeting_uuid, message=message
        )
    return meeting


def _meeting_subjects(meeting: GkpMeeting):
    def subjects():
        family_ids = set(meeting.items.values_list("werkproces__case__family_id", flat=True))
        found = subjects_of_families(family_ids)
        return [s for family_id in family_ids for s in found.get(family_id, ())]

    return subjects


def meeting_get_for_view(*, actor, meeting_uuid) -> tuple[GkpMeeting, Decision]:
    """The meeting with its agenda: the families of its items are the look's subjects."""
    meeting = _meeting(actor, meeting_uuid)
    decision = door.look(
        actor,
        access.meeting_decision(actor, meeting),
        object_type="werkproces.GkpMeeting",
        object_uuid=meeting.uuid,
        subjects=_meeting_subjects(meeting),
        message=gettext(OTHER_STADSDEEL),
    )
    return meeting, decision


def _item(actor, item_uuid) -> GkpItem:
    message = gettext("Dit agendapunt bestaat niet.")
    item = (
        GkpItem.objects.select_related(
            "werkproces__case__family", "meeting__stadsdeel", "asked_by__organisation"
        )
        .filter(uuid=parse_uuid(item_uuid, message))
        .first()
    )
    if item is None:
        door.not_found(
            actor, object_type="werkproces.GkpItem", requested=item_uuid, message=message
        )
    return item


def item_get_for_view(*, actor, item_uuid) -> tuple[GkpItem, Decision]:
    item = _item(actor, item_uuid)
    decision = door.look(
        actor,
        access.item_view_decision(actor, item),
        object_type="werkproces.GkpItem",
        object_uuid=item.uuid,
        subjects=lambda: case_subjects(item.werkproces.case),
        message=gettext(
            "Alleen wie bij het gezin betrokken is en de AJH-verbinders van het stadsdeel zien "
            "dit agendapunt."
        ),
    )
    return item, decision


def item_get_for_outcome(*, actor, item_uuid) -> tuple[GkpItem, Decision]:
    item = _item(actor, item_uuid)
    decision = door.require(
        actor,
        access.outcome_decision(actor, item),
        action=Action.CREATE,
        object_type="werkproces.GkpOutcome",
        object_uuid=item.uuid,
        subjects=lambda: case_subjects(item.werkproces.case),
        message=gettext(
            "Alleen een AJH-verbinder van dit stadsdeel legt de uitkomst van het overleg vast."
        ),
    )
    return item, decision


def item_get_for_withdraw(*, actor, item_uuid) -> tuple[GkpItem, Decision]:
    item = _item(actor, item_uuid)
    decision = door.require(
        actor,
        access.item_change_decision(actor, item),
        action=Action.UPDATE,
        object_type="werkproces.GkpItem",
        object_uuid=item.uuid,
        subjects=lambda: case_subjects(item.werkproces.case),
        message=gettext("U bent niet betrokken bij dit gezin en coördineert deze casus niet."),
    )
    return item, decision
