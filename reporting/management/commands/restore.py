"""python manage.py restore FILE [--force]: put back what `backup` wrote.

Run `migrate` on the new, empty database first. A database that already holds records is
replaced only with --force (all in one transaction: on any error nothing changes).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into a migrated, empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .tar.gz written by `backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace everything in a database that already holds records",
        )

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore_backup(file, force=force)
        except BackupError as error:
            raise CommandError(_("%(error)s Nothing was changed.") % {"error": error}) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {rows} rows, "
            f"{len(manifest['media'])} files. Everyone logs in again."
        )
