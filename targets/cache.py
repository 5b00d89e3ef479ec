"""Indicator figures kept between requests, for the days that `live` does not keep current
(a day picked on the dashboard other than today, the plan's start or a year's end).

Computing every indicator over a national registry takes seconds; reading the result back
takes a millisecond. A figure is kept under the data version of the moment: any save or
delete of a record the engine reads (the signals connected in `apps.py`) makes a new version,
so no page ever shows a figure older than the data. Bulk loads, which send no signals, call
`everything_changed()` themselves (seed_synthetic), and so does every migration; a restore,
which saves every row with its signals, renews it once for them all (`one_change`).

The cache is Django's (settings.CACHES): the database by default, shared by every worker.
Submissions freeze their figures from the engine itself, not from here.
"""

from contextlib import contextmanager

from django.db import transaction

from config import caching
from org.models import UNITS_VERSION

from . import indicators
from .models import FiguresToRenew

VERSION_KEY = "indicators:data-version"


def data_changed(**_signal):
    """Start a new data version: every figure kept so far is no longer read.

    Renewed at once (the writing request reads its own change) and again when the change is
    committed: a page that computed figures in between read the data before it, and kept
    them under the version renewed first.
    """
    if caching.gathering():
        return
    caching.renew(VERSION_KEY)
    transaction.on_commit(lambda: caching.renew(VERSION_KEY))


def everything_changed():
    """Start a new data version and have every unit's kept totals renewed (`live`), and what
    is kept about the unit tree read anew: after a restore, a migration or a bulk load, which
    may have changed any record, units included."""
    data_changed()
    caching.renew(UNITS_VERSION)
    FiguresToRenew.objects.create(unit_id=None)


@contextmanager
def one_change():
    """Renew the data version once, after the writes inside, instead of once per row saved:
    a restore saves tens of thousands of rows, and renewing for each doubled its time.
    Enter it inside the transaction of the writes (the version is renewed again when it
    commits); nothing is renewed if the writes fail.
    """
    with caching.gathered():
        yield
    everything_changed()


def _kept(name, compute, day, unit_ids):
    scope = "all" if unit_ids is None else ",".join(str(pk) for pk in sorted(unit_ids))
    version = caching.marker(VERSION_KEY)
    key = f"indicators:{name}:{version}:{day.isoformat()}:{caching.digest(scope)}"
    return caching.kept_value(key, lambda: compute(day, unit_ids))


def compute(day, unit_ids=None):
    """`indicators.compute`, kept until the data changes."""
    return _kept("compute", indicators.compute, day, unit_ids)


def compute_by_unit(day, unit_ids=None):
    """`indicators.compute_by_unit`, kept until the data changes."""
    return _kept("by-unit", indicators.compute_by_unit, day, unit_ids)
