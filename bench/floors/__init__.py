"""The physical floor of each benchmarked endpoint: bare SQL through the driver, rows to JSON.

`bench/run.py` compares every endpoint served by gunicorn with what the same work costs
when a skilled engineer writes it by hand against the database driver (stdlib `sqlite3` or
`psycopg` 3) and `json`, with no framework at all. The gap between the two is what Django,
DRF, the templates and our own layers cost; the floor itself is what the data costs.

What a floor does, and why:

* The same rows as the endpoint. The need-to-know filter is the real one (active
  involvements, unexpired emergency grants, active coordinatorships), the page size, the
  ordering and the per-case figures (level, coordinators, next deadline, overdue agreements,
  open signals) are the same. A floor is not allowed to be cheaper by showing less: the
  self-check (`python bench/floors`) compares its ids with the real selectors'.
* Written by hand, not copied from the ORM: one query per block of the screen, with
  correlated subqueries for the per-case figures and a `UNION` of plain id sets for the
  need-to-know filter, so each database can use its indexes. Only the columns shown are read.
* The product's rules, not copies of them: the working-day calendar (`core.workdays`), the
  counting rule and the other pure rules of `coordination.rules`, and the audit chain's digest
  (`audit.chain`) are imported. They are pure Python, so the floors still run without Django.
* The writes the endpoint must do. Every look appends one entry to the NEN 7513 access log,
  chained on a locked chain head and committed; the creates insert their rows, the case
  event and the audit entry in one transaction.
* Never into the real tables: writes go to scratch clones `bench_floor_*` with the real
  tables' columns, indexes and constraints, so a scratch insert costs what the real one would.
* Not included: the session and user lookup of an authenticated request (the framework floor
  covers it), rendering HTML, and delivering e-mail (the nightly floor records the
  notifications as the real pass does, but sends nothing).

One module per job: `dialect` (one SQL text for both drivers), `connection` (opening a
connection, the scratch tables), `audit` (the actor and the access-log entry),
`need_to_know`, `target` (what a floor looks at), one module per page or endpoint family
(`case_lists`, `case_page`, `family_search`, `creates`, `emergency_overview`, `werkproces`,
`aanbod_search` — the public catalogue search, which imports the product's analyzer —,
`verwijzing` — the gebiedsknooppunt's inbox and the provider's list —, `signaal` — three
pages of the signal function's dashboard: the bare GROUP BY of each figure, without the
suppression), the batch
floors (`nightly`, `seeding`) and `selfcheck` (`python bench/floors --help`).
"""

from __future__ import annotations

from collections.abc import Callable

from .aanbod_search import FLOORS as AANBOD_FLOORS
from .case_lists import case_list_api_floor, dashboard_floor
from .case_page import case_page_floor
from .connection import connect, drop_scratch, ensure_scratch
from .creates import agreement_create_floor, question_create_floor
from .dialect import POSTGRESQL, SQLITE
from .emergency_overview import emergency_overview_floor
from .family_search import family_search_floor
from .nightly import nightly_floor, reset_nightly
from .seeding import seed_floor
from .signaal import FLOORS as SIGNAAL_FLOORS
from .target import Target, aanbod_gebied, manager_user, pick_target, werkproces_targets
from .verwijzing import FLOORS as VERWIJZING_FLOORS
from .verwijzing import verwijzing_targets
from .werkproces import (
    consultation_list_api_floor,
    consultation_list_floor,
    werkproces_api_floor,
    werkproces_page_floor,
)

FLOORS: dict[str, Callable[..., bytes]] = {
    "dashboard": dashboard_floor,
    "case_page": case_page_floor,
    # The same case by API: the page's selector serialised (CaseDetailSerializer), so its floor
    # is the page's blocks as JSON.
    "case_detail_api": case_page_floor,
    "case_list_api": case_list_api_floor,
    "family_search": family_search_floor,
    "agreement_create": agreement_create_floor,
    "question_create": question_create_floor,
    "emergency_overview": emergency_overview_floor,
    "werkproces_page": werkproces_page_floor,
    "werkproces_api": werkproces_api_floor,
    "consultation_list": consultation_list_floor,
    "consultation_list_api": consultation_list_api_floor,
    **AANBOD_FLOORS,
    **VERWIJZING_FLOORS,
    **SIGNAAL_FLOORS,
}

__all__ = [
    "FLOORS",
    "POSTGRESQL",
    "SQLITE",
    "Target",
    "aanbod_gebied",
    "agreement_create_floor",
    "case_list_api_floor",
    "case_page_floor",
    "connect",
    "dashboard_floor",
    "drop_scratch",
    "emergency_overview_floor",
    "ensure_scratch",
    "manager_user",
    "family_search_floor",
    "nightly_floor",
    "pick_target",
    "question_create_floor",
    "reset_nightly",
    "seed_floor",
    "verwijzing_targets",
    "werkproces_targets",
]
