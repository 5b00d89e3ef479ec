"""Whatever a query string holds, a page answers it: with the page and a message, or a 404,
never a server error. Every page a user reads is asked every kind of bad value."""

import pytest
from django.urls import reverse

from tests.records import records
from tests.url_table import READ, STAFF, SUMMARY, URLS

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
# Each parameter a page of the portal reads, with values no form would send.
HOSTILE = {
    "year": ["2147483648", HUGE, "-1", "0", "abc", "2025.5"],
    "as_of": ["99999-01-01", "0000-00-00", "2025-02-31", "abc", "\x00"],
    "unit": [HUGE, "-1", "abc", "\x00"],
    "row": [HUGE, "-1", "abc"],
    "page": [HUGE, "-1", "abc"],
    "per_page": [HUGE, "-1", "abc"],
    "kind": ["x" * 300, "'", "\x00"],
    "status": ["x", "\x00"],
    "q": ["\x00", "%", "x" * 2000],
    "sector": [HUGE, "abc"],
    "category": ["x"],
    "stars": [HUGE],
    "state": ["x"],
}


def pages(recs):
    """Yield the URL of every page that reads (GET) for the records `recs`."""
    for name, (access, args) in URLS.items():
        if access in (READ, SUMMARY, STAFF) and name != "restore:restore":
            yield reverse(name, args=args(recs))


def test_no_query_string_makes_a_page_fail(client, province_staff, ta_van):
    client.force_login(province_staff)
    client.raise_request_exception = False  # count a server error as the user would see it
    failures = []
    for url in pages(records(ta_van)):
        for parameter, values in HOSTILE.items():
            for value in values:
                status = client.get(url, {parameter: value}).status_code
                if status >= 500:
                    failures.append(f"{url}?{parameter}={value!r}: {status}")
    assert failures == [], "\n".join(failures)
