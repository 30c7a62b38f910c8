"""The CSV import of organisations and professionals: all or nothing, with a reason per row."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from ketenzorg.audit.models import Action, Basis
from ketenzorg.audit.services import audit_record
from ketenzorg.core.errors import Conflict
from ketenzorg.network import guards, imports, rules, selectors
from ketenzorg.network.models import (
    Organisation,
    Professional,
    RoleAssignment,
)
from ketenzorg.network.services._common import (
    manager_write,
    require_manager,
)
from ketenzorg.network.services.professionals import expertise_tags

# --- CSV import -----------------------------------------------------------------------


def _import_record(actor, object_type: str, count: int, what: str) -> None:
    audit_record(
        actor=actor,
        action=Action.IMPORT,
        object_type=object_type,
        basis=Basis.ROLE,
        reason=f"CSV-import: {count} {what}",
    )


@manager_write
def organisation_import(*, actor, content: bytes) -> int:
    """All rows or none: raises ImportFileError or ImportRejected before anything is written."""
    table = imports.read_table(content, columns=imports.ORGANISATION_COLUMNS)
    rows = imports.validate_organisations(table, selectors.organisation_import_reference())
    try:
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=r.name,
                    kind=r.kind,
                    domains=r.domains,
                    district_id=r.district_id,
                    email=r.email,
                    phone=r.phone,
                )
                for r in rows
            ],
            batch_size=500,
        )
    except IntegrityError:
        raise Conflict(
            gettext(
                "Tijdens het importeren is een van deze organisaties al aangemaakt; upload opnieuw."
            )
        ) from None
    _import_record(actor, "network.Organisation", len(rows), "organisaties")
    return len(rows)


def professional_import(*, actor, content: bytes) -> int:
    """All rows or none: raises ImportFileError or ImportRejected before anything is written."""
    require_manager(actor)
    table = imports.read_table(content, columns=imports.PROFESSIONAL_COLUMNS)
    emails = {rules.normalise_email(row.values["email"]) for row in table.rows}
    rows = imports.validate_professionals(
        table, selectors.professional_import_reference(emails=emails)
    )
    # Before the transaction, so that a refused import stays in the access log.
    guards.import_roles_allowed(actor=actor, rows=rows)
    with transaction.atomic():
        return _professional_rows_write(actor, rows)


def _professional_rows_write(actor, rows) -> int:
    tags = {
        t.name.casefold(): t for t in expertise_tags([name for r in rows for name in r.expertise])
    }
    professionals = [
        Professional(
            first_name=r.first_name,
            last_name=r.last_name,
            email=r.email,
            phone=r.phone,
            organisation_id=r.organisation_id,
            team_id=r.team_id,
        )
        for r in rows
    ]
    try:
        Professional.objects.bulk_create(professionals, batch_size=500)
    except IntegrityError:
        raise Conflict(
            gettext(
                "Tijdens het importeren is een van deze professionals al aangemaakt; upload opnieuw."
            )
        ) from None
    pairs = list(zip(professionals, rows, strict=True))
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(professional=p, role=role) for p, r in pairs for role in r.roles),
        batch_size=1000,
    )
    Professional.expertise.through.objects.bulk_create(
        (
            Professional.expertise.through(
                professional_id=p.pk, expertisetag_id=tags[name.casefold()].pk
            )
            for p, r in pairs
            for name in r.expertise
        ),
        batch_size=1000,
    )
    Professional.areas.through.objects.bulk_create(
        (
            Professional.areas.through(professional_id=p.pk, district_id=d)
            for p, r in pairs
            for d in r.area_ids
        ),
        batch_size=1000,
    )
    _import_record(actor, "network.Professional", len(rows), "professionals")
    return len(rows)
