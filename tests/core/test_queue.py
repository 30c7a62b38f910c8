"""core.queue: queued work through Django's Tasks API, with retries (decision 0016)."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from ketenzorg.core.queue import QueuedTask, enqueue_on_commit, queued, run_queued
from tests.core import queue_tasks

pytestmark = pytest.mark.django_db


def _time_passes(result_id) -> None:
    """The backoff has elapsed: what a worker would see after waiting (no sleeping here)."""
    DBTaskResult.objects.filter(pk=result_id).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )


def test_the_product_queues_in_its_own_database():
    assert isinstance(task_backends["default"], DatabaseBackend)


def test_a_queued_task_runs_through_run_queued():
    queued_result = enqueue_on_commit(queue_tasks.echo, "hallo", times=2)
    assert queued_result.status == TaskResultStatus.READY

    assert run_queued() == 1

    result = queue_tasks.echo.get_result(queued_result.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == ["hallo", "hallo"]
    assert result.attempts == 1
    assert run_queued() == 0  # nothing left that is due


def test_max_tasks_limits_one_call():
    for value in ("a", "b", "c"):
        enqueue_on_commit(queue_tasks.echo, value)
    assert run_queued(max_tasks=2) == 2
    assert run_queued() == 1
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_task_that_fails_twice_succeeds_on_its_third_attempt_after_the_backoff():
    queued_result = enqueue_on_commit(queue_tasks.fails_before, 3)

    before = timezone.now()
    assert run_queued() == 1
    after = timezone.now()
    row = DBTaskResult.objects.get(pk=queued_result.id)
    # The same row, back in the queue, not before the first wait (30 s) has passed.
    assert row.status == TaskResultStatus.READY
    assert before + timedelta(seconds=30) <= row.run_after <= after + timedelta(seconds=30)
    assert row.exception_class_path == "builtins.ConnectionError"
    assert "poging 1" in row.traceback
    assert run_queued() == 0  # not due yet

    _time_passes(row.pk)
    before = timezone.now()
    assert run_queued() == 1
    after = timezone.now()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert before + timedelta(seconds=120) <= row.run_after <= after + timedelta(seconds=120)
    assert len(row.worker_ids) == 2

    _time_passes(row.pk)
    assert run_queued() == 1
    result = queue_tasks.fails_before.get_result(queued_result.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.attempts == 3
    assert result.return_value == 3
    assert DBTaskResult.objects.count() == 1  # one row for the whole life of the work


def test_after_its_last_attempt_a_task_stays_failed_and_an_error_is_logged(caplog):
    queued_result = enqueue_on_commit(queue_tasks.always_fails)
    with caplog.at_level(logging.WARNING, logger="ketenzorg.core.queue"):
        for _ in range(3):
            assert run_queued() == 1
            _time_passes(queued_result.id)
        assert run_queued() == 0  # no fourth attempt, however long one waits

    row = DBTaskResult.objects.get(pk=queued_result.id)
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 3
    assert row.exception_class_path == "builtins.ValueError"
    assert "kapot" in row.traceback
    mine = [r for r in caplog.records if r.name == "ketenzorg.core.queue"]
    assert [r.levelno for r in mine] == [logging.WARNING, logging.WARNING, logging.ERROR]
    assert "opgegeven na 3 pogingen" in mine[-1].getMessage()


def test_a_rolled_back_action_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(queue_tasks.echo, "teruggedraaid")
        assert DBTaskResult.objects.count() == 1  # inside the action it is queued ...
        raise RuntimeError("de actie mislukt")
    assert DBTaskResult.objects.count() == 0  # ... and rolled back with it
    assert run_queued() == 0


def test_a_committed_action_keeps_its_task():
    with transaction.atomic():
        enqueue_on_commit(queue_tasks.echo, "bewaard")
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY


def test_arguments_must_be_json_and_are_refused_in_the_action():
    with pytest.raises(TypeError):
        enqueue_on_commit(queue_tasks.echo, uuid.uuid4())
    assert DBTaskResult.objects.count() == 0
    enqueue_on_commit(queue_tasks.echo, str(uuid.uuid4()))
    assert DBTaskResult.objects.count() == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_another_backend_is_only_called_on_commit(django_capture_on_commit_callbacks):
    backend = task_backends["default"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert enqueue_on_commit(queue_tasks.echo, "later") is None
    assert backend.results == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(backend.results) == 1


def test_the_retry_policy_is_validated_and_the_last_backoff_repeats():
    with pytest.raises(ValueError):
        queued(max_attempts=0)
    with pytest.raises(ValueError):
        queued(max_attempts=3, backoff_seconds=())
    with pytest.raises(ValueError):
        queued(backoff_seconds=(-1,))
    task = queue_tasks.fails_before
    assert isinstance(task, QueuedTask)
    assert [task.backoff_after(n).total_seconds() for n in (1, 2, 3, 4, 5, 9)] == [
        30, 120, 600, 1800, 1800, 1800,
    ]  # fmt: skip
    # The database backend copies a task with using(): the policy goes along.
    assert task.using(priority=5).max_attempts == 5


def test_queue_status_shows_a_given_up_task_and_requeues_it():
    queued_result = enqueue_on_commit(queue_tasks.always_fails)
    enqueue_on_commit(queue_tasks.echo, "klaar")
    for _ in range(3):
        run_queued()
        _time_passes(queued_result.id)

    out = StringIO()
    call_command("queue_status", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "READY: 0, RUNNING: 0, FAILED: 1, SUCCESSFUL: 1"
    assert len(lines) == 2
    assert lines[1].startswith(f"{queued_result.id} FAILED tests.core.queue_tasks.always_fails")
    assert "pogingen=3" in lines[1] and lines[1].endswith("ValueError: kapot")

    call_command("queue_status", requeue=queued_result.id, stdout=StringIO())
    assert DBTaskResult.objects.get(pk=queued_result.id).status == TaskResultStatus.READY
    assert run_queued() == 1  # one more attempt; it fails again and stays failed
    row = DBTaskResult.objects.get(pk=queued_result.id)
    assert (row.status, len(row.worker_ids)) == (TaskResultStatus.FAILED, 4)

    with pytest.raises(CommandError):
        call_command("queue_status", requeue=str(uuid.uuid4()))
    with pytest.raises(CommandError):
        call_command("queue_status", requeue="geen-uuid")
