"""`ketenzorg coordination_tick`: reminders and the stagnation check, once or in a loop.

    ketenzorg coordination_tick                      # one pass (cron, systemd timer)
    ketenzorg coordination_tick --loop --interval 300
    ketenzorg coordination_tick --date 2026-12-28    # as if it were that day (testing, catching up)

Every pass is idempotent, so several workers, or a pass repeated after a crash,
send nothing twice (docs/decisions/0005-background-work.md). Each round ends with a
checkpoint of the access log in its anchor file (docs/audit.md).
"""

from __future__ import annotations

import logging
import signal
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from ketenzorg.audit.anchor import write_checkpoint
from ketenzorg.coordination.rounds import round_finished
from ketenzorg.coordination.tasks import tick

logger = logging.getLogger(__name__)


def _round(today: date | None) -> str:
    """One pass, then the access log's checkpoint, after the pass's own entries; then what other
    apps join the round with (`rounds.round_finished`: the signal function's figures ahead).

    The checkpoint is written here, by the process that runs the rounds, and not in `tick`,
    which benchmarks run inside a transaction they roll back: a checkpoint must describe
    committed entries. A full disk or a read-only anchor must not stop reminders and
    signals: it is logged as an error and `audit verify` then has fewer checkpoints.
    """
    line = str(tick(today))
    try:
        line += f", ankerpunt toegangslog: {write_checkpoint().count} regels"
    except OSError:
        logger.exception("Ankerpunt van het toegangslog niet geschreven")
        line += ", ankerpunt toegangslog: mislukt"
    for receiver, text in round_finished.send_robust(sender=None, today=today):
        if isinstance(text, Exception):
            logger.error("Onderdeel van de ronde mislukt: %s", receiver, exc_info=text)
            text = f", {getattr(receiver, '__name__', 'onderdeel')}: mislukt"
        line += text or ""
    return line


class Command(BaseCommand):
    help = "Herinneringen en dagelijkse stagnatiecontrole voor casussen (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Blijf draaien; elke --interval seconden een ronde."
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=300,
            help="Seconden tussen rondes (met --loop), standaard 300.",
        )
        parser.add_argument("--date", help="Doe alsof het deze dag is (JJJJ-MM-DD).")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date moet JJJJ-MM-DD zijn.") from None
        if options["interval"] < 1:
            raise CommandError("--interval moet minstens 1 seconde zijn.")
        if not options["loop"]:
            self.stdout.write(_round(today))
            return
        stopping = {"now": False}

        def stop(*_):
            stopping["now"] = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping["now"]:
            # As Django does around each request: a connection broken while we slept (a
            # database restart) is replaced instead of failing every pass from then on.
            close_old_connections()
            self.stdout.write(_round(today))
            slept = 0
            while slept < options["interval"] and not stopping["now"]:
                time.sleep(1)
                slept += 1
