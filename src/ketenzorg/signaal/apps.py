from django.apps import AppConfig


class SignaalConfig(AppConfig):
    name = "ketenzorg.signaal"
    label = "signaal"
    verbose_name = "Signaalfunctie"

    def ready(self):
        # The worker's round computes the figures ahead (signaal.warm), once an hour.
        from ketenzorg.coordination.rounds import round_finished
        from ketenzorg.signaal.warm import on_round

        round_finished.connect(on_round, dispatch_uid="signaal.warm")
