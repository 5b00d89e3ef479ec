"""Fill the database with reproducible synthetic data for benchmarks (demo/synthetic.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import synthetic
from targets.cache import everything_changed


class Command(BaseCommand):
    help = (
        "Load synthetic registry, training, follow-up and reporting data: --scale province "
        "(Lào Cai's share) or national (every province; synthetic provinces and communes are "
        "added). "
        "Refuses a database that holds registry data unless --force, which first deletes "
        "every cooperative, person, training event, officer, support, difficulty, round and "
        "submission."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(synthetic.SCALES), default="province")
        parser.add_argument("--seed", type=int, default=294, help="the same seed, the same data")
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete the registry, training and reporting data (and synthetic units) first",
        )

    def handle(self, *args, scale, seed, force, verbosity=1, **options):
        log = self.stdout.write if verbosity else (lambda message: None)
        started = time.monotonic()
        with transaction.atomic():
            if synthetic.holds_data():
                if not force:
                    raise CommandError(
                        "The database already holds registry, training or reporting data. "
                        "Use an empty database (after `migrate`), or give --force to delete "
                        "that data and the synthetic units first."
                    )
                synthetic.clear()
                log(f"cleared: {time.monotonic() - started:.1f} s")
            counts = synthetic.seed(synthetic.SCALES[scale], seed, log)
            everything_changed()  # bulk inserts send no signals: renew every kept figure
        for model, count in counts.items():
            log(f"{model._meta.label:45} {count:>9,}")
        log(f"{scale} scale, seed {seed}: {time.monotonic() - started:.1f} s in all")
