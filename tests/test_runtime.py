"""Serving workers freeze their start-up objects (docs/decisions/0006)."""

import gc
import sys

from ketenzorg.core.runtime import warm_up_and_freeze


def test_warm_up_imports_the_urlconf_and_freezes_the_heap():
    gc.unfreeze()
    try:
        warm_up_and_freeze()
        assert "ketenzorg.coordination.views" in sys.modules
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_a_serving_worker_does_not_load_the_pdf_and_qr_libraries_until_asked():
    """fpdf2 (with fontTools and Pillow) and segno are ~21 MB of every server process, for a
    download and an enrolment page: they are imported where they are used."""
    import subprocess

    script = (
        "import sys, django; django.setup();"
        "from ketenzorg.core.runtime import warm_up_and_freeze; warm_up_and_freeze();"
        "print(sorted(m for m in ('fpdf', 'segno', 'fontTools', 'PIL') if m in sys.modules))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
