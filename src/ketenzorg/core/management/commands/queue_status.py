"""`ketenzorg queue_status`: what the queue holds, and putting a stuck task back.

    ketenzorg queue_status                 # counts per status, then every FAILED or RUNNING row
    ketenzorg queue_status --requeue ID    # a FAILED or RUNNING task: run it again now

For an operator without the Django admin at hand (docs/operations.md). `--requeue` is for a
task that gave up after its last attempt once the cause is fixed, and for a row left RUNNING
by a worker that was killed mid-task (django-tasks-db never reclaims those; make sure that
worker is really gone, or the task runs twice). It counts as
one more attempt for the retry policy, so a task that fails again is not retried further;
requeue it again, or queue new work.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Toon de wachtrij van achtergrondtaken; zet een mislukte of vastgelopen taak terug."

    def add_arguments(self, parser):
        parser.add_argument("--requeue", metavar="ID", help="Zet deze taak terug in de wachtrij.")

    def handle(self, *args, **options):
        if options["requeue"]:
            self._requeue(options["requeue"])
            return
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")))
        self.stdout.write(
            ", ".join(f"{status}: {counts.get(status, 0)}" for status in TaskResultStatus.values)
        )
        stuck = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.FAILED, TaskResultStatus.RUNNING]
        ).order_by("enqueued_at")
        for row in stuck:
            error = row.traceback.strip().splitlines()[-1] if row.traceback else ""
            when = row.finished_at or row.started_at
            self.stdout.write(
                f"{row.id} {row.status} {row.task_path} pogingen={len(row.worker_ids)} "
                f"sinds={when.isoformat() if when else '-'} {error}".rstrip()
            )

    def _requeue(self, result_id: str) -> None:
        try:
            updated = DBTaskResult.objects.filter(
                pk=result_id, status__in=[TaskResultStatus.FAILED, TaskResultStatus.RUNNING]
            ).update(status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None)
        except ValidationError as error:  # not a uuid
            raise CommandError(f"Geen taak met id {result_id}.") from error
        if not updated:
            raise CommandError(f"Geen mislukte of lopende taak met id {result_id}.")
        self.stdout.write(f"Taak {result_id} staat weer in de wachtrij.")
