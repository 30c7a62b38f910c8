"""`ketenzorg seed --scale city|metro|nation`: synthetic data at benchmark size."""

import sys
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ketenzorg.audit.models import Action
from ketenzorg.audit.services import audit_record
from ketenzorg.synthetic import seed as seeding
from ketenzorg.synthetic.bulk import fast_sqlite_writes

LABELS = {
    "network_district": "gebieden (stad/stadsdeel/gebied)",
    "network_organisation": "organisaties",
    "network_team": "teams",
    "accounts_user": "accounts",
    "network_professional": "professionals",
    "network_roleassignment": "rollen",
    "network_professional_areas": "werkgebieden",
    "network_professional_expertise": "expertises",
    "network_institution": "instellingen",
    "families_family": "gezinnen",
    "families_person": "personen",
    "families_involvement": "betrokkenheden",
    "coordination_case": "casussen",
    "coordination_caseevent": "gebeurtenissen in casussen",
    "coordination_casecoordinator": "coördinatoren",
    "coordination_meeting": "overleggen",
    "coordination_meetinginvitation": "uitnodigingen",
    "coordination_agreement": "afspraken",
    "access_emergencyaccess": "noodtoegang",
    "access_emergencyaccessreview": "beoordelingen van noodtoegang",
    "audit_auditentry": "logregels van noodtoegang",
    "werkproces_werkproces": "werkprocessen",
    "werkproces_transition": "overgangen in werkprocessen",
    "werkproces_stepevaluation": "evaluaties van stappen",
    "werkproces_consultation": "consultaties",
    "werkproces_finding": "bevindingen",
    "werkproces_consultationevaluation": "gezamenlijke evaluaties",
    "consent_consent": "toestemmingen",
    "verwijzing_perspectiefplanversion": "versies van perspectiefplannen",
    "verwijzing_voorziening": "voorzieningen",
    "verwijzing_referral": "verwijzingen",
    "verwijzing_referralevent": "stappen van verwijzingen",
    "aanbod_programme": "aanbod (programma's)",
}


def _date(value: str) -> date:
    return date.fromisoformat(value)


class Command(BaseCommand):
    help = (
        "Maakt een synthetische stad (city ≈ 60 000 jeugdigen), metropool (metro ≈ 200 000) of heel "
        "Nederland (nation ≈ 4 400 000) voor benchmarks, naast eventuele demodata. Elk gezin met een actieve "
        "betrokkenheid krijgt een open casus, met het niveau volgens de telregel. Deterministisch per "
        "--seed. Elke run heeft een label (bijv. city-s1) in de namen van 'Seedstad N [city-s1]', de "
        "organisaties en de gebruikersnamen. Bestaat dat label al, dan weigert de opdracht vriendelijk "
        "(exitcode 0); met --replace worden de gegevens van dat label eerst verwijderd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(seeding.SCALES), required=True)
        parser.add_argument(
            "--seed", type=int, default=1, help="Startwaarde van de toevalsgenerator (standaard 1)."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=10_000,
            help="Gezinnen per transactie (standaard 10 000).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Verwijder eerst de gegevens van een eerdere run met hetzelfde label.",
        )
        parser.add_argument(
            "--youth",
            type=int,
            help="Aantal jeugdigen in plaats van de schaal (voor tests en proeven; geeft een eigen label).",
        )
        parser.add_argument(
            "--reference-date",
            type=_date,
            help="Peildatum voor leeftijden (JJJJ-MM-DD, standaard vandaag); vastzetten maakt ook de data gelijk.",
        )
        parser.add_argument(
            "--writers",
            type=int,
            default=2,
            help="PostgreSQL: aantal schrijf-threads met een eigen verbinding (standaard 2; 0 = geen).",
        )
        parser.add_argument(
            "--no-cases",
            action="store_true",
            help="Geen casussen: alleen gezinnen, personen en betrokkenheden.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk.")

    def handle(
        self,
        *args,
        scale,
        seed: int,
        batch_size,
        replace,
        youth,
        reference_date,
        writers,
        no_cases,
        no_progress,
        **options,
    ):
        if batch_size < 1 or writers < 0:
            raise CommandError("--batch-size moet minstens 1 zijn en --writers minstens 0.")
        if youth is not None and youth < 1:
            raise CommandError("--youth moet minstens 1 zijn.")
        seed_options = seeding.SeedOptions(
            scale=scale,
            seed=seed,
            youth=youth,
            reference_date=reference_date,
            batch_size=batch_size,
            writers=writers,
            cases=not no_cases,
        )
        tag = seed_options.tag
        if seeding.seed_exists(tag):
            if not replace:
                self.stdout.write(
                    f"Seed {tag} staat al in de database; er is niets veranderd. "
                    f"Gebruik --replace om die gegevens opnieuw aan te maken."
                )
                return
            started = time.perf_counter()
            removed = seeding.wipe(tag)
            self.stdout.write(
                f"Seed {tag} verwijderd: {sum(removed.values()):,} rijen in {time.perf_counter() - started:.1f} s.".replace(
                    ",", "."
                )
            )

        total_youth = seed_options.youth_total
        show = not no_progress and options.get("verbosity", 1) > 0
        bar = tqdm(
            total=total_youth, unit=" jeugd", file=sys.stderr, disable=not show, desc=f"seed {tag}"
        )
        started = time.perf_counter()
        with fast_sqlite_writes():
            seeder = seeding.Seeder(seed_options, progress=bar.update)
            writer = seeder.run()
        bar.close()
        elapsed = time.perf_counter() - started
        audit_record(
            actor=None,
            action=Action.IMPORT,
            object_type="synthetic.seed",
            reason=f"seed {tag} geladen (schaal {scale}, seed {seed}, {total_youth} jeugdigen, {writer.total} rijen)",
        )
        self._summary(tag, seeder, writer, elapsed)

    def _summary(self, tag, seeder, writer, elapsed):
        def n(value):
            return f"{value:,}".replace(",", ".")

        lines = [f"Seed {tag} klaar ({writer.vendor}): {n(seeder.youth_written)} jeugdigen."]
        width = max(len(label) for label in LABELS.values())
        for table, label in LABELS.items():
            lines.append(f"  {label.ljust(width)}  {n(writer.counts.get(table, 0)).rjust(12)}")
        rate = writer.total / elapsed if elapsed else 0
        lines.append(
            f"  {'totaal'.ljust(width)}  {n(writer.total).rjust(12)} rijen in {elapsed:.1f} s ({n(round(rate))} rijen/s)"
        )
        if seeder.cases_by_level:
            levels = ", ".join(
                f"{level}: {n(count)}" for level, count in sorted(seeder.cases_by_level.items())
            )
            lines.append(f"  casussen per niveau: {levels}")
        if seeder.werkproces_by_step:
            steps = ", ".join(
                f"{step}: {n(count)}" for step, count in sorted(seeder.werkproces_by_step.items())
            )
            lines.append(f"  werkprocessen per stap: {steps}")
        if seeder.referral_by_status:
            states = ", ".join(
                f"{state}: {n(count)}" for state, count in sorted(seeder.referral_by_status.items())
            )
            lines.append(f"  verwijzingen per status: {states}")
        if seeder.bsn_skipped:
            lines.append(
                f"  {n(seeder.bsn_skipped)} BSN's overgeslagen omdat ze al in de database stonden."
            )
        self.stdout.write("\n".join(lines))
