"""Two indexes of the access log that nothing reads, dropped: every logged look paid their upkeep.

- `user_id_snapshot`'s own index: the one lookup by holder (how often a break of the glass was
  used, `privacy.selectors`) uses the composite `audit_user_basis_at`, which leads with it.
- On PostgreSQL, `entry_hash`'s `varchar_pattern_ops` twin, which Django makes for a unique
  text column so that `LIKE 'abc%'` can use an index: the hash is never searched by a prefix
  (the chain is verified in id order). Its unique constraint stays.

Dropped by name (the names Django gave them), not by altering the field: SQLite alters a column
by rebuilding the table, which would copy the whole log and lose its append-only triggers.
"""

from django.db import migrations, models

TABLE = "audit_auditentry"


def _names(schema_editor) -> list[str]:
    names = [schema_editor._create_index_name(TABLE, ["user_id_snapshot"])]
    if schema_editor.connection.vendor == "postgresql":
        names.append(schema_editor._create_index_name(TABLE, ["entry_hash"], suffix="_like"))
    return names


def drop_unread_indexes(apps, schema_editor):
    for name in _names(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def restore_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    user_index, *like = _names(schema_editor)
    schema_editor.execute(f"CREATE INDEX {quote(user_index)} ON {quote(TABLE)} (user_id_snapshot)")
    for name in like:
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(TABLE)} (entry_hash varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_basis_referral")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="user_id_snapshot",
                    field=models.BigIntegerField(null=True),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_unread_indexes, restore_indexes),
            ],
        ),
    ]
