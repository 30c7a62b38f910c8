from django.apps import AppConfig


class WerkprocesConfig(AppConfig):
    name = "ketenzorg.werkproces"
    label = "werkproces"
    verbose_name = "OKT-werkproces"
