"""The usual themes of opvoeden and opgroeien, so the question form works on a fresh install.

Beheer keeps the list afterwards (add, rename, switch off); this runs once.
"""

import uuid

from django.db import migrations

TOPICS = [
    ("Slapen", "in- en doorslapen, nachtrust, bedtijd"),
    ("Eten en drinken", "voeding, eetproblemen, borstvoeding en fles"),
    ("Huilen en troosten", "veel huilen, onrust bij baby's"),
    ("Zindelijkheid", "plassen en poepen, bedplassen"),
    ("Grenzen stellen", "regels, straffen en belonen, ongehoorzaamheid"),
    ("Driftbuien en boosheid", "koppigheid, agressie, woede"),
    ("Ontwikkeling en gedrag", "taal, motoriek, zorgen over gedrag"),
    ("Angst en piekeren", "bang zijn, faalangst, somberheid"),
    ("School en leren", "schoolkeuze, schoolverzuim, huiswerk, pesten op school"),
    ("Pesten", "gepest worden of zelf pesten"),
    ("Puberteit", "losmaken, ruzie, communicatie met je tiener"),
    ("Vrienden en vrije tijd", "vriendschappen, uitgaan, sport"),
    ("Media en gamen", "schermtijd, sociale media, gamen"),
    ("Alcohol, roken en drugs", "experimenteren, verslaving"),
    ("Relaties en seksualiteit", "verliefdheid, seksuele ontwikkeling, weerbaarheid"),
    ("Scheiding en samengestelde gezinnen", "omgang, co-ouderschap, nieuwe partner"),
    ("Opvoeden samen", "verschil in opvoeding tussen ouders"),
    ("Broers en zussen", "ruzie, jaloezie"),
    ("Rouw en verlies", "overlijden, ziekte in het gezin"),
    ("Geldzorgen en stress thuis", "spanning in het gezin, armoede"),
    ("Veiligheid thuis", "zorgen over geweld of onveiligheid"),
    ("Overig", "een vraag die nergens anders past"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("frontdoor", "Topic")
    for order, (name, description) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"description": description, "sort_order": order * 10, "uuid": uuid.uuid4()})


class Migration(migrations.Migration):
    dependencies = [("frontdoor", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
