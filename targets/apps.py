from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
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
        from org.writes import will_write, written

        from . import live
        from .cache import data_changed

        for label in ENGINE_INPUTS:
            model = apps.get_model(label)
            # Any save or delete of one record, whatever made it (the door, a migration, the
            # backup's restore), and the door's bulk writes (the import), which send no signal.
            for signal in (written, post_save, post_delete):
                signal.connect(data_changed, sender=model, dispatch_uid=f"indicators-{label}")
        # The units whose kept totals a write makes old, as they were and as they are.
        handlers = {
            "pre-save": (pre_save, live.before_save),
            "post-save": (post_save, live.after_save),
            "pre-delete": (pre_delete, live.before_delete),
            "will-write": (will_write, live.around_bulk_write),
            "written": (written, live.around_bulk_write),
        }
        for model in live.INPUTS:
            for name, (signal, handler) in handlers.items():
                uid = f"live-{name}-{model._meta.label}"
                signal.connect(handler, sender=model, dispatch_uid=uid)
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="indicators-migrate")


def after_migrate(**_signal):
    """A migration may change data the figures were computed from. (The cache's table is
    made by `org`'s, which runs first.)"""
    from .cache import everything_changed

    everything_changed()
