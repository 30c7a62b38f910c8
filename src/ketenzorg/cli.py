"""The `ketenzorg` command: Django's management commands plus our own.

ketenzorg migrate | demo | seed --scale city | audit verify | serve [--with-worker] | worker
ketenzorg crashtest [--rounds N]   (kill -9 under write load; docs/crash-safety.md)
ketenzorg backup PATH | restore PATH [--force]     (docs/operations.md)
"""

import os
import signal
import sys


def main(argv=None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")
    if len(argv) > 1 and argv[1] == "worker":
        sys.exit(_worker(argv[2:]))
    if len(argv) > 1 and argv[1] == "crashtest":
        from ketenzorg.site.crashtest.runner import main as crashtest

        sys.exit(crashtest(argv[2:]))
    if len(argv) > 1 and argv[1] == "serve":
        _serve(argv[2:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def worker_commands() -> dict[str, list[str]]:
    """The two loops `ketenzorg worker` runs, each as a child process of its own.

    - `coordination_tick --loop`: the periodic passes (reminders, the stagnation check,
      the access log's checkpoint), every KETENZORG_WORKER_INTERVAL seconds (300);
    - `db_worker`: the queued tasks of Django's Tasks API (django-tasks-db), polled every
      second, never with the autoreloader (it would restart mid-task on a code change).

    Two processes and not one: each loop keeps its own, already tested, stop handling, and
    a task that takes a minute never delays a reminder (decision 0016).
    """
    me = [sys.executable, "-m", "ketenzorg.cli"]
    interval = os.environ.get("KETENZORG_WORKER_INTERVAL", "300")
    return {
        "taken": [*me, "db_worker", "--queue-name", "*", "--interval", "1", "--no-reload"],
        "ronden": [*me, "coordination_tick", "--loop", "--interval", interval],
    }


def _stop_with_parent():  # runs in a child before exec
    """On Linux a child is told to stop when its parent dies without cleaning up (SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: S110 - not Linux: the parent's own stop handling remains
        pass


def _worker(extra: list[str]) -> int:
    """`ketenzorg worker`: run both background loops and stop them together.

    The children get a process group of their own, so a terminal's Ctrl-C reaches them only
    through this process: one SIGTERM each. db_worker treats a second signal as "abandon
    the running task", which a Ctrl-C reaching both it and us would otherwise cause. A child
    that stops by itself stops the other too and ends the worker with an error, so a
    supervisor (systemd, a container) restarts the whole, never half of it.
    """
    import subprocess
    import time

    if extra:
        print(f"ketenzorg worker: onbekende argumenten: {' '.join(extra)}", file=sys.stderr)
        return 2
    stopping = {"signal": None}

    def stop(signum, _frame):
        stopping["signal"] = signum

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    children = {
        name: subprocess.Popen(command, preexec_fn=_stop_with_parent, process_group=0)  # noqa: S603
        for name, command in worker_commands().items()
    }
    pids = ", ".join(f"{name} pid {child.pid}" for name, child in children.items())
    print(f"ketenzorg worker: gestart ({pids})", file=sys.stderr, flush=True)
    ended = None
    while stopping["signal"] is None and ended is None:
        ended = next((name for name, child in children.items() if child.poll() is not None), None)
        time.sleep(0.2)
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + WORKER_STOP_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if ended is not None:
        code = children[ended].returncode
        print(f"ketenzorg worker: {ended} stopte onverwacht (code {code})", file=sys.stderr)
        return 1
    return 0


def _start_worker():
    """`ketenzorg worker` as a child process (the periodic passes and the queued tasks).

    On Linux it is also told to stop when this process dies without cleaning up (SIGKILL),
    so no loop outlives its server; its own children follow it the same way. A terminal's
    Ctrl-C reaches it directly (same process group); it stops its two loops and ends.
    """
    import subprocess

    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "ketenzorg.cli", "worker"], preexec_fn=_stop_with_parent
    )
    print(f"ketenzorg: achtergrondtaken gestart (pid {worker.pid})", file=sys.stderr, flush=True)
    return worker


def _stop_worker(worker) -> None:
    """Ask the worker to stop (its loops end their current round or task first), then insist."""
    import subprocess

    if worker.poll() is None:
        worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


WORKER_STOP_SECONDS = 30


def _drop_server_banner() -> None:
    """gunicorn names itself and its version in a Server header on every answer: information
    for an attacker, none for a user. The forked workers inherit the patched class."""
    from gunicorn.http import wsgi

    default_headers = wsgi.Response.default_headers

    def without_server(self):
        return [line for line in default_headers(self) if not line.startswith("Server:")]

    wsgi.Response.default_headers = without_server


def _serve(extra: list[str]) -> None:
    """gunicorn on 127.0.0.1:$PORT (default 8000) with static files collected.

    `--with-worker` also runs the background work (`ketenzorg worker`: the periodic passes
    and the queued tasks) as a child that stops with the server: one command for a working
    product (`make run`). Running it twice, or beside a separate worker, sends nothing twice:
    the passes are idempotent and each queued task is claimed by one worker (decisions 0005,
    0016).
    """
    import django
    from django.core.management import call_command

    with_worker = "--with-worker" in extra
    extra = [arg for arg in extra if arg != "--with-worker"]
    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    from gunicorn.app.wsgiapp import run

    _drop_server_banner()
    sys.argv = [
        "gunicorn",
        "ketenzorg.wsgi:application",
        "--bind",
        f"{os.environ.get('HOST', '127.0.0.1')}:{port}",
        "--workers",
        workers,
        "--access-logfile",
        "-",
        *extra,
    ]
    if not with_worker:
        run()
        return
    owner = os.getpid()
    worker = _start_worker()
    try:
        run()
    finally:
        # gunicorn's forked workers leave through this frame too; only the arbiter stops the worker.
        if os.getpid() == owner:
            _stop_worker(worker)


if __name__ == "__main__":
    main()
