"""The four iJw-like messages as frozen dataclasses that check themselves when built.

A message that exists is valid: every builder (``__post_init__``) checks its own fields and
raises one :class:`MessageInvalid` listing every problem it found, so whoever builds a message
from a form, from the API or from a received XML file gets the same Dutch messages. The field
``metadata["xml"]`` names the XML element; the JSON key is the field name (docs/ijw.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import ClassVar
from uuid import UUID

from django.utils.translation import gettext
from stdnum.nl import bsn as stdnum_bsn

from ketenzorg.core.errors import ValidationFailed

from .codes import PROFILE, Category, Frequency, Gender, MessageKind, StopReason, Unit, Verwijzer


class MessageInvalid(ValidationFailed):
    """A message, or the XML or JSON it came from, is not acceptable.

    ``problems`` holds (path, Dutch text) pairs: the path is the JSON field path
    ("client.bsn", "scope.volume") or "xml" for a problem of the document itself. As a
    ValidationFailed it becomes a 400 problem in the API, one parameter per path.
    """

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems = list(problems)
        field_errors: dict[str, list[str]] = {}
        for path, text in self.problems:
            field_errors.setdefault(path or "non_field_errors", []).append(text)
        super().__init__("\n".join(text for _, text in self.problems), field_errors=field_errors)


# Everything XML 1.0 cannot carry, plus the control characters a one-line field has no use for.
_BAD_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DIGITS = {n: re.compile(rf"[0-9]{{{n}}}") for n in (4, 8, 9)}
_REFERENCE = re.compile(r"[A-Za-z0-9-]{1,20}")
_PRODUCT_CODE = re.compile(r"[A-Za-z0-9]{5}")
MAX_VOLUME = 99_999_999


def _xml(name: str, **kwargs):
    return field(metadata={"xml": name}, **kwargs)


class _Checks:
    """Collects the problems of one builder, so one exception names them all."""

    def __init__(self, obj: object):
        self.obj = obj
        self.problems: list[tuple[str, str]] = []

    def add(self, path: str, text: str) -> None:
        self.problems.append((path, text))

    def text(self, name: str, max_length: int, *, required: bool = True) -> None:
        value = getattr(self.obj, name)
        if value is None and not required:
            return
        if not isinstance(value, str) or not value.strip():
            self.add(name, gettext("Dit veld is verplicht."))
        elif len(value) > max_length:
            self.add(name, gettext("Maximaal %(max)s tekens.") % {"max": max_length})
        elif _BAD_CHARS.search(value):
            self.add(name, gettext("Dit veld bevat een teken dat niet is toegestaan."))

    def pattern(self, name: str, pattern: re.Pattern, message: str, *, required=True) -> None:
        value = getattr(self.obj, name)
        if value is None and not required:
            return
        if not isinstance(value, str) or not pattern.fullmatch(value):
            self.add(name, message)

    def code(self, name: str, codes: type, *, message: str = "") -> None:
        """Turns a plain string into the code list's member, so callers may pass "45"."""
        value = getattr(self.obj, name)
        try:
            member = codes(value)
        except ValueError:
            self.add(name, message or gettext("Onbekende code: %(code)s.") % {"code": value})
        else:
            object.__setattr__(self.obj, name, member)

    def day(self, name: str, *, required: bool = True) -> None:
        value = getattr(self.obj, name)
        if value is None and not required:
            return
        if not isinstance(value, date) or isinstance(value, datetime):
            self.add(name, gettext("Hier hoort een datum."))

    def instance(self, name: str, cls: type) -> None:
        if not isinstance(getattr(self.obj, name), cls):
            self.add(name, gettext("Dit onderdeel ontbreekt of heeft de verkeerde vorm."))

    def ok(self, *names: str) -> bool:
        """No problem found yet in these fields: only then are they safe to compare."""
        return not any(path in names for path, _ in self.problems)

    def done(self) -> None:
        if self.problems:
            raise MessageInvalid(self.problems)


@dataclass(frozen=True, kw_only=True)
class Party:
    """An organisation that sends, receives or provides: an AGB-like 8-digit code and a name."""

    code: str = _xml("Code")
    name: str = _xml("Naam")

    def __post_init__(self):
        checks = _Checks(self)
        checks.pattern("code", _DIGITS[8], gettext("Een organisatiecode heeft 8 cijfers."))
        checks.text("name", 100)
        checks.done()


@dataclass(frozen=True, kw_only=True)
class Header:
    """Who sends what to whom, on behalf of which gemeente; the message kind is the message's
    own (``message.kind``), so a header cannot disagree with its body."""

    profile: str = _xml("Profiel", default=PROFILE)
    sender: Party = _xml("Afzender")
    receiver: Party = _xml("Ontvanger")
    gemeente: str = _xml("Gemeente")
    message_id: UUID = _xml("BerichtId")
    created: datetime = _xml("Aangemaakt")

    def __post_init__(self):
        checks = _Checks(self)
        if self.profile != PROFILE:
            checks.add(
                "profile",
                gettext("Onbekende profielversie %(profile)s; wij kennen alleen %(ours)s.")
                % {"profile": self.profile, "ours": PROFILE},
            )
        checks.instance("sender", Party)
        checks.instance("receiver", Party)
        checks.pattern("gemeente", _DIGITS[4], gettext("Een gemeentecode heeft 4 cijfers."))
        checks.instance("message_id", UUID)
        if not isinstance(self.created, datetime) or self.created.utcoffset() is None:
            checks.add("created", gettext("Het aanmaakmoment heeft een datum, tijd en tijdzone."))
        else:
            # One form on the wire: UTC, so equal messages serialise to equal bytes.
            object.__setattr__(self, "created", self.created.astimezone(UTC))
        checks.done()


@dataclass(frozen=True, kw_only=True)
class Client:
    """The child the message is about."""

    bsn: str = _xml("Bsn")
    birth_date: date = _xml("Geboortedatum")
    family_name: str = _xml("Achternaam")
    initials: str = _xml("Voorletters")
    gender: Gender = _xml("Geslacht")
    given_names: str | None = _xml("Voornamen", default=None)

    def __post_init__(self):
        checks = _Checks(self)
        if not isinstance(self.bsn, str) or not _DIGITS[9].fullmatch(self.bsn):
            checks.add("bsn", gettext("Een BSN heeft 9 cijfers."))
        elif not stdnum_bsn.is_valid(self.bsn) or int(self.bsn) == 0:
            checks.add(
                "bsn", gettext("Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.")
            )
        checks.day("birth_date")
        checks.text("family_name", 200)
        if not (
            isinstance(self.initials, str)
            and 1 <= len(self.initials) <= 6
            and self.initials.isalpha()
            and self.initials.isupper()
        ):
            checks.add("initials", gettext("Voorletters: 1 tot 6 hoofdletters, zonder punten."))
        checks.text("given_names", 200, required=False)
        checks.code("gender", Gender)
        checks.done()


@dataclass(frozen=True, kw_only=True)
class Product:
    """What kind of help: the iJw category and, optionally, the gemeente's own product code."""

    category: Category = _xml("Categorie")
    code: str | None = _xml("Productcode", default=None)

    def __post_init__(self):
        checks = _Checks(self)
        checks.code(
            "category",
            Category,
            message=gettext("Onbekende productcategorie: %(code)s.") % {"code": self.category},
        )
        checks.pattern(
            "code",
            _PRODUCT_CODE,
            gettext("Een productcode heeft 5 letters of cijfers."),
            required=False,
        )
        checks.done()


@dataclass(frozen=True, kw_only=True)
class Scope:
    """How much: a volume of units per frequency (3 uur per week, 20 etmalen totaal)."""

    volume: int = _xml("Volume")
    unit: Unit = _xml("Eenheid")
    frequency: Frequency = _xml("Frequentie")

    def __post_init__(self):
        checks = _Checks(self)
        if not isinstance(self.volume, int) or isinstance(self.volume, bool):
            checks.add("volume", gettext("De omvang is een geheel getal."))
        elif not 0 < self.volume <= MAX_VOLUME:
            checks.add(
                "volume",
                gettext("De omvang is groter dan 0 en hoogstens %(max)s.") % {"max": MAX_VOLUME},
            )
        checks.code("unit", Unit)
        checks.code("frequency", Frequency)
        checks.done()


@dataclass(frozen=True, kw_only=True)
class _Message:
    kind: ClassVar[MessageKind]

    header: Header = _xml("Header")
    client: Client = _xml("Client")

    def __post_init__(self):
        checks = _Checks(self)
        self._check(checks)
        checks.done()

    def _check(self, checks: _Checks) -> None:
        checks.instance("header", Header)
        checks.instance("client", Client)
        if checks.ok("header", "client") and self.client.birth_date > self.header.created.date():
            checks.add(
                "client.birth_date",
                gettext("De geboortedatum ligt na het aanmaakmoment van het bericht."),
            )

    def _check_period(self, checks: _Checks, begin: str, end: str) -> None:
        checks.day(begin)
        checks.day(end, required=False)
        if checks.ok(begin, end) and getattr(self, end) is not None:
            if getattr(self, end) < getattr(self, begin):
                checks.add(end, gettext("De einddatum ligt vóór de ingangsdatum."))


def _check_reference(checks: _Checks, name: str) -> None:
    checks.pattern(
        name,
        _REFERENCE,
        gettext("Een kenmerk heeft 1 tot 20 letters, cijfers of streepjes."),
    )


@dataclass(frozen=True, kw_only=True)
class AssignmentRequest(_Message):
    """JW315 verzoek om toewijzing: a provider (or the referrer) asks the gemeente to assign."""

    kind: ClassVar[MessageKind] = MessageKind.REQUEST

    reference: str = _xml("Referentie")
    product: Product = _xml("Product")
    scope: Scope = _xml("Omvang")
    begin: date = _xml("Ingangsdatum")
    end: date | None = _xml("Einddatum", default=None)
    verwijzer: Verwijzer = _xml("Verwijzer")
    provider: Party = _xml("Aanbieder")

    def _check(self, checks: _Checks) -> None:
        super()._check(checks)
        _check_reference(checks, "reference")
        checks.instance("product", Product)
        checks.instance("scope", Scope)
        self._check_period(checks, "begin", "end")
        checks.code("verwijzer", Verwijzer)
        checks.instance("provider", Party)


@dataclass(frozen=True, kw_only=True)
class Assignment(_Message):
    """JW301 toewijzing: the gemeente assigns a product, in a scope and period, to a provider."""

    kind: ClassVar[MessageKind] = MessageKind.ASSIGNMENT

    assignment_number: str = _xml("Toewijzingnummer")
    request_reference: str = _xml("ReferentieVerzoek")
    product: Product = _xml("Product")
    scope: Scope = _xml("Omvang")
    begin: date = _xml("Ingangsdatum")
    end: date | None = _xml("Einddatum", default=None)
    provider: Party = _xml("Aanbieder")

    def _check(self, checks: _Checks) -> None:
        super()._check(checks)
        _check_reference(checks, "assignment_number")
        _check_reference(checks, "request_reference")
        checks.instance("product", Product)
        checks.instance("scope", Scope)
        self._check_period(checks, "begin", "end")
        checks.instance("provider", Party)


@dataclass(frozen=True, kw_only=True)
class CareStart(_Message):
    """JW305 start zorg: the provider reports the first day of care under an assignment."""

    kind: ClassVar[MessageKind] = MessageKind.START

    assignment_number: str = _xml("Toewijzingnummer")
    start: date = _xml("Begindatum")

    def _check(self, checks: _Checks) -> None:
        super()._check(checks)
        _check_reference(checks, "assignment_number")
        checks.day("start")


@dataclass(frozen=True, kw_only=True)
class CareStop(_Message):
    """JW307 stop zorg: the provider reports the last day of care and why it stopped."""

    kind: ClassVar[MessageKind] = MessageKind.STOP

    assignment_number: str = _xml("Toewijzingnummer")
    end: date = _xml("Einddatum")
    reason: StopReason = _xml("RedenBeeindiging")

    def _check(self, checks: _Checks) -> None:
        super()._check(checks)
        _check_reference(checks, "assignment_number")
        checks.day("end")
        checks.code("reason", StopReason)


Message = AssignmentRequest | Assignment | CareStart | CareStop
MESSAGE_CLASSES: dict[MessageKind, type[_Message]] = {
    cls.kind: cls for cls in (AssignmentRequest, Assignment, CareStart, CareStop)
}
