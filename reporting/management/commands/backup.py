"""python manage.py backup [--output FILE]: the whole portal, data and uploaded files, in one file.

See reporting/backup.py for what the archive holds; `restore` reads it back.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.backup import write_backup


class Command(BaseCommand):
    help = "Write every record and uploaded file of the portal to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="the archive to write (default: backup-plan294-YYYYMMDD-HHMMSS.tar.gz here)",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            output = f"backup-plan294-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        manifest = write_backup(output)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backup written to {output}: {rows} rows, {len(manifest['media'])} files."
        )
        for name in manifest["missing_media"]:
            self.stderr.write(
                f"Warning: {name} is named by a record but missing from the media folder."
            )
