"""Reads of consent: the check every share makes at the moment of sharing, and the family's list.

`consent_covers` is asked by the service that shares (a consultation on name, later the
GKP-overleg and the referral), inside its transaction, right before it shares: a
withdrawal recorded a second earlier is seen. It reads no personal data for a person and
so logs nothing itself; the share it allows is logged by the share.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from ketenzorg.consent import guards, rules
from ketenzorg.consent.models import Consent
from ketenzorg.families.models import Family, MemberRole, Person
from ketenzorg.network.models import Organisation, Professional

CHILD_ROLES = (MemberRole.CHILD, MemberRole.YOUTH)


def subjects_of(family: Family) -> list[Person]:
    """Whose consent a share needs: every child of the family; without children, every member."""
    members = list(family.members.all())
    children = [m for m in members if m.role in CHILD_ROLES]
    return children or members


def parents_of(family: Family) -> list[rules.Parent]:
    return [
        rules.Parent(m.pk, m.has_parental_authority)
        for m in family.members.all()
        if m.role not in CHILD_ROLES
    ]


def _recipient_q(recipient) -> Q:
    if isinstance(recipient, Organisation):
        return Q(recipient_organisation=recipient)
    if isinstance(recipient, Professional):
        return Q(recipient_organisation_id=recipient.organisation_id) | Q(
            recipient_role__in=recipient.role_codes()
        )
    if isinstance(recipient, str):
        # A role as such (the AJH-verbinders of a gebiedsknooppunt, whoever they are today).
        return Q(recipient_role=recipient)
    raise TypeError("recipient is an Organisation, a Professional or a role code")


def valid_at(at: datetime) -> Q:
    return Q(given_at__lte=at) & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at))


def consent_covering(
    *,
    child: Person,
    purpose: str,
    recipient,
    parts: Iterable[str],
    at: datetime | None = None,
    parents: list[rules.Parent] | None = None,
) -> Consent | None:
    """The consent that covers this share of this child's data at `at`, or None."""
    at = at or timezone.now()
    parts = list(parts)
    if parents is None:
        parents = parents_of(child.family)
    requirement = rules.who_must_consent(child.birthdate, parents, timezone.localdate(at))
    candidates = (
        Consent.objects.filter(child=child, purpose=purpose)
        .filter(valid_at(at))
        .filter(_recipient_q(recipient))
        .prefetch_related("given_by")
        .order_by("-given_at", "-id")
    )
    for consent in candidates:
        if not rules.parts_covered(consent.parts, parts):
            continue
        given = [p.pk for p in consent.given_by.all()]
        if rules.satisfied(requirement, child_consented=consent.child_consented, parent_ids=given):
            return consent
    return None


def consents_covering(
    *,
    family: Family,
    purpose: str,
    recipient,
    parts: Iterable[str],
    child: Person | None = None,
    at: datetime | None = None,
) -> list[Consent] | None:
    """The consents a share relies on (one per child), or None when any child is not covered.

    For one child when `child` is given, otherwise for every child of the family (a share
    of the family's dossier is a share of each child's data).
    """
    parts = list(parts)
    parents = parents_of(family)
    children = [child] if child is not None else subjects_of(family)
    found = []
    for c in children:
        consent = consent_covering(
            child=c, purpose=purpose, recipient=recipient, parts=parts, at=at, parents=parents
        )
        if consent is None:
            return None
        found.append(consent)
    return found or None


def consent_covers(
    *,
    family: Family,
    purpose: str,
    recipient,
    parts: Iterable[str],
    child: Person | None = None,
    at: datetime | None = None,
) -> bool:
    """Does the family's consent cover sharing these parts with this recipient at `at` (now)?"""
    return (
        consents_covering(
            family=family, purpose=purpose, recipient=recipient, parts=parts, child=child, at=at
        )
        is not None
    )


def consents_for_family(*, actor, family: Family) -> QuerySet:
    """The family's consents, withdrawn ones included (the history stays); the look is logged."""
    guards.consent_list_allowed(actor=actor, family=family)
    return (
        Consent.objects.filter(family=family)
        .select_related("child", "recipient_organisation", "recorded_by", "withdrawn_by")
        .prefetch_related("given_by")
    )


def consent_for_withdrawal(*, actor, consent_uuid) -> Consent:
    """The consent about to be withdrawn, for the confirm screen: the withdraw guard decides
    (a refusal is logged as the attempted withdrawal), and showing it is logged as a look."""
    consent = guards.consent_get_for_withdraw(actor=actor, consent_uuid=consent_uuid)
    return consents_for_family(actor=actor, family=consent.family).get(pk=consent.pk)


def family_members(family: Family) -> list[Person]:
    """The family's members, oldest first, for choosing who gave or withdrew a consent.

    Only for a family the caller already obtained through a guarded selector."""
    return sorted(family.members.all(), key=lambda m: (m.birthdate, m.pk))


def members_by_uuid(family: Family, uuids: Iterable) -> tuple[list[Person], list[str]]:
    """The family's members named by uuid, and the uuids that are not members of this family."""
    by_uuid = {str(m.uuid): m for m in family.members.all()}
    wanted = [str(u) for u in uuids]
    return [by_uuid[u] for u in wanted if u in by_uuid], [u for u in wanted if u not in by_uuid]
