"""`ketenzorg crashtest`: rounds of concurrent writes ended by `kill -9`, then the proof.

    ketenzorg crashtest [--rounds 10] [--writers 4] [--seconds-per-round 5] [--web-workers 2]
                        [--seed N] [--keep]

The database is chosen as for the product (DATABASE_URL; unset: SQLite), but the test makes
its own scratch database there (`scratch.py`). Each round starts `ketenzorg serve` (gunicorn,
as deployed) on a free port, lets K professionals record agreements through the API, each
with its own Idempotency-Key, and after a random moment kills the server's whole process
group with SIGKILL. The next round first retries some of the writes whose answer was lost,
with the same key. The end: every acknowledged write is there with its one access-log entry,
no key was written twice, `audit verify` finds the chain intact and every checkpoint taken
during the rounds still in it (`inside.check`). Exit 0 only then.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ketenzorg.site.crashtest.load import Browser, ServerGone, Tally, Writer
from ketenzorg.site.crashtest.scratch import Scratch, scratch

START_SECONDS = 120  # a cold start on a busy 2-core machine: collectstatic, imports, gunicorn


@dataclass
class Options:
    rounds: int = 10
    writers: int = 4
    seconds_per_round: float = 5.0
    web_workers: int = 2
    seed: int | None = None


@dataclass
class Outcome:
    rounds: int = 0
    attempted: int = 0
    acknowledged: int = 0
    lost_in_flight: int = 0
    refused: int = 0
    kills_in_flight: int = 0  # rounds whose kill broke at least one sent request
    retried: int = 0
    replayed: int = 0  # retries answered from the stored first answer: it had committed
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    record: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`ketenzorg serve` in its own process group, so one SIGKILL takes gunicorn and its workers."""

    def __init__(self, box: Scratch, web_workers: int, log: Path):
        self.port = _free_port()
        env = {**box.env, "PORT": str(self.port), "WEB_CONCURRENCY": str(web_workers)}
        with log.open("a") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "ketenzorg.cli", "serve"], env=env, cwd=box.folder,
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        self.log = log
        deadline = time.monotonic() + START_SECONDS
        probe = Browser(self.port)
        while True:
            try:
                if probe.request("GET", "/gezondheid/").status == 200:
                    return
            except ServerGone:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop(signal.SIGKILL)
                raise RuntimeError(f"server kwam niet op; zie {log}:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)

    def stop(self, how: signal.Signals) -> None:
        try:
            os.killpg(self.process.pid, how)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the workers, reparented, die a moment later
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        raise RuntimeError(f"procesgroep {self.process.pid} leeft nog na {how.name}")


class _OneServer:
    """The round's server, if one runs."""

    def __init__(self):
        self.current: Server | None = None

    def start(self, box, web_workers, log) -> Server:
        self.current = Server(box, web_workers, log)
        return self.current

    def stop(self, how: signal.Signals) -> None:
        if self.current is not None:
            server, self.current = self.current, None
            server.stop(how)


def _retry(lost, writers, tally, rng, outcome) -> None:
    """Some of the writes whose answer was lost, again with the same key and body: the client
    does not know whether they committed, and the key must make that not matter."""
    chosen = [w for w in lost if rng.random() < 0.5] or lost[:1]
    for write in chosen:
        result = writers[write.writer].send(write, tally)
        outcome.retried += 1
        outcome.replayed += result == "replayed"
        if result not in ("ok", "replayed"):
            outcome.problems.append(f"herhaling van {write.key} gaf {result}")


def crash_rounds(box: Scratch, options: Options, out=sys.stdout) -> Outcome:
    """The rounds against a prepared scratch database; the record for `inside.check`."""
    started = time.monotonic()
    rng = random.Random(options.seed)
    people_file = box.folder / "people.json"
    box.run("ketenzorg.site.crashtest.inside", "prepare", "--writers", str(options.writers),
            "--out", str(people_file))  # fmt: skip
    people = json.loads(people_file.read_text())
    run_id = uuid.uuid4().hex[:8]
    writers = [Writer(n, person, people["password"], people["case"], run_id)
               for n, person in enumerate(people["writers"])]  # fmt: skip
    due_on = (date.today() + timedelta(days=14)).isoformat()
    tally, outcome, lost = Tally(), Outcome(), []
    log = box.folder / "server.log"
    servers = _OneServer()
    try:
        for number in range(1, options.rounds + 2):
            final = number > options.rounds  # one more start: retry the last round's lost writes
            server = servers.start(box, options.web_workers, log)
            for writer in writers:
                writer.connect(server.port)
            if lost:
                _retry(lost, writers, tally, rng, outcome)
            if final:
                servers.stop(signal.SIGTERM)
                break
            # A checkpoint while the writes go on, as the worker writes one each round: the kill
            # must not take away an entry that a checkpoint has already seen committed.
            checkpoint = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "ketenzorg.cli", "audit", "checkpoint"], env=box.env,
                cwd=box.folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            stop = threading.Event()
            threads = [threading.Thread(target=w.keep_writing, args=(due_on, tally, stop), daemon=True)
                       for w in writers]  # fmt: skip
            acknowledged_before, refused_before = len(tally.acknowledged), tally.refused
            for writer in writers:
                writer.writing.clear()
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + START_SECONDS
            for writer in writers:
                writer.writing.wait(timeout=max(0.0, deadline - time.monotonic()))
            time.sleep(options.seconds_per_round * rng.uniform(0.4, 1.0))
            servers.stop(signal.SIGKILL)  # first: the writers are mid-request when it lands
            stop.set()
            for thread in threads:
                thread.join(timeout=120)
            _, error = checkpoint.communicate(timeout=300)
            if checkpoint.returncode != 0:
                outcome.problems.append(f"audit checkpoint faalde: {error.decode()[-500:]}")
            lost, tally.lost = tally.lost, []
            outcome.lost_in_flight += len(lost)
            outcome.kills_in_flight += bool(lost)
            outcome.rounds += 1
            print(f"ronde {number}: {len(tally.acknowledged) - acknowledged_before} bevestigd, "
                  f"{len(lost)} onderweg afgebroken door kill -9, "
                  f"{tally.refused - refused_before} niet meer verstuurd", file=out, flush=True)  # fmt: skip
    finally:
        servers.stop(signal.SIGKILL)  # after an error: no server outlives the test
    outcome.attempted = len(set(tally.sent))
    outcome.acknowledged = len(tally.acknowledged)
    outcome.refused = tally.refused
    outcome.problems += [f"onverwacht antwoord: {u}" for u in tally.unexpected]
    outcome.record = {
        "acknowledged": dict(tally.acknowledged),
        "sent": sorted(set(tally.sent)),
        "checkpoints": outcome.rounds,
    }
    outcome.report = check(box, outcome.record)
    outcome.problems += outcome.report["problems"]
    if outcome.acknowledged == 0:
        outcome.problems.append("geen enkele schrijfactie bevestigd: er is niets bewezen")
    if outcome.kills_in_flight == 0:
        outcome.problems.append("geen kill -9 trof een lopend verzoek: er is niets bewezen")
    outcome.seconds = time.monotonic() - started
    return outcome


def check(box: Scratch, record: dict) -> dict:
    """`inside.check` in the scratch database's environment: what the database holds."""
    record_file, report_file = box.folder / "record.json", box.folder / "report.json"
    record_file.write_text(json.dumps(record))
    box.run("ketenzorg.site.crashtest.inside", "check", "--record", str(record_file),
            "--out", str(report_file))  # fmt: skip
    return json.loads(report_file.read_text())


def summary(box: Scratch, options: Options, outcome: Outcome) -> str:
    report, chain = outcome.report, outcome.report.get("chain", {})
    lines = [
        f"crashtest op {box.label}",
        f"  rondes: {outcome.rounds} (kill -9 met verzoeken onderweg: {outcome.kills_in_flight}), "
        f"{options.writers} schrijvers, {options.web_workers} gunicorn-workers",
        f"  schrijfacties: {outcome.attempted} verstuurd, {outcome.acknowledged} bevestigd, "
        f"{outcome.lost_in_flight} onderweg afgebroken, {outcome.refused} niet meer verstuurd",
        f"  herhaald met dezelfde Idempotency-Key: {outcome.retried} "
        f"({outcome.replayed} uit het bewaarde antwoord, {outcome.retried - outcome.replayed} nieuw geschreven)",
        f"  database: {report.get('agreements', '?')} afspraken "
        f"({report.get('unacknowledged_committed', '?')} vastgelegd zonder dat de client het hoorde), "
        f"{report.get('audit_entries', '?')} logregels",
        f"  audit verify: {'in orde' if chain.get('ok') else 'NIET in orde'}, "
        f"{chain.get('checked', '?')} regels, {chain.get('checkpoints', '?')} ankerpunten",
        f"  tijd: {outcome.seconds:.0f} s",
    ]
    if outcome.ok:
        lines.append(
            "UITKOMST: in orde — elke bevestigde schrijfactie staat er, met haar logregel."
        )
    else:
        lines.append(f"UITKOMST: NIET in orde ({len(outcome.problems)} problemen):")
        lines += [f"  - {p}" for p in outcome.problems[:50]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="ketenzorg crashtest",
        description="Kill de server met kill -9 onder schrijflast en bewijs dat elke bevestigde "
        "schrijfactie met haar logregel bewaard is (docs/crash-safety.md).",
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seconds-per-round", type=float, default=5.0)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true",
                        help="laat de kladdatabase en haar map staan (om na te kijken)")  # fmt: skip
    args = parser.parse_args(argv)
    options = Options(
        args.rounds, args.writers, args.seconds_per_round, args.web_workers, args.seed
    )
    with scratch(keep=args.keep) as box:
        print(f"crashtest: kladdatabase {box.label}, map {box.folder}", flush=True)
        outcome = crash_rounds(box, options)
        print(summary(box, options, outcome), flush=True)
    return 0 if outcome.ok else 1
