"""The professional's reads around a case's referral: the overview page, one plan version, the
choices of the forms. Each goes through `verwijzing.selectors`/`guards` (asked and logged);
what is added here reads the family's own members and the times between the chain's steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_noop, ngettext

from ketenzorg.coordination.models import Case
from ketenzorg.core.errors import NotFound
from ketenzorg.families.models import MemberRole, Person
from ketenzorg.verwijzing import prefill, rules, selectors
from ketenzorg.verwijzing.models import (
    PerspectiefplanVersion,
    Referral,
    Voorziening,
)
from ketenzorg.werkproces import selectors_gkp
from ketenzorg.werkproces.models import Werkproces

CHILD_ROLES = (MemberRole.CHILD, MemberRole.YOUTH)


@dataclass
class CaseReferrals:
    case: Case
    plans: list[PerspectiefplanVersion]
    voorzieningen: list[Voorziening]
    referrals: list[Referral]
    in_referral_step: bool

    @property
    def latest_plan(self):
        return self.plans[0] if self.plans else None


def case_referrals(*, actor, case: Case) -> CaseReferrals:
    """Everything of the referral on one page: the three reads log their own look."""
    step = Werkproces.objects.filter(case=case).values_list("step", flat=True).first()
    return CaseReferrals(
        case=case,
        plans=selectors.perspectiefplan_versions(actor=actor, case=case),
        voorzieningen=selectors.voorzieningen_of_case(actor=actor, case=case),
        referrals=selectors.referrals_of_case(actor=actor, case=case),
        in_referral_step=step == "verwijzing",
    )


def plan_version(*, actor, case: Case, number) -> tuple[PerspectiefplanVersion, list]:
    """One version and all of them (for the compare choice); an unknown number is a 404."""
    versions = selectors.perspectiefplan_versions(actor=actor, case=case)
    for version in versions:
        if str(version.number) == str(number):
            return version, versions
    raise NotFound(gettext("Deze versie van het perspectiefplan bestaat niet."))


def children_of(case: Case) -> list[Person]:
    """The family's children and youths (the case was fetched through its guard)."""
    return list(
        Person.objects.filter(family_id=case.family_id, role__in=CHILD_ROLES).order_by(
            "birthdate", "pk"
        )
    )


def members_of(case: Case) -> list[Person]:
    return list(Person.objects.filter(family_id=case.family_id).order_by("birthdate", "pk"))


def stadsdelen_for(case: Case, professional) -> list:
    return selectors_gkp.stadsdelen_for_case(case, professional)


def consents_now(referral: Referral) -> str:
    """The consents as the registry has them now: what sending will write into the form."""
    return prefill.consents_text(referral.child)


# --- the times between the steps ---------------------------------------------------------------


def duration_text(delta: timedelta) -> str:
    """A duration as a reader says it: days and hours, or minutes when it was quick."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        text = ngettext("%(n)s dag", "%(n)s dagen", days) % {"n": days}
        if hours:
            text += " " + ngettext("en %(n)s uur", "en %(n)s uur", hours) % {"n": hours}
        return text
    if hours:
        return ngettext("%(n)s uur", "%(n)s uur", hours) % {"n": hours}
    return ngettext("%(n)s minuut", "%(n)s minuten", minutes) % {"n": minutes}


@dataclass
class Milestone:
    label: str
    at: object  # a datetime or None
    since_previous: str  # "" for the first or a step not reached


MILESTONE_LABELS = {
    "sent_at": gettext_noop("verzonden"),
    "matched_at": gettext_noop("gematcht"),
    "forwarded_at": gettext_noop("doorgestuurd"),
    "accepted_at": gettext_noop("geaccepteerd"),
    "first_contact_at": gettext_noop("eerste contact"),
}


def milestones(referral: Referral) -> list[Milestone]:
    """The first time of each milestone and how long it took since the one before."""
    out = []
    previous = None
    for field, _action in rules.MILESTONES:
        at = getattr(referral, field)
        since = duration_text(at - previous) if at and previous else ""
        out.append(Milestone(gettext(MILESTONE_LABELS[field]), at, since))
        previous = at or previous
    return out


def event_rows(events) -> list[tuple]:
    """(event, the time since the step before) for the timeline."""
    out = []
    previous = None
    for event in events:
        since = duration_text(event.occurred_at - previous) if previous else ""
        out.append((event, since))
        previous = event.occurred_at
    return out


def referral_page(*, actor, referral_uuid) -> selectors.ReferralView:
    return selectors.referral_view(actor=actor, referral_uuid=referral_uuid)


def programme_by_uuid(value):
    """The chosen catalogue programme (not personal data); the service checks it is published."""
    from ketenzorg.aanbod.models import Programme

    value = str(value or "").strip()
    if not value:
        return None
    try:
        return Programme.objects.select_related("provider").filter(uuid=value).first()
    except (ValueError, ValidationError):
        return None
