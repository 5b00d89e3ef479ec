"""python manage.py renew_figures [--everything]: bring the kept indicator figures up to date.

For a nightly cron, just after midnight: a new day is a new "today" among the kept days
(`targets/live.py`), whose totals are computed for every unit (about 2 s at national scale
on PostgreSQL) — by this command rather than by the first officer to open the dashboard.
`--everything` renews every kept day of every unit (after data was changed outside the
portal).
"""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from targets import cache, live
from targets.models import KeptDay


class Command(BaseCommand):
    help = "Renew the kept indicator figures: today's for every unit, and any made old."

    def add_arguments(self, parser):
        parser.add_argument(
            "--everything", action="store_true", help="renew every kept day of every unit"
        )

    def handle(self, *args, everything, **options):
        start = time.perf_counter()
        if everything:
            cache.everything_changed()
        live.renew()
        days = ", ".join(day.strftime("%d/%m/%Y") for day in live.kept_days(timezone.localdate()))
        self.stdout.write(
            f"Kept figures current for {days} "
            f"({KeptDay.objects.count()} days, {time.perf_counter() - start:.1f} s)."
        )
