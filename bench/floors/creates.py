"""The two creates: an agreement through the API, and a parent's question at the front door.

Each does the writes its endpoint must do, in one transaction: the rows, the case event and
the audit entry (the agreement), or the question, the per-address submission window and the
audit entry (the question). They go into the scratch clones, never the real tables.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from .audit import actor_of, append_entry, audit_fields
from .connection import ensure_scratch
from .dialect import one, query, to_json, transaction
from .need_to_know import case_access
from .target import Target, uuid_of

QUESTIONS_PER_WINDOW = 10  # frontdoor.rules
WINDOW_SECONDS = 3600

RESPONSIBLE = """
SELECT p.id, p.uuid, p.first_name || ' ' || p.last_name AS name, p.organisation_id,
       o.uuid AS organisation_uuid, o.name AS organisation_name
  FROM network_professional p JOIN network_organisation o ON o.id = p.organisation_id
 WHERE p.uuid = ? AND p.is_active"""

INSERT_AGREEMENT = """
INSERT INTO bench_floor_agreement (uuid, created_at, updated_at, what, due_on, status, done_on,
    created_by_id, responsible_organisation_id, responsible_professional_id, case_id, meeting_id)
VALUES (?, ?, ?, ?, ?, 'open', NULL, ?, ?, ?, ?, NULL)"""

INSERT_EVENT = """
INSERT INTO bench_floor_caseevent (uuid, kind, occurred_at, summary, level_from, level_to, rule,
    reason, actor_id, case_id)
VALUES (?, ?, ?, ?, NULL, NULL, ?, '', ?, ?)"""


def agreement_create_floor(conn, vendor: str, target: Target) -> bytes:
    """POST /api/v1/casussen/<uuid>/afspraken/: check, validate, insert agreement + event + entry.

    The body names the actor as responsible (so no e-mail is due), due in two weeks.
    """
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.user_id)
    case_uuid = uuid_of(conn, vendor, "coordination_case", target.case_id)
    case, basis = case_access(conn, vendor, actor, target, now, case_uuid)
    if basis is None or case["status"] != "open":
        return to_json({"detail": "U bent niet betrokken bij dit gezin of de casus is gesloten."})
    what = "Moeder meldt het gezin aan bij de schuldhulpverlening en neemt de brieven mee."
    due_on = target.today + timedelta(days=14)
    who = one(query(conn, vendor, RESPONSIBLE, [actor.uuid]))
    persons = query(
        conn, vendor, "SELECT uuid FROM families_person WHERE family_id = ?", [case["family_id"]]
    ).fetchall()
    agreement_uuid = uuid.uuid4()
    summary = f"Afspraak voor {who['name']}, uiterlijk {due_on:%d-%m-%Y}"
    with transaction(conn, vendor):
        query(
            conn,
            vendor,
            INSERT_AGREEMENT,
            [
                agreement_uuid,
                now,
                now,
                what,
                due_on,
                actor.professional_id,
                who["organisation_id"],
                who["id"],
                case["id"],
            ],
        )
        query(
            conn,
            vendor,
            INSERT_EVENT,
            [uuid.uuid4(), "afspraak", now, summary, "", actor.professional_id, case["id"]],
        )
        fields = audit_fields(
            actor,
            action="create",
            object_type="coordination.Agreement",
            object_uuid=agreement_uuid,
            basis=basis,
            channel="api",
        )
        append_entry(
            conn, vendor, fields, [("family", case["family"])] + [("person", p) for (p,) in persons]
        )
    return to_json(
        {
            "uuid": agreement_uuid,
            "what": what,
            "responsible_professional": {"uuid": who["uuid"], "name": who["name"]},
            "responsible_organisation": {
                "uuid": who["organisation_uuid"],
                "name": who["organisation_name"],
            },
            "due_on": due_on,
            "status": "open",
            "done_on": None,
            "meeting": None,
            "checkins": [],
        }
    )


_TOPICS: dict[int, object] = {}
QUESTION_TEXT = (
    "Onze dochter van vier slaapt sinds de verhuizing heel slecht. Ze wordt elke nacht twee of "
    "drie keer huilend wakker en wil dan alleen nog bij ons in bed. Overdag is ze moe en snel "
    "boos, ook op het kinderdagverblijf merken ze het. We hebben al een vast ritueel met "
    "voorlezen geprobeerd. Wat kunnen we nog meer doen, en wanneer is het verstandig om hulp te "
    "vragen?"
)
INSERT_QUESTION = """
INSERT INTO bench_floor_question (uuid, created_at, updated_at, reference, asker_kind, text,
    child_age, name, email, consent_at, privacy_notice_version, status, handover_note, answer,
    answered_at, answer_emailed_at, answer_email_failed, closed_at, answered_by_id,
    assigned_to_id, family_id, topic_id)
VALUES (?, ?, ?, ?, 'ouder', ?, ?, ?, ?, ?, '2026-1', 'nieuw', '', '', NULL, NULL, ?, NULL,
        NULL, NULL, NULL, ?)"""
COUNT_SUBMISSION = """
INSERT INTO bench_floor_submissionwindow (key, window_start, "count") VALUES (?, ?, 1)
ON CONFLICT (key, window_start) DO UPDATE SET "count" = bench_floor_submissionwindow."count" + 1"""


def _topic_id(conn, vendor: str) -> int:
    """The topic the form posts (its id is in the request; found once, outside the measure)."""
    if _TOPICS.get(id(conn)) is None:
        row = conn.execute(
            "SELECT id FROM frontdoor_topic WHERE is_active ORDER BY sort_order, id LIMIT 1"
        ).fetchone()
        if row is None:
            raise LookupError("no active frontdoor topic: seed the database")
        _TOPICS[id(conn)] = row[0]
    return _TOPICS[id(conn)]


def _reference() -> str:
    body = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    return f"VR-{body[:4]}-{body[4:]}"


def question_create_floor(conn, vendor: str, target: Target) -> bytes:
    """POST /publiek/vraag/: a parent's question, the per-address window upsert, one entry.

    Every call comes from a new address, so it takes the accepted path (not the 429) and the
    window row is inserted; the reference's uniqueness is left to its unique index.
    """
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    address = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
    key = hmac.new(
        b"ketenzorg-floor", f"frontdoor-limit:{address}".encode(), hashlib.sha256
    ).hexdigest()
    epoch = int(now.timestamp())
    window = datetime.fromtimestamp(epoch - epoch % WINDOW_SECONDS, tz=UTC)
    topic = query(
        conn,
        vendor,
        "SELECT id, is_active FROM frontdoor_topic WHERE id = ?",
        [_topic_id(conn, vendor)],
    ).fetchone()
    sent = query(
        conn,
        vendor,
        'SELECT "count" FROM bench_floor_submissionwindow WHERE key = ? AND window_start = ?',
        [key, window],
    ).fetchone()
    if not topic[1] or (sent is not None and sent[0] >= QUESTIONS_PER_WINDOW):
        return to_json({"detail": "Probeer het over een uur opnieuw."})
    question_uuid, reference = uuid.uuid4(), _reference()
    with transaction(conn, vendor):
        query(
            conn,
            vendor,
            INSERT_QUESTION,
            [
                question_uuid,
                now,
                now,
                reference,
                QUESTION_TEXT,
                4,
                "Sanne",
                "sanne.devries@example.nl",
                now,
                False,
                topic[0],
            ],
        )
        query(conn, vendor, COUNT_SUBMISSION, [key, window])
        query(
            conn,
            vendor,
            "DELETE FROM bench_floor_submissionwindow WHERE window_start < ?",
            [now - timedelta(days=1)],
        )
        fields = audit_fields(
            None,
            action="create",
            object_type="frontdoor.Question",
            object_uuid=question_uuid,
            basis="consent",
            source_address=address,
        )
        append_entry(conn, vendor, fields, [("question", question_uuid)])
    return to_json({"reference": reference, "by_email": True})
