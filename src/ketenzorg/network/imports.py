"""Reading and judging a CSV upload of organisations or professionals, without writing.

Every row is judged before anything is written, so the service can refuse the
whole file when one row is wrong: nothing is ever half-imported. What the
database already holds comes in as a `Reference` (built by selectors), so this
module runs no queries and can be tested with plain data.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ketenzorg.core.errors import ValidationFailed
from ketenzorg.network import rules
from ketenzorg.network.models import Domain, OrganisationKind, Role

MAX_MEGABYTES = 5
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
MAX_ROWS = 20_000
MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", ".")  # Dutch thousands separator
TOO_BIG = f"Het bestand is groter dan {MAX_MEGABYTES} MB; splits het in delen."
LIST_SEPARATOR = "|"
ORGANISATION_COLUMNS = ("naam", "soort", "domeinen", "gebied", "email", "telefoon")
PROFESSIONAL_COLUMNS = (
    "voornaam",
    "achternaam",
    "email",
    "telefoon",
    "organisatie",
    "team",
    "rollen",
    "expertise",
    "gebieden",
)
EXCEL_HINT = "Sla het in Excel op als 'CSV UTF-8 (door komma's of puntkomma's gescheiden)'."


class ImportFileError(ValidationFailed):
    """The upload as a whole is not the expected CSV; no row was looked at."""


@dataclass(frozen=True)
class Rejection:
    line: int
    label: str
    reasons: tuple[str, ...]


class ImportRejected(ValidationFailed):
    """At least one row is wrong, so nothing is written; carries every row's reasons."""

    def __init__(self, rejections: list[Rejection], *, total: int):
        super().__init__(
            f"Er is niets geïmporteerd: {len(rejections)} van de {total} regels zijn afgekeurd. "
            "Verbeter die regels in het bestand en upload het daarna opnieuw."
        )
        self.rejections = rejections
        self.total = total


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


@dataclass
class Table:
    rows: list[Row]
    malformed: list[Rejection]

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.malformed)


@dataclass(frozen=True)
class KnownOrganisation:
    id: int
    name: str
    is_active: bool


@dataclass
class Reference:
    """What the database holds, keyed by case-folded name; read by selectors."""

    organisations: dict[str, KnownOrganisation] = field(default_factory=dict)
    teams: dict[tuple[int, str], int] = field(default_factory=dict)
    districts: dict[str, list[int]] = field(default_factory=dict)
    taken_emails: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class OrganisationRow:
    line: int
    name: str
    kind: str
    domains: list[str]
    district_id: int | None
    email: str
    phone: str


@dataclass(frozen=True)
class ProfessionalRow:
    line: int
    first_name: str
    last_name: str
    email: str
    phone: str
    organisation_id: int
    team_id: int | None
    roles: list[str]
    expertise: list[str]
    area_ids: list[int]


def _decode(content: bytes) -> str:
    if not content.strip():
        raise ImportFileError("Het bestand is leeg.")
    if content.startswith(b"PK\x03\x04"):
        raise ImportFileError(f"Dit is een Excel- of zip-bestand, geen CSV. {EXCEL_HINT}")
    if b"\x00" in content:
        raise ImportFileError(f"Dit is geen tekstbestand (CSV). {EXCEL_HINT}")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"Het bestand is niet in UTF-8 opgeslagen. {EXCEL_HINT}") from None
    if not text.strip():
        raise ImportFileError("Het bestand is leeg.")
    return text


def _header(cells: list[str], columns: tuple[str, ...]) -> list[str]:
    header = [c.strip().casefold() for c in cells]
    while header and not header[-1]:
        header.pop()
    if sorted(header) == sorted(columns):
        return header
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns]
    parts = [f"De kopregel klopt niet. Verwacht de kolommen: {', '.join(columns)}."]
    if missing:
        parts.append(f"Ontbreekt: {', '.join(missing)}.")
    if unknown:
        parts.append(f"Onbekend: {', '.join(c or '(leeg)' for c in unknown)}.")
    if len(set(header)) != len(header):
        parts.append("Een kolom staat er twee keer in.")
    raise ImportFileError(" ".join(parts))


def read_table(content: bytes, *, columns: tuple[str, ...]) -> Table:
    """Decode and split the upload; raises ImportFileError for a file that is not this CSV."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(TOO_BIG)
    text = _decode(content)
    first_line = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    table = Table(rows=[], malformed=[])
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise ImportFileError(
                f"Regel {line} kan niet worden gelezen als CSV (bijvoorbeeld een veld dat te lang is of een "
                "verkeerd aanhalingsteken)."
            ) from None
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = _header(cells, columns)
            continue
        if table.total >= MAX_ROWS:
            raise ImportFileError(
                f"Het bestand heeft meer dan {MAX_ROWS_TEXT} regels; splits het in delen."
            )
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            table.malformed.append(
                Rejection(
                    line,
                    "",
                    (
                        f"Deze regel heeft {len(cells)} velden in plaats van {len(header)}. "
                        "Controleer scheidingstekens en aanhalingstekens.",
                    ),
                )
            )
            continue
        table.rows.append(
            Row(
                line,
                {name: " ".join(value.split()) for name, value in zip(header, cells, strict=True)},
            )
        )
    if header is None or table.total == 0:
        raise ImportFileError(
            "Het bestand bevat geen regels onder de kopregel; er is niets te importeren."
        )
    return table


@dataclass(frozen=True)
class Vocabulary:
    """A fixed list a CSV field must come from; both the code and the label are accepted, in any case."""

    label: str
    unknown: str
    codes: dict[str, str]
    options: tuple[str, ...]


def _vocabulary(label: str, unknown: str, choices) -> Vocabulary:
    codes = {}
    for value, text in choices:
        codes[str(text).casefold()] = value
        codes[str(value).casefold()] = value
    return Vocabulary(label, unknown, codes, tuple(value for value, _ in choices))


_KINDS = _vocabulary("Soort", "Onbekende soort", OrganisationKind.choices)
_DOMAINS = _vocabulary("Domeinen", "Onbekend domein", Domain.choices)
_ROLES = _vocabulary("Rollen", "Onbekende rol", Role.choices)


def _require(
    values: dict[str, str], column: str, label: str, max_length: int, errors: list[str]
) -> str:
    value = values[column]
    if not value:
        errors.append(f"{label} ontbreekt.")
    elif len(value) > max_length:
        errors.append(f"{label} is langer dan {max_length} tekens.")
    return value


def _pick(values: list[str], vocabulary: Vocabulary, errors: list[str]) -> list[str]:
    picked = []
    for value in values:
        code = vocabulary.codes.get(value.casefold())
        if code is None:
            errors.append(
                f"{vocabulary.unknown} '{value}'. Kies uit: {', '.join(vocabulary.options)}."
            )
        elif code not in picked:
            picked.append(code)
    return picked


def _pick_one(value: str, vocabulary: Vocabulary, errors: list[str]) -> str:
    if not value:
        errors.append(f"{vocabulary.label} ontbreekt.")
        return ""
    picked = _pick([value], vocabulary, errors)
    return picked[0] if picked else ""


def _districts(names: list[str], reference: Reference, errors: list[str]) -> list[int]:
    ids = []
    for name in names:
        found = reference.districts.get(name.casefold(), [])
        if not found:
            errors.append(f"Onbekend gebied '{name}'.")
        elif len(found) > 1:
            errors.append(
                f"Er zijn meerdere gebieden met de naam '{name}'; geef ze in ketenzorg een eigen naam."
            )
        else:
            ids.append(found[0])
    return ids


def _contact(values: dict[str, str], errors: list[str], *, email_required: bool) -> tuple[str, str]:
    email = rules.normalise_email(values["email"])
    if not email:
        if email_required:
            errors.append("E-mailadres ontbreekt.")
    elif message := rules.email_error(email):
        errors.append(message)
    phone = values["telefoon"]
    if message := rules.phone_error(phone):
        errors.append(message)
    return email, phone


def _first_seen(seen: dict[str, int], key: str, line: int, message: str, errors: list[str]) -> None:
    if key in seen:
        errors.append(message.format(line=seen[key]))
    else:
        seen[key] = line


def validate_organisations(table: Table, reference: Reference) -> list[OrganisationRow]:
    """Every row made ready to write, or ImportRejected with every wrong row's reasons."""
    rejections = list(table.malformed)
    accepted: list[OrganisationRow] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        values, errors = row.values, []
        name = _require(values, "naam", "Naam", 200, errors)
        if name and name.casefold() in reference.organisations:
            errors.append(f"Er bestaat al een organisatie met de naam '{name}'.")
        elif name:
            _first_seen(
                seen, name.casefold(), row.line, "Deze naam staat ook op regel {line}.", errors
            )
        kind = _pick_one(values["soort"], _KINDS, errors)
        domain_names = rules.split_list(values["domeinen"], LIST_SEPARATOR)
        domains = _pick(domain_names, _DOMAINS, errors)
        if not domain_names:
            errors.append(
                "Domeinen ontbreken: kies uit zorg, onderwijs, veiligheid en welzijn, gescheiden door |."
            )
        district_ids = _districts([values["gebied"]] if values["gebied"] else [], reference, errors)
        email, phone = _contact(values, errors, email_required=False)
        if errors:
            rejections.append(Rejection(row.line, name, tuple(errors)))
            continue
        accepted.append(
            OrganisationRow(
                line=row.line,
                name=name,
                kind=kind,
                domains=rules.ordered_domains(domains),
                district_id=district_ids[0] if district_ids else None,
                email=email,
                phone=phone,
            )
        )
    if rejections:
        raise ImportRejected(sorted(rejections, key=lambda r: r.line), total=table.total)
    return accepted


def _organisation(
    values: dict[str, str], reference: Reference, errors: list[str]
) -> KnownOrganisation | None:
    name = values["organisatie"]
    if not name:
        errors.append("Organisatie ontbreekt.")
        return None
    organisation = reference.organisations.get(name.casefold())
    if organisation is None:
        errors.append(
            f"Onbekende organisatie '{name}'. Importeer of maak de organisatie eerst aan."
        )
    elif not organisation.is_active:
        errors.append(f"Organisatie '{organisation.name}' is gedeactiveerd.")
        return None
    return organisation


def validate_professionals(table: Table, reference: Reference) -> list[ProfessionalRow]:
    """Every row made ready to write, or ImportRejected with every wrong row's reasons."""
    rejections = list(table.malformed)
    accepted: list[ProfessionalRow] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        values, errors = row.values, []
        first_name = _require(values, "voornaam", "Voornaam", 100, errors)
        last_name = _require(values, "achternaam", "Achternaam", 150, errors)
        email, phone = _contact(values, errors, email_required=True)
        if email and email in reference.taken_emails:
            errors.append(f"Er is al een professional met e-mailadres {email}.")
        elif email:
            _first_seen(seen, email, row.line, "Dit e-mailadres staat ook op regel {line}.", errors)
        organisation = _organisation(values, reference, errors)
        team_id = None
        if values["team"] and organisation is not None:
            team_id = reference.teams.get((organisation.id, values["team"].casefold()))
            if team_id is None:
                errors.append(f"Team '{values['team']}' bestaat niet bij {organisation.name}.")
        role_names = rules.split_list(values["rollen"], LIST_SEPARATOR)
        roles = _pick(role_names, _ROLES, errors)
        if not role_names:
            errors.append("Rollen ontbreken: geef ten minste één rol, gescheiden door |.")
        expertise = rules.split_list(values["expertise"], LIST_SEPARATOR)
        if any(len(tag) > 100 for tag in expertise):
            errors.append("Een expertise is langer dan 100 tekens.")
        area_ids = _districts(
            rules.split_list(values["gebieden"], LIST_SEPARATOR), reference, errors
        )
        if errors:
            rejections.append(
                Rejection(row.line, f"{first_name} {last_name}".strip(), tuple(errors))
            )
            continue
        accepted.append(
            ProfessionalRow(
                line=row.line,
                first_name=first_name,
                last_name=last_name,
                email=email,
                phone=phone,
                organisation_id=organisation.id,
                team_id=team_id,
                roles=roles,
                expertise=expertise,
                area_ids=area_ids,
            )
        )
    if rejections:
        raise ImportRejected(sorted(rejections, key=lambda r: r.line), total=table.total)
    return accepted
