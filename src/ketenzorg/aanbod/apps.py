from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AanbodConfig(AppConfig):
    name = "ketenzorg.aanbod"
    label = "aanbod"
    verbose_name = "Aanbod op maat"

    def ready(self):
        from ketenzorg.aanbod.search import engine

        # SQLite rebuilds a table for many schema changes and drops its triggers with it; the
        # full-text index is checked (and rebuilt if needed) after every migrate.
        post_migrate.connect(engine.post_migrate_check, sender=self)
