"""The mixed day's floor (issue 17): a bare WSGI application, no Django, that answers the same
mix of requests with each endpoint's floor — its hand-written SQL, rows to JSON, the same
audit write (`floors/`) — served by gunicorn with the settings of `ketenzorg serve` and loaded
by the same wrk script with the same users.

The product's best throughput on the mix (p99 < 250 ms) divided by this application's is how
much of this machine the product gives to the data rather than to itself; a machine that runs
slower that hour slows both.

What it leaves out, on purpose: sessions, CSRF, authentication and the request's parsing
beyond its method and path. The floor of a page that checks who asks does so in its SQL (the
need-to-know joins), as the floors measured one by one do. Every request of one endpoint is
answered for the floor's target (the busiest professional and their case), also where the
product's requests spread over several cases (agreements).

Configured by `BENCH_FLOOR_CONFIG` (a JSON file: the endpoints as the load generator sends
them and the target) and the database's own variables (`DATABASE_URL` or `SQLITE_PATH`).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floors  # noqa: E402

STATUS = {200: "200 OK", 201: "201 Created", 302: "302 Found"}


def _load() -> tuple[dict, floors.Target]:
    config = json.loads(Path(os.environ["BENCH_FLOOR_CONFIG"]).read_text())
    routes = {}
    for name, endpoint in config["endpoints"].items():
        for path in endpoint["paths"]:
            routes[(endpoint["method"], path)] = (name, endpoint["expect"])
    target = dict(config["target"])
    target["today"] = date.fromisoformat(target["today"])
    return routes, floors.Target(**target)


ROUTES, TARGET = _load()
_connection: list = []  # one per worker, opened after gunicorn forks it


def application(environ, start_response):
    route = ROUTES.get((environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")))
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    if route is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not in the mix"]
    if not _connection:
        _connection.append(
            floors.connect(os.environ.get("DATABASE_URL"), os.environ.get("SQLITE_PATH"))
        )
    conn, vendor = _connection[0]
    name, expect = route
    body = floors.FLOORS[name](conn, vendor, TARGET)
    if isinstance(body, str):
        body = body.encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if expect == 302:
        headers.append(("Location", "/"))
    start_response(STATUS[expect], headers)
    return [body]
