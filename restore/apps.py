from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RestoreConfig(AppConfig):
    name = "restore"
    verbose_name = _("Deleted records and their restore")
