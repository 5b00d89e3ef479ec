"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os

import pytest

from tests.factories import PASSWORD
from tests.reference import load_reference_data

# Playwright runs an event loop in the test thread; Django must allow its sync ORM there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"

# Screens: the smallest phone the portal must serve, and a small laptop.
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# Whether the page is no wider than the screen (nothing makes it scroll sideways).
FITS = "document.documentElement.scrollWidth <= window.innerWidth"

# The live server needs committed data, so browser tests run in real transactions.
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Load the reference lists again: a transactional test flushes the database after it,
    taking what the data migrations loaded with it. The loaders are idempotent."""
    load_reference_data()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def log_in_on(page, server_url, username, password=PASSWORD):
    """Log `username` in through the log-in form, in `page` (a phone's, a wide screen's)."""
    page.goto(f"{server_url}/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.fixture
def log_in(page, live_server):
    """Return a function that logs `username` in through the log-in form."""

    def log_in(username, password):
        log_in_on(page, live_server.url, username, password)

    return log_in
