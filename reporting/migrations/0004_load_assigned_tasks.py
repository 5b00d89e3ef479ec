from django.db import migrations


def load(apps, schema_editor):
    from reporting.reference import load_tasks

    load_tasks(apps.get_model("reporting", "AssignedTask"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_reporting_rounds_submissions_and_reports")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
