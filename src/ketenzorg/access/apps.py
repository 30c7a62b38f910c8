from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ketenzorg.access"
    label = "access"
    verbose_name = "Toegang (need-to-know)"
