"""The werkproces of a case (GET /werkproces/casus/<uuid>/ and its API counterpart) and the
meedenker's list of consultations (GET /werkproces/consultaties/ and GET /api/v1/consultaties/).

The werkproces page: after need-to-know on the case (the same as seeing the case), the
werkproces row, then one query per block of the page: the whole history of transitions with
who, the evaluation each decision rests on and the AJH meedenker; every evaluation with who
recorded it; the consultations with their meedenker and the number of findings; the case's
GKP-overleg items with their meeting and outcomes. What the page
derives (which transitions the table allows from here, the evaluation of the current visit)
comes from the product's own pure table, `ketenzorg.werkproces.rules`. The API leaves the
consultations and the GKP items out, as its serializer does.

The meedenker's list: the running consultations (period plus grace) of the meedenker, earliest
end first, with who asked; the look is logged as a search of the families concerned and their
members, on the basis "consultation", as `consultations_for_meedenker` logs it.

A look is one access-log entry: where the page logs the case and the werkproces separately,
the floor logs the one look it is (the difference is ours to remove, issue 17).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ketenzorg.werkproces import rules

from .audit import actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import dicts, marks, one, query, to_json
from .need_to_know import case_access
from .target import Target, uuid_of

MEMBERS = "SELECT uuid FROM families_person WHERE family_id = ?"

WERKPROCES = """
SELECT id, uuid, step, stopped_from, version FROM werkproces_werkproces WHERE case_id = ?"""

BLOCKS = {
    "transitions": """
SELECT t.uuid, t.seq, t.kind, t.from_step, t.to_step, t.occurred_at, t.reason, t.team_decision,
       t.ajh_with_family, t.ajh_participants, a.uuid AS actor_uuid,
       a.first_name || ' ' || a.last_name AS actor_name, e.uuid AS evaluation,
       e.yielded_enough AS evaluation_enough, e.summary AS evaluation_summary,
       m.uuid AS ajh_meedenker_uuid, m.first_name || ' ' || m.last_name AS ajh_meedenker_name
  FROM werkproces_transition t
  JOIN network_professional a ON a.id = t.actor_id
  LEFT JOIN werkproces_stepevaluation e ON e.id = t.evaluation_id
  LEFT JOIN network_professional m ON m.id = t.ajh_meedenker_id
 WHERE t.werkproces_id = ? ORDER BY t.seq""",
    "evaluations": """
SELECT e.uuid, e.step, e.version, e.yielded_enough, e.summary, e.recorded_at,
       r.uuid AS recorded_by_uuid, r.first_name || ' ' || r.last_name AS recorded_by_name
  FROM werkproces_stepevaluation e JOIN network_professional r ON r.id = e.recorded_by_id
 WHERE e.werkproces_id = ? ORDER BY e.recorded_at, e.id""",
    "consultations": """
SELECT c.uuid, c.starts_at, c.kind, c.scope, m.first_name || ' ' || m.last_name AS meedenker,
       (SELECT COUNT(*) FROM werkproces_finding f WHERE f.consultation_id = c.id) AS findings
  FROM werkproces_consultation c JOIN network_professional m ON m.id = c.meedenker_id
 WHERE c.werkproces_id = ? ORDER BY c.starts_at DESC, c.id DESC""",
    # The GKP-overleg items of the case with their outcomes (newest last), page only.
    "gkp_items": """
SELECT i.uuid, i.question, i.status, i.identified, g.starts_at, g.location,
       o.uuid AS outcome, o.advice, o.ajh_kind, o.recorded_at AS outcome_at,
       u.first_name || ' ' || u.last_name AS follow_up_by
  FROM werkproces_gkpitem i
  JOIN werkproces_gkpmeeting g ON g.id = i.meeting_id
  LEFT JOIN werkproces_gkpoutcome o ON o.item_id = i.id
  LEFT JOIN network_professional u ON u.id = o.follow_up_by_id
 WHERE i.werkproces_id = ? ORDER BY g.starts_at DESC, i.id DESC, o.recorded_at, o.id""",
}
# Blocks of the page only; the API leaves them out, as its serializer does.
PAGE_ONLY = {"consultations", "gkp_items"}

RUNNING = """
SELECT c.uuid, c.kind, c.scope, c.question, c.starts_at, c.ends_at, c.access_until,
       a.uuid AS asked_by_uuid, a.first_name || ' ' || a.last_name AS asked_by_name,
       f.id AS family_id, f.uuid AS family
  FROM werkproces_consultation c
  JOIN werkproces_werkproces w ON w.id = c.werkproces_id
  JOIN coordination_case k ON k.id = w.case_id
  JOIN families_family f ON f.id = k.family_id
  JOIN network_professional a ON a.id = c.asked_by_id
 WHERE c.meedenker_id = ? AND c.access_until > ?
 ORDER BY c.ends_at, c.id"""

PERSONS = "SELECT uuid FROM families_person WHERE family_id IN ({ids})"


def _moment(value) -> datetime:
    """PostgreSQL gives aware datetimes, SQLite Django's naive UTC text."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _werkproces(conn, vendor: str, target: Target, *, channel: str, consultations: bool) -> bytes:
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.werkproces_user_id)
    case_uuid = uuid_of(conn, vendor, "coordination_case", target.werkproces_case_id)
    case, basis = case_access(conn, vendor, actor, target, now, case_uuid)
    members = [m["uuid"] for m in dicts(query(conn, vendor, MEMBERS, [case["family_id"]]))]
    subjects = [("family", case["family"])] + [("person", m) for m in members]
    if basis is None:
        fields = audit_fields(
            actor,
            action="read",
            outcome="denied",
            object_type="werkproces.Werkproces",
            object_uuid=case["uuid"],
            reason="niet betrokken en geen coördinator",
            channel=channel,
        )
        log_look(conn, vendor, fields, subjects)
        return to_json(
            {"detail": "U bent niet betrokken bij dit gezin en coördineert deze casus niet."}
        )
    case_open = case["status"] == "open"
    werkproces = one(query(conn, vendor, WERKPROCES, [case["id"]]))
    body: dict = {"case": case["uuid"], "family_name": case["family_name"], "started": False}
    if werkproces is None:
        body["possible_transitions"] = [rules.START] if case_open else []
    else:
        blocks = {
            name: dicts(query(conn, vendor, sql, [werkproces["id"]]))
            for name, sql in BLOCKS.items()
            if consultations or name not in PAGE_ONLY
        }
        state = rules.State(werkproces["step"], werkproces["stopped_from"] or None)
        of_visit = [e for e in blocks["evaluations"] if e["version"] == werkproces["version"]]
        body.update(
            started=True,
            step=werkproces["step"],
            stopped_from=werkproces["stopped_from"] or None,
            possible_transitions=[k for k in rules.KINDS if rules.target(k, state) is not None]
            if case_open
            else [],
            current_evaluation=of_visit[-1] if of_visit else None,
            next_step=rules.target(rules.CONTINUE, state),
            **blocks,
        )
    result = to_json(body)
    fields = audit_fields(
        actor,
        action="read",
        object_type="werkproces.Werkproces",
        object_uuid=case["uuid"],
        basis=basis,
        reason="" if basis != "role" else "coördinator van de casus",
        channel=channel,
    )
    log_look(conn, vendor, fields, subjects)
    return result


def werkproces_page_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /werkproces/casus/<uuid>/: where the family is, the history, the consultations."""
    return _werkproces(conn, vendor, target, channel="web", consultations=True)


def werkproces_api_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /api/v1/casussen/<uuid>/werkproces/: the same without the consultations."""
    return _werkproces(conn, vendor, target, channel="api", consultations=False)


def _running(conn, vendor: str, target: Target, *, channel: str) -> bytes:
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.meedenker_user_id)
    rows = dicts(query(conn, vendor, RUNNING, [actor.professional_id, now]))
    families = sorted({r.pop("family_id") for r in rows})
    persons = []
    if families:
        sql = PERSONS.format(ids=marks(families))
        persons = [r[0] for r in query(conn, vendor, sql, families).fetchall()]
    if channel == "web":  # the page: the running ones first, then those in their grace
        rows.sort(key=lambda r: (_moment(r["ends_at"]) <= now, _moment(r["ends_at"])))
    for r in rows:
        r["running"] = _moment(r["ends_at"]) > now
    result = to_json(rows)
    fields = audit_fields(
        actor,
        action="search",
        object_type="werkproces.Consultation",
        basis="consultation",
        reason="mijn consultaties",
        channel=channel,
    )
    subjects = [("family", r["family"]) for r in rows] + [("person", p) for p in persons]
    log_look(conn, vendor, fields, subjects)
    return result


def consultation_list_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /werkproces/consultaties/: the meedenker's running consultations."""
    return _running(conn, vendor, target, channel="web")


def consultation_list_api_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /api/v1/consultaties/: the same list as JSON."""
    return _running(conn, vendor, target, channel="api")
