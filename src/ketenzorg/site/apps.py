from django.apps import AppConfig


class SiteConfig(AppConfig):
    # An app for its management commands (backup, restore), which read every app's tables, and
    # for what ties apps together that may not know each other: the worker's round (in
    # coordination) removing the ended sessions (in accounts, below it).
    name = "ketenzorg.site"
    label = "ketenzorg_site"
    verbose_name = "ketenzorg (site)"

    def ready(self):
        from ketenzorg.accounts.sessions import remove_ended_sessions
        from ketenzorg.coordination.rounds import round_finished

        round_finished.connect(remove_ended_sessions, dispatch_uid="accounts.ended_sessions")
