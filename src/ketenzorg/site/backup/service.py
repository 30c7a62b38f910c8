"""`ketenzorg backup` and `ketenzorg restore`: the whole product's data in one file, and back.

A backup holds the database, the audit anchor and a manifest; never a key. A restore
checks everything it can before it changes anything — the archive's checksums, the
vendor, the migrations, the keys the manifest names, the dump itself, an empty target —
then replaces the database in one transaction, puts the anchor in place and proves the
access log against it (docs/operations.md, "Backup en herstel").
"""

from __future__ import annotations

import getpass
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader

from ketenzorg.audit import anchor
from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.audit.verify import VerifyResult, audit_verify
from ketenzorg.core import crypto
from ketenzorg.site.backup import archive, facts, postgres, sqlite
from ketenzorg.site.backup.archive import BackupError, Refused

ANCHOR_MEMBER = "audit-anchor.log"
VENDORS = {"sqlite": sqlite, "postgresql": postgres}


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def _product_version() -> str:
    try:
        return metadata.version("ketenzorg")
    except metadata.PackageNotFoundError:
        return "onbekend"


def _vendor():
    if connection.vendor not in VENDORS:
        raise Refused(f"back-up en herstel kennen database {connection.vendor} niet.")
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        raise Refused(f"de database is niet bereikbaar: {error}".strip() + ".") from error
    return VENDORS[connection.vendor]


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _private_workdir() -> tempfile.TemporaryDirectory:
    # Beside the database, not in a shared /tmp: it briefly holds an unencrypted dump.
    return tempfile.TemporaryDirectory(prefix=".ketenzorg-herstel-", dir=settings.VAR_DIR)


def backup_target(path: Path) -> Path:
    if path.is_dir():
        return path / f"ketenzorg-backup-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar.gz"
    return path


def make_backup(path: Path, *, by: str) -> tuple[Path, dict]:
    """Write the archive; return where, and its manifest."""
    vendor = _vendor()
    target = backup_target(path)
    if target.exists():
        raise Refused(f"{target} bestaat al; kies een andere naam.")
    if not target.parent.is_dir():
        raise Refused(f"de map {target.parent} bestaat niet.")
    if "audit_chainhead" not in _tables():
        raise Refused(
            "de database is niet gemigreerd (`ketenzorg migrate`): er is niets te back-uppen."
        )
    if vendor is postgres:
        postgres.tool("pg_dump", postgres.server_major())  # missing: refused before logging
    # Logged first, so the backup holds the entry that it was made, and a checkpoint covers it.
    audit_record(actor=None, action=Action.EXPORT, object_type="backup",
                 reason=f"back-up van de hele database door beheer (OS-gebruiker {by})")  # fmt: skip
    anchor_file = anchor.anchor_path()
    with _private_workdir() as tmp:
        work = Path(tmp)
        files: dict[str, Path] = {}
        try:
            anchor.write_checkpoint()
            if anchor_file.exists():
                # Copied before the dump: every checkpoint in the copy then names an entry
                # the dump holds (the log only grows), so the restored log verifies.
                files[ANCHOR_MEMBER] = work / ANCHOR_MEMBER
                shutil.copyfile(anchor_file, files[ANCHOR_MEMBER])
        except OSError as error:
            raise BackupError(
                f"het ankerbestand {anchor_file} is niet te lezen of te schrijven: {error}."
            ) from error
        files[vendor.MEMBER] = work / vendor.MEMBER
        found = vendor.dump(files[vendor.MEMBER])
        anchor_ids = facts.anchor_key_ids(files[ANCHOR_MEMBER]) if ANCHOR_MEMBER in files else []
        manifest = {
            "format": archive.FORMAT,
            "format_version": archive.FORMAT_VERSION,
            "product_version": _product_version(),
            "created_at": _now(),
            "created_by": by,
            "database": {
                "vendor": connection.vendor,
                "server_version": postgres.server_version()
                if connection.vendor == "postgresql"
                else "",
                "member": vendor.MEMBER,
            },
            "migrations": found["migrations"],
            "counts": found["counts"],
            "audit": {
                **found["audit"],
                "anchor": ANCHOR_MEMBER if ANCHOR_MEMBER in files else None,
                "anchor_key_ids": anchor_ids,
                "keys": facts.audit_keys(found["audit"]["entry_key_ids"] + anchor_ids),
            },
            "encryption": {**facts.encryption_key(), "encrypted_bsns": found["encrypted_bsns"]},
        }
        try:
            archive.write(target, manifest, files)
        except OSError as error:
            raise BackupError(f"{target} is niet te schrijven: {error}.") from error
    return target, manifest


@dataclass
class RestoreReport:
    manifest: dict
    counts: dict[str, int]
    verify: VerifyResult
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _migration_state(manifest: dict) -> bool:
    """Refuse a backup from a newer product; True if it is older (migrate after restoring)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    applied = {str(app): str(name) for app, name in manifest["migrations"].items()}
    newer = [f"{app}.{name}" for app, name in applied.items() if (app, name) not in known]
    if newer:
        raise Refused(
            "de back-up komt van een nieuwere versie van ketenzorg (onbekende migraties: "
            f"{', '.join(sorted(newer))}); herstel met die versie."
        )
    leaves = set(loader.graph.leaf_nodes())
    return any(pair not in leaves for pair in applied.items()) or any(
        app not in applied for app, _ in leaves
    )


def _in_use() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = facts.row_counts(
            cursor, set(connection.introspection.table_names(cursor)), facts.IN_USE
        )
    return {label: n for label, n in counts.items() if n}


def _anchor_ready(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Refused(
            f"de map van het ankerbestand ({target.parent}) is niet te maken: {error}."
        ) from error
    if not os.access(target.parent, os.W_OK):
        raise Refused(f"in de map van het ankerbestand ({target.parent}) mag ik niet schrijven.")


def _place_anchor(source: Path | None, target: Path) -> str:
    """Put the backup's anchor in place; an existing, different one is kept beside it.

    The old file describes the database that was just replaced: held against the restored
    one it would report its later checkpoints' entries as cut off (docs/audit.md).
    """
    if (
        source is not None
        and target.exists()
        and archive.sha256_of(source) == archive.sha256_of(target)
    ):
        return f"ankerbestand {target} was al gelijk aan dat van de back-up"
    moved = ""
    if target.exists():
        aside = target.with_name(f"{target.name}.voor-herstel-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
        os.replace(target, aside)
        moved = f"; het vorige staat nu in {aside}"
    if source is None:
        return f"de back-up had geen ankerbestand{moved}"
    partial = target.with_name(f".{target.name}.herstel")
    shutil.copyfile(source, partial)
    os.chmod(partial, 0o640)
    os.replace(partial, target)
    return f"ankerbestand {target} teruggezet{moved}"


def restore_backup(path: Path, *, force: bool, by: str) -> RestoreReport:
    vendor = _vendor()
    with _private_workdir() as tmp:
        work = Path(tmp)
        manifest, files = archive.unpack(path, work)
        # --- everything that can refuse, before anything changes -------------------------
        database = manifest.get("database") or {}
        if database.get("vendor") != connection.vendor:
            raise Refused(
                f"de back-up is van een {database.get('vendor')}-database en de geconfigureerde "
                f"database is {connection.vendor}; herstel in hetzelfde soort database "
                "(overzetten tussen SQLite en PostgreSQL kan niet met een back-up)."
            )
        behind = _migration_state(manifest)
        missing = facts.missing_keys(manifest)
        if missing:
            raise Refused(
                "deze omgeving mist sleutels die de back-up nodig heeft: "
                + "; ".join(missing)
                + ". Sleutels zitten nooit in een back-up: zet ze in de omgeving en probeer opnieuw."
            )
        dump = files.get(vendor.MEMBER)
        if dump is None:
            raise Refused(f"{path} bevat geen {vendor.MEMBER}.")
        prepared = vendor.check(dump) if vendor is sqlite else postgres.prepare(dump, work)
        anchor_file = anchor.anchor_path()
        _anchor_ready(anchor_file)
        in_use = _in_use()
        if in_use and not force:
            shown = ", ".join(f"{n} × {label}" for label, n in in_use.items())
            raise Refused(
                f"de database is niet leeg ({shown}). Herstellen vervangt alles wat erin staat; "
                "gebruik --force als dat de bedoeling is."
            )
        # --- the change: one transaction for the database, then the anchor ------------------
        if vendor is sqlite:
            sqlite.restore(dump)
        else:
            postgres.restore(prepared, work)
        report = RestoreReport(manifest=manifest, counts={}, verify=VerifyResult(0))
        report.lines.append(
            f"Database hersteld uit {path} (back-up van {manifest.get('created_at')}, "
            f"ketenzorg {manifest.get('product_version')})."
        )
        try:
            report.lines.append(_sentence(_place_anchor(files.get(ANCHOR_MEMBER), anchor_file)))
        except OSError as error:
            report.problems.append(
                f"het ankerbestand is niet teruggezet ({error}); zet {ANCHOR_MEMBER} uit de back-up "
                f"zelf op {anchor_file}"
            )
    if behind:
        call_command("migrate", interactive=False, verbosity=0)
        report.lines.append("De back-up was van een oudere versie: migraties bijgewerkt.")
    _check_restored(report)
    audit_record(actor=None, action=Action.IMPORT, object_type="backup",
                 reason=f"herstel van de back-up van {manifest.get('created_at')} door beheer "
                        f"(OS-gebruiker {by})")  # fmt: skip
    try:
        anchor.write_checkpoint()
    except OSError as error:
        report.problems.append(f"geen ankerpunt geschreven na het herstel: {error}")
    return report


def _check_restored(report: RestoreReport) -> None:
    """Counts against the manifest, one BSN decrypted, the access log proven."""
    with connection.cursor() as cursor:
        report.counts = facts.row_counts(cursor, set(connection.introspection.table_names(cursor)))
    expected = report.manifest.get("counts", {})
    differ = [f"{label}: {report.counts.get(label)} (back-up: {n})"
              for label, n in expected.items() if report.counts.get(label) != n]  # fmt: skip
    if differ:
        report.problems.append("aantallen wijken af van de back-up: " + "; ".join(differ))
    else:
        shown = ", ".join(f"{n} × {label}" for label, n in expected.items())
        report.lines.append(f"Aantallen gelijk aan de back-up: {shown}.")
    report.lines.append(_bsn_check(report))
    result = audit_verify()
    report.verify = result
    unverifiable = ", ".join(
        f"regels {first}–{last} (sleutel {key})" for key, first, last, _ in result.unverifiable
    )
    problem = result.problem or (
        f"niet te controleren: {unverifiable}" if result.unverifiable else ""
    )
    try:
        anchor.record_verification(ok=result.ok, checked=result.checked, problem=problem)
    except OSError as error:
        report.problems.append(
            f"uitkomst van de controle niet in het ankerbestand geschreven: {error}"
        )
    if result.tampered:
        report.problems.append(f"toegangslog is aangetast: {result.problem}")
    elif not result.ok:
        report.problems.append(
            f"toegangslog niet volledig te controleren: {problem or 'ankerregels onder een onbekende sleutel'}"
        )
    else:
        report.lines.append(
            f"Toegangslog in orde: {result.checked} regels, keten ongebroken, "
            + (
                "1 ankerpunt klopt."
                if result.checkpoints == 1
                else f"{result.checkpoints} ankerpunten kloppen."
            )
        )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _bsn_check(report: RestoreReport) -> str:
    """Decrypt one stored BSN (and forget it): proof that the key fits the restored data."""
    from ketenzorg.families.models import BSN_PURPOSE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT bsn_encrypted FROM \"{facts.table('families.Person')}\" "  # noqa: S608 - our own table
                       "WHERE bsn_encrypted <> '' ORDER BY id LIMIT 1")  # fmt: skip
        row = cursor.fetchone()
    if row is None:
        return "Geen versleutelde BSN's in de database."
    try:
        crypto.decrypt_text(row[0], purpose=BSN_PURPOSE)
    except Exception as error:  # noqa: BLE001 - InvalidTag, a bad token: all mean "key does not fit"
        report.problems.append(
            f"een BSN is niet te ontsleutelen ({error.__class__.__name__}): verkeerde sleutel?"
        )
        return "BSN's: niet te ontsleutelen."
    return "BSN's te ontsleutelen met de sleutel uit de omgeving."
