"""Bulk-load helpers: build secondary indexes once after the load instead of row by row during it."""

from contextlib import contextmanager


@contextmanager
def deferred_indexes(cursor, tables, out=print):
    """Drop the non-unique indexes of `tables`, yield, then create them again (same definitions)."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        JOIN pg_class c ON c.relname = i.indexname
        JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) AND NOT x.indisunique
    """,
        [list(tables)],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        cursor.execute(definition)
    out(f"{len(indexes)} indexes rebuilt")


@contextmanager
def deferred_triggers(cursor):
    """Skip foreign-key triggers while loading rows the generator made consistent (superuser only)."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    superuser = cursor.fetchone()[0]
    if superuser:
        cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    if superuser:
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
