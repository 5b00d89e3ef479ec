"""Locust scenarios of the load test; run by `load.py`, which passes the plan in environment
variables:

LOAD_SPEC      JSON written by `load.py prepare`: one session per simulated user (role, session
               cookie, the cooperative ids that user may see), the units, rounds and search words
LOAD_MODE      "mixed" (the portal's pages, logged in) or "ceiling" (GET /login/, anonymous)
LOAD_STATUSES  where to write {status code: count} when the run ends (locust's own statistics
               count failures, not 5xx as such)
"""

import itertools
import json
import os
import random
from collections import Counter

from locust import HttpUser, between, constant, events, task

with open(os.environ["LOAD_SPEC"], encoding="utf-8") as _spec:
    SPEC = json.load(_spec)
MODE = os.environ.get("LOAD_MODE", "mixed")
STATUSES = Counter()
_next_session = itertools.count()
# Which page, filter and record each user asks for next: a load pattern, not a secret.
RNG = random.Random()  # nosec B311


@events.request.add_listener
def _count_status(response=None, exception=None, **_kwargs):
    if response is not None and getattr(response, "status_code", None) is not None:
        STATUSES[str(response.status_code)] += 1
    elif exception is not None:
        STATUSES["no response"] += 1


@events.test_stop.add_listener
def _write_statuses(**_kwargs):
    path = os.environ.get("LOAD_STATUSES")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dict(STATUSES), out)


def _page(low=1, high=20):
    return RNG.randint(low, high)


class PortalUser(HttpUser):
    """A logged-in officer clicking through the portal: lists more often than the heavy pages."""

    wait_time = between(1, 3)

    def on_start(self):
        account = SPEC["sessions"][next(_next_session) % len(SPEC["sessions"])]
        self.account = account
        self.sees_all = account["role"] in ("province", "leader")
        self.client.cookies.set(SPEC["cookie"], account["session"], domain="127.0.0.1")

    def get(self, url, name):
        """GET `url`; a failure unless it answers 200 without sending us to the log-in page."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/login/" in response.url:
                response.failure("sent to the log-in page (session lost)")
            else:
                response.success()

    @task(4)
    def registry_list(self):
        params = {"page": _page()}
        choice = RNG.random()
        if choice < 0.25:
            params["kind"] = RNG.choice(SPEC["kinds"])
        elif choice < 0.45:
            params["status"] = RNG.choice(SPEC["statuses"])
        elif choice < 0.6:
            params["q"] = RNG.choice(SPEC["words"])
            params["page"] = 1
        elif choice < 0.75 and self.sees_all:
            params["unit"] = RNG.choice(SPEC["units"])
            params["page"] = 1
        query = "&".join(f"{key}={value}" for key, value in params.items())
        self.get(f"/registry/?{query}", "registry list")

    @task(4)
    def cooperative_detail(self):
        pk = RNG.choice(self.account["cooperatives"])
        self.get(f"/registry/{pk}/", "cooperative detail")

    @task(2)
    def people_list(self):
        self.get(f"/registry/people/?page={_page()}", "people list")

    @task(2)
    def event_list(self):
        self.get(f"/training/?page={_page()}", "training event list")

    @task(1)
    def dashboard(self):
        self.get("/progress/", "dashboard")

    @task(1)
    def round_board(self):
        pk = RNG.choice(SPEC["rounds"])
        self.get(f"/reports/{pk}/", "round board")

    @task(1)
    def provincial_report(self):
        if not self.sees_all:  # unit officers may not see it (403): they open their board
            return self.round_board()
        pk = RNG.choice(SPEC["rounds"])
        self.get(f"/reports/{pk}/report/", "provincial report")


class CeilingUser(HttpUser):
    """The trivial page: the log-in form, anonymous (one template, no queries), asked for
    without pause: the most requests per second the stack serves."""

    wait_time = constant(0)

    @task
    def login_page(self):
        with self.client.get("/login/", name="log-in page", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


# Locust runs every User class in the file unless told otherwise: keep the one of this mode.
if MODE == "ceiling":
    del PortalUser
else:
    del CeilingUser
