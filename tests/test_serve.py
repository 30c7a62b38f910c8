"""`ketenzorg serve --with-worker`: the product and its background loop, started and stopped as one."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import ketenzorg

SRC = str(Path(ketenzorg.__file__).resolve().parents[1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """A migrated SQLite database of its own, so the worker's rounds have tables to read."""
    var = tmp_path_factory.mktemp("var")
    env = _env(var)
    subprocess.run([sys.executable, "-m", "ketenzorg.cli", "migrate", "--noinput"], env=env, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    return var


def _env(var: Path) -> dict:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return {**env, "PYTHONPATH": SRC, "KETENZORG_VAR_DIR": str(var), "PYTHONUNBUFFERED": "1",
            "PORT": str(_free_port()), "WEB_CONCURRENCY": "1", "KETENZORG_WORKER_INTERVAL": "1"}  # fmt: skip


def _start(var: Path, log: Path, env: dict | None = None):
    env = env or _env(var)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "ketenzorg.cli", "serve", "--with-worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal's foreground job
        )
    lines, worker_pid, ticked, served = [], None, False, None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not (worker_pid and ticked and served):
        lines = log.read_text().splitlines()
        for line in lines:
            if m := re.search(r"achtergrondtaken gestart \(pid (\d+)\)", line):
                worker_pid = int(m.group(1))
            ticked = ticked or "herinneringen:" in line
        if not served:
            try:
                url = f"http://127.0.0.1:{env['PORT']}/gezondheid/"
                answer = urllib.request.urlopen(url, timeout=2)  # noqa: S310
                served = answer.headers if answer.status == 200 else None
            except OSError:
                pass
        if process.poll() is not None:
            break
        time.sleep(0.2)
    return process, worker_pid, ticked, served, lines


def _stop_all(process, worker_pid):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    if worker_pid and _alive(worker_pid):
        os.kill(worker_pid, signal.SIGKILL)


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(lambda p: os.killpg(p.pid, signal.SIGINT), id="ctrl-c"),
        pytest.param(lambda p: p.send_signal(signal.SIGTERM), id="sigterm-to-the-server-alone"),
    ],
)
def test_serve_runs_the_worker_beside_the_server_and_stops_it_with_it(var_dir, tmp_path, stop):
    process, worker_pid, ticked, served, lines = _start(var_dir, tmp_path / "serve.log")
    try:
        output = "\n".join(lines)
        assert served is not None, output
        # As deployed: no Server banner naming the software, nothing cached, a strict CSP.
        assert "Server" not in served, served
        assert "no-store" in served["Cache-Control"]
        assert "script-src 'self'" in served["Content-Security-Policy"]
        assert "unsafe" not in served["Content-Security-Policy"]
        assert worker_pid is not None and worker_pid != process.pid, output
        assert ticked, output  # a round ran against the database
        assert _alive(worker_pid)
        stop(process)
        process.wait(timeout=60)
        deadline = time.monotonic() + 10
        while _alive(worker_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker_pid), "the worker outlived the server"
        loops = re.search(r"gestart \(taken pid (\d+), ronden pid (\d+)\)", output)
        assert loops, output
        assert not any(_alive(int(pid)) for pid in loops.groups()), "a loop outlived the server"
    finally:
        _stop_all(process, worker_pid)


def test_a_personal_data_search_never_reaches_the_servers_access_log(var_dir, tmp_path):
    """The issue's proof: grep a running server's log after searching by BSN and by name."""
    make_key = (
        "import django; django.setup();"
        "from tests import factories;"
        "p = factories.make_professional('okt');"
        "print(factories.make_api_key(p.user))"
    )
    env = {
        **_env(var_dir),
        "PYTHONPATH": f"{SRC}:{Path(SRC).parent}",
        "DJANGO_SETTINGS_MODULE": "ketenzorg.settings",
    }
    key = subprocess.run([sys.executable, "-c", make_key], env=env, check=True, capture_output=True,  # noqa: S603
                         text=True, timeout=120).stdout.strip().splitlines()[-1]  # fmt: skip
    log = tmp_path / "serve.log"
    serve_env = _env(var_dir)
    port = serve_env["PORT"]
    process, worker_pid, _, served, lines = _start(var_dir, log, env=serve_env)
    try:
        assert served is not None, "\n".join(lines)
        for body in ({"bsn": "111222333"}, {"name": "Zoekproefmans"}, {"birthdate": "2015-05-01"}):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/gezinnen/zoeken/",
                data=json.dumps(body).encode(),
                headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
                method="POST",
            )
            assert urllib.request.urlopen(request, timeout=10).status == 200  # noqa: S310
        time.sleep(0.5)  # the access log line is written after the answer
        written = log.read_text()
        assert "/api/v1/gezinnen/zoeken/" in written  # the log is there and has the requests
        for secret in ("111222333", "Zoekproefmans", "2015-05-01"):
            assert secret not in written
    finally:
        _stop_all(process, worker_pid)


def test_the_worker_runs_the_periodic_passes_and_the_queued_tasks():
    from ketenzorg.cli import worker_commands

    commands = worker_commands()
    assert set(commands) == {"taken", "ronden"}
    assert commands["taken"][3:4] == ["db_worker"] and "--no-reload" in commands["taken"]
    assert commands["ronden"][3:5] == ["coordination_tick", "--loop"]


@pytest.mark.parametrize("stop", ["sigterm", "a-loop-dies"])
def test_ketenzorg_worker_runs_a_queued_task_and_a_round_and_stops_both(var_dir, tmp_path, stop):
    """The run command's worker, as deployed: a task queued in the database is run by it.

    Stopped by SIGTERM, it stops both loops and ends well; when one loop dies by itself, it
    stops the other and ends with an error, so whatever supervises it restarts the whole.
    """
    env = {**_env(var_dir), "PYTHONPATH": f"{SRC}:{Path(SRC).parent}"}
    enqueue = (
        "import django; django.setup();"
        "from tests.core.queue_tasks import echo;"
        "print(echo.enqueue('door de worker').id)"
    )
    task_id = subprocess.run([sys.executable, "-c", enqueue], check=True, capture_output=True, text=True,  # noqa: S603
                             env={**env, "DJANGO_SETTINGS_MODULE": "ketenzorg.settings"},
                             timeout=120).stdout.strip().splitlines()[-1]  # fmt: skip
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "ketenzorg.cli", "worker"], env=env,  # noqa: S603
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    children, ran, ticked, text = [], False, False, ""
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not (children and ran and ticked):
            text = log.read_text()
            if m := re.search(r"gestart \(taken pid (\d+), ronden pid (\d+)\)", text):
                children = [int(m.group(1)), int(m.group(2))]
            ran = f"id={task_id} path=tests.core.queue_tasks.echo state=SUCCESSFUL" in text
            ticked = "herinneringen:" in text
            if process.poll() is not None:
                break
            time.sleep(0.2)
        assert children and ran and ticked, text
        assert all(_alive(pid) for pid in children)
        if stop == "sigterm":
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0, log.read_text()
        else:
            os.kill(children[0], signal.SIGKILL)
            assert process.wait(timeout=60) == 1, log.read_text()
            assert "taken stopte onverwacht" in log.read_text()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in children), "a loop outlived its worker"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
