"""Members found by the words of their name within a province or district (unions/name_search.py).

Built CONCURRENTLY: at national size the index takes about a minute to build and must not lock the member
table meanwhile. PostgreSQL only: SQLite, the embedded default, searches the text.
"""

from django.db import migrations

# The same text as unions.name_search.VECTOR with unqualified columns (steps of 4 characters: a province
# is the first 8, a district the first 12): the planner uses the index only for the very same expression.
VECTOR = (
    "to_tsvector('simple'::regconfig, search_name || ' o' || substr(org_path, 1, 8) || ' o' || substr(org_path, 1, 12))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS member_name_words ON unions_member USING gin ({VECTOR})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS member_name_words")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("unions", "0007_parent_change")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
