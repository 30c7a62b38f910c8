from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "ketenzorg.network"
    label = "network"
    verbose_name = "OKé-netwerk"
