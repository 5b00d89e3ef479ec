"""Load test: the portal under gunicorn on PostgreSQL, 50 users of several roles; then 10 of
them unit officers saving while the others read figures; then a trivial page as the ceiling.

    .venv/bin/python benchmarks/load.py [--database-url postgres://postgres@127.0.0.1:5432/bench_national]
        [--users 50] [--spawn-rate 10] [--mixed-time 90s] [--ceiling-time 30s] [--workers 5]
        [--writers 10] [--writers-time 90s] [--runs mixed writers ceiling]
        [--output benchmarks/load-results.json]

The writers run (`locustfile.py` says how): each writer is the officer of a commune of its
own with one HTX whose figures count through its one woman manager, saves its yearly figures
and that role through the real forms, and reads its commune's dashboard after each save; its
figure must show the save (the freshness check), as must the readers' dashboards. The
writers' changes are put back through the door at the end. `--runs` makes only the runs
named; the output keeps the others' last results.

Against a database filled by `seed_synthetic` (never a production one: it adds users). Steps:
`collectstatic`; `prepare` (below) makes or updates the load users — province staff, a
leader, unit officers of real and synthetic 2025 communes — with a fresh random password,
and one database session per simulated user (what a log-in stores, without 50 password
hashes on the server during the run); gunicorn starts on a free port of 127.0.0.1 with
production settings (DEBUG off); one real log-in through the form checks the accounts;
locust (headless, `locustfile.py`) runs the mixed pages, the writers run, then the log-in
page alone; a table is printed and everything goes to --output. gunicorn is stopped, the
sessions deleted and the writers' records put back at the end, whatever happens.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess  # nosec B404: runs this project's own tools (manage.py, gunicorn, locust)
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_national"
# Unit officers' communes (code set 2025): Xã Tả Van (Lào Cai) and synthetic ones.
UNIT_CODES = ["03037", "S01-001", "S12-050", "S33-100"]
# Who the simulated users are, in turn: 2 province staff, 1 leader, 3 unit officers of 10.
ROLE_CYCLE = ["province", "unit", "leader", "unit", "province", "unit"] + [
    "province", "unit", "unit", "leader",
]  # fmt: skip
# The writers run's readers, in turn: province staff and leaders (the units table is theirs).
READER_CYCLE = ["province", "province", "leader"]
TARGET_P95_MS = 1000
# The runs, in order: the portal's pages; unit officers saving while the others read
# figures; the log-in page alone.
RUNS = ("mixed", "writers", "ceiling")


def production_env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "load-test-only-" + secrets.token_urlsafe(32),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }


# --- prepare: runs in a process of its own with Django set up --------------------------------


def prepare(users: int, writers: int, out: Path):
    """Make the load users and one session per simulated user (the mixed run's, then the
    writers run's writers and readers); write the plan to `out`."""
    import random

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from cooperatives.access import cooperatives_for
    from cooperatives.models import Cooperative
    from org.access import units_for
    from org.models import Unit, User
    from reporting.models import ReportingRound
    from targets import indicators

    today = timezone.localdate()
    page_size = settings.REGISTRY_PAGE_SIZES[0]

    rng = random.Random(294)  # nosec B311: picks sample records, not secrets
    password = secrets.token_urlsafe(16)
    accounts = {}

    def account(username, role, unit=None):
        user, _created = User.objects.update_or_create(
            username=username, defaults={"role": role, "unit": unit, "is_active": True}
        )
        user.set_password(password)
        user.save()
        visible = list(cooperatives_for(user).values_list("pk", flat=True))
        accounts[username] = {
            "user": user,
            "role": role,
            "cooperatives": rng.sample(visible, min(300, len(visible))),
        }

    account("load-province", User.Role.PROVINCE_STAFF)
    account("load-leader", User.Role.LEADER)
    officers = []
    for code in UNIT_CODES:
        unit = Unit.objects.get(code_set=Unit.CodeSet.FROM_2025, code=code)
        account(f"load-unit-{code}", User.Role.UNIT_OFFICER, unit)
        officers.append(f"load-unit-{code}")

    def session_of(user) -> str:
        # What django.contrib.auth.login() stores for a user who logged in.
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    sessions = []
    for n in range(users):
        role = ROLE_CYCLE[n % len(ROLE_CYCLE)]
        username = {"province": "load-province", "leader": "load-leader"}.get(
            role, officers[n % len(officers)]
        )
        sessions.append(
            {
                "username": username,
                "role": role,
                "session": session_of(accounts[username]["user"]),
                "cooperatives": accounts[username]["cooperatives"],
            }
        )

    # The writers run: one unit officer per commune of `writable(writers)`, each with a
    # session, and the other users reading figures as province staff or leaders.
    writer_sessions = []
    for record in writable(writers, exclude_codes=UNIT_CODES):
        account(f"load-writer-{record['unit_code']}", User.Role.UNIT_OFFICER, record["unit_obj"])
        user = accounts[f"load-writer-{record['unit_code']}"]["user"]
        del record["unit_obj"]
        writer_sessions.append({**record, "username": user.username, "session": session_of(user)})
    reader_sessions = []
    for n in range(max(users - len(writer_sessions), 0)):
        role = READER_CYCLE[n % len(READER_CYCLE)]
        user = accounts[f"load-{role}"]["user"]
        reader_sessions.append(
            {"username": user.username, "role": role, "session": session_of(user)}
        )

    province = accounts["load-province"]["user"]
    names = Cooperative.objects.filter(pk__in=accounts["load-province"]["cooperatives"][:50])
    words = sorted({name.split()[-1] for name in names.values_list("name", flat=True)})
    plan = {
        "cookie": settings.SESSION_COOKIE_NAME,
        "password": password,
        "login_user": "load-unit-03037",
        "sessions": sessions,
        "units": rng.sample(list(units_for(province).values_list("pk", flat=True)), 50),
        "rounds": list(ReportingRound.objects.values_list("pk", flat=True)),
        "kinds": list(Cooperative.Kind.values),
        "statuses": list(Cooperative.Status.values),
        "words": words,
        "writers": writer_sessions,
        "readers": reader_sessions,
        "indicator_codes": list(indicators.CODES),
        "heat_pages": max(1, -(-len(Unit.objects.reporting_map(today)[0]) // page_size)),
    }
    out.write_text(json.dumps(plan), encoding="utf-8")


def writable(count: int, exclude_codes=()) -> list[dict]:
    """`count` supported, women-managed HTX in as many distinct 2025 communes, each filed
    under the commune itself, with yearly figures of this year or before, and one woman
    manager only (so that ending her role yesterday takes the HTX out of the figures of
    today); each as {unit, cooperative, figures, role, the values written in turn, ...}."""
    import datetime

    from django.core.exceptions import ValidationError
    from django.db.models import Count, Exists, OuterRef, Q
    from django.utils import timezone

    from cooperatives.models import Cooperative, ManagementRole, YearlyFigures
    from org.models import Unit

    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    managers = ManagementRole.objects.active_on(today).women_managers()
    candidates = (
        Cooperative.objects.filter(
            kind=Cooperative.Kind.HTX,
            union_supported=True,
            converted_from__isnull=True,
            unit__code_set=Unit.CodeSet.FROM_2025,
            unit__kind=Unit.Kind.COMMUNE,
        )
        .exclude(unit__code__in=exclude_codes)
        .active_on(today)
        .annotate(managers=Count("roles", filter=Q(roles__in=managers.values("pk"))))
        .filter(managers=1)
        .filter(
            Exists(YearlyFigures.objects.filter(cooperative=OuterRef("pk"), year__lte=today.year))
        )
        .select_related("unit")
        .order_by("pk")
    )
    chosen, units = [], set()
    for cooperative in candidates.iterator():
        if len(chosen) == count:
            break
        if cooperative.unit_id in units:
            continue
        figures = cooperative.latest_figures(today.year)
        role = managers.get(cooperative=cooperative)
        if (
            figures.female_stable_jobs < 2
            or role.end_date is not None
            or role.start_date > yesterday
        ):
            continue
        if role.person.unit_id not in cooperative.unit.local_area_ids():
            continue  # the role form would refuse its own person
        role.end_date = yesterday
        try:
            role.full_clean()
        except ValidationError:
            continue
        units.add(cooperative.unit_id)
        value = figures.female_stable_jobs
        chosen.append(
            {
                "unit": cooperative.unit_id,
                "unit_code": cooperative.unit.code,
                "unit_obj": cooperative.unit,
                "cooperative": cooperative.pk,
                "figures": figures.pk,
                "role": role.pk,
                # Both within the figures' female workers (the value is at most that).
                "values": [value - 1, value],
                "value_before": value,
                "end_date": yesterday.strftime("%d/%m/%Y"),
            }
        )
    if len(chosen) < count:
        sys.exit(f"Only {len(chosen)} communes have an HTX the writers can write ({count} asked).")
    return chosen


def forget_sessions(plan_path: Path):
    """Delete the sessions that `prepare` made, and put back what the writers changed (the
    figures' value and the open role), through the door, as their own officers."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.sessions.models import Session

    from cooperatives.models import ManagementRole, YearlyFigures
    from org import writes
    from org.models import User

    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    keys = [s["session"] for s in plan["sessions"] + plan["writers"] + plan["readers"]]
    Session.objects.filter(session_key__in=keys).delete()
    for writer in plan["writers"]:
        officer = User.objects.get(username=writer["username"])
        figures = YearlyFigures.objects.get(pk=writer["figures"])
        if figures.female_stable_jobs != writer["value_before"]:
            figures.female_stable_jobs = writer["value_before"]
            writes.save(record=figures, by=officer, reason="load test: put back")
        role = ManagementRole.objects.get(pk=writer["role"])
        if role.end_date is not None:
            role.end_date = None
            writes.save(record=role, by=officer, reason="load test: put back")


# --- the run ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode} before answering.")
        try:
            with urllib.request.urlopen(f"{base}/login/", timeout=5) as response:  # nosec B310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"gunicorn did not answer on {base} within {seconds} s.")


def check_login(base: str, username: str, password: str):
    """Log in once through the form (CSRF token and all), as a browser would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/login/", timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": base})
    with opener.open(request, timeout=120) as response:
        if "/login/" in response.url:
            sys.exit(f"The log-in of {username} through the form failed.")


# The page a path belongs to, for the server's own times (gunicorn's access log).
PAGES = [
    (r"/registry/\d+/figures/\d+/edit/", "yearly figures form"),
    (r"/registry/\d+/roles/\d+/edit/", "role form"),
    (r"/registry/\d+/", "cooperative detail"),
    (r"/registry/people/", "people list"),
    (r"/registry/", "registry list"),
    (r"/training/", "training event list"),
    (r"/progress/", "dashboard"),
    (r"/progress/units/", "units table"),
    (r"/progress/\w+/units/", "breakdown"),
    (r"/reports/\d+/report/", "provincial report"),
    (r"/reports/\d+/", "round board"),
    (r"/login/", "log-in page"),
]


def server_times(access_log: Path, offset: int) -> dict:
    """Return {page: p50/p95/p99 of the time a worker spent on it} from the lines of gunicorn's
    access log after byte `offset`: the page's own cost, without the wait for a free worker.
    A POST is a save, named "save: <page>"."""
    times = {}
    with open(access_log, encoding="utf-8") as log:
        log.seek(offset)
        for line in log:
            method, path, _status, micros = line.split()[:4]
            page = next((name for regex, name in PAGES if re.fullmatch(regex, path)), path)
            page = f"save: {page}" if method == "POST" else page
            micros = int(micros)
            times.setdefault(page, []).append(micros / 1000)
    result = {}
    for page, values in sorted(times.items()):
        values.sort()

        def at(share, values=values):
            return round(values[min(len(values) - 1, int(share * len(values)))])

        result[page] = {"requests": len(values), "p50_ms": at(0.5), "p95_ms": at(0.95),
                        "p99_ms": at(0.99), "max_ms": round(values[-1])}  # fmt: skip
    return result


def run_locust(base, plan_path, mode, args, run_time, workdir: Path) -> dict:
    access_log = workdir / "access.log"
    offset = access_log.stat().st_size
    stats_path = workdir / f"{mode}-stats.json"
    statuses = workdir / f"{mode}-statuses.json"
    freshness = workdir / f"{mode}-freshness.json"
    log = workdir / f"{mode}.log"
    env = {
        **os.environ,
        "LOAD_SPEC": str(plan_path),
        "LOAD_MODE": mode,
        "LOAD_STATUSES": str(statuses),
        "LOAD_FRESHNESS": str(freshness),
        "LOAD_WRITERS": str(args.writers),
    }
    # --stop-timeout: a request still running at the end is waited for and counted (a slow
    # page cut off at the end would otherwise be missing from the percentiles).
    command = [
        str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
        "--host", base, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", run_time, "--stop-timeout", str(args.stop_timeout),
        "--json-file", str(stats_path.with_suffix("")), "--only-summary",
    ]  # fmt: skip
    # Other work on the machine shows here (the cores are shared with locust already).
    load_before = [round(x, 2) for x in os.getloadavg()]
    print(f"locust {mode}: {args.users} users for {run_time} (log: {log}) …", flush=True)
    with open(log, "w", encoding="utf-8") as out:
        # locust exits 1 when any request failed: the failures are in the results.
        subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=out, stderr=out)  # nosec B603
    entries = json.loads(stats_path.read_text(encoding="utf-8"))
    counts = json.loads(statuses.read_text(encoding="utf-8")) if statuses.exists() else {}
    start = min(e["start_time"] for e in entries)
    end = max(e["last_request_timestamp"] or start for e in entries)
    seconds = max(end - start, 1e-9)
    run = {
        "mode": mode,
        "users": args.users,
        "run_time": run_time,
        "measured_at": time.strftime("%Y-%m-%d %H:%M %Z"),
        "load_average_before": load_before,
        "seconds": round(seconds, 1),
        **_summary(_merged(entries), seconds),
        "status_codes": counts,
        "server_errors": sum(n for code, n in counts.items() if code.startswith("5")),
        "endpoints": {e["name"]: _summary(e, seconds) for e in entries},
        "server_time": server_times(access_log, offset),
    }
    if mode == "writers":
        saves = [e for e in entries if e["name"].startswith("save:")]
        reads = [e for e in entries if not e["name"].startswith("save:")]
        run["writers"] = args.writers
        run["saves"] = _summary(_merged(saves), seconds)
        run["reads"] = _summary(_merged(reads), seconds)
        run["freshness"] = json.loads(freshness.read_text(encoding="utf-8"))
    return run


def _merged(entries) -> dict:
    """Locust's statistics of several endpoints as one."""
    total = {
        "num_requests": sum(e["num_requests"] for e in entries),
        "num_failures": sum(e["num_failures"] for e in entries),
        "max_response_time": max((e["max_response_time"] for e in entries), default=0),
        "response_times": {},
    }
    for e in entries:
        for ms, n in e["response_times"].items():
            total["response_times"][ms] = total["response_times"].get(ms, 0) + n
    return total


def _summary(entry, seconds) -> dict:
    times = sorted((float(ms), n) for ms, n in entry["response_times"].items())
    total = sum(n for _ms, n in times)

    def percentile(share):
        if not total:
            return None
        seen = 0
        for ms, n in times:
            seen += n
            if seen >= share * total:
                return round(ms)

    return {
        "requests": entry["num_requests"],
        "failures": entry["num_failures"],
        "rps": round(entry["num_requests"] / seconds, 1),
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "max_ms": round(entry["max_response_time"]),
    }


PCTS = ("p50", "p95", "p99")


def print_table(runs):
    head = f"{'run / page':<28}{'req':>7}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'fail':>6}"
    print("\n" + head + "\n" + "-" * len(head))
    for run in runs:
        lines = [(run["mode"] + " (all)", run)]
        if "saves" in run:
            lines += [("  saves (POST)", run["saves"]), ("  reads (GET)", run["reads"])]
        lines += [("  " + name, stats) for name, stats in sorted(run["endpoints"].items())]
        for name, s in lines:
            p50, p95, p99 = (s[f"{p}_ms"] if s[f"{p}_ms"] is not None else "-" for p in PCTS)
            print(
                f"{name:<28}{s['requests']:>7}{s['rps']:>8}{p50:>8}{p95:>8}{p99:>8}"
                f"{s['failures']:>6}"
            )
        print(f"  status codes: {run['status_codes']}; 5xx: {run['server_errors']}")
        if "freshness" in run:
            f = run["freshness"]
            print(
                f"  {run['writers']} writers: {run['saves']['rps']} saves/s; freshness: "
                f"{f['writer_checks']} reads of their own save, {f['writer_stale']} stale; "
                f"{f['reader_checks']} readers' figures checked, {f['reader_stale']} stale"
            )
        print("  server time (in the worker, without the wait for one): p50 / p95 / p99")
        for name, t in run["server_time"].items():
            print(f"    {name:<24}{t['requests']:>7}{'':>8}{t['p50_ms']:>8}{t['p95_ms']:>8}"
                  f"{t['p99_ms']:>8}")  # fmt: skip
    print("(milliseconds; locust rounds times above 100 ms to 2 significant digits)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--writers", type=int, default=10, help="of the users, in the writers run")
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--mixed-time", default="90s")
    parser.add_argument("--writers-time", default="90s")
    parser.add_argument("--ceiling-time", default="30s")
    parser.add_argument(
        "--runs", nargs="+", choices=list(RUNS), default=list(RUNS),
        help="runs to make; the output keeps the others' last results",
    )  # fmt: skip
    parser.add_argument("--stop-timeout", type=int, default=30)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 × cores + 1)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "load-results.json")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--forget", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        return prepare(args.users, args.writers, args.prepare)
    if args.forget:
        return forget_sessions(args.forget)

    # Persistent database connections, as production would have them.
    url = args.database_url
    if "conn_max_age" not in url:
        url += ("&" if "?" in url else "?") + "conn_max_age=60"
    env = production_env(url)
    script = str(Path(__file__).resolve())
    workdir = Path(tempfile.mkdtemp(prefix="portal-load-"))
    plan_path = workdir / "plan.json"
    subprocess.run(  # nosec B603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    print("Preparing users and sessions …", flush=True)
    subprocess.run(  # nosec B603
        [PYTHON, script, "--users", str(args.users), "--writers", str(args.writers),
         "--prepare", str(plan_path)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [
        str(BIN / "gunicorn"), "config.wsgi", "--no-control-socket", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--timeout", "120", "--log-level", "warning",
        "--access-logfile", str(workdir / "access.log"),
        "--access-logformat", "%(m)s %(U)s %(s)s %(D)s",
    ]  # fmt: skip
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, start_new_session=True)  # nosec B603
    runs = []
    try:
        wait_until_up(base, server)
        check_login(base, plan["login_user"], plan["password"])
        for mode in args.runs:
            run_time = getattr(args, f"{mode}_time")
            runs.append(run_locust(base, plan_path, mode, args, run_time, workdir))
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        subprocess.run([PYTHON, script, "--forget", str(plan_path)], cwd=ROOT, env=env)  # nosec B603
    print_table(runs)
    # Runs not made this time keep their last results (each says when it was measured).
    kept = []
    if args.output.exists():
        kept = json.loads(args.output.read_text(encoding="utf-8")).get("runs", [])
    made = {run["mode"]: run for run in runs}
    made_now = set(made)
    runs = [made.pop(run["mode"], run) for run in kept] + list(made.values())
    runs.sort(key=lambda run: list(RUNS).index(run["mode"]))
    result = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "database": re.sub(r"//[^@/]*@", "//", args.database_url),
        "gunicorn_workers": args.workers,
        "runs": runs,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for run in runs:
        if run["mode"] not in made_now:
            continue
        mode, fresh = run["mode"], run.get("freshness", {})
        for miss in [
            mode != "ceiling" and run["failures"] and f"{mode}: {run['failures']} errors",
            run["server_errors"] and f"{mode}: {run['server_errors']} responses were 5xx",
            mode != "ceiling"
            and (run["p95_ms"] or 0) > TARGET_P95_MS
            and f"{mode} p95 {run['p95_ms']} ms > 1 s",
            fresh.get("writer_stale") and f"{mode}: {fresh['writer_stale']} stale own reads",
            fresh.get("reader_stale") and f"{mode}: {fresh['reader_stale']} stale reads",
        ]:
            if miss:
                print(f"Target missed: {miss}")
    print(f"Written: {args.output}")


if __name__ == "__main__":
    main()
