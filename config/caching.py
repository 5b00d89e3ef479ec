"""Values kept in Django's cache (settings.CACHES: the database's by default, shared by every
worker) under markers. A marker is a random string naming a state — the indicators' data
version, the code release of the kept report pages: renewing it leaves everything kept under
the old one unread, until it expires a day later.
"""

import hashlib
import threading
import uuid
from collections.abc import Callable
from contextlib import contextmanager

from django.core.cache import cache

# Kept a day at most: what nobody asks for again does not stay for ever.
TIMEOUT = 24 * 60 * 60
# Set, in this thread, while many writes are gathered into one renewal (`gathered`).
_gathering = threading.local()


@contextmanager
def gathered():
    """Hold back the renewals that each write would make, for the writes inside (a restore
    saves tens of thousands of rows): the caller renews once, after."""
    _gathering.active = True
    try:
        yield
    finally:
        _gathering.active = False


def gathering() -> bool:
    """Whether this thread is inside `gathered`."""
    return getattr(_gathering, "active", False)


def digest(text: str) -> str:
    """A short hash of `text`, for keys and file names."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def marker(key: str) -> str:
    """The marker kept under `key`, made on first use."""
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)  # another worker may have made it meanwhile
        value = cache.get(key)
    return value


def markers(*keys: str) -> list[str]:
    """The markers kept under `keys`, in one read of the cache (made on first use)."""
    found = cache.get_many(keys)
    if len(found) < len(keys):
        return [marker(key) for key in keys]
    return [found[key] for key in keys]


def renew(key: str):
    """Give `key` a new marker: what was kept under the old one is no longer read."""
    cache.set(key, uuid.uuid4().hex, None)


def kept_value(key: str, compute: Callable):
    """The value kept under `key`, or `compute()`'s, then kept."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
