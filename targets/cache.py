"""Indicator figures kept between requests for the pages that show them.

Computing every indicator over a national registry takes seconds; reading the result back
takes a millisecond. A figure is kept under the data version of the moment: any save or
delete of a record the engine reads (the signals connected in `apps.py`) makes a new version,
so no page ever shows a figure older than the data. Bulk loads, which send no signals, call
`data_changed()` themselves (seed_synthetic), and so does every migration.

The cache is Django's (settings.CACHES): the database by default, shared by every worker.
Submissions freeze their figures from the engine itself, not from here.
"""

import hashlib
import uuid

from django.core.cache import cache

from . import indicators

VERSION_KEY = "indicators:data-version"
# Kept a day at most: figures of a scope nobody opens again do not stay for ever.
TIMEOUT = 24 * 60 * 60


def data_changed(**_signal):
    """Start a new data version: every figure kept so far is no longer read."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _kept(name, compute, day, unit_ids):
    scope = "all" if unit_ids is None else ",".join(str(pk) for pk in sorted(unit_ids))
    digest = hashlib.sha256(scope.encode()).hexdigest()[:24]
    key = f"indicators:{name}:{data_version()}:{day.isoformat()}:{digest}"
    result = cache.get(key)
    if result is None:
        result = compute(day, unit_ids)
        cache.set(key, result, TIMEOUT)
    return result


def compute(day, unit_ids=None):
    """`indicators.compute`, kept until the data changes."""
    return _kept("compute", indicators.compute, day, unit_ids)


def compute_by_unit(day, unit_ids=None):
    """`indicators.compute_by_unit`, kept until the data changes."""
    return _kept("by-unit", indicators.compute_by_unit, day, unit_ids)
