"""The catalogue as CSV: the export a provider or the beheerder edits in a spreadsheet, and the
import that reads it back, judged row by row before anything is written (all or nothing).

Reading the file (encoding, delimiter, header, malformed lines, size) and the per-row report
are the network import's (`network.imports`); what a row means is here. A row is matched to an
existing programme by provider and name, so the export's file imports back as "no change".
What the database holds comes in as a `Reference` (built by a selector), so this module runs no
queries and is tested with plain data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.aanbod.models import AccessRoute, Audience, IjwCategory, ProgrammeStatus
from ketenzorg.network.imports import (
    LIST_SEPARATOR,
    ImportRejected,
    Rejection,
    Table,
    Vocabulary,
)

COLUMNS = (
    "aanbieder", "naam", "wat_het_is", "voor_wie", "leeftijd_van", "leeftijd_tot", "onderwerpen",
    "gebieden", "waar", "wanneer", "toegang", "kosten", "talen", "telefoon", "email", "website",
    "ijw", "status", "wachttijd_weken", "wachttijd_bevestigd", "capaciteit", "interne_notities",
    "wie_bel_je",
)  # fmt: skip
# A cell a spreadsheet would run as a formula gets a leading apostrophe on export; the import
# takes it off again, so the round trip is exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

AUDIENCES = Vocabulary(
    _("Voor wie"), _("Onbekend 'voor wie' '%(value)s'. Kies uit: %(options)s."),
    tuple(Audience.choices),
)  # fmt: skip
ROUTES = Vocabulary(
    _("Toegang"), _("Onbekende toegang '%(value)s'. Kies uit: %(options)s."),
    tuple(AccessRoute.choices),
)  # fmt: skip
STATUSES = Vocabulary(
    _("Status"), _("Onbekende status '%(value)s'. Kies uit: %(options)s."),
    tuple(ProgrammeStatus.choices),
)  # fmt: skip
IJW = Vocabulary(
    _("iJw-productcategorie"),
    _("Onbekende iJw-productcategorie '%(value)s'. Kies uit: %(options)s."),
    tuple(IjwCategory.choices),
)


@dataclass
class Reference:
    """What the database holds, keyed by case-folded name; read by a selector."""

    organisations: dict[str, object] = field(default_factory=dict)  # name → Organisation
    allowed_organisation_ids: set[int] | None = None  # None: every organisation (beheer)
    topics: dict[str, object] = field(default_factory=dict)
    districts: dict[str, list] = field(default_factory=dict)
    programmes: dict[tuple[int, str], object] = field(default_factory=dict)  # (org id, name)


@dataclass
class ProgrammeRow:
    line: int
    values: dict  # ProgrammeInput's keyword arguments
    existing: object | None  # the Programme this row changes, or None for a new one


def unescape(value: str) -> str:
    if value.startswith("'") and value[1:2] in FORMULA_START and value[1:2]:
        return value[1:]
    return value


def escape(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _pick(value: str, vocabulary: Vocabulary, errors: list[str], *, required=True) -> str:
    if not value:
        if required:
            errors.append(gettext("%(label)s ontbreekt.") % {"label": vocabulary.label})
        return ""
    code = vocabulary.codes.get(value.casefold())
    if code is None:
        errors.append(
            str(vocabulary.unknown) % {"value": value, "options": ", ".join(vocabulary.options)}
        )
        return ""
    return code


def _number(value: str, label, errors: list[str], *, required=True) -> int | None:
    if not value:
        if required:
            errors.append(gettext("%(label)s ontbreekt.") % {"label": label})
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        errors.append(gettext("%(label)s is geen heel getal van 0 of meer.") % {"label": label})
        return None
    return number


def _date(value: str, errors: list[str]) -> date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    errors.append(
        gettext("Datum '%(value)s' is niet te lezen; schrijf 2026-03-31 of 31-03-2026.")
        % {"value": value}
    )
    return None


def _names(value: str, known: dict, message: str, errors: list[str]) -> list:
    found = []
    for name in [n.strip() for n in value.split(LIST_SEPARATOR) if n.strip()]:
        hit = known.get(name.casefold())
        if isinstance(hit, list):
            if len(hit) != 1:
                errors.append(
                    gettext("Er zijn meerdere gebieden met de naam '%(name)s'.") % {"name": name}
                    if hit
                    else message % {"name": name}
                )
                continue
            hit = hit[0]
        if hit is None:
            errors.append(message % {"name": name})
        elif hit not in found:
            found.append(hit)
    return found


def _contact(values: dict, errors: list[str]) -> None:
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(gettext("'%(value)s' is geen e-mailadres.") % {"value": values["email"]})
    if values["website"]:
        try:
            URLValidator(schemes=["http", "https"])(values["website"])
        except ValidationError:
            errors.append(
                gettext("'%(value)s' is geen webadres (begin met https://).")
                % {"value": values["website"]}
            )
    if len(values["telefoon"]) > 32:
        errors.append(gettext("Het telefoonnummer is langer dan 32 tekens."))


def validate(table: Table, reference: Reference, *, field_errors) -> list[ProgrammeRow]:
    """Every row made ready to write, or ImportRejected with every wrong row's reasons.

    `field_errors(values, existing)` is the service's own validation of a programme (the same
    messages as the form), so a rule lives in one place.
    """
    rejections = list(table.malformed)
    accepted: list[ProgrammeRow] = []
    seen: dict[tuple[int, str], int] = {}
    for row in table.rows:
        values = {k: unescape(v) for k, v in row.values.items()}
        errors: list[str] = []
        organisation = reference.organisations.get(values["aanbieder"].casefold())
        if not values["aanbieder"]:
            errors.append(gettext("Aanbieder ontbreekt."))
        elif organisation is None:
            errors.append(
                gettext("Onbekende aanbieder '%(name)s'; die moet eerst in het netwerk staan.")
                % {"name": values["aanbieder"]}
            )
        elif (
            reference.allowed_organisation_ids is not None
            and organisation.pk not in reference.allowed_organisation_ids
        ):
            errors.append(
                gettext(
                    "U beheert alleen het aanbod van uw eigen organisatie, niet van '%(name)s'."
                )
                % {"name": organisation.name}
            )
            organisation = None
        name = " ".join(values["naam"].split())
        if not name:
            errors.append(gettext("Naam ontbreekt."))
        if not values["wat_het_is"]:
            errors.append(gettext("Wat het is ontbreekt: beschrijf het aanbod in gewone taal."))
        key = (organisation.pk, name.casefold()) if organisation and name else None
        if key is not None and key in seen:
            errors.append(gettext("Dit aanbod staat ook op regel %(line)s.") % {"line": seen[key]})
        elif key is not None:
            seen[key] = row.line
        weeks = _number(values["wachttijd_weken"], gettext("Wachttijd"), errors, required=False)
        data = {
            "provider": organisation,
            "name": name,
            "description": values["wat_het_is"],
            "audience": _pick(values["voor_wie"], AUDIENCES, errors),
            "min_age": _number(values["leeftijd_van"], gettext("Leeftijd van"), errors),
            "max_age": _number(values["leeftijd_tot"], gettext("Leeftijd tot"), errors),
            "topics": _names(values["onderwerpen"], reference.topics,
                             gettext("Onbekend onderwerp '%(name)s'."), errors),
            "districts": _names(values["gebieden"], reference.districts,
                                gettext("Onbekend gebied '%(name)s'."), errors),
            "location": values["waar"], "schedule": values["wanneer"],
            "access_route": _pick(values["toegang"], ROUTES, errors),
            "costs": values["kosten"], "languages": values["talen"],
            "contact_phone": values["telefoon"], "contact_email": values["email"],
            "website": values["website"],
            "ijw_category": _pick(values["ijw"], IJW, errors, required=False),
            "status": _pick(values["status"], STATUSES, errors),
            "waiting_weeks": weeks,
            "waiting_confirmed_on": _date(values["wachttijd_bevestigd"], errors),
            "capacity": values["capaciteit"], "internal_notes": values["interne_notities"],
            "internal_contact": values["wie_bel_je"],
        }  # fmt: skip
        _contact(values, errors)
        existing = reference.programmes.get(key) if key else None
        if organisation is not None and not errors:
            for messages in field_errors(data, existing).values():
                errors += [m for m in messages if m not in errors]
        if errors:
            rejections.append(Rejection(row.line, name, tuple(errors)))
            continue
        accepted.append(ProgrammeRow(line=row.line, values=data, existing=existing))
    if rejections:
        raise ImportRejected(sorted(rejections, key=lambda r: r.line), total=table.total)
    return accepted


def export(programmes) -> str:
    """The programmes in the import's columns (codes for choices, lists with |), `;`-separated
    with a byte-order mark, as a Dutch spreadsheet opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in programmes:
        confirmed = p.waiting_confirmed_on.isoformat() if p.waiting_confirmed_on else ""
        cells = [
            p.provider.name, p.name, p.description, p.audience, p.min_age, p.max_age,
            LIST_SEPARATOR.join(t.name for t in p.topics.all()),
            LIST_SEPARATOR.join(d.name for d in p.districts.all()),
            p.location, p.schedule, p.access_route, p.costs, p.languages, p.contact_phone,
            p.contact_email, p.website, p.ijw_category, p.status,
            "" if p.waiting_weeks is None else p.waiting_weeks, confirmed, p.capacity,
            p.internal_notes, p.internal_contact,
        ]  # fmt: skip
        writer.writerow([escape(c) for c in cells])
    return "\ufeff" + out.getvalue()
