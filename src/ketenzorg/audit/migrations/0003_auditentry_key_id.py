from django.db import migrations, models

from ketenzorg.audit import triggers


def create_triggers(apps, schema_editor):
    # SQLite adds a NOT NULL column by rebuilding the table, which loses its triggers.
    triggers.create(schema_editor.connection)


class Migration(migrations.Migration):
    """Existing entries get key id "": their plain SHA-256 still verifies (docs/audit.md)."""

    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.RunPython(create_triggers, migrations.RunPython.noop),
    ]
