"""Measure the portal on the database that DATABASE_URL names (filled by seed_synthetic):
server time and SQL queries of the heavy pages, the indicator engine against its hand-written
floor, the Excel import against openpyxl alone, and the report's PDF and workbook.

Run by `run.py` once per database and scale; prints one JSON object on stdout. Server time is
the time Django takes to answer a request in this process (test client: no network), the
median of several runs after one warm-up.
"""

import datetime
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import signals  # noqa: E402
from django.db import close_old_connections, connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from benchmarks.floor import engine_totals, floor_totals  # noqa: E402
from cooperatives.models import Cooperative  # noqa: E402
from imports.runner import run_import  # noqa: E402
from org import writes  # noqa: E402
from org.models import Unit, User  # noqa: E402
from reporting.document import report_for  # noqa: E402
from reporting.kept import new_release, report_dir  # noqa: E402
from reporting.models import ReportingRound, Submission  # noqa: E402
from targets.cache import data_changed  # noqa: E402
from targets.indicators import compute, compute_by_unit  # noqa: E402
from targets.models import FiguresToRenew  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
IMPORT_ROWS = 10_000


def timed(action, repeat=REPEAT, *, heavy=False):
    """Run `action` once to warm up, then `repeat` times: (median ms, queries of one run).
    A `heavy` action (minutes at national scale) runs once, timed and counted together."""
    if not heavy:
        action()
    reset_queries()  # each request empties the log too: start from an empty one
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        action()
    times = [(time.perf_counter() - start) * 1000]
    queries = len(captured)  # now: the next request empties the log it reads
    if not heavy:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1), queries


def get(client, url):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return action


def a_save(cooperative, run):
    """Province staff save `cooperative`'s latest yearly figures through the door, in a
    transaction of their own (committed, and the kept figures renewed on commit, as a
    request's would be); return (ms, queries)."""
    staff = User.objects.get(username="bench_tinh")
    reset_queries()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        figures = cooperative.yearly_figures.order_by("-year").first()
        figures.female_stable_jobs = min(figures.workers_female, run % 2)
        writes.save(record=figures, by=staff)
    return (time.perf_counter() - start) * 1000, len(captured)


def view_after(client, url, change, repeat=REPEAT):
    """(median ms, queries) of the first GET of `url` after `change(run)` (not timed)."""
    times = []
    for run in range(repeat + 1):
        change(run)
        reset_queries()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            get(client, url)()
        if run:  # the first run warms up
            times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1), len(captured)


def pages(client, day):
    """The pages of the issue, for province staff."""
    registry = reverse("cooperatives:list") + "?kind=htx&status=active"
    shown = Cooperative.objects.filter(kind="htx", status="active").count()
    deep_page = max(1, shown // settings.REGISTRY_PAGE_SIZES[0] // 2)
    busiest = (
        Cooperative.objects.filter(yearly_figures__isnull=False, roles__isnull=False)
        .order_by("pk")
        .first()
    )
    round_ = (
        ReportingRound.objects.filter(submissions__state=Submission.State.ACCEPTED)
        .order_by("-year", "-pk")
        .first()
    )
    urls = {
        "registry list, filtered, page 1": registry,
        f"registry list, filtered, page {deep_page}": f"{registry}&page={deep_page}",
        "cooperative detail": busiest.get_absolute_url(),
        "dashboard": reverse("targets:dashboard"),
        "provincial report page": reverse("reporting:provincial_report", args=[round_.pk]),
        "report xlsx": reverse("reporting:report_xlsx", args=[round_.pk]),
    }
    results = {name: timed(get(client, url)) for name, url in urls.items()}

    # The dashboard's figures and the report pages are kept until what they show changes:
    # their first view after a change, the data (or the release) renewed before each run.
    def after_change(renew, url):
        def action():
            renew()
            get(client, url)()

        return action

    # Figures kept current (targets/live.py): each page's first view after an officer's
    # save of yearly figures through the door, the save itself not timed.
    # The saves go to another cooperative than the one whose page is timed: its history, which
    # that page shows, stays the same from run to run (--reuse keeps the database).
    saved = (
        Cooperative.objects.filter(yearly_figures__isnull=False, kind="htx").order_by("-pk").first()
    )
    saved_unit = Unit.objects.get(pk=saved.unit_id)
    after_a_save = {
        "dashboard": urls["dashboard"],
        "a unit's dashboard": f"{urls['dashboard']}?unit={saved_unit.pk}",
        "breakdown (female jobs by unit)": reverse("targets:breakdown", args=["HTX_FEMALE_JOBS"]),
        "units on the road to 2030": reverse("targets:heat"),
        "provincial report page": urls["provincial report page"],
        "report xlsx": urls["report xlsx"],
    }
    saves = []
    for name, url in after_a_save.items():
        results[f"after a save: {name}"] = view_after(
            client, url, lambda run: saves.append(a_save(saved, run))
        )
    results["a save of yearly figures (with the renewal on commit)"] = (
        round(statistics.median(ms for ms, _queries in saves), 1),
        saves[-1][1],
    )

    # A page that comes before the renewal on commit has run (a moment after the commit):
    # it renews the unit's totals itself.
    def marked_old(_run):
        FiguresToRenew.objects.create(unit_id=saved.unit_id)

    for name in ("dashboard", "a unit's dashboard"):
        results[f"before the renewal: {name}"] = view_after(client, after_a_save[name], marked_old)
    another_day = f"{urls['dashboard']}?as_of=2026-06-30"
    get(client, another_day)()  # what is kept about the units on that day, as in use
    results["after a change: dashboard on another day"] = timed(
        after_change(data_changed, another_day), heavy=True
    )
    results["after a change: provincial report page"] = timed(
        after_change(new_release, urls["provincial report page"])
    )

    def no_kept_workbook():
        for written in report_dir().glob(f"round-{round_.pk}-*.xlsx"):
            written.unlink()

    results["after a change: report xlsx"] = timed(
        after_change(no_kept_workbook, urls["report xlsx"])
    )

    # The PDF is kept once rendered: each run removes it first, so that it is rendered again.
    # The round's report record is made by the first view of the report, once per round: made
    # here, so that the timed run counts the same queries on every database.
    report_for(round_)
    pdf_url = reverse("reporting:report_pdf", args=[round_.pk])

    def fresh_pdf():
        for rendered in report_dir().glob(f"round-{round_.pk}-*.pdf"):
            rendered.unlink()
        get(client, pdf_url)()

    if os.environ.get("BENCH_PDF", "1") == "1":
        results["report pdf (rendered)"] = timed(fresh_pdf, heavy=True)
        results["report pdf (already rendered)"] = timed(get(client, pdf_url))
    return results


def engine(day):
    with connection.cursor() as cursor:
        floor = floor_totals(cursor, day)
    assert floor == engine_totals(compute(day)), "the floor query and the engine disagree"

    def run_floor():
        with connection.cursor() as cursor:
            floor_totals(cursor, day)

    results = {
        "engine: province (compute)": timed(lambda: compute(day)),
        "engine: every unit (compute_by_unit)": timed(lambda: compute_by_unit(day)),
        "floor: one hand-written SQL query": timed(run_floor),
    }
    results["engine overhead ratio"] = round(
        results["engine: province (compute)"][0] / results["floor: one hand-written SQL query"][0],
        2,
    )
    return results


def import_file(unit_name) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "HTX và THT"
    sheet.append(["Loại hình", "Tên", "Mã số đăng ký", "Đơn vị hành chính", "Lĩnh vực"])
    for n in range(IMPORT_ROWS):
        sheet.append(["HTX", f"HTX Thử nghiệm số {n}", f"BENCH{n:07d}", unit_name, "Trồng trọt"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def excel_import(user, unit_name):
    data = import_file(unit_name)

    def read_only():
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        for _row in workbook.active.iter_rows(values_only=True):
            pass
        workbook.close()

    def import_and_roll_back():
        with transaction.atomic():
            outcome = run_import(data, user, commit=True)
            assert outcome.saved and outcome.good_rows == IMPORT_ROWS, outcome.problems[:3]
            transaction.set_rollback(True)

    settings.IMPORT_MAX_ROWS = IMPORT_ROWS
    read = timed(read_only, repeat=3)
    # A few seconds each, and they vary by a fifth on this VM: the median of three, too.
    imported = timed(import_and_roll_back, repeat=3)
    return {
        "openpyxl reads 10,000 rows": read,
        "import of 10,000 rows (with history)": imported,
        "import ratio": round(imported[0] / read[0], 2),
    }


def main():
    # As Django's test runner does: requests must not close the connection being measured.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    day = datetime.date(2026, 11, 30)
    user, _created = User.objects.get_or_create(
        username="bench_tinh", defaults={"role": User.Role.PROVINCE_STAFF}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    unit_name = "Xã Tả Van"
    counts = {model.__name__: model.objects.count() for model in (Cooperative, User, Submission)}
    results = {"rows": counts, "database": connection.vendor}
    results |= {"pages": pages(client, day), "engine": engine(day)}
    if os.environ.get("BENCH_IMPORT", "1") == "1":
        results["import"] = excel_import(user, unit_name)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
