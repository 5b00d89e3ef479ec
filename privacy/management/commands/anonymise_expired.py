"""Anonymise the people past the retention period (`privacy.retention`): meant to run daily
from cron. Each one through `privacy.anonymise`, as from the person's page."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from org.access_log import subject_of
from org.models import User
from privacy.access import answers_requests
from privacy.anonymise import anonymise
from privacy.retention import (
    last_day,
    officers_past_retention,
    people_past_retention,
    retention_reason,
)

NAME = "anonymise_expired"


class Command(BaseCommand):
    help = (
        "Anonymise the registry people and Union officers whose last role, training or post "
        "ended more than PERSONAL_DATA_RETENTION_YEARS years ago (Law 91/2025/QH15): their "
        "name and contact data are replaced, in their records and their history; what the "
        "plan's figures count stays. Meant to run once a day from cron, for example "
        "`15 2 * * * cd /srv/portal && .venv/bin/python manage.py anonymise_expired`; it "
        "prints one line per person and ends with an error status if one could not be "
        "anonymised. --dry-run lists them (with their names) and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list who would be anonymised, change nothing"
        )
        parser.add_argument(
            "--user",
            help="username recorded as the author in the history and the access log (province "
            "staff or an administrator); default: none, the log says “anonymise_expired”",
        )

    def handle(self, *args, dry_run, user, **options):
        translation.activate(settings.LANGUAGE_CODE)
        actor = self._actor(user)
        due = [*people_past_retention(), *officers_past_retention()]
        years = settings.PERSONAL_DATA_RETENTION_YEARS
        if dry_run:
            for record in due:
                # A dry run is read by a person deciding: the names say who.
                self.stdout.write(self._line(record, name=True))
            self.stdout.write(
                _(
                    "Check only: %(count)s people past the %(years)s-year retention period; "
                    "nothing changed."
                )
                % {"count": len(due), "years": years}
            )
            return
        failed = 0
        for record in due:
            try:
                anonymise(record, by=actor, reason=retention_reason(years), what=NAME)
            except (ValidationError, PermissionDenied) as error:
                failed += 1
                message = " ".join(getattr(error, "messages", [str(error)]))
                self.stderr.write(f"{subject_of(record)}: {message}")
            else:
                # The log of a real run keeps no name: it is the one just replaced.
                self.stdout.write(self._line(record, name=False))
        summary = _("Anonymised: %(count)s people past the %(years)s-year retention period.") % {
            "count": len(due) - failed,
            "years": years,
        }
        self.stdout.write(self.style.SUCCESS(summary))
        if failed:
            raise CommandError(_("%(count)s people could not be anonymised.") % {"count": failed})

    def _actor(self, username):
        if not username:
            return User(username=NAME, role=User.Role.PROVINCE_STAFF)
        try:
            actor = User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(_("No user “%(name)s”.") % {"name": username}) from error
        if not answers_requests(actor):
            raise CommandError(
                _("“%(name)s” may not anonymise people: only province staff and administrators.")
                % {"name": username}
            )
        return actor

    def _line(self, record, *, name: bool) -> str:
        said = _("last day %(day)s") % {"day": last_day(record).strftime("%d/%m/%Y")}
        who = f" {record.full_name}" if name else ""
        return f"{subject_of(record)}{who} ({record.unit}; {said})"
