"""What the provider's list shows beside each referral: whether the documents were asked for
and released. Read only with the guarded list (`selectors.provider_referrals`, which logs the
look), in the same round trip as its rows: never asked on its own."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from ketenzorg.verwijzing.models import DocumentKind, DocumentRequest, Referral


@dataclass
class DocumentState:
    requested: dict = field(default_factory=dict)  # kind -> requested_at (still open)
    released: set = field(default_factory=set)  # kinds the provider can open


def requests_of(referral_ids) -> QuerySet:
    """The document requests of the referrals (ids, or a query of them) as `document_states`
    reads them."""
    return DocumentRequest.objects.filter(referral_id__in=referral_ids).values_list(
        "referral_id", "kind", "requested_at", "fulfilled_at"
    )


def document_states(referrals: list[Referral], requests) -> dict[int, DocumentState]:
    """Per referral: the documents still asked for (kind -> when) and those released, from
    its requests' rows (`requests_of`)."""
    states = {r.pk: DocumentState() for r in referrals}
    for referral_id, kind, requested_at, fulfilled_at in requests:
        state = states.get(referral_id)
        if state is None:
            continue
        if fulfilled_at is None:
            state.requested[kind] = requested_at
        else:
            state.released.add(kind)
    return states


def open_requests(view) -> dict[str, object]:
    """The requests of a referral's view still waiting for a definitive version: kind -> when."""
    return {
        r.kind: r.requested_at
        for r in view.requests
        if r.fulfilled_at is None and r.kind != DocumentKind.FORM
    }
