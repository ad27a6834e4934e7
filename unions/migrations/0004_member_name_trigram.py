"""Searching a name anywhere in it (LIKE '%…%') needs a trigram index once members number millions.

PostgreSQL only: SQLite, the embedded default, scans, which is fine at its size.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS member_search_name_trgm ON unions_member USING gin (search_name gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS member_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("unions", "0003_member_org_path_member_member_org_path")]

    operations = [migrations.RunPython(create, drop)]
