from django.db import migrations


def load(apps, schema_editor):
    from cooperatives.reference import load_ethnic_groups, load_sectors

    load_ethnic_groups(apps.get_model("cooperatives", "Ethnicity"))
    load_sectors(apps.get_model("cooperatives", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0001_registry")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
