"""Benchmark the portal at province and national scale, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/run.py [--scales province national] [--databases sqlite postgres]
                                       [--reuse] [--output benchmarks/results.json]

For each database and scale it makes a fresh database (SQLite: a file in /tmp; PostgreSQL:
database `bench_<scale>` on PG_URL, default postgres://postgres@127.0.0.1:5432), migrates it,
fills it with `seed_synthetic --scale <scale> --seed 1` (timed), then runs `measure.py`
against it in a process of its own and prints one table; all results go to --output as JSON.
`--reuse` keeps a database that an earlier run filled. The targets of issue 7 (staff pages,
the follow-up's of issue 17 among them) and of issue 16 (public pages: < 300 ms, the same
number of queries at both scales, a cooperative's page under 60 KB) are checked and each miss
is printed.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
# Production-like settings: no debug, no HTTPS redirects (the test client speaks plain HTTP).
ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "LOG_LEVEL": "WARNING",
}
TARGET_MS = 300
TARGET_ENGINE_RATIO = 3
TARGET_IMPORT_RATIO = 5
TARGET_PDF_MS = 5000
TARGET_WORKBOOK_AFTER_SAVE_MS = 1000
TARGET_PUBLIC_PAGE_BYTES = 60_000


def database_url(database, scale):
    if database == "sqlite":
        return f"sqlite:////tmp/portal-bench-{scale}.sqlite3"
    return f"{PG_URL}/bench_{scale}"


def manage(url, *args, capture=False):
    env = {**os.environ, **ENV, "DATABASE_URL": url}
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        capture_output=capture,
    )  # fmt: skip


def fresh(database, scale):
    """Drop and recreate the benchmark database; return its URL."""
    url = database_url(database, scale)
    if database == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        for sql in (f"DROP DATABASE IF EXISTS bench_{scale}", f"CREATE DATABASE bench_{scale}"):
            subprocess.run(
                ["psql", f"{PG_URL}/postgres", "-q", "-c", sql], check=True, capture_output=True
            )
    return url


def prepare(database, scale, reuse):
    """Return (URL, seconds spent seeding or None when an earlier run's data is reused)."""
    url = database_url(database, scale)
    if reuse:
        try:
            manage(url, "migrate", "--check", capture=True)
            return url, None
        except subprocess.CalledProcessError:
            pass
    url = fresh(database, scale)
    manage(url, "migrate", "-v0")
    start = time.perf_counter()
    manage(url, "seed_synthetic", "--scale", scale, "--seed", "1")
    return url, round(time.perf_counter() - start, 1)


def measure(url):
    env = {**os.environ, **ENV, "DATABASE_URL": url}
    result = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "measure.py")],
        cwd=ROOT, env=env, check=True, text=True, capture_output=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def misses(runs) -> list[str]:
    """The targets of issues 7 and 16 that a run misses."""
    found = []
    by_key = {(run["database"], run["scale"]): run for run in runs}
    for (database, scale), run in by_key.items():
        other = by_key.get((database, "province" if scale == "national" else "national"))
        for group, name, (ms, queries) in measures(run, ("pages", "public")):
            theirs = other.get(group, {}).get(name) if other else None
            label = f"public: {name}" if group == "public" else name
            if theirs and theirs[1] != queries:
                found.append(f"{database}: {label}: {queries} queries at {scale} scale, "
                             f"{theirs[1]} at the other")  # fmt: skip
            limit = TARGET_PDF_MS if "pdf" in name else TARGET_MS
            # Kept pages are timed as they are read; their first view after a change is
            # reported beside them, not held to the page target.
            # A save and the rare page that comes before the save's renewal are reported, not
            # held to the page target.
            kept_then = name.startswith(("after a change", "a save", "before the renewal"))
            # The open data files are whole-table exports: reported, not held to it either.
            kept_then = kept_then or (group == "public" and name.startswith("open data"))
            if name.startswith("after a save: report xlsx"):
                limit = TARGET_WORKBOOK_AFTER_SAVE_MS
            if database == "postgresql" and scale == "national" and ms > limit and not kept_then:
                found.append(f"{database} {scale}: {label}: {ms} ms (target {limit} ms)")
        if run.get("engine", {}).get("engine overhead ratio", 0) >= TARGET_ENGINE_RATIO:
            found.append(f"{database} {scale}: engine overhead ratio "
                         f"{run['engine']['engine overhead ratio']} (target < 3)")  # fmt: skip
        if "import" in run and run["import"]["import ratio"] >= TARGET_IMPORT_RATIO:
            found.append(f"{database} {scale}: import ratio {run['import']['import ratio']} "
                         "(target < 5)")  # fmt: skip
        size = run.get("public facts", {}).get("cooperative page (bytes)", 0)
        if size >= TARGET_PUBLIC_PAGE_BYTES:
            found.append(f"{database} {scale}: a cooperative's public page is {size:,} bytes "
                         f"(target < {TARGET_PUBLIC_PAGE_BYTES:,})")  # fmt: skip
    return found


def measures(run, groups):
    """(group, name, value) of each measure of `run` in `groups`, in order."""
    return [(group, name, value) for group in groups for name, value in run.get(group, {}).items()]


GROUPS = ("pages", "engine", "import", "public", "public facts", "followup facts")


def cell(group, value) -> str:
    """A table cell: (ms, queries) of a measure, or a fact as it is."""
    if isinstance(value, list) and not group.endswith("facts"):
        return f"{value[0]} ms, {value[1]} q"
    if isinstance(value, dict):
        return "; ".join(f"{key} {item}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def table(runs) -> str:
    keys = [(run["database"], run["scale"]) for run in runs]
    rows = []
    for run in runs:
        for group, name, _value in measures(run, GROUPS):
            if (group, name) not in rows:
                rows.append((group, name))
    lines = ["| measure | " + " | ".join(f"{d} {s}" for d, s in keys) + " |"]
    lines.append("|---|" + "---|" * len(keys))
    lines.append("| seeding (s) | " + " | ".join(str(r["seed_seconds"]) for r in runs) + " |")
    for group, name in rows:
        cells = [cell(group, run.get(group, {}).get(name, "")) for run in runs]
        named = group.startswith("public") or group.endswith("facts")
        label = f"{group}: {name}" if named else name
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", nargs="+", default=["province", "national"])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()

    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env={**os.environ, **ENV}, check=True,
    )  # fmt: skip
    runs = []
    for database in args.databases:
        for scale in args.scales:
            print(f"{database}, {scale} scale: seeding and measuring…", file=sys.stderr)
            url, seconds = prepare(database, scale, args.reuse)
            run = measure(url)
            run |= {"scale": scale, "seed_seconds": seconds}
            runs.append(run)
    machine = f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}"
    report = {"machine": machine, "when": time.strftime("%Y-%m-%d %H:%M"), "runs": runs}
    report["misses"] = misses(runs)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(table(runs))
    print("\nTargets missed:" if report["misses"] else "\nEvery target met.")
    for miss in report["misses"]:
        print(f"- {miss}")


if __name__ == "__main__":
    main()
