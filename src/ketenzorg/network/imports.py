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
from functools import cached_property

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ketenzorg.core.errors import ValidationFailed
from ketenzorg.network import rules
from ketenzorg.network.models import Domain, OrganisationKind, Role

MAX_MEGABYTES = 5
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
MAX_ROWS = 20_000
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
EXCEL_HINT = _("Sla het in Excel op als 'CSV UTF-8 (door komma's of puntkomma's gescheiden)'.")


def max_rows_text() -> str:
    """The row limit written the way the active language groups thousands (20.000, 20,000)."""
    return number_format(MAX_ROWS, force_grouping=True)


def too_big() -> str:
    return gettext("Het bestand is groter dan %(megabytes)s MB; splits het in delen.") % {
        "megabytes": MAX_MEGABYTES
    }


def _with_hint(message: str) -> str:
    return f"{message} {EXCEL_HINT}"


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
            ngettext(
                "Er is niets geïmporteerd: %(rejected)s van de %(total)s regels zijn afgekeurd. "
                "Verbeter die regels in het bestand en upload het daarna opnieuw.",
                "Er is niets geïmporteerd: %(rejected)s van de %(total)s regels zijn afgekeurd. "
                "Verbeter die regels in het bestand en upload het daarna opnieuw.",
                len(rejections),
            )
            % {"rejected": len(rejections), "total": total}
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
        raise ImportFileError(gettext("Het bestand is leeg."))
    if content.startswith(b"PK\x03\x04"):
        raise ImportFileError(_with_hint(gettext("Dit is een Excel- of zip-bestand, geen CSV.")))
    if b"\x00" in content:
        raise ImportFileError(_with_hint(gettext("Dit is geen tekstbestand (CSV).")))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _with_hint(gettext("Het bestand is niet in UTF-8 opgeslagen."))
        ) from None
    if not text.strip():
        raise ImportFileError(gettext("Het bestand is leeg."))
    return text


def _header(cells: list[str], columns: tuple[str, ...]) -> list[str]:
    header = [c.strip().casefold() for c in cells]
    while header and not header[-1]:
        header.pop()
    if sorted(header) == sorted(columns):
        return header
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns]
    parts = [
        gettext("De kopregel klopt niet. Verwacht de kolommen: %(columns)s.")
        % {"columns": ", ".join(columns)}
    ]
    if missing:
        parts.append(gettext("Ontbreekt: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        empty = gettext("(leeg)")
        parts.append(
            gettext("Onbekend: %(columns)s.") % {"columns": ", ".join(c or empty for c in unknown)}
        )
    if len(set(header)) != len(header):
        parts.append(gettext("Een kolom staat er twee keer in."))
    raise ImportFileError(" ".join(parts))


def read_table(content: bytes, *, columns: tuple[str, ...]) -> Table:
    """Decode and split the upload; raises ImportFileError for a file that is not this CSV."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(too_big())
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
                gettext(
                    "Regel %(line)s kan niet worden gelezen als CSV (bijvoorbeeld een veld dat te lang "
                    "is of een verkeerd aanhalingsteken)."
                )
                % {"line": line}
            ) from None
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = _header(cells, columns)
            continue
        if table.total >= MAX_ROWS:
            raise ImportFileError(
                gettext("Het bestand heeft meer dan %(max)s regels; splits het in delen.")
                % {"max": max_rows_text()}
            )
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            table.malformed.append(
                Rejection(
                    line,
                    "",
                    (
                        gettext(
                            "Deze regel heeft %(found)s velden in plaats van %(expected)s. "
                            "Controleer scheidingstekens en aanhalingstekens."
                        )
                        % {"found": len(cells), "expected": len(header)},
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
            gettext("Het bestand bevat geen regels onder de kopregel; er is niets te importeren.")
        )
    return table


@dataclass(frozen=True)
class Vocabulary:
    """A fixed list a CSV field must come from; both the code and the Dutch label are accepted, in any case.

    `label` and `unknown` are lazy translations; `unknown` holds %(value)s and %(options)s.
    """

    label: str
    unknown: str
    choices: tuple[tuple[str, str], ...]

    @cached_property
    def codes(self) -> dict[str, str]:
        # The labels are Dutch whatever language the beheerder reads the screen in.
        codes = {}
        with translation.override(settings.LANGUAGE_CODE):
            for value, text in self.choices:
                codes[str(text).casefold()] = value
                codes[str(value).casefold()] = value
        return codes

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(value for value, _label in self.choices)


_KINDS = Vocabulary(
    _("Soort"),
    _("Onbekende soort '%(value)s'. Kies uit: %(options)s."),
    tuple(OrganisationKind.choices),
)
_DOMAINS = Vocabulary(
    _("Domeinen"), _("Onbekend domein '%(value)s'. Kies uit: %(options)s."), tuple(Domain.choices)
)
_ROLES = Vocabulary(
    _("Rollen"), _("Onbekende rol '%(value)s'. Kies uit: %(options)s."), tuple(Role.choices)
)


def _missing(label) -> str:
    return gettext("%(label)s ontbreekt.") % {"label": label}


def _require(
    values: dict[str, str], column: str, label: str, max_length: int, errors: list[str]
) -> str:
    value = values[column]
    if not value:
        errors.append(_missing(label))
    elif len(value) > max_length:
        errors.append(
            gettext("%(label)s is langer dan %(max)s tekens.") % {"label": label, "max": max_length}
        )
    return value


def _pick(values: list[str], vocabulary: Vocabulary, errors: list[str]) -> list[str]:
    picked = []
    for value in values:
        code = vocabulary.codes.get(value.casefold())
        if code is None:
            errors.append(
                str(vocabulary.unknown) % {"value": value, "options": ", ".join(vocabulary.options)}
            )
        elif code not in picked:
            picked.append(code)
    return picked


def _pick_one(value: str, vocabulary: Vocabulary, errors: list[str]) -> str:
    if not value:
        errors.append(_missing(vocabulary.label))
        return ""
    picked = _pick([value], vocabulary, errors)
    return picked[0] if picked else ""


def _districts(names: list[str], reference: Reference, errors: list[str]) -> list[int]:
    ids = []
    for name in names:
        found = reference.districts.get(name.casefold(), [])
        if not found:
            errors.append(gettext("Onbekend gebied '%(name)s'.") % {"name": name})
        elif len(found) > 1:
            errors.append(
                gettext(
                    "Er zijn meerdere gebieden met de naam '%(name)s'; geef ze in ketenzorg een eigen naam."
                )
                % {"name": name}
            )
        else:
            ids.append(found[0])
    return ids


def _contact(values: dict[str, str], errors: list[str], *, email_required: bool) -> tuple[str, str]:
    email = rules.normalise_email(values["email"])
    if not email:
        if email_required:
            errors.append(gettext("E-mailadres ontbreekt."))
    elif message := rules.email_error(email):
        errors.append(message)
    phone = values["telefoon"]
    if message := rules.phone_error(phone):
        errors.append(message)
    return email, phone


def _first_seen(seen: dict[str, int], key: str, line: int, message: str, errors: list[str]) -> None:
    """`message` names the earlier line as %(line)s."""
    if key in seen:
        errors.append(message % {"line": seen[key]})
    else:
        seen[key] = line


def validate_organisations(table: Table, reference: Reference) -> list[OrganisationRow]:
    """Every row made ready to write, or ImportRejected with every wrong row's reasons."""
    rejections = list(table.malformed)
    accepted: list[OrganisationRow] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        values, errors = row.values, []
        name = _require(values, "naam", _("Naam"), 200, errors)
        if name and name.casefold() in reference.organisations:
            errors.append(
                gettext("Er bestaat al een organisatie met de naam '%(name)s'.") % {"name": name}
            )
        elif name:
            _first_seen(
                seen,
                name.casefold(),
                row.line,
                gettext("Deze naam staat ook op regel %(line)s."),
                errors,
            )
        kind = _pick_one(values["soort"], _KINDS, errors)
        domain_names = rules.split_list(values["domeinen"], LIST_SEPARATOR)
        domains = _pick(domain_names, _DOMAINS, errors)
        if not domain_names:
            errors.append(
                gettext(
                    "Domeinen ontbreken: kies uit zorg, onderwijs, veiligheid en welzijn, gescheiden door |."
                )
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
        errors.append(_missing(_("Organisatie")))
        return None
    organisation = reference.organisations.get(name.casefold())
    if organisation is None:
        errors.append(
            gettext("Onbekende organisatie '%(name)s'. Importeer of maak de organisatie eerst aan.")
            % {"name": name}
        )
    elif not organisation.is_active:
        errors.append(
            gettext("Organisatie '%(name)s' is gedeactiveerd.") % {"name": organisation.name}
        )
        return None
    return organisation


def validate_professionals(table: Table, reference: Reference) -> list[ProfessionalRow]:
    """Every row made ready to write, or ImportRejected with every wrong row's reasons."""
    rejections = list(table.malformed)
    accepted: list[ProfessionalRow] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        values, errors = row.values, []
        first_name = _require(values, "voornaam", _("Voornaam"), 100, errors)
        last_name = _require(values, "achternaam", _("Achternaam"), 150, errors)
        email, phone = _contact(values, errors, email_required=True)
        if email and email in reference.taken_emails:
            errors.append(
                gettext("Er is al een professional met e-mailadres %(email)s.") % {"email": email}
            )
        elif email:
            _first_seen(
                seen,
                email,
                row.line,
                gettext("Dit e-mailadres staat ook op regel %(line)s."),
                errors,
            )
        organisation = _organisation(values, reference, errors)
        team_id = None
        if values["team"] and organisation is not None:
            team_id = reference.teams.get((organisation.id, values["team"].casefold()))
            if team_id is None:
                errors.append(
                    gettext("Team '%(team)s' bestaat niet bij %(organisation)s.")
                    % {"team": values["team"], "organisation": organisation.name}
                )
        role_names = rules.split_list(values["rollen"], LIST_SEPARATOR)
        roles = _pick(role_names, _ROLES, errors)
        if not role_names:
            errors.append(gettext("Rollen ontbreken: geef ten minste één rol, gescheiden door |."))
        expertise = rules.split_list(values["expertise"], LIST_SEPARATOR)
        if any(len(tag) > 100 for tag in expertise):
            errors.append(gettext("Een expertise is langer dan 100 tekens."))
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
