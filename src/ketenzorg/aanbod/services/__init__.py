"""Every write of the catalogue (one module per part; callers import from here)."""

from ketenzorg.aanbod.services.programmes import (
    ProgrammeInput,
    programme_save,
    programme_set_status,
    programmes_reindex,
    search_columns,
)

__all__ = [
    "ProgrammeInput",
    "programme_save",
    "programme_set_status",
    "programmes_reindex",
    "search_columns",
]
