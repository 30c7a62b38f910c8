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
        # The background worker: reminders and stagnation checks, every 5 minutes
        # (docs/decisions/0005-background-work.md).
        argv[1:2] = ["coordination_tick", "--loop", "--interval", os.environ.get("KETENZORG_WORKER_INTERVAL", "300")]
    if len(argv) > 1 and argv[1] == "crashtest":
        from ketenzorg.site.crashtest.runner import main as crashtest

        sys.exit(crashtest(argv[2:]))
    if len(argv) > 1 and argv[1] == "serve":
        _serve(argv[2:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def _start_worker():
    """`ketenzorg worker` as a child process (reminders and stagnation checks).

    On Linux it is also told to stop when this process dies without cleaning up (SIGKILL),
    so no loop outlives its server. A terminal's Ctrl-C reaches it directly (same process
    group); it finishes its round and stops.
    """
    import subprocess

    def stop_with_parent():  # runs in the child before exec
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: S110 - not Linux: the finally in _serve still stops it
            pass

    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "ketenzorg.cli", "worker"], preexec_fn=stop_with_parent
    )
    print(f"ketenzorg: achtergrondtaken gestart (pid {worker.pid})", file=sys.stderr, flush=True)
    return worker


def _stop_worker(worker) -> None:
    """Ask the loop to stop (it ends its current round first), then insist."""
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

    `--with-worker` also runs the background loop (`ketenzorg worker`) as a child that
    stops with the server: one command for a working product (`make run`). Running it
    twice, or beside a separate worker, sends nothing twice (docs/decisions/0005).
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
        # gunicorn's forked workers leave through this frame too; only the arbiter stops the loop.
        if os.getpid() == owner:
            _stop_worker(worker)


if __name__ == "__main__":
    main()
