from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "ketenzorg.families"
    label = "families"
    verbose_name = "Gezinnen"
