"""Need-to-know, as the product decides it, written as plain id sets.

The filter is the real one (active involvements, unexpired emergency grants, active
coordinatorships), found through a `UNION` of id sets so each database can use its indexes.
A refusal is logged like the app logs it: a look costs its audit entry either way.
"""

from __future__ import annotations

from datetime import datetime

from .audit import Actor, audit_fields, log_look
from .dialect import one, query, to_json
from .target import Target

# The open cases the actor may see: involved with the family, an unexpired emergency grant for
# it, or coordinating the case. Plain id sets in a UNION, each found through its own index.
VISIBLE_CASES = """visible (id) AS (
    SELECT c.id FROM families_involvement i
      JOIN coordination_case c ON c.family_id = i.family_id AND c.status = 'open'
     WHERE i.professional_id = ? AND (i.ended_on IS NULL OR i.ended_on >= ?)
    UNION
    SELECT c.id FROM access_emergencyaccess e
      JOIN coordination_case c ON c.family_id = e.family_id AND c.status = 'open'
     WHERE e.user_id = ? AND e.expires_at > ?
    UNION
    SELECT k.case_id FROM coordination_casecoordinator k
      JOIN coordination_case c ON c.id = k.case_id AND c.status = 'open'
     WHERE k.professional_id = ? AND k.ended_at IS NULL)"""

VISIBLE_FAMILIES = """visible (id) AS (
    SELECT i.family_id FROM families_involvement i
     WHERE i.professional_id = ? AND (i.ended_on IS NULL OR i.ended_on >= ?)
    UNION
    SELECT e.family_id FROM access_emergencyaccess e WHERE e.user_id = ? AND e.expires_at > ?)"""


def visible_params(target: Target, now: datetime) -> list:
    return [target.professional_id, target.today, target.user_id, now, target.professional_id]


CASE_WITH_ACCESS = """
SELECT c.id, c.uuid, c.family_id, f.uuid AS family, f.name AS family_name, c.status, c.level,
       c.suggested_level, c.suggested_rule, c.suggestion_handled, c.level_changed_at, c.reason,
       c.opened_on, c.closed_on, c.crisis_started_at, c.crisis_reason,
       ob.first_name || ' ' || ob.last_name AS opened_by,
       EXISTS (SELECT 1 FROM families_involvement i
                WHERE i.family_id = c.family_id AND i.professional_id = ?
                  AND (i.ended_on IS NULL OR i.ended_on >= ?)) AS involved,
       EXISTS (SELECT 1 FROM access_emergencyaccess e
                WHERE e.family_id = c.family_id AND e.user_id = ?
                  AND e.expires_at > ?) AS emergency,
       EXISTS (SELECT 1 FROM coordination_casecoordinator k
                WHERE k.case_id = c.id AND k.professional_id = ?
                  AND k.ended_at IS NULL) AS coordinating
  FROM coordination_case c
  JOIN families_family f ON f.id = c.family_id
  JOIN network_professional ob ON ob.id = c.opened_by_id
 WHERE c.uuid = ?"""


def case_access(conn, vendor: str, actor: Actor, target: Target, now: datetime, case_uuid):
    """The case with its family, and on which basis the actor may see it (None: refused)."""
    case = one(
        query(
            conn,
            vendor,
            CASE_WITH_ACCESS,
            [
                actor.professional_id,
                target.today,
                actor.user_id,
                now,
                actor.professional_id,
                case_uuid,
            ],
        )
    )
    if case is None:
        raise LookupError("Deze casus bestaat niet.")
    if not actor.works_with_clients:
        return case, None
    if case["involved"]:
        return case, "involvement"
    if case["emergency"]:
        return case, "break_the_glass"
    return case, "role" if case["coordinating"] else None


def refuse_non_client(conn, vendor: str, actor: Actor, object_type: str) -> bytes:
    fields = audit_fields(
        actor,
        action="search",
        outcome="denied",
        object_type=object_type,
        reason="rol werkt niet met gezinsgegevens",
    )
    log_look(conn, vendor, fields, ())
    return to_json({"detail": "Uw rol werkt niet met gezinsgegevens."})
