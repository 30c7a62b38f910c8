"""The `ketenzorg` command: Django's management commands plus our own.

    ketenzorg migrate | demo | seed --scale city | audit verify | serve | worker
"""

import os
import sys


def main(argv=None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenzorg.settings")
    if len(argv) > 1 and argv[1] == "worker":
        # The background worker: reminders and stagnation checks, every 5 minutes
        # (docs/decisions/0005-background-work.md).
        argv[1:2] = ["coordination_tick", "--loop", "--interval", os.environ.get("KETENZORG_WORKER_INTERVAL", "300")]
    if len(argv) > 1 and argv[1] == "serve":
        _serve(argv[2:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def _serve(extra: list[str]) -> None:
    """gunicorn on 127.0.0.1:$PORT (default 8000) with static files collected."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    from gunicorn.app.wsgiapp import run

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
    run()


if __name__ == "__main__":
    main()
