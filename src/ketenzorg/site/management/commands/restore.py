"""`ketenzorg restore PAD [--force]`: back into the configured database (docs/operations.md).

Exit 0: restored and the access log proven; 1: restored but a check failed, or the
restore failed (the database unchanged); 2: refused before anything was changed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ketenzorg.site.backup import BackupError, os_user, restore_backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van `ketenzorg backup` terug in de geconfigureerde database, met het "
        "ankerbestand, en controleer daarna het toegangslog. Stop eerst de server en de worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het back-upbestand.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook als de database niet leeg is: alles wat erin staat wordt vervangen.",
        )

    def handle(self, *args, **options):
        try:
            report = restore_backup(Path(options["path"]), force=options["force"], by=os_user())
        except BackupError as error:
            verb = "Niet hersteld" if error.returncode == 2 else "Herstel mislukt"
            raise CommandError(f"{verb}: {error}", returncode=error.returncode) from error
        for line in report.lines:
            self.stdout.write(line)
        if report.problems:
            raise CommandError(
                "Hersteld, maar niet alles klopt: " + "; ".join(report.problems) + ".", returncode=1
            )
