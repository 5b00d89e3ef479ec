"""The configuration of a library's app that the portal names in its own words."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LockoutConfig(AxesAppConfig):
    """django-axes, the log-in lock-out: "Khóa đăng nhập" in the admin, not "Axes"."""

    verbose_name = _("Log-in lock-out")
