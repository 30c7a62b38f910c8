"""Database triggers that refuse UPDATE and DELETE on the access log.

The application never changes an entry; the triggers make sure nothing else
does either, short of someone who drops them, whom the hash chain then catches.
Tests that must empty the database between runs (browser tests) drop them too.
"""

TABLES = ("audit_auditentry", "audit_auditsubject")


def create_statements(vendor: str) -> list[str]:
    statements = []
    if vendor == "postgresql":
        statements.append(
            "CREATE OR REPLACE FUNCTION ketenzorg_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'het toegangslog is alleen-toevoegen'; END; $$ LANGUAGE plpgsql;"
        )
    for table in TABLES:
        if vendor == "sqlite":
            statements += [
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'het toegangslog is alleen-toevoegen'); END;"
                for op in ("UPDATE", "DELETE")
            ]
        elif vendor == "postgresql":
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION ketenzorg_audit_append_only();",
            ]
    return statements


def drop_statements(vendor: str) -> list[str]:
    statements = []
    for table in TABLES:
        if vendor == "sqlite":
            statements += [f"DROP TRIGGER IF EXISTS {table}_no_{op}" for op in ("update", "delete")]
        elif vendor == "postgresql":
            statements.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    return statements


def create(connection) -> None:
    with connection.cursor() as cursor:
        for statement in create_statements(connection.vendor):
            cursor.execute(statement)


def drop(connection) -> None:
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)
