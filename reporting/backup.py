"""Backup and restore of the portal's data: one .tar.gz that works on SQLite and PostgreSQL.

The archive holds:
- manifest.json: what this file is (FORMAT), when and from which Django version it was made,
  the migrations applied to the database then, and the number of rows of each model;
- data.json: every row of every model (reference lists, users, the registry, training,
  reporting, the targets' history, the admin's log) in the form `loaddata` reads, with
  content types and permissions by name (natural keys), since `migrate` creates those anew,
  and times to the microsecond (`dumpdata` would cut them to milliseconds);
- media/...: every uploaded file that a row names (submission attachments, product photos).

Left out: content types and permissions (made by `migrate`), sessions (everyone logs in
again) and django-axes' log-in attempts (short-lived).

Restore goes into a database migrated to the same migrations: it refuses anything that is not
such an archive, or was made at other migrations, before touching anything; then, in one
transaction, empties every table the archive covers (the reference lists that `migrate`
loaded too, so that every row keeps its id), loads data.json, checks every model's count
against the manifest, and writes the files back; the dashboard's kept figures are dropped
(the round's report pages are kept under a fingerprint of their rows, which changes itself).
A database that holds more than those reference lists is replaced only when asked (`force`).
"""

import datetime
import io
import json
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext as _

from targets import cache

FORMAT = "plan294-portal-backup"
VERSION = 1
# The indicator totals kept current (`targets.live`): computed from the records, renewed in
# full after a restore, never backed up.
KEPT_FIGURES = (
    "targets.unittotals",
    "targets.sharedmanager",
    "targets.keptday",
    "targets.figurestorenew",
)
# Made by `migrate`, or not worth keeping: left out of the archive.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes", *KEPT_FIGURES)
# Emptied by a restore though not in the archive: an old session must not log anyone in as
# whoever holds its user id after the restore; the kept figures are the old data's.
ALSO_EMPTIED = ("sessions", "axes", *KEPT_FIGURES)
# The reference lists `migrate` loads: a database holding only these counts as empty.
REFERENCE = {
    "org.unit",
    "reporting.assignedtask",
    "cooperatives.ethnicity",
    "cooperatives.sector",
    "targets.plan",
    "targets.phase",
    "targets.indicator",
    "targets.target",
    "followup.supportkind",
}


class BackupError(Exception):
    """The file cannot be restored here; nothing was changed."""


def _matches(model, labels):
    return model._meta.app_label in labels or model._meta.label_lower in labels


def _tables():
    """Return every model with its own table (no proxies), m2m tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def backed_up_models():
    """Return every model whose rows go into the archive, m2m tables included."""
    return [model for model in _tables() if not _matches(model, EXCLUDED)]


class _ExactTimes(DjangoJSONEncoder):
    """Write times with their microseconds: history is ordered by them."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump(path):
    owners = [model for model in backed_up_models() if not model._meta.auto_created]
    # Rows named by natural key (users, groups) come before the rows that name them.
    ordered = serializers.sort_dependencies([(None, owners)], allow_cycles=True)
    rows = (
        row
        for model in ordered
        for row in model._base_manager.order_by("pk").iterator(chunk_size=2000)
    )
    with open(path, "w", encoding="utf-8") as stream:
        serializers.serialize(
            "json", rows, stream=stream, use_natural_foreign_keys=True, cls=_ExactTimes
        )


def row_counts():
    """Return the number of rows of each backed-up model, by label ("cooperatives.person")."""
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in backed_up_models()
        if not model._meta.auto_created  # m2m rows are counted in their owner's rows
    }


def applied_migrations():
    """Return the migrations applied to this database, by app, for the archived apps."""
    labels = {model._meta.app_label for model in backed_up_models()}
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app in labels:
            applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def media_files():
    """Return the names of the stored files that rows refer to: FileField values, and the
    names a model's `stored_files()` gives (the showcase's photo renditions)."""
    names = set()
    for model in backed_up_models():
        if hasattr(model, "stored_files"):
            names.update(model.stored_files())
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                names.update(value for value in values if value)
    return sorted(names)


def write_backup(path):
    """Write the whole portal to `path` (a .tar.gz) and return its manifest."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every query below: rows and counts agree with each other.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data.json"
            _dump(data)
            files = media_files()
            missing = [name for name in files if not default_storage.exists(name)]
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "django": django.get_version(),
                "database": connection.vendor,
                "migrations": applied_migrations(),
                "counts": row_counts(),
                "media": [name for name in files if name not in missing],
                "missing_media": missing,
            }
            with tarfile.open(path, "w:gz") as archive:
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
                archive.add(data, arcname="data.json")
                for name in manifest["media"]:
                    with default_storage.open(name, "rb") as source:
                        _add_bytes(archive, f"media/{name}", source.read())
    return manifest


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(path):
    """Return the archive's manifest, or raise BackupError if `path` is not a backup."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {member.name: member for member in archive.getmembers()}
            if "manifest.json" not in members or "data.json" not in members:
                raise BackupError(_("This file is not a backup of the portal."))
            for member in members.values():
                if not (member.isfile() and _safe_name(member.name)):
                    raise BackupError(_("This file is not a backup of the portal."))
            manifest = json.load(archive.extractfile("manifest.json"))
    except (OSError, tarfile.TarError, EOFError, ValueError) as error:
        raise BackupError(_("This file is not a backup of the portal.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("This file is not a backup of the portal."))
    if manifest.get("version") != VERSION:
        raise BackupError(_("This backup was made by another version of the portal."))
    if any(f"media/{name}" not in members for name in manifest.get("media", [])):
        raise BackupError(_("This backup is incomplete: files are missing from it."))
    return manifest


def _safe_name(name):
    """Tell whether an archive member's name is one the portal writes (no path tricks)."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        return False
    return name in ("manifest.json", "data.json") or (
        path.parts[0] == "media" and len(path.parts) > 1
    )


def holds_data():
    """Tell whether the database holds anything more than the reference lists of `migrate`."""
    return any(count for label, count in row_counts().items() if label not in REFERENCE)


def restore_backup(path, *, force=False):
    """Replace the portal's data with the backup at `path`; return its manifest.

    Raises BackupError, having changed nothing, if the file is not a backup, was made at
    other migrations, or the database holds data and `force` is not given.
    """
    manifest = read_manifest(path)
    if manifest["migrations"] != applied_migrations():
        raise BackupError(
            _(
                "This backup was made with other database migrations than this database "
                "has. Run `migrate` first; if that is not enough, restore with the version of "
                "the portal that made the backup, then update it."
            )
        )
    if holds_data() and not force:
        raise BackupError(
            _(
                "This database already holds data. Restore only into an empty database "
                "(after `migrate`), or give --force to replace everything in it."
            )
        )
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r:gz") as archive:
        data = Path(tmp) / "data.json"
        with archive.extractfile("data.json") as source:
            data.write_bytes(source.read())
        # The figures kept from the data before are dropped once the rows are in (renewing
        # the data version for each row loaded, as its signal asks, doubled a restore's time).
        with transaction.atomic(), _loaded_rows_make_no_history(), cache.one_change():
            _empty_tables()
            call_command("loaddata", str(data), verbosity=0)
            if row_counts() != manifest["counts"]:
                raise BackupError(_("The restored rows do not match the backup's manifest."))
            for name in manifest["media"]:
                with archive.extractfile(f"media/{name}") as source:
                    _write_media(name, source.read())
    return manifest


@contextmanager
def _loaded_rows_make_no_history():
    """Keep django-simple-history from recording the restore itself.

    `loaddata` saves each row raw, for which simple-history records nothing, but then sets
    its many-to-many links (a cooperative's sectors), for which it would record a new version
    of the row: the history would hold rows the backup did not, and the count check would
    refuse every backup with a sector. Each row loaded raw is marked to be skipped.
    """

    def skip_history(sender, instance, raw, **_signal):
        if raw:
            instance.skip_history_when_saving = True

    pre_save.connect(skip_history, dispatch_uid="restore-without-history")
    try:
        yield
    finally:
        pre_save.disconnect(dispatch_uid="restore-without-history")


def _empty_tables():
    # Plain DELETEs: the foreign keys are checked at commit, when every table is consistent
    # again (TRUNCATE would not run inside a transaction that already wrote to them).
    emptied = [
        model
        for model in _tables()
        if not _matches(model, EXCLUDED) or _matches(model, ALSO_EMPTIED)
    ]
    with connection.cursor() as cursor:
        for model in emptied:
            table = connection.ops.quote_name(model._meta.db_table)
            # B608 (SQL built from a string) does not apply: the table is a model's, quoted.
            cursor.execute(f"DELETE FROM {table}")  # nosec B608


def _write_media(name, content):
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root):
        raise BackupError(_("This file is not a backup of the portal."))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
