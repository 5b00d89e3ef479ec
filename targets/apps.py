from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _

# The records the indicator engine reads: a change to any of them changes figures.
ENGINE_INPUTS = [
    "cooperatives.Cooperative",
    "cooperatives.YearlyFigures",
    "cooperatives.ManagementRole",
    "cooperatives.Person",
    "training.TrainingEvent",
    "training.Participant",
    "training.UnionOfficer",
    "org.Unit",
]


class TargetsConfig(AppConfig):
    name = "targets"
    verbose_name = _("Plan targets and indicators")

    def ready(self):
        from org.writes import written

        from .cache import data_changed

        for label in ENGINE_INPUTS:
            model = apps.get_model(label)
            # Any save or delete of one record, whatever made it (the door, a migration, the
            # backup's restore), and the door's bulk writes (the import), which send no signal.
            for signal in (written, post_save, post_delete):
                signal.connect(data_changed, sender=model, dispatch_uid=f"indicators-{label}")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="indicators-migrate")


def after_migrate(using, **_signal):
    """`migrate` also makes the database cache's table (when that is the cache), and a
    migration may change data the figures were computed from."""
    from django.core.management import call_command

    from .cache import data_changed

    call_command("createcachetable", database=using, verbosity=0)
    data_changed()
