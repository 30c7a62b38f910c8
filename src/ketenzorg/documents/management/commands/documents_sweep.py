"""`ketenzorg documents_sweep`: remove document files that no live document needs.

Files without a row (a seal whose transaction rolled back, or a crashed write) once older
than a day, and files of destroyed documents. Such files are unreadable anyway (their key
is gone or was never committed); the sweep keeps the folder to what the database knows.
"""

from django.core.management.base import BaseCommand, CommandError

from ketenzorg.documents import vault


class Command(BaseCommand):
    help = "Verwijder documentbestanden zonder levend document (wees na een dag)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-hours",
            type=float,
            default=vault.ORPHAN_AGE_SECONDS / 3600,
            help="Een bestand zonder rij moet minstens zo oud zijn (standaard 24).",
        )

    def handle(self, *args, **options):
        if options["older_than_hours"] < 0:
            raise CommandError("--older-than-hours mag niet negatief zijn.")
        removed = vault.sweep(older_than_seconds=int(options["older_than_hours"] * 3600))
        self.stdout.write(f"{removed} documentbestanden verwijderd uit {vault.document_dir()}.")
