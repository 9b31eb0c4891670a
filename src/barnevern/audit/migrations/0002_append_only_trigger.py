"""On PostgreSQL, refuse UPDATE and DELETE of audit rows in the database itself.

TRUNCATE (used by ``flush`` and ``barnevern demo --reset``) is not a row operation and
stays possible for an operator with database rights. SQLite, the embedded demo database,
relies on the model-level protection only.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION barnevern_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditentry_append_only
  BEFORE UPDATE OR DELETE ON audit_auditentry
  FOR EACH ROW EXECUTE FUNCTION barnevern_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS barnevern_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
