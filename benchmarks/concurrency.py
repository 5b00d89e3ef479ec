"""Writers at once (issue 13): officers who write at the same moment, as deployed.

    .venv/bin/python benchmarks/concurrency.py [--databases sqlite postgres]
        [--clients 2 5 10 20 50] [--output benchmarks/concurrency-results.json]

For each database — SQLite: a new file in a temporary folder; PostgreSQL: the database
`bench_concurrency` on PG_URL (default postgres://postgres@127.0.0.1:5432), made and dropped
here — the portal is set up (collectstatic, migrate, province staff accounts) and served by
gunicorn, 4 workers, DEBUG off (benchmarks/served.py). Then for each number of clients, each
scenario sends one request per client at the same moment (threads released by a barrier;
opening the form, uploading the file, logging in beforehand are done before it):

- log-ins: each client logs in with an account of its own;
- new records: each client saves a new cooperative (/registry/new/);
- one record: every client opened the same cooperative's edit form and saves it with the
  version it saw — one is kept, every other is told that it changed meanwhile;
- own imports: each client confirms the import of its own checked file (two cooperatives);
- one import: every client (logged in as the uploader) confirms the same checked file —
  it is imported once, every other is told that it already was.

Each answer is classed: success, refused with a message, 5xx, or unexpected (a refusal
without a message, another status). The database is then read directly: every success must
be stored (the session, the record, the imported rows) and nothing more. Latencies are those
the clients saw (p50 / p95 / max). A table is printed and everything goes to --output;
gunicorn's error log (tracebacks of 5xx answers) stays in the temporary folder printed.
"""

import argparse
import datetime
import functools
import json
import math
import os
import platform
import re
import sqlite3
import subprocess  # nosec B404: psql, to make and drop the benchmark database
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.served import (  # noqa: E402 — run as a script, the project is not on the path
    ROOT,
    TOKEN,
    VERSION,
    Answer,
    Officer,
    at_once,
    production_env,
    served,
    set_up,
)
from tests.spreadsheets import COOPERATIVE_HEADERS, xlsx  # noqa: E402

PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "bench_concurrency"
TARGET_P95_MS = 1000
TARGET_CLIENTS = 20
WORKERS = 4  # gunicorn's
WARM_UP_CLIENTS = 2 * WORKERS  # each worker is likely to get some
# What the pages say (in Vietnamese, the portal's language), to tell a refusal with a message.
STALE = "hãy tải lại trang"  # config/forms.py: "… was just changed by …; reload the page"
IMPORTED = "Đã nhập"  # imports/views.py: "Imported: %(rows)s rows."
ALREADY_IMPORTED = "Tệp này đã được nhập hoặc đã hủy"  # "… already been imported or discarded."
TA_VAN = "03037"  # the commune (code set 2025) every record is filed under


# --- the database, read directly --------------------------------------------------------------


class Rows:
    """Queries on the benchmark's database, with `%s` placeholders on either engine."""

    def __init__(self, url: str):
        self.url = url.split("?")[0]

    def all(self, sql: str, *params) -> list:
        if self.url.startswith("sqlite:///"):
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as connection:
                return connection.execute(sql.replace("%s", "?"), params).fetchall()
        with psycopg2.connect(self.url) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        connection.close()
        return rows

    def one(self, sql: str, *params):
        return self.all(sql, *params)[0][0]


@contextmanager
def database(engine: str, folder: Path):
    """Yield the URL of a new, empty database of `engine`, dropped afterwards (PostgreSQL)."""
    if engine == "sqlite":
        yield f"sqlite:///{folder / 'portal.sqlite3'}"
        return

    def psql(sql):
        subprocess.run(  # nosec B603 B607: the PostgreSQL client, on our own database
            ["psql", f"{PG_URL}/postgres", "-q", "-c", sql], check=True, capture_output=True
        )

    psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {PG_DATABASE}")
    try:
        yield f"{PG_URL}/{PG_DATABASE}"
    finally:
        psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


# --- the scenarios: each returns (answers, outcomes, problems found in the database) ----------


def outcome(answer: Answer, success: bool, refusal: str = "", page: str | None = None):
    """Return (class, what the page said) of an answer: "5xx", "success", "refused" (the
    page — the answer's own unless given — has a message, with `refusal` in it) or
    "unexpected" (no such message)."""
    page = answer.body if page is None else page
    said = told(page)
    if answer.status >= 500:
        kind = "5xx"
    elif success:
        kind = "success"
    else:
        kind = "refused" if said and refusal in said else "unexpected"
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    return kind, said or (title[1].strip() if title else page[:200])


def told(page: str) -> str:
    """Return the text of the page's error summary and messages ("" when it has none)."""
    found = re.findall(
        r'<div class="error-summary".*?</div>|<ul class="messages".*?</ul>', page, re.DOTALL
    )
    return " ".join(re.sub(r"<[^>]+>", " ", "".join(found)).split())


def together(prepare, *columns):
    """Return at_once() of prepare(officer, …) with the values of each row of `columns`."""
    return at_once([functools.partial(prepare, *row) for row in zip(*columns, strict=True)])


def log_ins(site, officers):
    users = [f"canbo{n}" for n in range(len(officers))]
    answers = together(Officer.log_in, officers, users)
    outcomes, problems = [], []
    for officer, answer in zip(officers, answers, strict=True):
        success = answer.status == 302 and "/login/" not in answer.location
        outcomes.append(outcome(answer, success))
        key = officer.cookie("sessionid")
        if success and not site.rows.all(
            "SELECT 1 FROM django_session WHERE session_key = %s", key
        ):
            problems.append(f"a log-in answered {answer.status} but its session is not stored")
    return answers, outcomes, problems


def new_records(site, officers):
    names = [f"HTX Đồng Thời {len(officers)}-{n}" for n in range(len(officers))]

    def prepare(officer, name):
        token = TOKEN.search(officer.get("/registry/new/")).group(1)
        data = {"csrfmiddlewaretoken": token, "kind": "htx", "name": name,
                "unit": site.ta_van, "status": "active"}  # fmt: skip
        return lambda: officer.post("/registry/new/", data)

    answers = together(prepare, officers, names)
    outcomes, problems, saved = [], [], []
    for name, answer in zip(names, answers, strict=True):
        created = re.fullmatch(r"/registry/(\d+)/", answer.location)
        outcomes.append(outcome(answer, bool(created)))
        if created:
            saved.append(name)
            stored = site.rows.all(
                "SELECT name FROM cooperatives_cooperative WHERE id = %s", int(created[1])
            )
            if stored != [(name,)]:
                problems.append(f"{name!r} answered saved as {created[1]}, stored: {stored}")
    stored = site.rows.all(
        "SELECT name FROM cooperatives_cooperative WHERE name LIKE %s",
        f"HTX Đồng Thời {len(officers)}-%",
    )
    if sorted(name for (name,) in stored) != sorted(saved):
        problems.append(f"{len(saved)} answered saved, {len(stored)} stored")
    return answers, outcomes, problems


def one_record(site, officers):
    record = site.rows.one("SELECT MIN(id) FROM cooperatives_cooperative")
    edit = f"/registry/{record}/edit/"
    names = [f"Tên {len(officers)}-{n}" for n in range(len(officers))]

    def prepare(officer, name):
        page = officer.get(edit)
        data = {"csrfmiddlewaretoken": TOKEN.search(page).group(1),
                "version": VERSION.search(page).group(1), "kind": "htx", "name": name,
                "unit": site.ta_van, "status": "active"}  # fmt: skip
        return lambda: officer.post(edit, data)

    history = "SELECT COUNT(*) FROM cooperatives_historicalcooperative WHERE id = %s"
    before = site.rows.one(history, record)
    answers = together(prepare, officers, names)
    outcomes = [outcome(answer, answer.status == 302, STALE) for answer in answers]
    kept = [name for name, answer in zip(names, answers, strict=True) if answer.status == 302]
    stored = site.rows.one("SELECT name FROM cooperatives_cooperative WHERE id = %s", record)
    changes = site.rows.one(history, record) - before
    problems = []
    if len(kept) != 1:
        problems.append(f"{len(kept)} saves of one record answered saved, not 1")
    elif stored != kept[0] or changes != 1:
        problems.append(f"{kept[0]!r} answered saved; stored {stored!r}, {changes} changes")
    return answers, outcomes, problems


def own_imports(site, officers):
    files = [import_file(f"Nhập {len(officers)}-{n}") for n in range(len(officers))]
    answers = together(
        lambda officer, file: confirming(officer, upload(officer, file)), officers, files
    )
    return imports_checked(site, officers, answers, files, once=False)


def one_import(site, officers):
    """Every client of `officers` is logged in as canbo0 here, who uploads the file."""
    file = import_file(f"Nhập chung {len(officers)}")
    batch = upload(officers[0], file)
    answers = together(confirming, officers, [batch] * len(officers))
    return imports_checked(site, officers, answers, [file] * len(officers), once=True)


def import_file(name: str):
    """Return (the .xlsx of two cooperatives of Tả Van named after `name`, their names)."""
    names = [f"HTX {name} A", f"Tổ hợp tác {name} B"]
    rows = [["HTX", names[0], "", TA_VAN, "Dệt thổ cẩm"], ["THT", names[1], "", TA_VAN, ""]]
    return xlsx({"HTX và THT": [COOPERATIVE_HEADERS, *rows]}), names


def upload(officer, file) -> int:
    """Upload and check `file` (as import_file() gives it); return the batch's id."""
    token = TOKEN.search(officer.get("/imports/")).group(1)
    answer = officer.post_file(
        "/imports/", {"csrfmiddlewaretoken": token}, "file", "ds.xlsx", file[0]
    )
    checked = re.fullmatch(r"/imports/(\d+)/", answer.location)
    if not checked:
        raise RuntimeError(f"the upload answered {answer.status}: {told(answer.body)}")
    return int(checked[1])


def confirming(officer, batch: int):
    """Open the checked batch's page; return the request that confirms it."""
    token = TOKEN.search(officer.get(f"/imports/{batch}/")).group(1)
    return lambda: officer.post(f"/imports/{batch}/confirm/", {"csrfmiddlewaretoken": token})


def imports_checked(site, officers, answers, files, *, once: bool):
    """Class the confirmations by the message on the page they lead to; check that each
    batch answered imported is, with its rows stored once (`once`: a single batch)."""
    outcomes, problems, imported = [], [], []
    for officer, answer, file in zip(officers, answers, files, strict=True):
        batch = re.fullmatch(r"/imports/(\d+)/", answer.location)
        page = officer.get(answer.location) if batch else answer.body
        success = bool(batch) and IMPORTED in told(page)
        outcomes.append(outcome(answer, success, ALREADY_IMPORTED if once else "", page))
        if success:
            imported.append((int(batch[1]), file[1]))
    if once and len(imported) != 1:
        problems.append(f"one file answered imported {len(imported)} times")
    for batch, names in imported:
        state = site.rows.one("SELECT state FROM imports_importbatch WHERE id = %s", batch)
        counts = [
            site.rows.one("SELECT COUNT(*) FROM cooperatives_cooperative WHERE name = %s", name)
            for name in names
        ]
        if state != "imported" or counts != [1] * len(names):
            problems.append(f"batch {batch} answered imported: {state}, rows stored {counts}")
    return answers, outcomes, problems


SCENARIOS = {
    "log-ins": log_ins,
    "new records": new_records,
    "one record": one_record,
    "own imports": own_imports,
    "one import": one_import,
}


# --- the run ----------------------------------------------------------------------------------


class Site:
    def __init__(self, base: str, rows: Rows):
        self.base = base
        self.rows = rows
        self.ta_van = rows.one(
            "SELECT id FROM org_unit WHERE code_set = '2025' AND code = %s", TA_VAN
        )


def run_round(site, clients: int):
    """Run every scenario with `clients` clients; yield a result per scenario."""
    officers = [Officer(site.base) for _ in range(clients)]
    yield measure(site, "log-ins", officers)
    # The next three go on with the officers just logged in (any refused is logged in again).
    log_in_all(officers, [f"canbo{n}" for n in range(clients)])
    for name in ("new records", "one record", "own imports"):
        yield measure(site, name, officers)
    uploaders = [Officer(site.base) for _ in range(clients)]
    log_in_all(uploaders, ["canbo0"] * clients)  # only the uploader may confirm
    yield measure(site, "one import", uploaders)


def warm_up(site, clients: int = WARM_UP_CLIENTS):
    """Have every worker answer each kind of page once before anything is timed: a worker's
    first request loads the URLs, templates and translations."""
    officers = [Officer(site.base) for _ in range(clients)]
    log_in_all(officers, [f"canbo{n}" for n in range(clients)])
    for path in ("/progress/", "/registry/", "/registry/new/", "/imports/"):
        together(lambda officer, path: lambda: officer.get(path), officers, [path] * clients)


def log_in_all(officers, users):
    """Log in each of `officers` without a session as the user at its place in `users`, a
    worker's worth at a time: preparation, not a measure (the log-ins scenario is that)."""
    waiting = [(o, u) for o, u in zip(officers, users, strict=True) if not o.cookie("sessionid")]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(lambda pair: Officer.log_in(*pair)(), waiting))
    if any(answer.status != 302 for answer in answers):
        raise RuntimeError(f"log-ins answered {[answer.status for answer in answers]}")


def measure(site, scenario: str, officers) -> dict:
    answers, outcomes, problems = SCENARIOS[scenario](site, officers)
    ms = sorted(answer.seconds * 1000 for answer in answers)
    counts = Counter(kind for kind, _said in outcomes)
    return {
        "scenario": scenario,
        "clients": len(officers),
        "success": counts["success"],
        "refused": counts["refused"],
        "server_errors": counts["5xx"],
        "unexpected": counts["unexpected"],
        "statuses": dict(sorted(Counter(str(answer.status) for answer in answers).items())),
        "p50_ms": round(percentile(ms, 0.50)),
        "p95_ms": round(percentile(ms, 0.95)),
        "max_ms": round(ms[-1]),
        "problems": problems,
        # What the answers other than successes said, and how many said it.
        "said": dict(
            Counter(
                f"{kind} {answer.status}: {said}"
                for answer, (kind, said) in zip(answers, outcomes, strict=True)
                if kind != "success"
            )
        ),
    }


def percentile(values: list, share: float) -> float:
    """The nearest-rank percentile of the sorted `values`."""
    return values[max(0, math.ceil(share * len(values)) - 1)]


def run_database(engine: str, clients: list, folder: Path) -> list:
    """Run every scenario at every number of clients on a new database of `engine`."""
    log = folder / f"gunicorn-{engine}.log"
    results = []
    with database(engine, folder) as url:
        # Persistent connections, as the README's production URL has them.
        env = production_env(url + "?conn_max_age=60")
        print(f"{engine}: setting up {url} …", flush=True)
        set_up(env, officers=max(*clients, WARM_UP_CLIENTS))
        rows = Rows(url)
        try:
            with served(env, log, workers=WORKERS) as base:
                site = Site(base, rows)
                warm_up(site)
                for count in clients:
                    for result in run_round(site, count):
                        # Other work on the machine slows everything: the load (1 minute) says.
                        load = round(os.getloadavg()[0], 1)
                        result = {"database": engine, **result, "load_average_after": load}
                        print_row(result)
                        results.append(result)
        finally:
            remove_uploads(rows)
    print(f"{engine}: gunicorn's log: {log}", flush=True)
    return results


def remove_uploads(rows: Rows):
    """Delete the files the imports stored in the project's media folder."""
    for (name,) in rows.all("SELECT file FROM imports_importbatch"):
        (ROOT / "media" / name).unlink(missing_ok=True)


HEADER = (
    f"{'database':<10}{'scenario':<13}{'clients':>8}{'success':>9}{'refused':>9}{'5xx':>5}"
    f"{'other':>7}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}  database check"
)


def print_row(r):
    check = "; ".join(r["problems"]) or "ok"
    print(
        f"{r['database']:<10}{r['scenario']:<13}{r['clients']:>8}{r['success']:>9}"
        f"{r['refused']:>9}{r['server_errors']:>5}{r['unexpected']:>7}{r['p50_ms']:>8}"
        f"{r['p95_ms']:>8}{r['max_ms']:>8}  {check}",
        flush=True,
    )


def misses(results) -> list:
    """Return a line for each failed requirement of issue 13."""
    found = []
    for r in results:
        name = f"{r['database']}, {r['scenario']}, {r['clients']} clients"
        if r["server_errors"] or r["unexpected"]:
            found.append(f"{name}: {r['server_errors']} 5xx, {r['unexpected']} unexpected")
        found += [f"{name}: {problem}" for problem in r["problems"]]
        target = r["database"] == "sqlite" and r["clients"] == TARGET_CLIENTS
        if target and r["p95_ms"] > TARGET_P95_MS:
            found.append(f"{name}: p95 {r['p95_ms']} ms > {TARGET_P95_MS} ms")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"],
                        choices=["sqlite", "postgres"])  # fmt: skip
    parser.add_argument("--clients", nargs="+", type=int, default=[2, 5, 10, 20, 50])
    parser.add_argument(
        "--output", type=Path, default=ROOT / "benchmarks" / "concurrency-results.json"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="portal-concurrency-"))
    print(HEADER + "\n" + "-" * len(HEADER), flush=True)
    results = []
    for engine in args.databases:
        results += run_database(engine, args.clients, folder)
    print("\n" + HEADER + "\n" + "-" * len(HEADER))
    for result in results:
        print_row(result)
    output = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "gunicorn_workers": WORKERS,
        "results": results,
    }
    args.output.write_text(json.dumps(output, indent=2, ensure_ascii=False) + "\n", "utf-8")
    for miss in misses(results):
        print(f"Missed: {miss}")
    print(f"Written: {args.output}; gunicorn's logs in {folder}")


if __name__ == "__main__":
    main()
