"""The nightly pass, set-based: the floor of `coordination.tasks.tick`.

One query per kind of candidate (suggestions to re-count, agreements and meetings that
stalled, reminders due) and batched inserts in one transaction per pass, instead of one
transaction per signal; the notifications are recorded as the real pass records them, but
nothing is sent. The level rule and the working-day calendar are the product's own
(`coordination.rules.suggest_level`, `core.workdays`), so the floor finds the same work.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from ketenzorg.coordination import rules
from ketenzorg.core import workdays

from .audit import append_entries, audit_fields
from .connection import SUGGESTION_TABLE, ensure_scratch
from .creates import INSERT_EVENT
from .dialect import dicts, insert_many, marks, nl_date, query, transaction

SUGGESTION_LOOKBACK_DAYS = 7  # coordination.tasks
NIGHTLY_TABLES = ("bench_floor_signal", "bench_floor_sentnotification", SUGGESTION_TABLE)


def reset_nightly(conn, vendor: str) -> None:
    """Empty what the nightly floor wrote, so the next run finds the same candidates again.

    Also looks up this year's and next year's holidays: the calendar computes a year once and
    keeps it (about 80 ms the first time), a one-off cost that stays out of the measured pass.
    """
    this_year = date.today().year
    for year in (this_year, this_year + 1):
        workdays.is_working_day(date(year, 1, 1))
    ensure_scratch(conn, vendor)
    with transaction(conn, vendor):
        for table in NIGHTLY_TABLES:
            conn.execute(f'DELETE FROM "{table}"')  # noqa: S608 - constant names
        conn.execute("DELETE FROM bench_floor_caseevent WHERE actor_id IS NULL")


STORE_SUGGESTION = f"""
INSERT INTO {SUGGESTION_TABLE} (case_id, suggested_level, suggested_rule, suggestion_handled,
    updated_at)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (case_id) DO UPDATE SET
    suggested_level = excluded.suggested_level, suggested_rule = excluded.suggested_rule,
    suggestion_handled = excluded.suggestion_handled,
    updated_at = excluded.updated_at"""  # noqa: S608

SUGGESTION_CANDIDATES = """
SELECT c.id, c.level, c.suggested_level, c.suggested_rule, c.suggestion_handled,
       (SELECT COUNT(DISTINCT i.professional_id) FROM families_involvement i
         WHERE i.family_id = c.family_id AND (i.ended_on IS NULL OR i.ended_on >= ?)) AS n
  FROM coordination_case c
 WHERE c.status = 'open'
   AND c.family_id IN (SELECT family_id FROM families_involvement
                        WHERE ended_on >= ? AND ended_on < ?)"""


def _nightly_suggestions(conn, vendor: str, today: date, now: datetime) -> int:
    """Cases whose involvement ended in the last week: the rule's suggestion, re-counted."""
    since = today - timedelta(days=SUGGESTION_LOOKBACK_DAYS)
    rows, events, changed = [], [], 0
    for c in dicts(query(conn, vendor, SUGGESTION_CANDIDATES, [today, since, today])):
        suggestion = rules.suggest_level(c["n"])
        level, rule = suggestion.level, suggestion.explanation
        if level == c["suggested_level"] and rule == c["suggested_rule"]:
            continue
        handled = bool(c["suggestion_handled"])
        if level != c["suggested_level"]:
            changed += 1
            if c["level"] < 4:
                handled = level == c["level"]
                if level != c["level"]:
                    events.append(
                        [
                            uuid.uuid4(),
                            "niveau_voorgesteld",
                            now,
                            f"Voorstel: niveau {level}",
                            c["level"],
                            level,
                            rule,
                            c["id"],
                        ]
                    )
        rows.append([c["id"], level, rule, handled, now])
    with transaction(conn, vendor):
        insert_many(
            conn,
            vendor,
            STORE_SUGGESTION,
            rows,
        )
        insert_many(
            conn,
            vendor,
            "INSERT INTO bench_floor_caseevent (uuid, kind, occurred_at, summary, level_from,"
            " level_to, rule, reason, actor_id, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, ?)",
            events,
        )
    return changed


# Open agreements past their date, and meetings not held by their deadline, in open cases
# that have no signal of that kind yet (in the real table, or already raised by this floor).
STALLED = {
    "afspraak_te_laat": """
SELECT a.id, a.uuid, a.due_on AS day, NULL AS meeting_kind, a.case_id, c.family_id, f.uuid AS family
  FROM coordination_agreement a
  JOIN coordination_case c ON c.id = a.case_id AND c.status = 'open'
  JOIN families_family f ON f.id = c.family_id
 WHERE a.status = 'open' AND a.due_on < ?
   AND NOT EXISTS (SELECT 1 FROM coordination_stagnationsignal s
                    WHERE s.agreement_id = a.id AND s.kind = 'afspraak_te_laat')
   AND NOT EXISTS (SELECT 1 FROM bench_floor_signal s
                    WHERE s.agreement_id = a.id AND s.kind = 'afspraak_te_laat')
 ORDER BY a.id""",
    "overleg_te_laat": """
SELECT m.id, m.uuid, m.deadline AS day, m.kind AS meeting_kind, m.case_id, c.family_id,
       f.uuid AS family
  FROM coordination_meeting m
  JOIN coordination_case c ON c.id = m.case_id AND c.status = 'open'
  JOIN families_family f ON f.id = c.family_id
 WHERE m.status IN ('te_plannen', 'gepland') AND m.deadline < ?
   AND NOT EXISTS (SELECT 1 FROM coordination_stagnationsignal s
                    WHERE s.meeting_id = m.id AND s.kind = 'overleg_te_laat')
   AND NOT EXISTS (SELECT 1 FROM bench_floor_signal s
                    WHERE s.meeting_id = m.id AND s.kind = 'overleg_te_laat')
 ORDER BY m.id""",
}
PERSONS_OF = "SELECT family_id, uuid FROM families_person WHERE family_id IN ({ids})"
STAGNATION_RULE = (
    "stagnatie in de hulpverlening: voorstel opschalen naar niveau 4 (brandpuntfunctionaris)"
)
INSERT_SIGNAL = """
INSERT INTO bench_floor_signal (uuid, created_at, updated_at, kind, key, raised_on, status,
    resolution, agreement_id, case_id, meeting_id, resolved_by_id)
VALUES (?, ?, ?, ?, ?, ?, 'open', '', ?, ?, ?, NULL)"""

# The recipients of a new signal: the case's active coordinators and the agreement's
# responsible professional, each once, if they have an address and were not told today.
SIGNAL_MAILS = """
INSERT INTO bench_floor_sentnotification (kind, object_uuid, day, sent_at, recipient_id)
SELECT 'stagnation', r.uuid, ?, ?, r.professional_id FROM (
    SELECT s.uuid, k.professional_id FROM bench_floor_signal s
      JOIN coordination_casecoordinator k ON k.case_id = s.case_id AND k.ended_at IS NULL
     WHERE s.raised_on = ? AND s.status = 'open'
    UNION
    SELECT s.uuid, a.responsible_professional_id FROM bench_floor_signal s
      JOIN coordination_agreement a ON a.id = s.agreement_id
     WHERE s.raised_on = ? AND s.status = 'open' AND a.responsible_professional_id IS NOT NULL
  ) r JOIN network_professional p ON p.id = r.professional_id
 WHERE p.email <> '' AND NOT EXISTS (
    SELECT 1 FROM coordination_sentnotification n WHERE n.kind = 'stagnation'
       AND n.object_uuid = r.uuid AND n.day = ? AND n.recipient_id = r.professional_id)
ON CONFLICT DO NOTHING"""


def _nightly_stagnation(conn, vendor: str, today: date, now: datetime) -> tuple[int, int]:
    stalled = {kind: dicts(query(conn, vendor, sql, [today])) for kind, sql in STALLED.items()}
    families = sorted({row["family_id"] for rows in stalled.values() for row in rows})
    persons = defaultdict(list)
    for start in range(0, len(families), 900):
        chunk = families[start : start + 900]
        sql = PERSONS_OF.format(ids=marks(chunk))
        for family_id, person in query(conn, vendor, sql, chunk).fetchall():
            persons[family_id].append(person)
    signals, events, entries = [], [], []
    for kind, rows in stalled.items():
        for row in rows:
            signal_uuid = uuid.uuid4()
            if kind == "afspraak_te_laat":
                key, target = f"agreement:{uuid.UUID(str(row['uuid']))}", (row["id"], None)
                summary = f"Stagnatiesignaal: afspraak over de datum ({nl_date(row['day'])})"
            else:
                key, target = f"meeting:{uuid.UUID(str(row['uuid']))}", (None, row["id"])
                summary = (
                    f"Stagnatiesignaal: {row['meeting_kind']} niet gehouden"
                    f" voor {nl_date(row['day'])}"
                )
            signals.append(
                [signal_uuid, now, now, kind, key, today, target[0], row["case_id"], target[1]]
            )
            events.append(
                [uuid.uuid4(), "stagnatie", now, summary, STAGNATION_RULE, None, row["case_id"]]
            )
            fields = audit_fields(
                None,
                action="create",
                object_type="coordination.StagnationSignal",
                object_uuid=signal_uuid,
                reason="dagelijkse stagnatiecontrole",
                channel="system",
                source_address="",
            )
            subjects = [("family", row["family"])] + [
                ("person", p) for p in persons[row["family_id"]]
            ]
            entries.append((fields, subjects))
    with transaction(conn, vendor):
        insert_many(conn, vendor, INSERT_SIGNAL, signals)
        insert_many(conn, vendor, INSERT_EVENT, events)
        append_entries(conn, vendor, entries)
        mails = query(conn, vendor, SIGNAL_MAILS, [today, now, today, today, today]).rowcount
    return len(signals), mails


AGREEMENT_REMINDERS = """
INSERT INTO bench_floor_sentnotification (kind, object_uuid, day, sent_at, recipient_id)
SELECT 'agreement_due', a.uuid, ?, ?, a.responsible_professional_id
  FROM coordination_agreement a
  JOIN coordination_case c ON c.id = a.case_id AND c.status = 'open'
  JOIN network_professional p ON p.id = a.responsible_professional_id
 WHERE a.status = 'open' AND a.due_on >= ? AND a.due_on <= ? AND p.email <> ''
   AND NOT EXISTS (SELECT 1 FROM coordination_sentnotification n WHERE n.kind = 'agreement_due'
                      AND n.object_uuid = a.uuid AND n.day = ? AND n.recipient_id = p.id)
ON CONFLICT DO NOTHING"""

# A meeting to convene: its convener, or without one the case's active coordinators.
MEETING_REMINDERS = """
INSERT INTO bench_floor_sentnotification (kind, object_uuid, day, sent_at, recipient_id)
SELECT 'meeting_deadline', r.uuid, ?, ?, r.professional_id FROM (
    SELECT m.uuid, COALESCE(m.convener_id, k.professional_id) AS professional_id
      FROM coordination_meeting m
      JOIN coordination_case c ON c.id = m.case_id AND c.status = 'open'
      LEFT JOIN coordination_casecoordinator k
        ON m.convener_id IS NULL AND k.case_id = m.case_id AND k.ended_at IS NULL
     WHERE m.status = 'te_plannen' AND m.deadline >= ? AND m.deadline <= ?
  ) r JOIN network_professional p ON p.id = r.professional_id
 WHERE p.email <> '' AND NOT EXISTS (
    SELECT 1 FROM coordination_sentnotification n WHERE n.kind = 'meeting_deadline'
       AND n.object_uuid = r.uuid AND n.day = ? AND n.recipient_id = r.professional_id)
ON CONFLICT DO NOTHING"""


def _nightly_reminders(conn, vendor: str, today: date, now: datetime) -> int:
    with transaction(conn, vendor):
        sent = query(
            conn,
            vendor,
            AGREEMENT_REMINDERS,
            [today, now, today, workdays.add_working_days(today, 1), today],
        ).rowcount
        sent += query(
            conn,
            vendor,
            MEETING_REMINDERS,
            [today, now, today, workdays.add_working_days(today, 2), today],
        ).rowcount
    return sent


def nightly_floor(conn, vendor: str, today: date, *, reset: bool = True) -> dict[str, int]:
    """coordination.tasks.tick, set-based: suggestions, stagnation signals (+ mails), reminders.

    Finds the candidates of each kind with one query and writes the signals, case events,
    audit entries and notification records into the scratch tables in one transaction per
    pass (the real pass takes one per signal and sends each e-mail). With `reset` (the
    default) the previous run's scratch rows are deleted first, in their own transaction;
    call `reset_nightly` yourself and pass `reset=False` to keep that out of a measurement.
    """
    ensure_scratch(conn, vendor)
    if reset:
        reset_nightly(conn, vendor)
    now = datetime.now(UTC)
    suggestions = _nightly_suggestions(conn, vendor, today, now)
    signals, signal_mails = _nightly_stagnation(conn, vendor, today, now)
    reminders = _nightly_reminders(conn, vendor, today, now)
    return {
        "suggestions": suggestions,
        "signals": signals,
        "signal_mails": signal_mails,
        "reminders": reminders,
    }
