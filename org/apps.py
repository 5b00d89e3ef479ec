from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "org"
    verbose_name = _("Units and users")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .models import Unit

        # A unit saved or deleted (or loaded by a migration): the pickers kept are renewed.
        post_save.connect(units_changed, sender=Unit, dispatch_uid="units-changed-save")
        post_delete.connect(units_changed, sender=Unit, dispatch_uid="units-changed-delete")
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="units-changed-migrate")


def units_changed(**_signal):
    from config import caching

    from .models import UNITS_VERSION

    if not caching.gathering():  # a restore renews once, after (targets.cache.one_change)
        caching.renew(UNITS_VERSION)


def after_migrate(using, **_signal):
    """`migrate` also makes the database cache's table (when that is the cache: the first app
    to need it after a migration is this one), and may have changed units."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
    units_changed()
