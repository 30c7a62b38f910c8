"""The documents app is wired in: its migration matches the model, production needs its key."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.mark.django_db
def test_model_and_migration_agree():
    call_command("makemigrations", "documents", check=True, dry_run=True, verbosity=0)


def _import_production_settings(folder, **extra) -> subprocess.CompletedProcess:
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": SRC,
        "KETENZORG_VAR_DIR": str(folder),
        "DJANGO_SECRET_KEY": "een-echte-geheime-sleutel-" + "z" * 40,
        "KETENZORG_ENCRYPTION_KEY": key,
        "KETENZORG_AUDIT_KEYS": f"k1:{key}",
        "KETENZORG_SITE_URL": "https://ketenzorg.example",
        **extra,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", "import ketenzorg.settings_production"],
        env=env, capture_output=True, text=True, timeout=60, cwd=folder,
    )  # fmt: skip


def test_production_refuses_to_start_without_document_master_keys(tmp_path):
    done = _import_production_settings(tmp_path)
    assert done.returncode != 0
    assert "KETENZORG_DOCUMENT_MASTER_KEYS" in done.stderr
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    assert (
        _import_production_settings(tmp_path, KETENZORG_DOCUMENT_MASTER_KEYS=f"d1:{key}").returncode
        == 0
    )
