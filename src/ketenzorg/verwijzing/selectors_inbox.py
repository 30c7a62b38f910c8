"""What the gebiedsknooppunt's screens and API read: the inbox per column with how long each
referral waits, and one referral's match page with the candidates side by side.

Both go through the guards (`selectors.inbox_for` logs the list with every family on it,
`guards_inbox.referral_for_match_page` logs the look); the catalogue is no personal data.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod.models import Programme, ProgrammeStatus
from ketenzorg.families.rules import age_on
from ketenzorg.network.models import District
from ketenzorg.verwijzing import guards_inbox, rules, selectors
from ketenzorg.verwijzing.models import Referral

COLUMN_LABELS = {
    "nieuw": _("Nieuw"),
    "matching": _("Matching"),
    "wacht_op_aanbieder": _("Wacht op aanbieder"),
    "geplaatst": _("Geplaatst"),
}
# The fields of the verwijsformat that say what the family needs, in reading order.
NEEDS_KEYS = ("question", "results", "provision", "urgency", "wishes")


def _days(since, today: date) -> int | None:
    return (today - timezone.localdate(since)).days if since else None


@dataclass
class InboxRow:
    referral: Referral
    age: int
    days_since_sent: int | None
    days_since_forwarded: int | None


@dataclass
class InboxColumn:
    key: str
    label: str
    count: int
    rows: list[InboxRow]

    @property
    def more(self) -> int:
        """How many are left out: the list shows at most `selectors.LIST_LIMIT` per column."""
        return self.count - len(self.rows)


@dataclass
class InboxPage:
    columns: list[InboxColumn]
    stadsdelen: list[District]


def verbinder_stadsdelen(actor) -> list[District]:
    """The stadsdelen the verbinder serves: the filter's choices (places, no family data)."""
    return selectors.verbinder_stadsdelen(actor)


def inbox_page(
    *,
    actor,
    stadsdeel: District | None = None,
    stadsdelen: list[District] | None = None,
    today: date | None = None,
):
    inbox = selectors.inbox_for(actor=actor, stadsdeel=stadsdeel, stadsdelen=stadsdelen)
    today = today or timezone.localdate()
    columns = []
    for key in rules.INBOX_COLUMNS:
        rows = [
            InboxRow(
                referral=r,
                age=age_on(r.child.birthdate, today),
                days_since_sent=_days(r.sent_at, today),
                days_since_forwarded=_days(r.forwarded_at, today),
            )
            for r in inbox.columns[key]
        ]
        columns.append(InboxColumn(key, COLUMN_LABELS[key], inbox.counts[key], rows))
    return InboxPage(columns=columns, stadsdelen=inbox.stadsdelen)


@dataclass
class MatchView:
    referral: Referral
    age: int
    candidates: list[selectors.Candidate]
    actions: list[str]
    needs: list[tuple[str, str]] = field(default_factory=list)
    # The programme to preselect: the match already made, else the professional's choice.
    preselected: Programme | None = None
    hidden_by_filter: int = 0

    @property
    def family_district(self) -> District | None:
        return self.referral.case.family.district

    @property
    def party(self) -> str:
        return rules.VERBINDER


def fits(candidate: selectors.Candidate) -> bool:
    return candidate.same_category and candidate.fits_age and candidate.fits_district


def match_view(*, actor, referral_uuid, only_fitting: bool = False) -> MatchView:
    referral, _decision = guards_inbox.referral_for_match_page(
        actor=actor, referral_uuid=referral_uuid
    )
    candidates = selectors.match_candidates(referral)
    shown = [c for c in candidates if fits(c)] if only_fitting else candidates
    labels = {f.key: f.label for f in rules.FORM_FIELDS}
    return MatchView(
        referral=referral,
        age=age_on(referral.child.birthdate, timezone.localdate()),
        candidates=shown,
        actions=rules.actions_for(referral.status, rules.VERBINDER),
        needs=[(labels[k], referral.form.get(k, "")) for k in NEEDS_KEYS if referral.form.get(k)],
        preselected=referral.matched_programme or referral.requested_programme,
        hidden_by_filter=len(candidates) - len(shown),
    )


def programme_choices(view: MatchView) -> list[Programme]:
    """What the verbinder may match: the candidates, and the programme preselected (the
    professional may have chosen one outside the voorziening's category)."""
    found = [c.programme for c in view.candidates]
    chosen = view.preselected
    if chosen is not None and chosen.status == ProgrammeStatus.PUBLISHED and chosen not in found:
        found.append(chosen)
    return found


def published_programme(programme_uuid) -> Programme | None:
    """A programme of the catalogue by uuid (the API's input); None for an unknown one."""
    try:
        found = uuidlib.UUID(str(programme_uuid))
    except ValueError:
        return None
    return (
        Programme.objects.filter(uuid=found, status=ProgrammeStatus.PUBLISHED)
        .select_related("provider")
        .first()
    )
