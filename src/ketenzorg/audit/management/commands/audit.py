from django.core.management.base import BaseCommand, CommandError

from ketenzorg.audit.verify import audit_verify


class Command(BaseCommand):
    help = "Toegangslog: `audit verify` controleert de hash-keten."

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify"])

    def handle(self, *args, **options):
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"Toegangslog is aangetast: {result.problem} (na {result.checked} goede regels).")
        self.stdout.write(f"Toegangslog in orde: {result.checked} regels, keten ongebroken.")
