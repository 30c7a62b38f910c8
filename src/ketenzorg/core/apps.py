from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketenzorg.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self):
        from django.db.backends.signals import connection_created

        # Connects the retry receiver in every process, also in a worker whose first task
        # row names a module that was never imported there yet (core.queue, decision 0016).
        from ketenzorg.core import lookups, queue  # noqa: F401
        from ketenzorg.core.db_connections import keep_prepared_statements, utc_timestamps_in_c

        connection_created.connect(keep_prepared_statements, dispatch_uid="keep-prepared")
        connection_created.connect(utc_timestamps_in_c, dispatch_uid="utc-timestamps-in-c")
