"""Reads of the GKP-overleg: the AJH-verbinder's meetings, a meeting's agenda, one item, the
items of a case's werkproces, and the meetings a professional can put a question on.

What an AJH-verbinder sees of a family is decided at every look: an anonymous item shows
the question and the summary only; an item on name shows the family's name and the shared
parts only while the family's consent for purpose "gkp_overleg" still covers them for the
gebiedsknooppunt (`gkp_consents`). A withdrawal makes the item anonymous at once, because
nothing of the family is stored on the item itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ketenzorg.access import gkp as access
from ketenzorg.access import policy
from ketenzorg.audit.models import Basis
from ketenzorg.consent.models import Consent, Purpose
from ketenzorg.consent.selectors import consent_covering, parents_of, subjects_of
from ketenzorg.coordination.models import Case
from ketenzorg.core.prepared import PreparedQuery
from ketenzorg.families.models import Family
from ketenzorg.network.models import (
    District,
    DistrictKind,
    Organisation,
    OrganisationKind,
    Professional,
    Role,
)
from ketenzorg.werkproces import guards, guards_gkp, rules_gkp
from ketenzorg.werkproces.models import GkpItem, GkpItemStatus, GkpMeeting, GkpOutcome

# --- consent ------------------------------------------------------------------------------------


def gkp_organisation(stadsdeel: District) -> Organisation | None:
    """The gebiedsknooppunt of the stadsdeel as an organisation, when the network has one."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.GEBIEDSKNOOPPUNT, is_active=True)
        .filter(Q(district=stadsdeel) | Q(district__parent=stadsdeel))
        .order_by("pk")
        .first()
    )


def gkp_consents(
    *, family: Family, stadsdeel: District, parts, at: datetime | None = None
) -> list[Consent] | None:
    """The consents (one per child) covering a share with the overleg of this stadsdeel.

    The recipient is the gebiedsknooppunt: a consent to the role AJH-verbinder or to the
    stadsdeel's gebiedsknooppunt organisation covers it. None when any child is not covered.
    """
    parts = list(parts)
    organisation = gkp_organisation(stadsdeel)
    parents = parents_of(family)
    found = []
    for child in subjects_of(family):
        consent = consent_covering(
            child=child,
            purpose=Purpose.GKP,
            recipient=Role.AJH_VERBINDER,
            parts=parts,
            at=at,
            parents=parents,
        )
        if consent is None and organisation is not None:
            consent = consent_covering(
                child=child,
                purpose=Purpose.GKP,
                recipient=organisation,
                parts=parts,
                at=at,
                parents=parents,
            )
        if consent is None:
            return None
        found.append(consent)
    return found or None


# --- stadsdelen ----------------------------------------------------------------------------------


def stadsdeel_of_family(family: Family) -> District | None:
    ids = access.stadsdeel_ids_of_districts([family.district_id])
    return District.objects.filter(pk__in=ids).order_by("pk").first()


def stadsdeel_choices() -> QuerySet:
    return District.objects.filter(kind=DistrictKind.STADSDEEL).order_by("name")


def verbinder_stadsdelen(*, actor) -> QuerySet:
    """The stadsdelen whose overleg this AJH-verbinder takes part in (for planning)."""
    return stadsdeel_choices().filter(pk__in=access.verbinder_stadsdeel_ids(actor))


def verbinders_of(stadsdeel: District) -> QuerySet:
    """The active AJH-verbinders working in the stadsdeel or one of its gebieden."""
    below = Q(pk=stadsdeel.pk) | Q(parent=stadsdeel) | Q(parent__parent=stadsdeel)
    districts = District.objects.filter(below).values("pk")
    return (
        Professional.objects.filter(role_assignments__role=Role.AJH_VERBINDER, is_active=True)
        .filter(
            Q(team__district__in=districts)
            | Q(organisation__district__in=districts)
            | Q(areas__in=districts)
        )
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def follow_up_choices(item: GkpItem) -> list[Professional]:
    """Who can follow up the advice: the asking professional or an AJH-verbinder of the overleg."""
    people = [item.asked_by]
    people += [p for p in verbinders_of(item.meeting.stadsdeel) if p.pk != item.asked_by_id]
    return people


# --- the AJH-verbinder's meetings ------------------------------------------------------------


def gkp_meetings_for(*, actor, now: datetime | None = None) -> list[GkpMeeting]:
    """The upcoming and recent meetings of the AJH-verbinder's stadsdelen, with item counts.

    Counts only, no family data, so nothing is logged beyond a refusal.
    """
    guards_gkp.gkp_list_allowed(actor=actor)
    now = now or timezone.now()
    return list(
        GkpMeeting.objects.filter(
            stadsdeel_id__in=access.verbinder_stadsdeel_ids(actor),
            starts_at__gte=now - rules_gkp.RECENT,
        )
        .select_related("stadsdeel")
        .annotate(
            n_items=Count("items", filter=~Q(items__status=GkpItemStatus.WITHDRAWN)),
            n_open=Count("items", filter=Q(items__status=GkpItemStatus.ON_AGENDA)),
        )
        .order_by("starts_at", "pk")
    )


@dataclass
class ItemView:
    item: GkpItem
    # The family, for the case's own professionals always; for the overleg only on name and
    # while the consent covers the shared parts.
    family: Family | None
    shared_parts: list[str]
    outcomes: list = field(default_factory=list)
    consent_withdrawn: bool = False
    as_case_worker: bool = False

    @property
    def outcome(self) -> GkpOutcome | None:
        """The outcome that stands: the last of the chain of corrections."""
        return self.outcomes[-1] if self.outcomes else None


def _outcomes(item: GkpItem) -> list[GkpOutcome]:
    """Oldest first; each correction after the outcome it corrects."""
    return sorted(item.outcomes.all(), key=lambda o: (o.recorded_at, o.pk))


def _as_verbinder(item: GkpItem, at: datetime | None = None) -> ItemView:
    outcomes = _outcomes(item)
    if not item.identified:
        return ItemView(item, None, [], outcomes)
    family = item.werkproces.case.family
    if (
        gkp_consents(
            family=family, stadsdeel=item.meeting.stadsdeel, parts=item.shared_parts, at=at
        )
        is None
    ):
        return ItemView(item, None, [], outcomes, consent_withdrawn=True)
    return ItemView(item, family, list(item.shared_parts), outcomes)


def _items(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "werkproces__case__family", "meeting__stadsdeel", "asked_by__organisation"
    ).prefetch_related("outcomes__follow_up_by", "outcomes__recorded_by")


@dataclass
class MeetingView:
    meeting: GkpMeeting
    items: list[ItemView]
    upcoming: bool


def gkp_meeting_view(*, actor, meeting_uuid, now: datetime | None = None) -> MeetingView:
    meeting, _decision = guards_gkp.meeting_get_for_view(actor=actor, meeting_uuid=meeting_uuid)
    now = now or timezone.now()
    items = _items(meeting.items.all()).order_by("asked_at", "pk")
    return MeetingView(
        meeting,
        [_as_verbinder(item, now) for item in items],
        upcoming=rules_gkp.upcoming(meeting.starts_at, now),
    )


def gkp_item_view(*, actor, item_uuid) -> ItemView:
    item, decision = guards_gkp.item_get_for_view(actor=actor, item_uuid=item_uuid)
    item = _items(GkpItem.objects.filter(pk=item.pk)).get()
    if decision.basis == Basis.GKP_OVERLEG:
        return _as_verbinder(item)
    return ItemView(
        item,
        item.werkproces.case.family,
        list(item.shared_parts),
        _outcomes(item),
        as_case_worker=True,
    )


# The case's items on its werkproces page, compiled once per process and read in the same
# round trip as the page's other blocks (`werkproces.selectors._view_of`). With the meeting
# and its stadsdeel, which the page shows; the family is the case's own, already read. (With
# the werkproces, case, family and asker as well, the statement was over 4 kB, and psycopg
# converts such a statement's placeholders again on every run.)
GKP_ITEMS_OF_CASE = PreparedQuery(
    lambda case_id: (
        GkpItem.objects.filter(werkproces__case_id=case_id)
        .select_related("meeting__stadsdeel")
        .prefetch_related("outcomes__follow_up_by", "outcomes__recorded_by")
        .order_by("-meeting__starts_at", "-pk")
    ),
    name="werkproces: gkp items",
)


def gkp_items_of_werkproces(items: list[GkpItem], family: Family) -> list[ItemView]:
    """The case's items for its werkproces page, as the case's professionals see them; only
    after `werkproces_view` logged the look."""
    return [
        ItemView(i, family, list(i.shared_parts), _outcomes(i), as_case_worker=True) for i in items
    ]


def stadsdelen_for_case(case: Case, professional, chosen: District | None = None) -> list:
    """Whose overleg a question of this case may go to: the family's stadsdeel and the asking
    professional's own (the gebiedsknooppunt of the own stadsdeel, DOMAIN.md §4); for a family
    without a district, the stadsdeel the professional chose."""
    family_stadsdeel = stadsdeel_of_family(case.family)
    ids = access.stadsdeel_ids_of(professional) if professional is not None else set()
    if family_stadsdeel is None:
        return [chosen] if chosen is not None else []
    rest = stadsdeel_choices().filter(pk__in=ids - {family_stadsdeel.pk})
    return [family_stadsdeel, *rest]


def gkp_meetings_for_case(
    *, actor, case: Case, stadsdeel: District | None = None, now: datetime | None = None
) -> tuple[list, list[GkpMeeting]]:
    """The stadsdelen a question of this case goes to and their upcoming meetings (soonest
    first). The look at the case is logged like the werkproces page's."""
    guards.werkproces_view_allowed(actor=actor, case=case)
    now = now or timezone.now()
    stadsdelen = stadsdelen_for_case(case, policy.client_professional_of(actor), stadsdeel)
    meetings = list(
        GkpMeeting.objects.filter(stadsdeel__in=stadsdelen, starts_at__gt=now)
        .select_related("stadsdeel")
        .order_by("starts_at", "pk")[:12]
    )
    return stadsdelen, meetings
