from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ketenzorg.api"
    label = "api"
    verbose_name = "API"
