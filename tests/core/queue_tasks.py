"""Queued tasks for the tests of core.queue (and of `ketenzorg worker`).

They live in an importable module of their own because the database backend stores a
task by its import path (`tests.core.queue_tasks.echo`) and the worker imports it by it.
"""

from ketenzorg.core.queue import queued


@queued(max_attempts=1, backoff_seconds=())
def echo(value, *, times=1):
    return [value] * times


@queued(max_attempts=5, backoff_seconds=(30, 120, 600, 1800), takes_context=True)
def fails_before(context, attempt_that_succeeds: int):
    """Fails until its `attempt_that_succeeds`-th attempt, as a mail server that is briefly away."""
    if context.attempt < attempt_that_succeeds:
        raise ConnectionError(f"poging {context.attempt}: server niet bereikbaar")
    return context.attempt


@queued(max_attempts=3, backoff_seconds=(10,))
def always_fails():
    raise ValueError("kapot")
