"""The gebiedsknooppunt's inbox (GET /verwijzingen/gebiedsknooppunt/, `verwijzing:inbox`) and the
provider's list (GET /verwijzingen/aanbieder/, `verwijzing:provider_list`).

The inbox: the AJH-verbinder's stadsdelen (those of the organisation, the team and the areas,
a gebied counting for its stadsdeel, as `access.gkp.stadsdeel_ids_of` finds them), then one
count query for the columns and, per column of `verwijzing.INBOX_COLUMNS`, its referrals
newest sent first (at most `LIST_LIMIT`) with what a row shows: the child, the family, the
stadsdeel, the voorziening (category, volume, period), the matched provider and programme.

The provider's list: the counts per group of `selectors.PROVIDER_GROUPS` for the staff member's
own organisation and the rows of the default group ("nieuw": forwarded, waiting for the
provider), with the same columns and, per row, the documents asked for and released (one
query for the rows' document requests).

Both log one look: a READ of `verwijzing.Referral` on the basis "role" with every family on the
list and its members as subjects, as `verwijzing.selectors._log_list` does. The columns and the
groups are copies of `verwijzing.INBOX_COLUMNS` and `verwijzing.selectors.PROVIDER_GROUPS`
(both modules import Django, which the floors run without); the self-check compares them.
"""

from __future__ import annotations

from .audit import actor_of, audit_fields, log_look
from .connection import ensure_scratch
from .dialect import dicts, marks, query, to_json
from .target import Target

LIST_LIMIT = 200  # verwijzing.selectors.LIST_LIMIT
INBOX_COLUMNS = {
    "nieuw": ("verzonden",),
    "matching": ("matching", "gematcht"),
    "wacht_op_aanbieder": ("doorgestuurd",),
    "geplaatst": ("geaccepteerd", "contact", "in_zorg"),
}
PROVIDER_GROUPS = {
    "nieuw": ("doorgestuurd",),
    "lopend": ("geaccepteerd", "contact", "in_zorg"),
    "afgerond": ("beeindigd",),
}
PROVIDER_GROUP = "nieuw"  # the list's default group: what the page shows when opened

# The districts the professional works in (organisation, team, areas) and their parents: a
# stadsdeel is its own, a gebied counts for its stadsdeel (city, stadsdeel, gebied: two levels).
_MINE = """
SELECT o.district_id FROM network_professional p
  JOIN network_organisation o ON o.id = p.organisation_id WHERE p.id = ?
UNION SELECT t.district_id FROM network_professional p
  JOIN network_team t ON t.id = p.team_id WHERE p.id = ?
UNION SELECT district_id FROM network_professional_areas WHERE professional_id = ?"""
STADSDELEN = f"""
SELECT s.id FROM network_district s
 WHERE s.kind = 'stadsdeel'
   AND (s.id IN ({_MINE}) OR s.id IN (SELECT parent_id FROM network_district WHERE id IN ({_MINE})))
 ORDER BY s.id"""  # noqa: S608 - constant text

ROWS = """
SELECT r.id, r.uuid, r.status, r.sent_at, r.version, r.request_kind,
       ch.uuid AS child, ch.given_name || ' ' || ch.family_name AS child_name, ch.birthdate,
       f.id AS family_id, f.uuid AS family, f.name AS family_name,
       s.uuid AS stadsdeel, s.name AS stadsdeel_name,
       v.ijw_category, v.volume, v.unit, v.frequency, v.starts_on, v.ends_on,
       o.uuid AS provider, o.name AS provider_name, pg.uuid AS programme, pg.name AS programme_name
  FROM verwijzing_referral r
  JOIN coordination_case c ON c.id = r.case_id
  JOIN families_family f ON f.id = c.family_id
  JOIN families_person ch ON ch.id = r.child_id
  JOIN network_district s ON s.id = r.stadsdeel_id
  JOIN verwijzing_voorziening v ON v.id = r.voorziening_id
  LEFT JOIN network_organisation o ON o.id = r.provider_id
  LEFT JOIN aanbod_programme pg ON pg.id = r.matched_programme_id
 WHERE {where} AND r.status IN ({states})
 ORDER BY r.sent_at DESC, r.id DESC LIMIT {limit}"""

COUNTS = """
SELECT r.status, COUNT(*) FROM verwijzing_referral r
 WHERE {where} AND r.status IN ({states}) GROUP BY r.status"""

PERSONS = "SELECT uuid FROM families_person WHERE family_id IN ({ids})"

# What the provider's list says beside each referral: the documents asked for and released.
REQUESTS = """
SELECT referral_id, kind, requested_at, fulfilled_at FROM verwijzing_documentrequest
 WHERE referral_id IN ({ids}) ORDER BY requested_at, id"""


def _rows(conn, vendor: str, where: str, params: list, states) -> list[dict]:
    sql = ROWS.format(where=where, states=marks(states), limit=LIST_LIMIT)
    return dicts(query(conn, vendor, sql, [*params, *states]))


def _documents(conn, vendor: str, rows: list[dict]) -> None:
    """Each row's documents: those still asked for (kind: when) and those released."""
    by_id = {}
    for r in rows:
        r["documents"] = {"requested": {}, "released": []}
        by_id[r["id"]] = r["documents"]
    if not by_id:
        return
    ids = list(by_id)
    for referral_id, kind, requested_at, fulfilled_at in query(
        conn, vendor, REQUESTS.format(ids=marks(ids)), ids
    ).fetchall():
        if fulfilled_at is None:
            by_id[referral_id]["requested"][kind] = requested_at
        else:
            by_id[referral_id]["released"].append(kind)


def _counts(conn, vendor: str, where: str, params: list, groups: dict) -> dict[str, int]:
    states = [s for group in groups.values() for s in group]
    sql = COUNTS.format(where=where, states=marks(states))
    by_state = dict(query(conn, vendor, sql, [*params, *states]).fetchall())
    return {name: sum(by_state.get(s, 0) for s in group) for name, group in groups.items()}


def _log_list(conn, vendor: str, actor, rows: list[dict], reason: str) -> None:
    families = sorted({r.pop("family_id") for r in rows})
    persons = []
    if families:
        sql = PERSONS.format(ids=marks(families))
        persons = [r[0] for r in query(conn, vendor, sql, families).fetchall()]
    family_uuids = list(dict.fromkeys(r["family"] for r in rows))
    fields = audit_fields(
        actor, action="read", object_type="verwijzing.Referral", basis="role", reason=reason
    )
    subjects = [("family", f) for f in family_uuids] + [("person", p) for p in persons]
    log_look(conn, vendor, fields, subjects)


def _refused(conn, vendor: str, actor, reason: str, message: str) -> bytes:
    fields = audit_fields(
        actor,
        action="read",
        outcome="denied",
        object_type="verwijzing.Referral",
        reason=reason,
    )
    log_look(conn, vendor, fields, [])
    return to_json({"detail": message})


def referral_inbox_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /verwijzingen/gebiedsknooppunt/: the verbinder's columns with their counts."""
    ensure_scratch(conn, vendor)
    actor = actor_of(conn, vendor, target.verbinder_user_id)
    if "ajh_verbinder" not in actor.roles.split(","):
        return _refused(
            conn, vendor, actor, "geen AJH-verbinder",
            "Alleen AJH-verbinders werken met de verwijzingen van een stadsdeel.",
        )  # fmt: skip
    me = actor.professional_id
    stadsdelen = [r[0] for r in query(conn, vendor, STADSDELEN, [me] * 6).fetchall()]
    body: dict = {"stadsdelen": stadsdelen, "columns": {}, "counts": {}}
    shown: list[dict] = []
    if stadsdelen:
        where = f"r.stadsdeel_id IN ({marks(stadsdelen)})"
        body["counts"] = _counts(conn, vendor, where, stadsdelen, INBOX_COLUMNS)
        for column, states in INBOX_COLUMNS.items():
            rows = _rows(conn, vendor, where, stadsdelen, states)
            body["columns"][column] = rows
            shown += rows
    else:
        body["counts"] = {column: 0 for column in INBOX_COLUMNS}
        body["columns"] = {column: [] for column in INBOX_COLUMNS}
    _log_list(conn, vendor, actor, shown, "inbox gebiedsknooppunt")
    return to_json(body)


def referral_provider_list_floor(conn, vendor: str, target: Target) -> bytes:
    """GET /verwijzingen/aanbieder/: the counts per group and the default group's rows."""
    ensure_scratch(conn, vendor)
    actor = actor_of(conn, vendor, target.provider_user_id)
    if "aanbieder" not in actor.roles.split(","):
        return _refused(
            conn, vendor, actor, "geen medewerker van een jeugdhulpaanbieder",
            "Alleen medewerkers van een jeugdhulpaanbieder zien deze lijst.",
        )  # fmt: skip
    where, params = "r.provider_id = ?", [actor.organisation_id]
    counts = _counts(conn, vendor, where, params, PROVIDER_GROUPS)
    rows = _rows(conn, vendor, where, params, PROVIDER_GROUPS[PROVIDER_GROUP])
    _documents(conn, vendor, rows)
    body = {"group": PROVIDER_GROUP, "counts": counts, "rows": rows}
    _log_list(conn, vendor, actor, rows, f"verwijzingen aanbieder: {PROVIDER_GROUP}")
    return to_json(body)


# --- the targets: who looks -------------------------------------------------------------------

# The AJH-verbinder whose gebiedsknooppunt (its organisation's stadsdeel) has the most referrals
# (the fewest, for the quiet one), with an account.
VERBINDERS = """
SELECT p.user_id, COUNT(r.id) AS n FROM network_professional p
  JOIN network_roleassignment ra ON ra.professional_id = p.id AND ra.role = 'ajh_verbinder'
  JOIN network_organisation o ON o.id = p.organisation_id
  JOIN verwijzing_referral r ON r.stadsdeel_id = o.district_id AND r.status <> 'concept'
 WHERE p.is_active AND p.user_id IS NOT NULL
 GROUP BY p.id, p.user_id ORDER BY COUNT(r.id) {order}, p.id LIMIT 1"""

# A staff member (aanbieder role, with an account) of the provider with the most referrals in
# the list's default group (the fewest, but at least one, for the quiet one): the page shows
# rows for both, so comparing their queries compares lists of different lengths, not a list
# with an empty one (whose families and persons Django does not need to read).
PROVIDERS = f"""
SELECT p.user_id, n FROM (
  SELECT provider_id, COUNT(*) AS n FROM verwijzing_referral
   WHERE provider_id IS NOT NULL AND status IN ({", ".join(f"'{s}'" for s in PROVIDER_GROUPS[PROVIDER_GROUP])})
   GROUP BY provider_id) x
  JOIN network_professional p ON p.organisation_id = x.provider_id
  JOIN network_roleassignment ra ON ra.professional_id = p.id AND ra.role = 'aanbieder'
 WHERE p.is_active AND p.user_id IS NOT NULL
 ORDER BY n {{order}}, x.provider_id, p.id LIMIT 1"""  # noqa: S608 - constant text


def verwijzing_targets(conn, vendor: str, *, busiest: bool = True) -> dict:
    """The verbinder and the provider's staff member whose lists the floors and pages show."""
    order = "DESC" if busiest else "ASC"
    verbinder = query(conn, vendor, VERBINDERS.format(order=order)).fetchone()
    provider = query(conn, vendor, PROVIDERS.format(order=order)).fetchone()
    if verbinder is None or provider is None:
        raise LookupError("no referrals at a gebiedsknooppunt or a provider: seed a city first")
    return {
        "verbinder_user_id": verbinder[0],
        "verbinder_referrals": verbinder[1],
        "provider_user_id": provider[0],
        "provider_referrals": provider[1],
    }


FLOORS = {
    "referral_inbox": referral_inbox_floor,
    "referral_provider_list": referral_provider_list_floor,
}
