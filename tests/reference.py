"""The reference lists that the data migrations load, loaded again for tests that empty the
database (a transactional test's flush, a restore's replacement): each data migration's own
loader, run with the models of the migrations' final state, not, as `migrate` runs it, with
the models as of its own migration: a later migration that changes a model a loader writes
would make the two differ."""

import functools
import importlib

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from org.apps import units_changed

DATA_MIGRATIONS = [
    "org.migrations.0002_load_units",
    "cooperatives.migrations.0002_load_ethnic_groups_and_sectors",
    "targets.migrations.0002_load_plan_294",
    "reporting.migrations.0002_load_assigned_tasks",
    "followup.migrations.0002_plan_support_kinds",
]


@functools.cache
def final_models():
    """Return the models of the migrations' final state (built once: it takes a while, and
    every browser test asks for it; the migrations do not change while the tests run)."""
    return MigrationLoader(connection).project_state().apps


def load_reference_data():
    """Load every reference list again (the loaders are idempotent), and say the units
    changed, as `migrate` does: what is kept about the unit tree was of the emptied ones."""
    models = final_models()
    for name in DATA_MIGRATIONS:
        importlib.import_module(name).load(models, None)
    units_changed()
