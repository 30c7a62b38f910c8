"""Where a request's fixed cost goes: each middleware's own time, and the view's, in-process.

    KETENZORG_VAR_DIR=/var/tmp/kz-bench/var-sqlite-metro .venv/bin/python bench/profile_request.py
    DATABASE_URL=postgres://…/bench_metro KETENZORG_VAR_DIR=… .venv/bin/python bench/profile_request.py \
        --requests 200 framework_floor case_page dashboard

Runs against a database the suite kept (`run.py --keep DIR`), with the benchmark's own
requests (`inside.prepare()`, served by Django's test client as `ab.py` does). Every
middleware of `settings.MIDDLEWARE` is timed around its call, and the time spent inside the
next one is subtracted, so each line is that middleware's own work; "view" is everything
inside the innermost middleware but the template: URL resolving, the view and its queries;
"template" is the rendering of the page's template (the context processors included).
The authentication path shows where the user is first read: Django's
`AuthenticationMiddleware` only makes `request.user` lazy, and the first middleware that asks
for it (django-otp's) pays for the session and user queries. Prints the median microseconds
per request for each endpoint, and the queries each part issues.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
WARMUP = 5


def instrument(timings: dict, queries: dict) -> None:
    """Wrap each middleware class and the handler's view call; own time = total - inner."""
    from django.conf import settings
    from django.core.handlers.base import BaseHandler
    from django.db import connection
    from django.template.backends.django import Template as DjangoTemplate
    from django.utils.module_loading import import_string

    stack: list[list[float]] = []

    def wrap(owner, attribute: str, name: str) -> None:
        original = getattr(owner, attribute)

        def timed(self, *args, **kwargs):
            stack.append([0.0, 0])
            started, issued = time.perf_counter(), len(connection.queries)
            try:
                return original(self, *args, **kwargs)
            finally:
                total = time.perf_counter() - started
                count = len(connection.queries) - issued
                inner, inner_count = stack.pop()
                timings[name].append(total - inner)
                queries[name].append(count - inner_count)
                if stack:
                    stack[-1][0] += total
                    stack[-1][1] += count

        timed.__wrapped__ = original
        setattr(owner, attribute, timed)

    for path in settings.MIDDLEWARE:
        cls = import_string(path)
        wrap(cls, "__call__", path.rsplit(".", 1)[-1])
    wrap(BaseHandler, "_get_response", "view")
    # Inside the view: rendering the page's template (and the queries it issues itself). A
    # form's widgets render templates of their own inside it: those count as the page's.
    wrap(DjangoTemplate, "render", "template")
    timed_render, rendering = DjangoTemplate.render, []

    def outermost(self, *args, **kwargs):
        if rendering:
            return plain_render(self, *args, **kwargs)
        rendering.append(True)
        try:
            return timed_render(self, *args, **kwargs)
        finally:
            rendering.pop()

    plain_render = DjangoTemplate.__dict__["render"].__wrapped__
    DjangoTemplate.render = outermost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="requests per endpoint")
    parser.add_argument("names", nargs="*", help="endpoints (default: every one)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    if args.names:
        os.environ["BENCH_PAGES"] = ",".join(args.names)
    import inside  # sets Django up
    from django.db import connection, reset_queries
    from inprocess import client_for

    from ketenzorg.frontdoor.models import SubmissionWindow

    endpoints = inside.prepare()["endpoints"]
    names = args.names or list(endpoints)
    connection.force_debug_cursor = True  # count the queries of each part
    timings: dict = defaultdict(list)
    queries: dict = defaultdict(list)
    instrument(timings, queries)
    order = None
    for name in names:
        spec = endpoints[name]
        client, extra = client_for(spec)
        call = getattr(client, spec["method"].lower())
        timings.clear()
        queries.clear()
        totals = []
        for count in range(WARMUP + args.requests):
            if count % 100 == 0:
                SubmissionWindow.objects.all().delete()  # the question form's rate limit
            reset_queries()
            address = f"10.9.{count // 250 % 250}.{count % 250}"
            started = time.perf_counter()
            response = call(spec["paths"][count % len(spec["paths"])], REMOTE_ADDR=address, **extra)
            elapsed = time.perf_counter() - started
            if response.status_code != spec["expect"]:
                raise SystemExit(f"{name}: {response.status_code}, expected {spec['expect']}")
            if count == WARMUP - 1:
                timings.clear()
                queries.clear()
            elif count >= WARMUP:
                totals.append(elapsed)
        order = order or list(timings)
        print(f"\n{name}: median {statistics.median(totals) * 1e6:,.0f} µs a request "
              f"(test client included), {args.requests} requests")  # fmt: skip
        for part in order:
            if part in timings:
                us = statistics.median(timings[part]) * 1e6
                print(f"  {part:<40}{us:>9,.0f} µs{statistics.median(queries[part]):>6.0f} queries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
