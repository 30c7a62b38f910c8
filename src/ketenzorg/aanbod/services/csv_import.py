"""The catalogue's CSV import: every row judged first, then all rows in one transaction or none.

Each row goes the way an edit on the screen goes: internal fields directly, what the public
sees of a published programme (or a programme to be published) as a proposal for a beheerder,
so an import is no way around the four eyes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from ketenzorg.aanbod import csv_io, selectors_maintenance
from ketenzorg.aanbod.services.maintenance import change_unchecked, create_unchecked
from ketenzorg.aanbod.services.programmes import ProgrammeInput, _errors
from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.network import imports


@dataclass
class ImportSummary:
    created: int = 0
    changed: int = 0
    proposed: int = 0
    unchanged: int = 0


def _field_errors(values: dict, existing) -> dict:
    return _errors(ProgrammeInput(**values), existing)


def programme_import(*, actor, content: bytes) -> ImportSummary:
    """Raises ImportFileError or ImportRejected (every wrong row) before anything is written."""
    reference = selectors_maintenance.import_reference(actor=actor)
    table = imports.read_table(content, columns=csv_io.COLUMNS)
    rows = csv_io.validate(table, reference, field_errors=_field_errors)
    summary = ImportSummary()
    with transaction.atomic():
        for row in rows:
            data = ProgrammeInput(**row.values)
            if row.existing is None:
                result = create_unchecked(actor=actor, data=data)
                summary.created += 1
            else:
                result = change_unchecked(actor=actor, programme=row.existing, data=data)
                if not (result.revision or result.changed_directly):
                    summary.unchanged += 1
                elif result.changed_directly and not result.revision:
                    summary.changed += 1
            if result.revision is not None:
                summary.proposed += 1
        audit_record(
            actor=actor, action=Action.IMPORT, object_type="aanbod.Programme", basis=Basis.ROLE,
            reason=(f"CSV-import: {summary.created} nieuw, {summary.changed} gewijzigd, "
                    f"{summary.proposed} voorstellen, {summary.unchanged} ongewijzigd"),
        )  # fmt: skip
    return summary
