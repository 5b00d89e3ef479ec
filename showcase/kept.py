"""What the public pages keep between views (settings.CACHES, under config.caching's
markers): the home page's figures and featured cooperatives, the directory's places, the
sitemap. They are read anew after any change that may alter them: a showcase record
(`showcase_changed`, on every save or delete of one), an input of the indicators (the
cooperatives, their yearly figures and roles: targets' data version), or a unit."""

from django.db import transaction
from django.utils.translation import get_language

from config import caching
from org.models import UNITS_VERSION
from targets.cache import VERSION_KEY

SHOWCASE_VERSION = "showcase:data-version"


def kept(name: str, compute, *parts):
    """`compute()`'s value, kept under `name` and `parts` until the data changes."""
    versions = caching.markers(SHOWCASE_VERSION, VERSION_KEY, UNITS_VERSION)
    key = ":".join(["showcase", name, *versions, get_language(), *map(str, parts)])
    return caching.kept_value(key, compute)


def showcase_changed(**_signal):
    """Read everything kept anew: at once (the writer reads their own change) and once the
    change is committed (a page that read the data in between kept the old state)."""
    caching.renew(SHOWCASE_VERSION)
    transaction.on_commit(lambda: caching.renew(SHOWCASE_VERSION))
