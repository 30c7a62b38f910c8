"""Process set-up for serving: load what every request needs, then keep it out of the GC's way.

A worker holds some 180 000 objects from Django, DRF and our own modules that live
as long as the process. Python's cyclic garbage collector walks all of them in
every full (generation 2) collection, which a busy page triggers every few dozen
requests: at metro scale that was a 100–130 ms pause inside a request, the whole
p99 of the dashboard and the case list. `gc.freeze()` moves the objects that
exist after start-up to a permanent generation the collector skips; collections
then only walk what requests made, and take a few milliseconds.
"""

from __future__ import annotations

import gc


def warm_up_and_freeze() -> None:
    """Import the URLconf (and with it every view, form and serializer), then freeze the heap."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    gc.collect()
    gc.freeze()
