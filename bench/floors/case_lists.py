"""The case lists: the dashboard (GET /casussen/) and the API's list (GET /api/v1/casussen/).

One query per block of the screen: the page of visible cases with correlated subqueries for
the per-case figures (level, next deadline, overdue agreements, open signals), their active
coordinators, and the dashboard's side blocks in one statement. Only the columns shown are
read; page size and ordering are the app's.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from ketenzorg.coordination import rules

from .audit import actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import as_date, dicts, marks, query, to_json
from .need_to_know import VISIBLE_CASES, refuse_non_client, visible_params
from .target import Target

DASHBOARD_PAGE = 50  # coordination.views.PAGE_SIZE
API_PAGE = 100  # coordination.api.PAGE_SIZE

CASE_PAGE = f"""
WITH {VISIBLE_CASES},
page AS (
    SELECT c.id, c.uuid, c.family_id, c.status, c.level, c.suggested_level,
           c.suggestion_handled, c.opened_on, COUNT(*) OVER () AS total
      FROM coordination_case c JOIN visible v ON v.id = c.id
     ORDER BY c.level DESC, c.opened_on, c.id
     LIMIT ? OFFSET ?)
SELECT p.id, p.uuid, f.uuid AS family, f.name AS family_name, p.status, p.level,
       p.suggested_level, p.suggestion_handled, p.opened_on, p.total,
       (SELECT COUNT(*) FROM coordination_agreement a
         WHERE a.case_id = p.id AND a.status = 'open' AND a.due_on < ?) AS overdue_agreements,
       (SELECT MIN(a.due_on) FROM coordination_agreement a
         WHERE a.case_id = p.id AND a.status = 'open') AS next_agreement_due,
       (SELECT MIN(CASE WHEN m.status IN ('te_plannen', 'gepland') THEN m.deadline END)
          FROM coordination_meeting m WHERE m.case_id = p.id) AS next_meeting_deadline,
       (SELECT COUNT(*) FROM coordination_stagnationsignal s
         WHERE s.case_id = p.id AND s.status = 'open') AS open_signals
  FROM page p JOIN families_family f ON f.id = p.family_id
 ORDER BY p.level DESC, p.opened_on, p.id"""  # noqa: S608 - constant text

ACTIVE_COORDINATORS = """
SELECT k.case_id, k.uuid, k.role, k.started_at, k.ended_at,
       p.uuid AS professional_uuid, p.first_name || ' ' || p.last_name AS professional_name
  FROM coordination_casecoordinator k JOIN network_professional p ON p.id = k.professional_id
 WHERE k.ended_at IS NULL AND k.case_id IN ({ids})
 ORDER BY k.role"""


def _case_page(conn, vendor: str, target: Target, now: datetime, limit: int, offset: int = 0):
    """The actor's open cases, highest level first, with the figures per case; and the total."""
    rows = dicts(
        query(conn, vendor, CASE_PAGE, [*visible_params(target, now), limit, offset, target.today])
    )
    total = rows[0]["total"] if rows else 0
    ids = [r["id"] for r in rows]
    coordinators = defaultdict(list)
    if ids:
        cursor = query(conn, vendor, ACTIVE_COORDINATORS.format(ids=marks(ids)), ids)
        for row in dicts(cursor):
            coordinators[row.pop("case_id")].append(
                {
                    "uuid": row["uuid"],
                    "role": row["role"],
                    "professional": {
                        "uuid": row["professional_uuid"],
                        "name": row["professional_name"],
                    },
                    "started_at": row["started_at"],
                    "ended_at": row["ended_at"],
                }
            )
    cases = []
    for r in rows:
        deadlines = [d for d in (r["next_agreement_due"], r["next_meeting_deadline"]) if d]
        cases.append(
            {
                "uuid": r["uuid"],
                "family": r["family"],
                "family_name": r["family_name"],
                "status": r["status"],
                "level": r["level"],
                "suggested_level": r["suggested_level"],
                "level_pending": r["level"] < 4
                and not r["suggestion_handled"]
                and r["suggested_level"] != r["level"],
                "coordinators": coordinators[r["id"]],
                "next_deadline": min(deadlines) if deadlines else None,
                "overdue_agreements": r["overdue_agreements"],
                "open_signals": r["open_signals"],
                "opened_on": r["opened_on"],
            }
        )
    return cases, total


def case_list_api_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /api/v1/casussen/: the first page of 100 cases with their figures, one audit entry."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.user_id)
    if not actor.works_with_clients:
        return refuse_non_client(conn, vendor, actor, "coordination.Case")
    cases, total = _case_page(conn, vendor, target, now, API_PAGE)
    body = to_json({"count": total, "page": 1, "results": cases})
    fields = audit_fields(
        actor,
        action="search",
        object_type="coordination.Case",
        basis="involvement",
        channel="api",
        reason=f"mijn casussen; {len(cases)} van {total} getoond",
    )
    log_look(conn, vendor, fields, [("family", c["family"]) for c in cases])
    return body


# The dashboard's side blocks in one statement, so the need-to-know set is found once: each
# block picks its rows' ids first (sorted and cut on the indexed columns), then the shown
# columns are joined to those few rows only. The meetings to convene are gathered before they
# are sorted: walking PostgreSQL's (status, deadline) index instead re-scans the visible set
# for every meeting.
DASHBOARD_BLOCKS = f"""
WITH {VISIBLE_CASES},
events AS (
    SELECT e.id, ROW_NUMBER() OVER (ORDER BY e.occurred_at DESC, e.id DESC) AS pos
      FROM coordination_caseevent e
     WHERE e.case_id IN (SELECT id FROM visible)
     ORDER BY e.occurred_at DESC, e.id DESC LIMIT 15),
to_convene AS MATERIALIZED (
    SELECT m.id, m.deadline FROM coordination_meeting m
     WHERE m.case_id IN (SELECT id FROM visible) AND m.status = 'te_plannen'
       AND (m.convener_id = ?
            OR (m.convener_id IS NULL AND EXISTS (
                SELECT 1 FROM coordination_casecoordinator k
                 WHERE k.case_id = m.case_id AND k.professional_id = ? AND k.ended_at IS NULL)))),
tasks AS (
    SELECT id, ROW_NUMBER() OVER (ORDER BY deadline, id) AS pos FROM to_convene
     ORDER BY deadline, id LIMIT 20),
agreements AS (
    SELECT a.id, ROW_NUMBER() OVER (ORDER BY a.due_on, a.id) AS pos
      FROM coordination_agreement a
     WHERE a.case_id IN (SELECT id FROM visible)
       AND a.responsible_professional_id = ? AND a.status = 'open'
     ORDER BY a.due_on, a.id LIMIT 20),
signals AS (
    SELECT s.id, ROW_NUMBER() OVER (ORDER BY s.raised_on DESC, s.id DESC) AS pos
      FROM coordination_stagnationsignal s
     WHERE s.case_id IN (SELECT id FROM visible) AND s.status = 'open'
     ORDER BY s.raised_on DESC, s.id DESC LIMIT 20)
SELECT 'events' AS block, x.pos, e.uuid, CAST(e.occurred_at AS TEXT) AS at, e.summary AS label,
       p.first_name || ' ' || p.last_name AS extra, c.uuid AS case_uuid, f.uuid AS family,
       f.name AS family_name
  FROM events x JOIN coordination_caseevent e ON e.id = x.id
  JOIN coordination_case c ON c.id = e.case_id JOIN families_family f ON f.id = c.family_id
  LEFT JOIN network_professional p ON p.id = e.actor_id
UNION ALL
SELECT 'tasks', x.pos, m.uuid, CAST(m.deadline AS TEXT), m.kind, NULL, c.uuid, f.uuid, f.name
  FROM tasks x JOIN coordination_meeting m ON m.id = x.id
  JOIN coordination_case c ON c.id = m.case_id JOIN families_family f ON f.id = c.family_id
UNION ALL
SELECT 'my_agreements', x.pos, a.uuid, CAST(a.due_on AS TEXT), a.what, a.status, c.uuid,
       f.uuid, f.name
  FROM agreements x JOIN coordination_agreement a ON a.id = x.id
  JOIN coordination_case c ON c.id = a.case_id JOIN families_family f ON f.id = c.family_id
UNION ALL
SELECT 'signals', x.pos, s.uuid, CAST(s.raised_on AS TEXT), s.kind, NULL, c.uuid, f.uuid, f.name
  FROM signals x JOIN coordination_stagnationsignal s ON s.id = x.id
  JOIN coordination_case c ON c.id = s.case_id JOIN families_family f ON f.id = c.family_id
ORDER BY 1, 2"""  # noqa: S608

# Matches of the last 60 days where one of the two involvements is mine; shows the other one.
DASHBOARD_MATCHES = """
SELECT x.uuid, x.created_at, pe.uuid AS person, pe.given_name,
       o.first_name || ' ' || o.last_name AS other_name, og.name AS other_organisation,
       o.email AS other_email, o.phone AS other_phone
  FROM coordination_involvementmatch x
  JOIN families_involvement ni ON ni.id = x.new_involvement_id
  JOIN families_involvement ei ON ei.id = x.existing_involvement_id
  JOIN families_person pe ON pe.id = x.person_id
  JOIN network_professional o
    ON o.id = CASE WHEN ni.professional_id = ? THEN ei.professional_id ELSE ni.professional_id END
  JOIN network_organisation og ON og.id = o.organisation_id
 WHERE (x.new_involvement_id IN (SELECT id FROM families_involvement WHERE professional_id = ?)
        OR x.existing_involvement_id IN (SELECT id FROM families_involvement
                                          WHERE professional_id = ?))
   AND x.created_at >= ?
 ORDER BY x.created_at DESC, x.id DESC
 LIMIT 20"""


def dashboard_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /casussen/: 50 cases with figures; events, tasks, my agreements, matches, signals."""
    ensure_scratch(conn, vendor)
    now = datetime.now(UTC)
    actor = actor_of(conn, vendor, target.user_id)
    if not actor.works_with_clients:
        return refuse_non_client(conn, vendor, actor, "coordination.Case")
    cases, total = _case_page(conn, vendor, target, now, DASHBOARD_PAGE)
    me = target.professional_id
    blocks = {"events": [], "tasks": [], "my_agreements": [], "signals": []}
    for row in dicts(
        query(conn, vendor, DASHBOARD_BLOCKS, [*visible_params(target, now), me, me, me])
    ):
        blocks[row.pop("block")].append(row)
    for a in blocks["my_agreements"]:  # the shown status: open, or te laat after the date
        due_on = as_date(a["at"][:10])
        if rules.agreement_is_overdue(status=a["extra"], due_on=due_on, today=target.today):
            a["extra"] = "te_laat"
    matches = dicts(query(conn, vendor, DASHBOARD_MATCHES, [me, me, me, now - timedelta(days=60)]))
    body = to_json({"cases": cases, "total": total, **blocks, "matches": matches})
    families = {row["family"] for block in (cases, *blocks.values()) for row in block}
    subjects = [("family", f) for f in families] + [("person", m["person"]) for m in matches]
    fields = audit_fields(
        actor,
        action="search",
        object_type="coordination.Case",
        basis="involvement",
        reason=f"mijn casussen; {len(cases)} van {total} getoond, met gebeurtenissen, taken, "
        "afspraken, matches en signalen",
    )
    log_look(conn, vendor, fields, subjects)
    return body
