from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Excel imports")

    def ready(self):
        link_import_page_from_admin()


def link_import_page_from_admin():
    """Give the admin's change list of every model an import writes a link to the import page
    (the registry's and training's admins are registered below this app and know nothing of
    it)."""
    from django.contrib import admin

    from .admin import IMPORT_LINK
    from .sheets import SHEETS

    for spec in SHEETS:
        for resource in spec.resources:
            model = resource._meta.model
            # A model with an import sheet but no admin, or with a change list of its own, is
            # left as it is: the link is a convenience, never a reason to fail at start.
            if admin.site.is_registered(model):
                model_admin = admin.site.get_model_admin(model)
                if model_admin.change_list_template is None:
                    model_admin.change_list_template = IMPORT_LINK
