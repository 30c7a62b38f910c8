"""`ketenzorg audit verify | checkpoint | rotate-key` (docs/audit.md).

ketenzorg audit verify                     # exit 0 in orde, 1 aangetast, 2 niet alles te controleren
ketenzorg audit verify --anchor kopie.log  # tegen een kopie van het ankerbestand van elders
ketenzorg audit checkpoint                 # een ankerpunt; de worker doet dat elke ronde
ketenzorg audit rotate-key                 # een nieuwe sleutel en de omgevingsregel ervoor
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ketenzorg.audit import anchor, keys
from ketenzorg.audit.verify import audit_verify


def _checkpoints(result) -> str:
    return (
        "1 ankerpunt klopt"
        if result.checkpoints == 1
        else f"{result.checkpoints} ankerpunten kloppen"
    )


class Command(BaseCommand):
    help = (
        "Toegangslog: `audit verify` controleert de sleutelketen en de ankerpunten, "
        "`audit checkpoint` schrijft een ankerpunt, `audit rotate-key` maakt een nieuwe sleutel."
    )

    def add_arguments(self, parser):
        parser.add_argument("subcommand", choices=["verify", "checkpoint", "rotate-key"])
        parser.add_argument(
            "--anchor",
            help="Controleer tegen dit ankerbestand (bijvoorbeeld een kopie van elders) "
            "in plaats van KETENZORG_AUDIT_ANCHOR.",
        )

    def handle(self, *args, **options):
        if options["subcommand"] == "checkpoint":
            checkpoint = anchor.write_checkpoint()
            self.stdout.write(
                f"Ankerpunt geschreven in {anchor.anchor_path()}: {checkpoint.count} regels, "
                f"laatste regel {checkpoint.head_id}."
            )
        elif options["subcommand"] == "rotate-key":
            self._rotate_key()
        else:
            self._verify(options["anchor"])

    def _verify(self, anchor_file):
        result = audit_verify(anchor_file=anchor_file)
        try:
            problem = result.problem or self._unverifiable(result)
            anchor.record_verification(ok=result.ok, checked=result.checked, problem=problem)
        except OSError as error:
            self.stderr.write(f"Uitkomst niet in het ankerbestand geschreven: {error}")
        if result.tampered:
            raise CommandError(
                f"Toegangslog is aangetast: {result.problem} (na {result.checked} goede regels).",
                returncode=1,
            )
        if not result.ok:
            raise CommandError(
                f"Toegangslog niet volledig te controleren: {self._unverifiable(result)}. "
                f"Verder niets gevonden: {result.checked} gecontroleerde regels kloppen, "
                f"{_checkpoints(result)}.",
                returncode=2,
            )
        self.stdout.write(
            f"Toegangslog in orde: {result.checked} regels, keten ongebroken, "
            f"{_checkpoints(result)}."
        )
        if not result.checkpoints:
            self.stdout.write(
                f"Let op: geen ankerpunten in {result.anchor}; afkappen of leegmaken van het log "
                "is zo niet te zien. De worker schrijft ze, of `ketenzorg audit checkpoint`."
            )

    @staticmethod
    def _unverifiable(result) -> str:
        parts = [
            f"regel {first} (sleutel {key_id})"
            if count == 1
            else f"regels {first}–{last} ({count} regels, sleutel {key_id})"
            for key_id, first, last, count in result.unverifiable
        ]
        if result.unverifiable:
            parts.append("zet die sleutel(s) terug in KETENZORG_AUDIT_KEYS")
        if result.unverifiable_anchor_lines:
            lines = ", ".join(str(n) for n in result.unverifiable_anchor_lines[:10])
            more = " …" if len(result.unverifiable_anchor_lines) > 10 else ""
            parts.append(f"regels {lines}{more} van het ankerbestand (hun sleutel ontbreekt)")
        return "; ".join(parts)

    def _rotate_key(self):
        key_id, key = keys.new_key()
        configured = bool(settings.AUDIT_KEYS.strip())
        self.stdout.write(
            f"Nieuwe sleutel {key_id}. Zet hem vooraan in KETENZORG_AUDIT_KEYS van elk proces "
            "(web en worker) en herstart ze; laat de oude sleutels erachter staan, anders zijn "
            "hun regels niet meer te controleren:"
        )
        if configured:
            self.stdout.write(f'KETENZORG_AUDIT_KEYS="{key_id}:{key},$KETENZORG_AUDIT_KEYS"')
        else:
            self.stdout.write(f'KETENZORG_AUDIT_KEYS="{key_id}:{key}"')
            self.stdout.write(
                f"(Nu geldt de ontwikkelsleutel '{keys.DEV_KEY_ID}'; regels daarmee zijn na deze "
                "stap niet meer te controleren.)"
            )
        self.stdout.write("Bewaar de sleutel buiten de database, zoals KETENZORG_ENCRYPTION_KEY.")
