"""The sitemap of the public site: its home, directory and open data pages, and every public
cooperative's and product's page (showcase.published.addresses)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import published


class PublicPages(Sitemap):
    protocol = "https"

    def items(self):
        fixed = [(reverse(name), None) for name in FIXED]
        return fixed + published.addresses()

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


FIXED = ["showcase:home", "showcase:directory", "showcase:open_data"]
SITEMAPS = {"public": PublicPages}
