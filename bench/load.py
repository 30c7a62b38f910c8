"""Load from a second process on loopback: wrk, driven by a generated Lua script.

wrk is a small C load generator (Debian package `wrk`), so on a 2-core machine
the load itself costs little of what the server needs. The Lua script picks a
request from a weighted mix (a single endpoint is a mix of one), spreads the
public question form over many source addresses (as parents behind a proxy
would be), and reports latency percentiles and every status code as JSON, so
a redirect to the login page can never pass as a fast answer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = r"""
local specs = %(specs)s
local total, cumulative = 0, {}
for i, s in ipairs(specs) do total = total + s.weight; cumulative[i] = total end
statuses = {}

function setup(thread)
  thread:set("id", tostring(thread))
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(string.match(tostring({}), "0x(%%x+)"), 16) %% 100000)
end

function request()
  local x = math.random() * total
  local s = specs[#specs]
  for i, c in ipairs(cumulative) do if x <= c then s = specs[i]; break end end
  local headers = {}
  for k, v in pairs(s.headers) do headers[k] = v end
  if s.spread_addresses then
    headers["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  end
  return wrk.format(s.method, s.paths[math.random(#s.paths)], headers, s.body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

threads = {}

function done(summary, latency, requests)
  local counts = {}
  for _, t in ipairs(threads) do
    local st = t:get("statuses")
    for code, n in pairs(st) do counts[tostring(code)] = (counts[tostring(code)] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%%s": %%d', code, n)) end
  io.write(string.format(
    '\nWRK-JSON {"requests": %%d, "seconds": %%f, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"socket_errors": %%d, "statuses": {%%s}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    latency.max, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ", ")))
end
"""


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    unexpected: int  # responses with a status the endpoint must not give, plus socket errors
    statuses: dict

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _lua_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(
            value
        )  # a JSON string is a valid Lua string literal for our ASCII content
    if isinstance(value, list):
        return "{" + ", ".join(_lua_value(v) for v in value) + "}"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"[{json.dumps(k)}] = {_lua_value(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(value)


def script(mix: list[tuple[dict, float]]) -> str:
    """The Lua script for a weighted mix of endpoint specs (see inside.py `_endpoints`)."""
    specs = [
        {
            "method": spec["method"],
            "paths": spec["paths"],
            "headers": spec.get("headers", {}),
            "body": spec.get("body", ""),
            "spread_addresses": bool(spec.get("spread_addresses")),
            "weight": weight,
        }
        for spec, weight in mix
    ]
    return LUA % {"specs": _lua_value(specs)}


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"],
                       check=True, stdin=subprocess.DEVNULL)  # fmt: skip
        found = shutil.which("wrk")
    return found


def run(
    base_url: str, mix: list[tuple[dict, float]], *, connections: int, seconds: float
) -> LoadResult:
    """Run wrk for `seconds` with `connections` users; one wrk thread per 8 users, at most 2."""
    threads = max(1, min(2, connections // 8))
    expected = {str(spec["expect"]) for spec, _ in mix}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script(mix))
        path = f.name
    try:
        completed = subprocess.run(
            [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
             "--timeout", "10s", "-s", path, base_url],
            capture_output=True, text=True, timeout=seconds + 60,
        )  # fmt: skip
    finally:
        Path(path).unlink(missing_ok=True)
    line = next((ln for ln in completed.stdout.splitlines() if ln.startswith("WRK-JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{completed.stdout}\n{completed.stderr}")
    data = json.loads(line.removeprefix("WRK-JSON "))
    unexpected = data["socket_errors"] + sum(
        n for code, n in data["statuses"].items() if code not in expected
    )
    return LoadResult(
        requests=data["requests"],
        seconds=data["seconds"],
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        unexpected=unexpected,
        statuses=data["statuses"],
    )
