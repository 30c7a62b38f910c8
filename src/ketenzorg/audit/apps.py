from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ketenzorg.audit"
    label = "audit"
    verbose_name = "Toegangslog (NEN 7513)"

    def ready(self):
        # A malformed KETENZORG_AUDIT_KEYS stops the process at start, not at its first request.
        from ketenzorg.audit import keys

        keys.keyring()
