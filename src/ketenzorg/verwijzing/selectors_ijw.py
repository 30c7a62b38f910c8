"""A referral's iJw message for whoever follows the referral: the guard logs the fetch, the
export builds the message (docs/verwijzing.md "Provider")."""

from __future__ import annotations

from ketenzorg import ijw
from ketenzorg.verwijzing import guards_ijw, ijw_export


def ijw_message(*, actor, referral_uuid, kind, now=None) -> ijw.Message:
    message_kind = ijw_export.parse_kind(kind)
    referral, _party = guards_ijw.referral_get_for_ijw(
        actor=actor, referral_uuid=referral_uuid, kind=message_kind.value
    )
    return ijw_export.build(referral, message_kind, now=now)
