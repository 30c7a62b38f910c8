"""Backup and restore of the whole product: database, audit anchor, manifest (docs/operations.md)."""

from ketenzorg.site.backup.archive import BackupError, Refused
from ketenzorg.site.backup.service import RestoreReport, make_backup, os_user, restore_backup

__all__ = ["BackupError", "Refused", "RestoreReport", "make_backup", "os_user", "restore_backup"]
