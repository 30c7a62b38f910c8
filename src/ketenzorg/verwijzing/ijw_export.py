"""A referral as one of the four iJw messages (docs/ijw.md, docs/verwijzing.md "Provider").

The export is built on request from what the referral records; nothing is stored and nothing
is sent. The builder reads only the referral it is given (fetched and logged by
`verwijzing.guards_ijw`), its voorziening, child and provider, and the settings: the same
referral in the same state gives the same message apart from the moment it was made.

Choices the iStandaard leaves to us (documented in docs/verwijzing.md):
- Organisations in the network have no AGB code. A party's 8-digit code is derived from the
  organisation's primary key (`organisation_code`), so it is stable and unique within this
  installation but means nothing outside it. The gemeente is a party of its own, coded
  "9999" + its CBS code, with its name from the settings.
- The JW315 reference is the referral's own ("VZ-" + its number); the JW301 answers it.
- The BerichtId is derived from the referral, the kind, the provider and the voorziening's
  version: fetching the same message twice gives the same id, so a receiver sees a duplicate.
- The stop reason of a JW307 is the code the provider chose when ending care; its text is
  kept as the end-care event's reason ("01 beëindigd volgens plan: …").
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from ketenzorg import ijw
from ketenzorg.core.errors import Conflict, ValidationFailed
from ketenzorg.verwijzing import rules
from ketenzorg.verwijzing.models import Frequency, Referral, VolumeUnit

# Our voorziening's codes (the iJw codelijst numbers) to the words of our iJw profile.
UNITS = {
    VolumeUnit.MINUTE: ijw.Unit.MINUTE,
    VolumeUnit.HOUR: ijw.Unit.HOUR,
    VolumeUnit.DAYPART: ijw.Unit.DAGDEEL,
    VolumeUnit.DAY: ijw.Unit.ETMAAL,
    VolumeUnit.PIECE: ijw.Unit.PIECES,
}
FREQUENCIES = {
    Frequency.WEEK: ijw.Frequency.WEEK,
    Frequency.MONTH: ijw.Frequency.MONTH,
    Frequency.TOTAL: ijw.Frequency.TOTAL,
}

KINDS = tuple(k.value for k in ijw.MessageKind)
# The states from which each message exists: a request once a provider is matched, the
# assignment once forwarded to it, start and stop once care started and ended.
AVAILABLE_FROM = {
    ijw.MessageKind.REQUEST: frozenset({rules.MATCHED} | rules.WITH_PROVIDER),
    ijw.MessageKind.ASSIGNMENT: rules.WITH_PROVIDER,
    ijw.MessageKind.START: frozenset({rules.IN_CARE, rules.ENDED}),
    ijw.MessageKind.STOP: frozenset({rules.ENDED}),
}
NOT_YET = {
    ijw.MessageKind.REQUEST: gettext_noop(
        "Een verzoek om toewijzing (JW315) bestaat pas als er een aanbieder is gematcht."
    ),
    ijw.MessageKind.ASSIGNMENT: gettext_noop(
        "Een toewijzing (JW301) bestaat pas als de verwijzing naar de aanbieder is doorgestuurd."
    ),
    ijw.MessageKind.START: gettext_noop(
        "Een bericht start zorg (JW305) bestaat pas als de aanbieder de start van de hulp "
        "heeft vastgelegd."
    ),
    ijw.MessageKind.STOP: gettext_noop(
        "Een bericht stop zorg (JW307) bestaat pas als de aanbieder het einde van de hulp "
        "heeft vastgelegd."
    ),
}
KIND_NAMES = {
    ijw.MessageKind.REQUEST: gettext_lazy("JW315 verzoek om toewijzing"),
    ijw.MessageKind.ASSIGNMENT: gettext_lazy("JW301 toewijzing"),
    ijw.MessageKind.START: gettext_lazy("JW305 start zorg"),
    ijw.MessageKind.STOP: gettext_lazy("JW307 stop zorg"),
}
UNKNOWN_KIND = gettext_noop("Onbekend iJw-bericht: kies JW315, JW301, JW305 of JW307.")
NO_BSN = gettext_noop(
    "Zonder BSN geen iJw-bericht: leg eerst het BSN van de jeugdige vast in het dossier."
)
DOES_NOT_FIT = gettext_noop("De gegevens van de verwijzing passen niet in een iJw-bericht: %(p)s")
_IDS = uuid.UUID("6a0c3f59-1f0e-4b52-a8a3-2b7f0c9e4d11")


def parse_kind(kind: str) -> ijw.MessageKind:
    try:
        return ijw.MessageKind(str(kind).upper())
    except ValueError:
        message = gettext(UNKNOWN_KIND)
        raise ValidationFailed(message, field_errors={"kind": [message]}) from None


def available(referral: Referral, kind: ijw.MessageKind) -> bool:
    return referral.provider_id is not None and referral.status in AVAILABLE_FROM[kind]


def available_kinds(referral: Referral) -> list[ijw.MessageKind]:
    return [k for k in ijw.MessageKind if available(referral, k)]


def organisation_code(organisation) -> str:
    """The 8-digit party code of a network organisation (no AGB code: derived from its key)."""
    return f"{organisation.pk:08d}"


def _gemeente() -> ijw.Party:
    code = settings.KETENZORG_GEMEENTE_CODE
    return ijw.Party(code=f"9999{code}", name=settings.KETENZORG_GEMEENTE_NAME)


def _provider(referral: Referral) -> ijw.Party:
    return ijw.Party(code=organisation_code(referral.provider), name=referral.provider.name[:100])


def initials(given_names: str) -> str:
    """ "Kim Anna" → "KA": the first letter of each given name, capitals, at most six."""
    letters = [next((c for c in word if c.isalpha()), "") for word in given_names.split()]
    return "".join(letters).upper()[:6]


def _client(referral: Referral) -> ijw.Client:
    child = referral.child
    bsn = child.bsn_plain()
    if not bsn:
        raise Conflict(gettext(NO_BSN))
    return ijw.Client(
        bsn=bsn,
        birth_date=child.birthdate,
        family_name=child.family_name,
        initials=initials(child.given_name),
        gender=ijw.Gender.UNKNOWN,  # the dossier does not record it
        given_names=child.given_name,
    )


def reference(referral: Referral) -> str:
    return f"VZ-{referral.pk}"


def message_id(referral: Referral, kind: ijw.MessageKind) -> uuid.UUID:
    name = f"{referral.uuid}/{kind.value}/{referral.provider_id}/{referral.voorziening.version}"
    return uuid.uuid5(_IDS, name)


def stop_reason_text(code: str, note: str = "") -> str:
    """The end-care event's reason: the JW307 code and its Dutch label, then the note."""
    reason = ijw.StopReason(code)
    with translation.override("nl"):
        text = f"{reason.value} {reason.label}"
    note = (note or "").strip()
    return f"{text}: {note}" if note else text


def stop_reason_of(text: str) -> ijw.StopReason:
    """The code back from the event's reason; a reason written otherwise counts as "overig"."""
    try:
        return ijw.StopReason((text or "").split(" ", 1)[0].rstrip(":"))
    except ValueError:
        return ijw.StopReason.OTHER


def _end_reason(referral: Referral) -> str:
    event = referral.events.filter(action=rules.END_CARE).order_by("-seq").first()
    return event.reason if event else ""


def build(referral: Referral, kind, *, now: datetime | None = None) -> ijw.Message:
    """The message of this kind for the referral, or a Conflict saying why it does not exist."""
    kind = parse_kind(kind) if not isinstance(kind, ijw.MessageKind) else kind
    if not available(referral, kind):
        raise Conflict(gettext(NOT_YET[kind]))
    now = now or timezone.now()
    try:
        client = _client(referral)
        provider, gemeente = _provider(referral), _gemeente()
        sender, receiver = (
            (gemeente, provider) if kind == ijw.MessageKind.ASSIGNMENT else (provider, gemeente)
        )
        header = ijw.Header(
            sender=sender,
            receiver=receiver,
            gemeente=settings.KETENZORG_GEMEENTE_CODE,
            message_id=message_id(referral, kind),
            created=now,
        )
        common = {"header": header, "client": client}
        if kind in (ijw.MessageKind.REQUEST, ijw.MessageKind.ASSIGNMENT):
            v = referral.voorziening
            what = {
                "product": ijw.Product(category=v.ijw_category, code=v.product_code or None),
                "scope": ijw.Scope(
                    volume=v.volume, unit=UNITS[v.unit], frequency=FREQUENCIES[v.frequency]
                ),
                "begin": v.starts_on,
                "end": v.ends_on,
                "provider": provider,
            }
            if kind == ijw.MessageKind.REQUEST:
                return ijw.AssignmentRequest(
                    **common,
                    **what,
                    reference=reference(referral),
                    verwijzer=ijw.Verwijzer.GEMEENTE,
                )
            return ijw.Assignment(
                **common,
                **what,
                assignment_number=referral.assignment_number,
                request_reference=reference(referral),
            )
        if kind == ijw.MessageKind.START:
            return ijw.CareStart(
                **common,
                assignment_number=referral.assignment_number,
                start=referral.care_started_on,
            )
        return ijw.CareStop(
            **common,
            assignment_number=referral.assignment_number,
            end=referral.care_ended_on,
            reason=stop_reason_of(_end_reason(referral)),
        )
    except ijw.MessageInvalid as invalid:
        # Not the caller's input: what the referral records does not fit the message.
        problems = "; ".join(f"{path}: {text}" for path, text in invalid.problems)
        raise Conflict(gettext(DOES_NOT_FIT) % {"p": problems}) from None
