"""`ketenzorg aanbod_reindex`: analyse every programme again after the analyzer or its lexicon
changed (a new compound part, a new lemma), so stored terms and queries agree again."""

from django.core.management.base import BaseCommand

from ketenzorg.aanbod import services


class Command(BaseCommand):
    help = "Bepaalt de zoektermen van al het aanbod opnieuw (na een wijziging van de analyse)."

    def handle(self, *args, **options):
        changed = services.programmes_reindex()
        self.stdout.write(f"Zoektermen opnieuw bepaald: {changed} programma's gewijzigd.\n")
