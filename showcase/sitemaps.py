"""The sitemap of the public site: its home, directory and open data pages, and every public
cooperative's and product's page (showcase.published.addresses), in pages of a thousand
under an index."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from . import published
from .kept import kept


class PublicPages(Sitemap):
    protocol = "https"
    # Nationally there are thousands of addresses: the index at /sitemap.xml lists pages of
    # a thousand, each cheap to write.
    limit = 1000

    def items(self):
        fixed = [(reverse(name), None) for name in FIXED]
        return fixed + kept("addresses", published.addresses, timezone.localdate())

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


FIXED = ["showcase:home", "showcase:directory", "showcase:open_data"]
SITEMAPS = {"public": PublicPages}
