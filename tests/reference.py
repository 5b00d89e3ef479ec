"""The reference lists that the data migrations load, loaded again for tests that empty the
database (a transactional test's flush, a restore's replacement): each data migration's own
loader, run with the migrations' final models as `migrate` runs it."""

import importlib

from django.db import connection
from django.db.migrations.loader import MigrationLoader

DATA_MIGRATIONS = [
    "org.migrations.0002_load_units",
    "cooperatives.migrations.0002_load_ethnic_groups_and_sectors",
    "targets.migrations.0002_load_plan_294",
    "reporting.migrations.0002_load_assigned_tasks",
]


def load_reference_data():
    """Load every reference list again (the loaders are idempotent)."""
    models = MigrationLoader(connection).project_state().apps
    for name in DATA_MIGRATIONS:
        importlib.import_module(name).load(models, None)
