from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "ketenzorg.consent"
    label = "consent"
    verbose_name = "Toestemming van het gezin"
