"""Ship the begrippenlijst: every term of the OKé-punt booklet, the OKT werkproces and practice."""

from django.db import migrations


def load(apps, schema_editor):
    from ketenzorg.glossary.loader import load_terms

    load_terms(apps.get_model("glossary", "Term"))


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
