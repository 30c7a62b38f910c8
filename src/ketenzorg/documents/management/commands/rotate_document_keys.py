"""`ketenzorg rotate_document_keys`: re-wrap every document key under the current master key.

The procedure (docs/security.md, "Documents at rest"): put the new key in front of
KETENZORG_DOCUMENT_MASTER_KEYS in every process, run this, then remove the old key.
"""

from django.core.management.base import BaseCommand, CommandError

from ketenzorg.documents import vault
from ketenzorg.documents.keys import MasterKeyMissing, keyring


class Command(BaseCommand):
    help = (
        "Zet de sleutel van elk document om naar de eerste hoofdsleutel van "
        "KETENZORG_DOCUMENT_MASTER_KEYS; de bestanden blijven zoals ze zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="Rijen per transactie.")

    def handle(self, *args, **options):
        if options["batch"] < 1:
            raise CommandError("--batch moet minstens 1 zijn.")
        current = keyring().current_id
        try:
            count = vault.rotate(batch=options["batch"])
        except MasterKeyMissing as error:
            raise CommandError(f"Niets omgezet: {error}", returncode=2) from None
        except vault.RotationIncomplete as error:
            raise CommandError(f"Onder {current}: {error}", returncode=1) from None
        self.stdout.write(f"{count} documentsleutels omgezet naar hoofdsleutel {current}.")
