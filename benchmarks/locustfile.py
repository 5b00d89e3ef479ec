"""Locust scenarios of the load test; run by `load.py`, which passes the plan in environment
variables:

LOAD_SPEC      JSON written by `load.py prepare`: one session per simulated user (role, session
               cookie, the cooperative ids that user may see), the units, rounds and search words;
               for the writers run, each writer's commune and records, and the readers' sessions
LOAD_MODE      "mixed" (the portal's pages, logged in), "writers" (unit officers saving while the
               others read figures) or "ceiling" (GET /login/, anonymous)
LOAD_STATUSES  where to write {status code: count} when the run ends (locust's own statistics
               count failures, not 5xx as such)
LOAD_FRESHNESS where the writers run writes its freshness checks when it ends

The writers run checks that no page shows figures older than the last save committed before
it was asked for. Each writer has a commune of its own, and one HTX there whose figures count
in its HTX_FEMALE_JOBS ("Lao động nữ có việc làm ổn định trong hợp tác xã") through its one
woman manager. In turn it saves the HTX's latest yearly figures with female_stable_jobs x,
then y, then ends the manager's role yesterday (the HTX leaves today's figures), then clears
that end: each save changes the commune's figure. After each save (its 302 received: the
save is committed) it asks for the commune's dashboard at once, and the figure must be the
rest of the commune (read before the run) plus what the HTX adds now. Readers' dashboards of
those communes and of the province are checked too: a figure must be the one after the last
save that ended before the page was asked for, or after a save that overlapped the request.
"""

import itertools
import json
import math
import os
import random
import re
import time
from collections import Counter

import lxml.html
import requests
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
    path = os.environ.get("LOAD_FRESHNESS")
    if path and MODE == "writers":
        with open(path, "w", encoding="utf-8") as out:
            json.dump({**FRESHNESS, "stale_examples": STALE_EXAMPLES[:20]}, out)


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


# --- the writers run ----------------------------------------------------------------------

CHECKED = "HTX_FEMALE_JOBS"
# The figure in the dashboard's row of the indicator (its label links to its breakdown).
FIGURE = re.compile(
    rf'/{CHECKED}/units/[^"]*">[^<]*</a></th>\s*<td class="num"><a [^>]*>([0-9.,\s]+)</a>'
)
FRESHNESS = Counter(writer_checks=0, writer_stale=0, reader_checks=0, reader_stale=0)
STALE_EXAMPLES = []
# What each writer's HTX adds to its commune's figure: the initial value, then one entry per
# save received (start, end, value after it), and the save under way, if any.
HISTORY = {}
IN_FLIGHT = {}
REST = {}  # the commune's figure without the writer's HTX; "province" for the whole province
_next_writer = itertools.count()
_next_reader = itertools.count()


def figure_on(page: str) -> int | None:
    """The checked indicator's figure on a dashboard page (grouped as 1.234 in Vietnamese)."""
    found = FIGURE.search(page)
    return int(re.sub(r"\D", "", found.group(1))) if found else None


@events.test_start.add_listener
def _read_rests(environment, **_kwargs):
    """Before any user starts: each writer's commune figure, and the province's, without
    what the writers' HTX add (they add their figures' value, their manager's role open)."""
    if MODE != "writers":
        return
    http = requests.Session()
    http.cookies.set(SPEC["cookie"], SPEC["readers"][0]["session"], domain="127.0.0.1")

    def figure(query=""):
        response = http.get(f"{environment.host}/progress/{query}", timeout=120)
        response.raise_for_status()
        value = figure_on(response.text)
        if value is None:
            raise RuntimeError(f"No {CHECKED} figure on /progress/{query}")
        return value

    everyone = 0
    for writer in SPEC["writers"]:
        unit, added = writer["unit"], writer["value_before"]
        REST[unit] = figure(f"?unit={unit}") - added
        HISTORY[unit] = [(-math.inf, -math.inf, added)]
        everyone += added
    REST["province"] = figure() - everyone


def _allowed(unit, started, ended) -> set[int]:
    """What the writer's HTX may add on a page asked for at `started` and received at
    `ended`: its value after the last save received before `started`, or after a save that
    overlapped the request."""
    history = HISTORY[unit]
    before = [added for _start, end, added in history if end < started]
    allowed = {before[-1]}
    allowed |= {added for start, end, added in history if end >= started and start < ended}
    if unit in IN_FLIGHT and IN_FLIGHT[unit][0] < ended:
        allowed.add(IN_FLIGHT[unit][1])
    return allowed


def _check(kind, url, shown, allowed: set[int], rest: int):
    FRESHNESS[f"{kind}_checks"] += 1
    if shown is None or shown - rest not in allowed:
        FRESHNESS[f"{kind}_stale"] += 1
        STALE_EXAMPLES.append(
            {"who": kind, "url": url, "shown": shown, "expected": sorted(a + rest for a in allowed)}
        )


class FigureWriter(HttpUser):
    """A unit officer saving without pause: the HTX's yearly figures through their edit
    form (CSRF token, version and every field as the form shows them), then its woman
    manager's role through the role form, each save followed by the commune's dashboard."""

    fixed_count = int(os.environ.get("LOAD_WRITERS", "10"))
    wait_time = between(0.5, 1.5)
    # The saves in turn: (what, the figures' value or the role's end date).
    STEPS = [("figures", 0), ("figures", 1), ("role", "end"), ("role", "open")]

    def on_start(self):
        self.writer = SPEC["writers"][next(_next_writer) % len(SPEC["writers"])]
        self.client.cookies.set(SPEC["cookie"], self.writer["session"], domain="127.0.0.1")
        self.value, self.open = self.writer["value_before"], True
        self.steps = itertools.cycle(self.STEPS)
        w = self.writer
        self.urls = {
            "figures": f"/registry/{w['cooperative']}/figures/{w['figures']}/edit/",
            "role": f"/registry/{w['cooperative']}/roles/{w['role']}/edit/",
        }

    @task
    def save_and_read(self):
        what, change = next(self.steps)
        value, is_open = self.value, self.open
        if what == "figures":
            value = self.writer["values"][change]
            fields = {"female_stable_jobs": str(value)}
        else:
            is_open = change == "open"
            fields = {"end_date": "" if is_open else self.writer["end_date"]}
        form = self.open_form(what)
        if form is None:
            return
        unit = self.writer["unit"]
        added = value if is_open else 0
        IN_FLIGHT[unit] = (time.monotonic(), added)
        saved = self.post(what, {**form, **fields})
        del IN_FLIGHT[unit]
        if not saved:
            return
        HISTORY[unit].append((saved[0], saved[1], added))
        self.value, self.open = value, is_open
        # Read our own write: the save's response is in, so the page must show it.
        url = f"/progress/?unit={unit}"
        with self.client.get(url, name="writer: unit dashboard", catch_response=True) as response:
            if response.status_code != 200 or "/login/" in response.url:
                response.failure(f"HTTP {response.status_code} at {response.url}")
                return
            response.success()
            _check("writer", url, figure_on(response.text), {added}, REST[unit])

    def open_form(self, what) -> dict | None:
        """GET the edit form; return the values a browser would send back (None: failed)."""
        name = f"writer: {what} form"
        with self.client.get(self.urls[what], name=name, catch_response=True) as response:
            forms = []
            if response.status_code == 200 and "/login/" not in response.url:
                page = lxml.html.fromstring(response.content)
                forms = [f for f in page.forms if f.inputs.keys() and "version" in f.inputs.keys()]
            if not forms:
                response.failure(f"no edit form (HTTP {response.status_code} at {response.url})")
                return None
            response.success()
            return dict(forms[0].form_values())

    def post(self, what, data) -> tuple[float, float] | None:
        """POST the form; a save is a redirect (302) to the cooperative: anything else — the
        form again with a refusal, 403, 5xx — is a failure. Return (start, end) of a save."""
        url = self.urls[what]
        started = time.monotonic()
        with self.client.post(
            url, data=data, name=f"save: {what}", allow_redirects=False, catch_response=True
        ) as response:
            ended = time.monotonic()
            if response.status_code == 302 and "/login/" not in response.headers["Location"]:
                response.success()
                return started, ended
            reason = f"HTTP {response.status_code}"
            if response.status_code == 200:
                errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
                reason += " (refused: " + re.sub(r"<[^>]+>", " ", " ".join(errors)).strip() + ")"
            response.failure(reason[:300])
            return None


class FigureReader(HttpUser):
    """Province staff or a leader reading figures: the province's dashboard and units' ones,
    the units table, an indicator's breakdown and the provincial report."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        account = SPEC["readers"][next(_next_reader) % len(SPEC["readers"])]
        self.client.cookies.set(SPEC["cookie"], account["session"], domain="127.0.0.1")

    def read(self, url, name):
        """GET `url` (a failure unless 200 and logged in); return (start, end, page)."""
        started = time.monotonic()
        with self.client.get(url, name=name, catch_response=True) as response:
            ended = time.monotonic()
            if response.status_code != 200 or "/login/" in response.url:
                response.failure(f"HTTP {response.status_code} at {response.url}")
                return None
            response.success()
            return started, ended, response.text

    @task(2)
    def province_dashboard(self):
        read = self.read("/progress/", "dashboard (province)")
        if read:
            started, ended, page = read
            sums = {0}
            for unit in HISTORY:
                sums = {s + a for s in sums for a in _allowed(unit, started, ended)}
            _check("reader", "/progress/", figure_on(page), sums, REST["province"])

    @task(3)
    def unit_dashboard(self):
        if RNG.random() < 0.5:
            unit = RNG.choice(SPEC["writers"])["unit"]
        else:
            unit = RNG.choice(SPEC["units"])
        url = f"/progress/?unit={unit}"
        read = self.read(url, "dashboard (unit)")
        if read and unit in HISTORY:
            started, ended, page = read
            _check("reader", url, figure_on(page), _allowed(unit, started, ended), REST[unit])

    @task(1)
    def units_table(self):
        self.read(f"/progress/units/?page={_page(1, SPEC['heat_pages'])}", "units table")

    @task(2)
    def breakdown(self):
        code = RNG.choice(SPEC["indicator_codes"])
        self.read(f"/progress/{code}/units/", "breakdown")

    @task(1)
    def provincial_report(self):
        self.read(f"/reports/{RNG.choice(SPEC['rounds'])}/report/", "provincial report")


class CeilingUser(HttpUser):
    """The trivial page: the log-in form, anonymous (one template, no queries), asked for
    without pause: the most requests per second the stack serves."""

    wait_time = constant(0)

    @task
    def login_page(self):
        with self.client.get("/login/", name="log-in page", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


# Locust runs every User class in the file unless told otherwise: keep those of this mode.
if MODE != "mixed":
    del PortalUser
if MODE != "writers":
    del FigureReader
if MODE != "writers" or not FigureWriter.fixed_count:  # --writers 0: the readers alone
    del FigureWriter
if MODE != "ceiling":
    del CeilingUser
