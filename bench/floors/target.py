"""What a floor looks at: the professional, their case, a family-search term, the privacy officer,
the werkproces and the meedenker, the gebied a parent searches the catalogue in, the
AJH-verbinder and the provider's staff member with the most referrals, the manager who opens the
signal function's dashboard.

The harness fills a `Target` in from the seeded database; `pick_target` finds one by hand
(the busiest professional, their case with the most to show) for the self-check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from .dialect import query


@dataclass(frozen=True)
class Target:
    """Who looks at what; filled in by the harness from the seeded database (or `pick_target`)."""

    professional_id: int  # network_professional.id of the busiest involved professional
    user_id: int  # their accounts user id
    case_id: int  # an open case (level >= 3 preferably) this professional may see
    surname: str  # a family-search term that matches families this professional may see
    today: date
    privacy_user_id: int = 0  # the privacy officer's accounts user id (break-the-glass overview)
    werkproces_user_id: int = 0  # the OKT professional of the werkproces below (accounts user id)
    werkproces_case_id: int = 0  # a case with a werkproces with a long history and consultations
    meedenker_user_id: int = 0  # a meedenker with many running consultations (accounts user id)
    aanbod_gebied_id: int = 0  # the gebied a parent searches the catalogue in (network_district.id)
    verbinder_user_id: int = 0  # the AJH-verbinder with the most referrals in their inbox
    provider_user_id: int = 0  # a staff member of the provider with the most referrals
    manager_user_id: int = 0  # the manager who opens the signal function's dashboard


_UUIDS: dict[tuple[int, str, int], object] = {}


def uuid_of(conn, vendor: str, table: str, pk: int):
    """The uuid the request carries in its address (resolved once, outside the measured work)."""
    key = (id(conn), table, pk)
    if key not in _UUIDS:
        sql = f"SELECT uuid FROM {table} WHERE id = ?"  # noqa: S608 - a constant name
        _UUIDS[key] = query(conn, vendor, sql, [pk]).fetchone()[0]
    return _UUIDS[key]


# --- picking a target -------------------------------------------------------------------------

BUSIEST_INVOLVED = """
SELECT p.id, p.user_id FROM families_involvement i
  JOIN network_professional p ON p.id = i.professional_id
 WHERE (i.ended_on IS NULL OR i.ended_on >= ?) AND p.is_active AND p.user_id IS NOT NULL
 GROUP BY p.id, p.user_id ORDER BY COUNT(DISTINCT i.family_id) DESC, p.id LIMIT 1"""

BUSIEST_COORDINATOR = """
SELECT p.id, p.user_id FROM coordination_casecoordinator k
  JOIN network_professional p ON p.id = k.professional_id
 WHERE k.ended_at IS NULL AND p.is_active AND p.user_id IS NOT NULL
 GROUP BY p.id, p.user_id ORDER BY COUNT(*) DESC, p.id LIMIT 1"""

# Their open case with the most to show: level 3 or higher first, then the most agreements.
TARGET_CASE = """
SELECT c.id FROM coordination_case c
 WHERE c.status = 'open'
   AND (c.family_id IN (SELECT family_id FROM families_involvement
                         WHERE professional_id = ? AND (ended_on IS NULL OR ended_on >= ?))
        OR c.id IN (SELECT case_id FROM coordination_casecoordinator
                     WHERE professional_id = ? AND ended_at IS NULL))
 ORDER BY CASE WHEN c.level >= 3 THEN 0 ELSE 1 END,
          (SELECT COUNT(*) FROM coordination_agreement a WHERE a.case_id = c.id) DESC, c.id
 LIMIT 1"""

# The surname most common among the members of the families they are involved with.
TARGET_SURNAME = """
SELECT pe.family_name FROM families_person pe
 WHERE pe.family_id IN (SELECT family_id FROM families_involvement
                         WHERE professional_id = ? AND (ended_on IS NULL OR ended_on >= ?))
 GROUP BY pe.family_name ORDER BY COUNT(DISTINCT pe.family_id) DESC, pe.family_name LIMIT 1"""


# The first active professional with an account in a role: every seeded city has a privacy
# officer (`ketenzorg.synthetic.seed.network`) and four organisations a manager each.
FIRST_WITH_ROLE = """
SELECT p.user_id FROM network_roleassignment r
  JOIN network_professional p ON p.id = r.professional_id
 WHERE r.role = ? AND p.is_active AND p.user_id IS NOT NULL
 ORDER BY p.id LIMIT 1"""


def first_user_with_role(conn, vendor: str, role: str) -> int:
    row = query(conn, vendor, FIRST_WITH_ROLE, [role]).fetchone()
    if row is None:
        raise LookupError(f"no {role} with an account: seed a city first (`ketenzorg seed`)")
    return row[0]


def privacy_officer(conn, vendor: str) -> int:
    return first_user_with_role(conn, vendor, "privacy")


def manager_user(conn, vendor: str) -> int:
    """The manager who opens the signal function's dashboard."""
    return first_user_with_role(conn, vendor, "manager")


# The werkproces with the longest history (then the most consultations), and who works it.
BIGGEST_WERKPROCES = """
SELECT w.case_id, p.user_id FROM werkproces_werkproces w
  JOIN coordination_case c ON c.id = w.case_id AND c.status = 'open'
  JOIN network_professional p ON p.id = w.started_by_id
 WHERE p.is_active AND p.user_id IS NOT NULL
 ORDER BY w.version DESC,
          (SELECT COUNT(*) FROM werkproces_consultation k WHERE k.werkproces_id = w.id) DESC, w.id
 LIMIT 1"""

# The meedenker with the most running consultations (period plus grace).
BUSIEST_MEEDENKER = """
SELECT p.user_id FROM werkproces_consultation k
  JOIN network_professional p ON p.id = k.meedenker_id
 WHERE k.access_until > ? AND p.is_active AND p.user_id IS NOT NULL
 GROUP BY p.id, p.user_id ORDER BY COUNT(*) DESC, p.id LIMIT 1"""


# The gebied served by the most published programmes of its own: where a parent searches.
AANBOD_GEBIED = """
SELECT pd.district_id FROM aanbod_programme_districts pd
  JOIN network_district d ON d.id = pd.district_id AND d.kind = 'gebied'
  JOIN aanbod_programme p ON p.id = pd.programme_id AND p.status = 'gepubliceerd'
 GROUP BY pd.district_id ORDER BY COUNT(*) DESC, pd.district_id LIMIT 1"""


def aanbod_gebied(conn, vendor: str) -> int:
    row = query(conn, vendor, AANBOD_GEBIED).fetchone()
    if row is None:
        raise LookupError("no catalogue in any gebied: seed a city first (`ketenzorg seed`)")
    return row[0]


def werkproces_targets(conn, vendor: str, now) -> dict:
    """The werkproces page's case and its professional, and the busiest meedenker."""
    werkproces = query(conn, vendor, BIGGEST_WERKPROCES).fetchone()
    meedenker = query(conn, vendor, BUSIEST_MEEDENKER, [now]).fetchone()
    if werkproces is None or meedenker is None:
        raise LookupError("no werkproces or running consultation: seed a city first")
    return {
        "werkproces_case_id": werkproces[0],
        "werkproces_user_id": werkproces[1],
        "meedenker_user_id": meedenker[0],
    }


def pick_target(conn, vendor: str, today: date, *, coordinator: bool = False) -> Target:
    """The busiest involved professional (or, with `coordinator`, the one coordinating the most
    cases), their open case with the most to show, their families' most common surname, and
    the privacy officer."""
    row = query(
        conn,
        vendor,
        BUSIEST_COORDINATOR if coordinator else BUSIEST_INVOLVED,
        [] if coordinator else [today],
    ).fetchone()
    if row is None:
        raise LookupError("no professional to look with: seed the database first")
    professional_id, user_id = row
    case = query(conn, vendor, TARGET_CASE, [professional_id, today, professional_id]).fetchone()
    if case is None:
        raise LookupError("no open case: seed a city first (`ketenzorg seed --scale city`)")
    surname = query(conn, vendor, TARGET_SURNAME, [professional_id, today]).fetchone()
    return Target(
        professional_id,
        user_id,
        case[0],
        surname[0] if surname else "Jansen",
        today,
        privacy_officer(conn, vendor),
        **werkproces_targets(conn, vendor, datetime.now(UTC)),
        aanbod_gebied_id=aanbod_gebied(conn, vendor),
        **_referral_targets(conn, vendor),
        manager_user_id=manager_user(conn, vendor),
    )


def _referral_targets(conn, vendor: str) -> dict:
    from .verwijzing import verwijzing_targets  # the floor module imports this one

    found = verwijzing_targets(conn, vendor)
    return {k: found[k] for k in ("verbinder_user_id", "provider_user_id")}
