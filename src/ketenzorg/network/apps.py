from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "ketenzorg.network"
    label = "network"
    verbose_name = "OKé-netwerk"

    def ready(self):
        # accounts locks an account across addresses; who hears of it is the network's to know.
        from ketenzorg.accounts.lockout import account_locked
        from ketenzorg.network.lockout_alerts import on_account_locked

        account_locked.connect(on_account_locked, dispatch_uid="network.lockout_alerts")
