from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "ketenzorg.coordination"
    label = "coordination"
    verbose_name = "Eén gezin, één plan"
