"""`ketenzorg demo`: load Demostad once, and show the demo accounts every time."""

from django.core.management.base import BaseCommand, CommandError

from ketenzorg.synthetic.demo import accounts, loader


class Command(BaseCommand):
    help = (
        "Laadt de verzonnen demostad 'Demostad' met één demo-account per rol en ~300 gezinnen. "
        "Idempotent: bestaat Demostad al, dan verandert er niets en worden alleen de accounts getoond. "
        "Weigert als een echte DJANGO_SECRET_KEY is gezet: wachtwoord en tweede factor van de demo zijn openbaar."
    )

    def handle(self, *args, **options):
        if not accounts.may_load_demo():
            raise CommandError(
                "Dit lijkt een echte installatie (DJANGO_SECRET_KEY is gezet). De demo-accounts hebben een "
                "openbaar wachtwoord en een openbare tweede factor en worden hier daarom niet aangemaakt."
            )
        result = loader.load_city()
        if result.created:
            self.stdout.write(
                f"Demostad geladen: {result.families} gezinnen, {result.persons} personen, "
                f"{result.involvements} betrokkenheden."
            )
        else:
            self.stdout.write("Demostad bestaat al; er is niets veranderd.")
        # Each capability adds its own demo data on top of the city, idempotently.
        for load in loader.extensions():
            load(stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(accounts.accounts_table())
