"""Import a workbook of the template from the command line: the same checks and rules as
the web page. Nothing is saved if a row is bad, unless --only-good-rows is given."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from imports.reading import BadFile
from imports.runner import run_import
from org import access_log
from org.models import User


class Command(BaseCommand):
    help = (
        "Import cooperatives, yearly figures, managers, training participants, supports and "
        "difficulties from .xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument(
            "--only-good-rows",
            action="store_true",
            help="import the good rows of a file with bad ones",
        )
        parser.add_argument(
            "--user",
            help="username recorded as the author in the history (default: none); the "
            "import acts with that user's scope, or for the whole province without one",
        )

    def handle(self, *args, file, dry_run, only_good_rows, user, **options):
        translation.activate(settings.LANGUAGE_CODE)
        if user:
            try:
                actor = User.objects.get(username=user)
            except User.DoesNotExist as error:
                raise CommandError(_("No user “%(name)s”.") % {"name": user}) from error
        else:
            actor = User(username="import_registry", role=User.Role.PROVINCE_STAFF)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from error
        try:
            outcome = run_import(data, actor, commit=not dry_run, only_good_rows=only_good_rows)
        except BadFile as error:
            raise CommandError(str(error)) from error
        actions = {"new": _("to add"), "update": _("to change"), "skip": _("unchanged")}
        for sheet in outcome.sheets:
            counts = "; ".join(
                f"{model} {actions[action]}: {n}" for (model, action), n in sheet.counts.items()
            )
            summary = _("%(sheet)s: %(rows)s rows, %(bad)s bad.") % {
                "sheet": sheet.title,
                "rows": sheet.rows,
                "bad": len(sheet.bad_rows),
            }
            self.stdout.write(f"{summary} {counts}")
        for problem in outcome.problems:
            self.stdout.write(f"  {problem.sheet} {problem.cell}: {problem.message}")
        if outcome.saved:
            if outcome.people_written:
                access_log.record(
                    user=actor,
                    action=access_log.Action.IMPORT,
                    what=f"import_registry {file}",
                    people=outcome.people_written,
                )
            message = _("Imported: %(rows)s rows.") % {"rows": outcome.good_rows}
            self.stdout.write(self.style.SUCCESS(message))
        elif dry_run:
            self.stdout.write(_("Check only: nothing saved."))
        else:
            raise CommandError(_("Nothing imported: fix the bad rows, or give --only-good-rows."))
