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
