from django.apps import AppConfig


class SiteConfig(AppConfig):
    # An app only for its management commands (backup, restore): they read every app's
    # tables, so they live at site level, above the apps they tie together.
    name = "ketenzorg.site"
    label = "ketenzorg_site"
    verbose_name = "ketenzorg (site)"
