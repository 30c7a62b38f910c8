"""What the provider's list shows beside each referral: whether the documents were asked for
and released. Only for referrals the caller already fetched through the guarded list
(`selectors.provider_referrals`, which logged the look), so nothing here is asked again."""

from __future__ import annotations

from dataclasses import dataclass, field

from ketenzorg.verwijzing.models import DocumentKind, DocumentRequest, Referral


@dataclass
class DocumentState:
    requested: dict = field(default_factory=dict)  # kind -> requested_at (still open)
    released: set = field(default_factory=set)  # kinds the provider can open


def document_states(referrals: list[Referral]) -> dict[int, DocumentState]:
    states = {r.pk: DocumentState() for r in referrals}
    rows = DocumentRequest.objects.filter(referral_id__in=list(states)).values_list(
        "referral_id", "kind", "requested_at", "fulfilled_at"
    )
    for referral_id, kind, requested_at, fulfilled_at in rows:
        if fulfilled_at is None:
            states[referral_id].requested[kind] = requested_at
        else:
            states[referral_id].released.add(kind)
    return states


def open_requests(view) -> dict[str, object]:
    """The requests of a referral's view still waiting for a definitive version: kind -> when."""
    return {
        r.kind: r.requested_at
        for r in view.requests
        if r.fulfilled_at is None and r.kind != DocumentKind.FORM
    }
