from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Annual reporting")

    def ready(self):
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="reporting-release")


def after_migrate(**_signal):
    """A new release may show the reports' pages otherwise than the one that kept them: every
    `migrate` starts a new release (after targets' hook has made the cache's table)."""
    from .kept import new_release

    new_release()
