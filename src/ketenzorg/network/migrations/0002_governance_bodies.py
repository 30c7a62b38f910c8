"""The three tiers of the OKé-netwerkoverleg, as the seed booklet describes them.

Created only where missing, so a beheerder's later edits are never overwritten;
going back leaves them, since members may have been added.
"""

from django.db import migrations

BODIES = [
    {
        "level": "kerngroep",
        "name": "Kerngroep Jeugd",
        "composition": "Bestuurders van de partnerorganisaties (strategisch niveau)",
        "tasks": (
            "Bepaalt de strategie waarmee de afspraken uit het Actieplan Almere Ketenzorg Jeugd worden "
            "gerealiseerd.\n"
            "Stuurt de betrokken organisaties aan in de richting die het Actieplan kiest."
        ),
    },
    {
        "level": "adviesgroep",
        "name": "Adviesgroep Jeugd",
        "composition": "Middenmanagement van de partnerorganisaties (tactisch niveau)",
        "tasks": (
            "Ontwikkelt uitvoeringsplannen en implementatieprocessen voor de afspraken uit het Actieplan en "
            "stuurt die aan.\n"
            "Informeert de medewerkers van de organisaties."
        ),
    },
    {
        "level": "werkgroep",
        "name": "Werkgroep OKé",
        "composition": "Operationeel managers van de partnerorganisaties (operationeel niveau)",
        "tasks": (
            "Geeft de uitvoeringsplannen handen en voeten in de dagelijkse praktijk van de eigen organisatie.\n"
            "Zorgt voor aansluiting en afstemming met de andere betrokken organisaties.\n"
            "Beoordeelt programma's en interventies op wat ze bijdragen aan de gekozen doelen.\n"
            "Adviseert de adviesgroep Jeugd."
        ),
    },
]


def create_bodies(apps, schema_editor):
    GovernanceBody = apps.get_model("network", "GovernanceBody")
    for body in BODIES:
        GovernanceBody.objects.get_or_create(level=body["level"], defaults=body)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(create_bodies, migrations.RunPython.noop)]
