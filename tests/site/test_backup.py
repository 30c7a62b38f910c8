"""`ketenzorg backup` and `ketenzorg restore`, end to end, as an operator runs them.

Everything runs in child processes against scratch databases this module makes itself —
a SQLite file in a temporary folder, or, when the suite runs on PostgreSQL, a database
created beside the test database — so the test database is never touched and the data
is committed as in production. The source is built with the project's factories (a
family with encrypted BSNs through the real service, its access-log entries, a
checkpoint in the anchor), backed up, restored into an empty database and proven there.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

import ketenzorg

SRC = Path(ketenzorg.__file__).resolve().parents[1]
ROOT = SRC.parent
BSNS = ("111222333", "123456782")  # elfproef-valid, fictional

POPULATE = """
import django
django.setup()
from datetime import date
from ketenzorg.audit import anchor
from tests import factories
professional = factories.make_professional("okt")
factories.register_family(professional, name="Gezin Hersteltest", members=[
    factories.member("Kim", "Hersteltest", bsn="111222333"),
    factories.member("Sam", "Hersteltest", role="ouder", born=date(1985, 3, 2), authority=True,
                     bsn="123456782"),
])
factories.register_family(professional, name="Gezin Zonder BSN")
anchor.write_checkpoint()
"""

FACTS = """
import django, json
django.setup()
from ketenzorg.audit.models import AuditEntry
from ketenzorg.families.models import Family, Person
last = AuditEntry.objects.order_by("-id").first()
print(json.dumps({
    "families": sorted(Family.objects.values_list("name", flat=True)),
    "persons": Person.objects.count(),
    "entries": AuditEntry.objects.count(),
    "backup_entries": AuditEntry.objects.filter(object_type="backup", action="export").count(),
    "last": [last.action, last.object_type, last.reason],
    "bsns": sorted(p.bsn_plain() for p in Person.objects.exclude(bsn_encrypted="")),
}))
"""


def _key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


KEYS = {"KETENZORG_AUDIT_KEYS": f"k1:{_key()}", "KETENZORG_ENCRYPTION_KEY": _key()}


class Scratch:
    """One empty database and var folder, and the environment that points a process at them."""

    def __init__(self, folder: Path, keys: dict):
        self.var = folder
        folder.mkdir(parents=True)
        drop = {
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "KETENZORG_AUDIT_ANCHOR",
            "KETENZORG_VAR_DIR",
        }
        self.env = {k: v for k, v in os.environ.items() if k not in drop}
        self.env.update(
            keys,
            PYTHONPATH=f"{SRC}{os.pathsep}{ROOT}",
            KETENZORG_VAR_DIR=str(folder),
            DJANGO_SETTINGS_MODULE="ketenzorg.settings",
        )
        self.database = None
        if connection.vendor == "postgresql":
            self.database = f"ketenzorg_herstel_{uuid.uuid4().hex[:12]}"
            _pg_admin(f'CREATE DATABASE "{self.database}"')
            s = connection.settings_dict
            auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
            self.env["DATABASE_URL"] = (
                f"postgres://{auth}@{quote(s['HOST'] or 'localhost', safe='')}:{s['PORT'] or 5432}/{self.database}"
            )

    def ketenzorg(self, *args: str) -> subprocess.CompletedProcess:
        return self._run([sys.executable, "-m", "ketenzorg.cli", *args])

    def _run(self, command: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - our own interpreter and module
            command, env=self.env, cwd=self.var, capture_output=True, text=True, timeout=300
        )

    def python(self, code: str) -> str:
        done = self._run([sys.executable, "-c", code])
        assert done.returncode == 0, done.stderr
        return done.stdout

    def facts(self) -> dict:
        return json.loads(self.python(FACTS))

    def tables(self) -> int:
        """How many tables the database has, read without starting a process."""
        if self.database:
            rows = _pg(
                self.database,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            )
            return rows[0][0]
        path = self.var / "ketenzorg.sqlite3"
        if not path.exists():
            return 0
        with closing(sqlite3.connect(path)) as db:
            return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
                0
            ]

    def close(self):
        if self.database:
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _pg(database: str, sql: str) -> list:
    import psycopg

    s = connection.settings_dict
    with psycopg.connect(dbname=database, user=s["USER"], password=s["PASSWORD"] or None,
                         host=s["HOST"] or None, port=s["PORT"] or None, autocommit=True) as db:  # fmt: skip
        cursor = db.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _pg_admin(sql: str) -> None:
    _pg("postgres", sql)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    made = []

    def make(keys=KEYS) -> Scratch:
        made.append(Scratch(tmp_path_factory.mktemp("db") / "var", keys))
        return made[-1]

    yield make
    for each in made:
        each.close()


@pytest.fixture(scope="module")
def source(scratch, tmp_path_factory):
    """A populated database and its backup: (the database, the archive, facts at backup time)."""
    db = scratch()
    migrated = db.ketenzorg("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    db.python(POPULATE)
    archive = tmp_path_factory.mktemp("backups") / "ketenzorg.tar.gz"
    made = db.ketenzorg("backup", str(archive))
    assert made.returncode == 0, made.stderr
    return db, archive, db.facts()


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("ketenzorg-backup.json").read())


def _refused(done: subprocess.CompletedProcess, *phrases: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    for phrase in phrases:
        assert phrase in done.stderr, done.stderr


def _latest_migration(app: str) -> str:
    from django.db.migrations.loader import MigrationLoader

    return max(name for label, name in MigrationLoader(None).graph.leaf_nodes() if label == app)


def test_a_backup_is_private_names_its_keys_and_holds_none(source):
    db, archive, at_backup = source
    assert archive.stat().st_mode & 0o777 == 0o600
    manifest = _manifest(archive)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["counts"]["families.Family"] == 2
    assert manifest["counts"]["audit.AuditEntry"] == at_backup["entries"]
    assert manifest["encryption"]["encrypted_bsns"] == 2
    assert manifest["audit"]["keys"].keys() == {"k1"}
    assert manifest["audit"]["anchor"] == "audit-anchor.log"
    assert manifest["migrations"]["audit"] == _latest_migration("audit")
    # The backup was logged, and the entry is in the backup itself.
    assert at_backup["backup_entries"] == 1
    everything = gzip.decompress(archive.read_bytes())
    for key in KEYS.values():
        secret = key.partition(":")[2] or key
        assert secret.encode() not in everything
        assert base64.urlsafe_b64decode(secret + "==") not in everything


def test_round_trip_into_an_empty_database(source, scratch):
    _, archive, at_backup = source
    target = scratch()
    done = target.ketenzorg("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Aantallen gelijk aan de back-up" in done.stdout
    assert "BSN's te ontsleutelen" in done.stdout
    # The source's two checkpoints (its own and the backup's), restored with the database.
    assert "Toegangslog in orde" in done.stdout and "2 ankerpunten kloppen" in done.stdout

    restored = target.facts()
    assert (
        restored["families"] == at_backup["families"] == ["Gezin Hersteltest", "Gezin Zonder BSN"]
    )
    assert restored["persons"] == at_backup["persons"]
    assert restored["bsns"] == sorted(BSNS)
    # One entry more: the restore logs itself after proving the restored log.
    assert restored["entries"] == at_backup["entries"] + 1
    assert restored["last"][:2] == ["import", "backup"]

    verify = target.ketenzorg("audit", "verify")
    assert verify.returncode == 0, verify.stderr
    assert "3 ankerpunten kloppen" in verify.stdout  # and the one the restore wrote after itself

    # A second restore over a database in use is refused and changes nothing …
    anchor = (target.var / "audit-anchor.log").read_bytes()
    _refused(target.ketenzorg("restore", str(archive)), "niet leeg", "--force")
    assert target.facts() == restored
    assert (target.var / "audit-anchor.log").read_bytes() == anchor

    # … unless forced: the database is replaced, the anchor of the replaced one kept beside it.
    forced = target.ketenzorg("restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert "het vorige staat nu in" in forced.stdout
    assert [p.name for p in target.var.glob("audit-anchor.log.voor-herstel-*")]
    assert target.facts()["entries"] == at_backup["entries"] + 1
    assert target.ketenzorg("audit", "verify").returncode == 0


def test_restore_refuses_an_environment_without_the_keys(source, scratch):
    _, archive, _ = source
    target = scratch(
        keys={"KETENZORG_AUDIT_KEYS": f"k9:{_key()}", "KETENZORG_ENCRYPTION_KEY": _key()}
    )
    _refused(target.ketenzorg("restore", str(archive)), "auditsleutel k1 ontbreekt",
             "versleutelingssleutel", "niet te ontsleutelen")  # fmt: skip
    assert target.tables() == 0

    same_id = scratch(keys={**KEYS, "KETENZORG_AUDIT_KEYS": f"k1:{_key()}"})
    _refused(same_id.ketenzorg("restore", str(archive)), "auditsleutel k1", "andere sleutel")
    assert same_id.tables() == 0


def _rewrite(archive: Path, out: Path, change) -> Path:
    """A copy of the archive with its manifest or members changed by `change(name, data)`."""
    with tarfile.open(archive) as tar, tarfile.open(out, "w:gz") as copy:
        for member in tar.getmembers():
            data = change(member.name, tar.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return out


def _other_vendor(name, data):
    if name != "ketenzorg-backup.json":
        return data
    manifest = json.loads(data)
    manifest["database"]["vendor"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    return json.dumps(manifest).encode()


def _from_the_future(name, data):
    if name != "ketenzorg-backup.json":
        return data
    manifest = json.loads(data)
    manifest["migrations"]["audit"] = "9999_uit_een_nieuwere_versie"
    return json.dumps(manifest).encode()


def _damaged_dump(name, data):
    return data[:-100] + bytes(100) if name.startswith("database.") else data


BAD = {
    "missing": (lambda archive, tmp: tmp / "bestaat-niet.tar.gz", "bestaat niet"),
    "not a tar.gz": (
        lambda archive, tmp: _write(tmp / "x.tar.gz", b"geen back-up\n" * 100),
        "geen .tar.gz",
    ),
    "truncated": (
        lambda archive, tmp: _write(
            tmp / "half.tar.gz", archive.read_bytes()[: archive.stat().st_size // 2]
        ),
        "afgebroken of beschadigd",
    ),
    "another tar.gz": (
        lambda archive, tmp: _tar(tmp / "ander.tar.gz", {"notities.txt": b"hallo"}),
        "geen ketenzorg-back-up",
    ),
    "a path outside": (
        lambda archive, tmp: _escaping(archive, tmp / "uit.tar.gz"),
        "geen ketenzorg-back-up",
    ),
    "altered member": (
        lambda archive, tmp: _rewrite(archive, tmp / "gewijzigd.tar.gz", _damaged_dump),
        "controlesom",
    ),
    "newer version": (
        lambda archive, tmp: _rewrite(archive, tmp / "nieuwer.tar.gz", _from_the_future),
        "nieuwere versie",
    ),
    "other vendor": (
        lambda archive, tmp: _rewrite(archive, tmp / "ander-soort.tar.gz", _other_vendor),
        "hetzelfde soort database",
    ),
}


def _escaping(archive: Path, out: Path) -> Path:
    """A manifest that lists a member outside the unpacking folder, and that member."""
    manifest = _manifest(archive)
    data = b"boos"
    manifest["files"] = {"../boos.txt": {"sha256": hashlib.sha256(data).hexdigest(), "bytes": 4}}
    return _tar(out, {"ketenzorg-backup.json": json.dumps(manifest).encode(), "../boos.txt": data})


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture(scope="module")
def untouched(scratch):
    """One empty target for every bad archive: none of them may leave a trace in it."""
    return scratch()


@pytest.mark.parametrize("case", BAD)
def test_restore_refuses_bad_input_and_changes_nothing(case, source, untouched, tmp_path):
    _, archive, _ = source
    make, phrase = BAD[case]
    target = untouched
    _refused(
        target.ketenzorg("restore", "--force", str(make(archive, tmp_path))),
        "Niet hersteld",
        phrase,
    )
    assert target.tables() == 0
    assert sorted(p.name for p in target.var.iterdir()) in ([], ["ketenzorg.sqlite3"])


def test_backup_refuses_to_overwrite_or_write_nowhere(source, tmp_path):
    db, archive, _ = source
    before = archive.read_bytes()
    _refused(db.ketenzorg("backup", str(archive)), "bestaat al")
    assert archive.read_bytes() == before
    _refused(db.ketenzorg("backup", str(tmp_path / "nergens" / "b.tar.gz")), "bestaat niet")
    assert not list(tmp_path.glob("**/*.onvolledig"))
