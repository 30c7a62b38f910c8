"""`ketenzorg demo`: load Demostad once, and show the demo accounts every time."""

from django.core.management.base import BaseCommand, CommandError

from ketenzorg.synthetic import demo


def demo_extensions():
    """The demo loaders of the capabilities, in the order they build on each other."""
    from ketenzorg.coordination import demo as coordination_demo
    from ketenzorg.frontdoor import demo as frontdoor_demo

    return [frontdoor_demo.load_demo, coordination_demo.load_demo]


class Command(BaseCommand):
    help = (
        "Laadt de verzonnen demostad 'Demostad' met één demo-account per rol en ~300 gezinnen. "
        "Idempotent: bestaat Demostad al, dan verandert er niets en worden alleen de accounts getoond. "
        "Weigert als een echte DJANGO_SECRET_KEY is gezet: wachtwoord en tweede factor van de demo zijn openbaar."
    )

    def handle(self, *args, **options):
        if not demo.may_load_demo():
            raise CommandError(
                "Dit lijkt een echte installatie (DJANGO_SECRET_KEY is gezet). De demo-accounts hebben een "
                "openbaar wachtwoord en een openbare tweede factor en worden hier daarom niet aangemaakt."
            )
        result = demo.load_demo()
        if result.created:
            self.stdout.write(
                f"Demostad geladen: {result.families} gezinnen, {result.persons} personen, "
                f"{result.involvements} betrokkenheden."
            )
        else:
            self.stdout.write("Demostad bestaat al; er is niets veranderd.")
        # Each capability adds its own demo data on top of the city, idempotently.
        for loader in demo_extensions():
            loader(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(demo.accounts_table())
