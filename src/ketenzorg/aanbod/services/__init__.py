"""Every write of the catalogue (one module per part; callers import from here)."""

from ketenzorg.aanbod.services.csv_import import ImportSummary, programme_import
from ketenzorg.aanbod.services.maintenance import (
    MaintenanceResult,
    programme_change,
    programme_create,
    revision_approve,
    revision_reject,
    waiting_time_confirm,
)
from ketenzorg.aanbod.services.programmes import (
    ProgrammeInput,
    programme_save,
    programme_set_status,
    programmes_reindex,
    search_columns,
)

__all__ = [
    "ImportSummary",
    "programme_import",
    "MaintenanceResult",
    "ProgrammeInput",
    "programme_change",
    "programme_create",
    "programme_save",
    "programme_set_status",
    "programmes_reindex",
    "revision_approve",
    "revision_reject",
    "search_columns",
    "waiting_time_confirm",
]
