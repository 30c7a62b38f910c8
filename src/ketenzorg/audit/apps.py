from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ketenzorg.audit"
    label = "audit"
    verbose_name = "Toegangslog (NEN 7513)"
