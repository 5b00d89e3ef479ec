from django.db import migrations


def load(apps, schema_editor):
    from targets.reference import load_plan

    load_plan(*(apps.get_model("targets", name) for name in ("Plan", "Phase", "Indicator", "Target")))


class Migration(migrations.Migration):
    dependencies = [("targets", "0001_plan_phases_indicators_and_targets")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
