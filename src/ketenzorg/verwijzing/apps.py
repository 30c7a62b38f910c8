from django.apps import AppConfig


class VerwijzingConfig(AppConfig):
    name = "ketenzorg.verwijzing"
    label = "verwijzing"
    verbose_name = "Verwijzen naar aanvullende jeugdhulp"
