from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketenzorg.core"
    label = "core"
    verbose_name = "Kern"
