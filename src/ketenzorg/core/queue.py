"""Queued background work: Django's Tasks API with retries (docs/decisions/0016).

A domain app defines a piece of queued work as a module-level function:

    from ketenzorg.core.queue import enqueue_on_commit, queued

    @queued(max_attempts=5, backoff_seconds=(30, 120, 600, 1800))
    def send_document(document_uuid: str) -> None:
        ...

and queues it from the action that causes it:

    with transaction.atomic():
        document = ...
        enqueue_on_commit(send_document, str(document.uuid))

`ketenzorg worker` runs it (django-tasks-db's `db_worker`); tests and the demo loader run
what is due in their own process with `run_queued()`, through the worker's own per-task code.

Rules for a task:

- **Arguments are JSON**: str, int, float, bool, None, lists and dicts of them. A uuid goes
  as `str(uuid)`, a date as `date.isoformat()`; pass keys, never model instances and never
  personal data (the row is kept, shown in the admin and backed up), and load the current
  state in the task. `enqueue_on_commit` refuses anything else at once, in
  the action, instead of the worker failing on it later.
- **A task may run more than once**: an exception, or a worker stopped mid-task, queues
  the same task again. Make it idempotent (a unique row per thing sent, as
  coordination.notify does), so a retry after a half-done attempt finishes the job
  instead of doing it twice.
- **Failure is an exception.** Attempt n (1-based) that raises is queued again
  `backoff_seconds[n - 1]` seconds later (the last value repeats); after `max_attempts`
  the result row stays FAILED with the last traceback and an error is logged.

How a retry works: the database backend keeps one row per queued task (`DBTaskResult`);
every claim by a worker appends that worker's id, and django-tasks counts the attempts by
them (`TaskResult.attempts`, `TaskContext.attempt`). When an attempt fails, the worker
marks the row FAILED and sends `task_finished`; our receiver puts that same row back to
READY with a later `run_after`. So the id handed out at enqueue stays the handle for the
whole life of the work, the attempts are counted by django-tasks itself, and the row shows
the last error while it waits for its next attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import router, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import (
    DEFAULT_TASK_BACKEND_ALIAS,
    DEFAULT_TASK_QUEUE_NAME,
    TaskResult,
    TaskResultStatus,
)
from django_tasks.base import Task
from django_tasks.signals import task_finished
from django_tasks.utils import normalize_json
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

logger = logging.getLogger(__name__)

DEFAULT_BACKOFF_SECONDS = (30, 120, 600, 1800)


@dataclass(frozen=True, slots=True, kw_only=True)
class QueuedTask(Task):
    """A django-tasks Task that carries its own retry policy.

    A subclass rather than a side registry: `Task.using()` (which the database backend
    calls for every row it loads) copies it with `dataclasses.replace`, so the policy
    travels with every copy of the task the worker sees.
    """

    max_attempts: int = 1
    backoff_seconds: tuple[int, ...] = ()

    def backoff_after(self, attempt: int) -> timedelta:
        """The wait after failed attempt `attempt` (1-based); the last value repeats."""
        if not self.backoff_seconds:
            return timedelta(0)
        return timedelta(seconds=self.backoff_seconds[min(attempt, len(self.backoff_seconds)) - 1])


def queued(
    *,
    max_attempts: int = 5,
    backoff_seconds: tuple[int, ...] = DEFAULT_BACKOFF_SECONDS,
    priority: int = 0,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    takes_context: bool = False,
) -> Callable[[Callable[..., Any]], QueuedTask]:
    """Make a module-level function a queued task that is retried on an exception.

    The defaults (5 attempts, waits of 30 s, 2 min, 10 min, 30 min) carry a task over a
    mail server or a receiving system that is away for about three quarters of an hour.
    With `takes_context=True` the function's first parameter is `context`
    (`context.attempt` is the current attempt, 1-based).
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    if any(seconds < 0 for seconds in backoff_seconds):
        raise ValueError("backoff_seconds must not be negative")
    if max_attempts > 1 and not backoff_seconds:
        raise ValueError("a retried task needs backoff_seconds")

    def wrap(function: Callable[..., Any]) -> QueuedTask:
        return QueuedTask(
            func=function,
            priority=priority,
            queue_name=queue_name,
            takes_context=takes_context,
            run_after=None,
            max_attempts=max_attempts,
            backoff_seconds=tuple(backoff_seconds),
        )

    return wrap


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> TaskResult | None:
    """Queue `task` so that it exists exactly when the caller's transaction commits.

    With the database backend (the product's setting) the task row is inserted right now,
    on the same connection, so it is part of the caller's transaction: a rolled-back
    action queues nothing, and a committed one cannot lose its task to a crash between
    the commit and a later insert, which `transaction.on_commit` would risk. No worker
    sees the row before the commit. Any other backend is only called on commit
    (`transaction.on_commit`), and then nothing is returned.

    The arguments are checked for JSON here, so a uuid or a model instance passed by
    mistake fails the action that made the mistake (TypeError).
    """
    normalize_json([args, kwargs])  # raises TypeError on anything that is not JSON
    backend = task.get_backend()
    if isinstance(backend, DatabaseBackend):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    return None


@receiver(task_finished)
def _retry_or_give_up(sender, task_result: TaskResult, **kwargs) -> None:
    """After a failed attempt of a queued task: back to READY later, or give up and say so."""
    task = task_result.task
    if task_result.status != TaskResultStatus.FAILED or not isinstance(task, QueuedTask):
        return
    db_result = getattr(task_result, "db_result", None)
    attempt = task_result.attempts
    if db_result is None:
        logger.error(
            "Taak %s (%s) mislukt; opnieuw proberen kan alleen met de database-backend",
            task.module_path, task_result.id,
        )  # fmt: skip
        return
    if attempt >= task.max_attempts:
        logger.error(
            "Taak %s (%s) opgegeven na %d pogingen; het resultaat blijft FAILED staan",
            task.module_path, task_result.id, attempt,
        )  # fmt: skip
        return
    run_after = timezone.now() + task.backoff_after(attempt)
    # Only a row that is still the FAILED one we just saw: nothing else may have moved it.
    DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Taak %s (%s) poging %d van %d mislukt; opnieuw na %s",
        task.module_path, task_result.id, attempt, task.max_attempts, run_after.isoformat(),
    )  # fmt: skip


def run_queued(max_tasks: int | None = None) -> int:
    """Run every due queued task in this process; return how many attempts ran.

    For tests and the demo loader: the same steps as `db_worker` (pick the next due row
    under an exclusive lock, claim it, then the worker's own `run_task`, which calls the
    task, records the outcome and sends the signals that drive the retries), without the
    worker's sleeping, signal handlers and connection recycling, so it also works inside
    a test's transaction. A retry is not due before its `run_after`, so each failing task
    makes one attempt per call.
    """
    from django_tasks_db.management.commands.db_worker import Worker

    worker_id = f"run_queued-{get_random_string(12)}"
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    database = router.db_for_write(DBTaskResult)
    ran = 0
    while max_tasks is None or ran < max_tasks:
        with exclusive_transaction(database):
            db_result = (
                DBTaskResult.objects.ready()
                .filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
                .get_locked()
            )
            if db_result is None:
                break
            db_result.claim(worker_id)
        worker.run_task(db_result)
        ran += 1
    return ran
