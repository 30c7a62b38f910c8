from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ketenzorg.accounts"
    label = "accounts"
    verbose_name = "Accounts"
