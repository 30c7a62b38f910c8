from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "ketenzorg.frontdoor"
    label = "frontdoor"
    verbose_name = "Informatie en advies"
