"""Break-the-glass events in Demostad, so the privacy officer's demo account has work waiting.

Three demo accounts broke the glass on a family they are not involved with: one grant still
runs, one ran out and waits for review, one was reviewed by the privacy officer. Written
directly with backdated times and logged once as an import, like the rest of the demo: the
access log cannot be backdated, so these grants show no uses (the screens count the holder's
logged looks inside the grant's window).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ketenzorg.access.models import EmergencyAccess, EmergencyAccessReview
from ketenzorg.access.rules import EMERGENCY_HOURS
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import Subject, audit_record
from ketenzorg.families.models import Family
from ketenzorg.network.models import Professional, Role
from ketenzorg.synthetic.demo.city import account_for


@dataclass(frozen=True)
class Event:
    role: str  # whose demo account broke the glass
    hours_ago: int
    reason: str
    review: str = ""  # the privacy officer's note; empty: not reviewed yet


EVENTS = (
    Event(
        Role.OKT,
        2,
        "Melding van de politie over huiselijk geweld in de nacht; de moeder vraagt om hulp en "
        "ik moet weten wie er al betrokken is.",
    ),
    Event(
        Role.JGZ,
        6 * 24,
        "Kind met onverklaard letsel op het consultatiebureau; nagaan of er eerdere zorgen "
        "gemeld zijn.",
    ),
    Event(
        Role.BRANDPUNT,
        15 * 24,
        "Veilig Thuis vraagt met spoed welke hulp er in dit gezin loopt.",
        review="Reden gegrond: spoedverzoek van Veilig Thuis, met de brandpuntfunctionaris "
        "nagebeld. Geen verdere actie.",
    ),
)


def _print(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def load_demo(*, stdout=None) -> int:
    """The events, when none of the demo accounts has broken the glass yet; returns how many."""
    usernames = {account_for(e.role).username for e in EVENTS} | {
        account_for(Role.PRIVACY).username
    }
    professionals = {
        p.user.username: p
        for p in Professional.objects.filter(user__username__in=usernames).select_related("user")
    }
    if len(professionals) < len(usernames):
        _print(stdout, "Noodtoegang: geen demo-accounts gevonden; eerst de demostad laden.")
        return 0
    holders = [professionals[account_for(e.role).username] for e in EVENTS]
    if EmergencyAccess.objects.filter(user__in=[p.user for p in holders]).exists():
        _print(stdout, "Noodtoegang van de demostad staat er al.")
        return 0
    officer = professionals[account_for(Role.PRIVACY).username]
    now = timezone.now()
    families = []
    with transaction.atomic():
        for index, (event, holder) in enumerate(zip(EVENTS, holders, strict=True)):
            # A family this account is not involved with, the same one on every fresh load.
            family = (
                Family.objects.exclude(involvements__professional=holder)
                .order_by("id")
                .distinct()[index * 11]
            )
            granted_at = now - timedelta(hours=event.hours_ago)
            grant = EmergencyAccess.objects.create(
                user=holder.user,
                family=family,
                reason=event.reason,
                expires_at=granted_at + timedelta(hours=EMERGENCY_HOURS),
            )
            # granted_at is set on creation (auto_now_add); the demo's events lie in the past.
            EmergencyAccess.objects.filter(pk=grant.pk).update(granted_at=granted_at)
            if event.review:
                EmergencyAccessReview.objects.create(
                    grant=grant,
                    reviewed_by=officer.user,
                    reviewed_at=granted_at + timedelta(days=2),
                    note=event.review,
                )
            families.append(family)
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="access.EmergencyAccess",
            subjects=[Subject("family", f.uuid) for f in families],
            reason=f"demo: {len(EVENTS)} keer noodtoegang geladen",
        )
    reviewed = sum(1 for e in EVENTS if e.review)
    _print(
        stdout,
        f"Noodtoegang geladen: {len(EVENTS)} keer, {len(EVENTS) - reviewed} nog te beoordelen "
        "door de privacyfunctionaris.",
    )
    return len(EVENTS)
