"""`field__in_id_list=id_list(ids)`: the field is one of a set of ids passed as one parameter.

A page that asks several questions about the same set of rows (the dashboard's cases: newest
events, meetings to plan, my agreements, open signals) wrote the set as a subquery into each,
so the database worked out which cases the professional may see once per block: five times a
page. Read once, the ids go to each block as one text parameter, whatever their number, so the
block is still compiled once per process (`core.prepared`, which swaps a text argument). An
`IN (%s, %s, …)` would be a statement per number of ids.

On PostgreSQL the text becomes a set of rows (`IN (SELECT unnest(…))`), which the planner joins
as a hashed set. `= ANY(string_to_array(…))` was faster with the ids written into the plan, but
a prepared statement's generic plan (PostgreSQL's after five runs) then split the text again
for every row it tested: 370 ms for the busiest professional's 7 600 open agreements at metro
scale, against 3 ms as a set. On SQLite the text is a JSON array read by `json_each`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Field, Lookup
from django.db.models.fields.related import ForeignObject


def id_list(ids: Iterable[int]) -> str:
    """The text `in_id_list` takes: the ids, comma-separated ("" for none)."""
    return ",".join(str(int(i)) for i in ids)


class InIdList(Lookup):
    lookup_name = "in_id_list"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        if not isinstance(value, str):
            raise TypeError("in_id_list takes the text of id_list(ids)")
        return "%s", [value]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # The column and a placeholder: the ids are the one parameter.
        if connection.vendor == "postgresql":
            sql = f"{lhs} IN (SELECT unnest(string_to_array({rhs}, ',')::bigint[]))"
        else:
            sql = f"{lhs} IN (SELECT value FROM json_each('[' || {rhs} || ']'))"  # noqa: S608
        return sql, [*lhs_params, *rhs_params]


Field.register_lookup(InIdList)
ForeignObject.register_lookup(InIdList)
