from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "ketenzorg.synthetic"
    label = "synthetic"
    verbose_name = "Synthetische gegevens (demo en benchmarks)"
