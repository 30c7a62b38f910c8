"""The old API tokens (DRF's `authtoken`) were stored in plain text and never expired.

They are not carried over to `ApiKey`: a hash cannot be made honestly for a key that
anyone with a copy of the database may already have read. Their table is dropped, so
the plain-text keys leave the database, and holders make a new key on the API-sleutel
page (docs/api.md). `IF EXISTS`: a database created after the app was removed never had it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_key")]

    operations = [
        migrations.RunSQL(
            sql=[
                "DROP TABLE IF EXISTS authtoken_token",
                "DELETE FROM django_migrations WHERE app = 'authtoken'",
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
