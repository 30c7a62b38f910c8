"""`ketenzorg backup PAD`: database, audit anchor and manifest in one file (docs/operations.md).

Exit 0: written; 2: refused (nothing written); 1: failed (nothing left under the name).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ketenzorg.site.backup import BackupError, make_backup, os_user


class Command(BaseCommand):
    help = (
        "Maak een back-up van de database en het ankerbestand van het toegangslog, met een "
        "manifest. Sleutels gaan nooit mee: het manifest noemt welke een herstel nodig heeft."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="Het back-upbestand (.tar.gz), of een map om het in te zetten."
        )

    def handle(self, *args, **options):
        try:
            target, manifest = make_backup(Path(options["path"]), by=os_user())
        except BackupError as error:
            raise CommandError(
                f"Geen back-up gemaakt: {error}", returncode=error.returncode
            ) from error
        audit = manifest["audit"]
        counts = manifest["counts"]
        self.stdout.write(f"Back-up geschreven: {target}")
        self.stdout.write(
            f"  {manifest['database']['vendor']}, {counts['families.Family']} gezinnen, "
            f"{counts['families.Person']} personen, {audit['entries']} logregels "
            f"(laatste {audit['head_id']})."
        )
        needed = ", ".join(key_id for key_id, fp in audit["keys"].items() if fp) or "geen"
        self.stdout.write(
            f"  Nodig bij herstel (niet in de back-up): auditsleutel(s) {needed}; "
            f"versleutelingssleutel met vingerafdruk {manifest['encryption']['fingerprint']}."
        )
