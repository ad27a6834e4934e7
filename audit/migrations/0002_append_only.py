"""PostgreSQL: the audit table is append-only.

A trigger refuses UPDATE, DELETE and TRUNCATE whoever runs them (even the
owner or a superuser), and the role that runs the migrations (the app's role)
loses those privileges. The one escape is for TRUNCATE when the session sets
`audit.allow_truncate = on`: test databases are flushed between tests with one
TRUNCATE of every table. A role without the TRUNCATE privilege still cannot use it.
"""

from django.db import migrations

TABLE = "audit_auditentry"

FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('audit.allow_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_entry_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM CURRENT_USER;
"""

BACKWARD = f"""
GRANT UPDATE, DELETE, TRUNCATE ON {TABLE} TO CURRENT_USER;
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON {TABLE};
DROP TRIGGER IF EXISTS audit_entry_no_update_delete ON {TABLE};
DROP FUNCTION IF EXISTS audit_entry_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
