"""python manage.py send_reminders [--days N]: remind units that have not yet submitted.

For a daily cron: e-mails the officers of every unit expected in an open round whose report is
not submitted yet, when the round is due within N days (default 7). Uses Django's e-mail
back-end: the console unless EMAIL_BACKEND says otherwise.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from org.models import User
from reporting.models import ReportingRound, Submission


class Command(BaseCommand):
    help = "E-mail the officers of units whose report is due within N days and not submitted."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        now = timezone.now()
        rounds = ReportingRound.objects.filter(
            closed_at__isnull=True,
            due_before__gt=now,
            due_before__lte=now + datetime.timedelta(days=days),
        )
        with translation.override(settings.LANGUAGE_CODE):
            messages = [
                reminder(round_, officer) for round_ in rounds for officer in late_officers(round_)
            ]
        sent = send_mass_mail(messages, fail_silently=False) if messages else 0
        self.stdout.write(f"Reminders sent: {sent}.")


def late_officers(round_):
    """Return the active officers, with an e-mail, of units expected in the round whose
    report is neither submitted nor accepted."""
    done = Submission.objects.filter(
        round=round_, state__in=[Submission.State.SUBMITTED, Submission.State.ACCEPTED]
    ).values("unit_id")
    return (
        User.objects.filter(
            role=User.Role.UNIT_OFFICER,
            is_active=True,
            unit__in=round_.expected_units.exclude(pk__in=done),
        )
        .exclude(email="")
        .select_related("unit")
    )


def reminder(round_, officer) -> tuple:
    words = {
        "unit": officer.unit,
        "round": round_,
        "last": timezone.localtime(round_.last_on_time).strftime("%H:%M:%S %d/%m/%Y"),
    }
    subject = _("Reminder: %(round)s is due by %(last)s") % words
    body = _("The report of %(unit)s for “%(round)s” is not submitted yet. It is due by %(last)s.")
    return subject, body % words, settings.DEFAULT_FROM_EMAIL, [officer.email]
