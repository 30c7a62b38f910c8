"""The backup file: one gzipped tar, its manifest first, every other member checksummed.

The manifest comes first so a restore knows what it holds (vendor, keys, counts) before
it unpacks a large dump; each other member's SHA-256 is in the manifest, so a truncated
or altered archive is refused before anything is changed. Members are unpacked by name
into a private folder, never by the paths the archive claims (no path traversal).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from pathlib import Path

FORMAT = "ketenzorg-backup"
FORMAT_VERSION = 1
MANIFEST = "ketenzorg-backup.json"
CHUNK = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# The only members a backup has; nothing else is ever unpacked.
MEMBERS = frozenset({"database.sqlite3", "database.pgdump", "audit-anchor.log"})


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in Dutch."""

    returncode = 1


class Refused(BackupError):
    """Refused before anything was changed."""

    returncode = 2


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def write(target: Path, manifest: dict, files: dict[str, Path]) -> None:
    """Write the archive next to `target` under a temporary name, then move it into place.

    A backup that fails halfway leaves no file under the name the operator asked for; the
    file is readable by its owner only (it holds personal data, encrypted or not).
    """
    manifest = {**manifest, "files": {name: {"sha256": sha256_of(path), "bytes": path.stat().st_size}
                                      for name, path in files.items()}}  # fmt: skip
    blob = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
    partial = target.with_name(f".{target.name}.onvolledig")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, blob)
                for name, path in files.items():
                    info = tar.gettarinfo(str(path), arcname=name)
                    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(partial, 0o600)
        if target.exists():
            raise Refused(f"{target} bestaat al; kies een andere naam.")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
    tar.addfile(info, io.BytesIO(data))


def unpack(path: Path, workdir: Path) -> tuple[dict, dict[str, Path]]:
    """The manifest and the unpacked members, each checked against its checksum."""
    if not path.exists():
        raise Refused(f"{path} bestaat niet.")
    if not path.is_file():
        raise Refused(f"{path} is geen bestand.")
    try:
        with open(path, "rb") as f:
            magic = f.read(2)
        if magic != GZIP_MAGIC:
            raise _not_ours(path, "het is geen .tar.gz-bestand")
        return _unpack(path, workdir)
    except PermissionError as error:
        raise Refused(f"{path} is niet te lezen: {error.strerror}.") from error
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, OSError) as error:
        raise Refused(
            f"{path} is geen leesbare ketenzorg-back-up: het bestand is afgebroken of "
            f"beschadigd ({error.__class__.__name__}: {error})."
        ) from error


def _not_ours(path: Path, why: str) -> Refused:
    return Refused(f"{path} is geen ketenzorg-back-up: {why}.")


def _unpack(path: Path, workdir: Path) -> tuple[dict, dict[str, Path]]:
    with tarfile.open(path, mode="r:gz") as tar:
        first = tar.next()
        if first is None or first.name != MANIFEST or not first.isfile():
            raise _not_ours(path, f"het begint niet met {MANIFEST}")
        try:
            manifest = json.loads(tar.extractfile(first).read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise _not_ours(path, f"{MANIFEST} is geen geldige JSON") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _not_ours(path, f"{MANIFEST} noemt zich geen {FORMAT}")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise Refused(
                f"{path} heeft formaatversie {manifest.get('format_version')}; deze versie van "
                f"ketenzorg leest versie {FORMAT_VERSION}."
            )
        shape = {"files": dict, "database": dict, "migrations": dict, "counts": dict,
                 "audit": dict, "encryption": dict}  # fmt: skip
        wrong = sorted(
            key for key, kind in shape.items() if not isinstance(manifest.get(key), kind)
        )
        if wrong:
            raise _not_ours(path, f"{MANIFEST} mist of verminkt {', '.join(wrong)}")
        expected = manifest["files"]
        if not set(expected) <= MEMBERS or not all(isinstance(v, dict) for v in expected.values()):
            raise _not_ours(path, f"{MANIFEST} noemt zijn bestanden niet goed")
        found: dict[str, Path] = {}
        while (member := tar.next()) is not None:  # streaming: the manifest is behind us
            if member.name not in expected or member.name in found or not member.isfile():
                raise _not_ours(path, f"onverwacht onderdeel {member.name!r}")
            target = workdir / member.name  # one of MEMBERS: no path of the archive's choosing
            digest = hashlib.sha256()
            with tar.extractfile(member) as source, open(target, "wb") as out:
                while block := source.read(CHUNK):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != expected[member.name].get("sha256"):
                raise Refused(
                    f"{path}: de controlesom van {member.name} klopt niet; de back-up is beschadigd."
                )
            found[member.name] = target
    missing = sorted(set(expected) - set(found))
    if missing:
        raise Refused(f"{path} is onvolledig: {', '.join(missing)} ontbreekt.")
    return manifest, found
