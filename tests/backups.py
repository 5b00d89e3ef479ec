"""A portal's rows and files, to compare before a backup and after its restore, and the
database wiped to what `migrate` leaves (a new machine)."""

import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from tests.reference import load_reference_data

# Models whose rows a restore does not bring back, on purpose (reporting/backup.py EXCLUDED).
NOT_RESTORED = {
    "sessions.Session": "left out: everyone logs in again after a restore",
    "axes.AccessAttempt": "log-in attempts: short-lived, left out",
    "axes.AccessLog": "log-in attempts: short-lived, left out",
    "axes.AccessFailureLog": "log-in attempts: short-lived, left out",
    "axes.AccessAttemptExpiration": "log-in attempts: short-lived, left out",
    "targets.UnitTotals": "kept figures: computed from the records, renewed after a restore",
    "targets.SharedManager": "kept figures: computed from the records, renewed after a restore",
    "targets.KeptDay": "kept figures: computed from the records, renewed after a restore",
    "targets.FiguresToRenew": "kept figures: computed from the records, renewed after a restore",
}
# Made anew by `migrate` under ids of its own: compared, and named in other rows, by natural
# key (app and model, codename), never by id.
MADE_BY_MIGRATE = (ContentType, Permission)


def compared_models():
    """Return every model with a table of every installed app, many-to-many tables and
    simple-history's models included, but those a restore leaves out on purpose."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.label not in NOT_RESTORED
    ]


def rows_of(model):
    """Return the rows of `model`, each the values of all its columns, sorted.

    A content type or permission is its natural key; the rows `migrate` makes and the links of
    a many-to-many table are compared without their ids (a restore writes the links anew).
    """
    columns = []
    for field in model._meta.concrete_fields:
        if field.related_model is ContentType:
            columns += [f"{field.name}__app_label", f"{field.name}__model"]
        elif field.related_model is Permission:
            columns += [
                f"{field.name}__content_type__app_label",
                f"{field.name}__content_type__model",
                f"{field.name}__codename",
            ]
        elif not field.primary_key or not (
            model._meta.auto_created or issubclass(model, MADE_BY_MIGRATE)
        ):
            columns.append(field.attname)
    return sorted(model._base_manager.values_list(*columns), key=repr)


def everything():
    """Return {model label: its rows} for every compared model."""
    return {model._meta.label: rows_of(model) for model in compared_models()}


def media_files():
    """Return {path under MEDIA_ROOT: bytes} of every stored file."""
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def new_machine():
    """Wipe the database to what `migrate` leaves (its reference lists) and the files."""
    call_command("flush", interactive=False)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    load_reference_data()
