"""Counting the database queries of a page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Return how many queries `client` getting the page at `url` makes (the page must load)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
