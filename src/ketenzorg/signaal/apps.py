from django.apps import AppConfig


class SignaalConfig(AppConfig):
    name = "ketenzorg.signaal"
    label = "signaal"
    verbose_name = "Signaalfunctie"
