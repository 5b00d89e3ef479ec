from django.db import migrations


def load(apps, schema_editor):
    from reporting.reference import load_units

    load_units(apps.get_model("reporting", "Unit"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_units_and_users")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
