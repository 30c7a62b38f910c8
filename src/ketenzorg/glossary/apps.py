from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "ketenzorg.glossary"
    label = "glossary"
    verbose_name = "Begrippenlijst"
