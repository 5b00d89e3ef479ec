"""Measure the portal on the database that DATABASE_URL names (filled by seed_synthetic):
server time and SQL queries of the heavy pages (the follow-up's of issue 17 among them), the
indicator engine against its hand-written floor, the Excel import against openpyxl alone, the
report's PDF and workbook, and the public showcase's pages for an anonymous visitor (issue 16).

Run by `run.py` once per database and scale; prints one JSON object on stdout (with
BENCH_ONLY_PUBLIC=1: the public showcase alone). Server time is the time Django takes to
answer a request in this process (test client: no network), the median of several runs after
one warm-up.
"""

import datetime
import io
import json
import math
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
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from benchmarks.floor import engine_totals, floor_totals  # noqa: E402
from config import caching  # noqa: E402
from cooperatives.models import Cooperative, ManagementRole, OcopProduct, woman_manager_q  # noqa: E402
from followup.figures import counted  # noqa: E402
from followup.filters import SupportFilter  # noqa: E402
from followup.models import Difficulty, Support, SupportKind  # noqa: E402
from followup.summary import day_text  # noqa: E402
from imports.runner import run_import  # noqa: E402
from org import writes  # noqa: E402
from org.models import Unit, User  # noqa: E402
from reporting.document import report_for  # noqa: E402
from reporting.kept import new_release, report_dir  # noqa: E402
from reporting.models import ReportingRound, Submission  # noqa: E402
from showcase import published  # noqa: E402
from showcase.kept import SHOWCASE_VERSION  # noqa: E402
from showcase.models import (  # noqa: E402
    LeaderConsent,
    Publication,
    SalesPoint,
    search_texts,
    slug_of,
)
from showcase.public_views import PAGE_SIZE  # noqa: E402
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
    results |= followup_pages(client)

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


# --- The follow-up (issue 17) ------------------------------------------------------------------

# The whole year the summary and the filtered list cover.
FOLLOWUP_YEAR = 2025
# Facts about the follow-up measures (the data they read), filled by `followup_pages`.
FOLLOWUP_FACTS = {}


def followup_pages(client):
    """The follow-up pages for province staff (issue 17): the support and difficulty lists,
    the support summary of a year, the before/after comparison, a cooperative's timeline, the
    support list's workbook of one unit, and a unit's submission in the latest round with its
    figures counted from the supports (`followup.figures.counted`)."""
    # The units named are real communes of Lào Cai of today (2025 codes; the synthetic ones
    # start with "S") that took old communes over, at both scales: the walk of such a unit's
    # area, one query per level, is two levels deep at both. The filtered list and workbook
    # show the one whose cooperatives got the most supports.
    communes = Unit.objects.filter(
        code_set=Unit.CodeSet.FROM_2025,
        kind=Unit.Kind.COMMUNE,
        valid_to__isnull=True,
        pk__in=Unit.objects.filter(successor__isnull=False).values("successor_id"),
    ).exclude(code__startswith="S")
    unit_id = (
        Support.objects.filter(cooperative__unit__in=communes)
        .order_by()
        .values_list("cooperative__unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "cooperative__unit_id")
        .first()[0]
    )
    unit = Unit.objects.get(pk=unit_id)
    first = datetime.date(FOLLOWUP_YEAR, 1, 1)
    last = datetime.date(FOLLOWUP_YEAR, 12, 31)
    a_year = f"given_from={day_text(first)}&given_to={day_text(last)}"
    supports = reverse("followup:support_list")
    # The cooperative with the most follow-up records (supports, then difficulties), for its
    # timeline.
    busiest = (
        Cooperative.objects.annotate(
            supports_n=Count("supports", distinct=True),
            difficulties_n=Count("difficulties", distinct=True),
        )
        .order_by("-supports_n", "-difficulties_n", "pk")
        .values_list("pk", "supports_n", "difficulties_n")
        .first()
    )
    # The latest round, and in it a draft of one of those communes: the page counts its figures
    # from the supports now (and previews its indicators, not frozen yet); of those drafts, the
    # one whose cooperatives got the most supports in the round's period. (A draft at both
    # scales: a returned report shows its frozen indicators, with fewer queries.)
    round_ = ReportingRound.objects.order_by("-year", "-pk").first()
    drafts = Submission.objects.filter(round=round_, state=Submission.State.DRAFT)
    candidates = list(drafts.filter(unit__in=communes).values_list("unit_id", flat=True))
    # Another seed may leave no such draft: then any report that may still be changed.
    editable = Submission.objects.filter(round=round_, state__in=Submission.EDITABLE)
    candidates = candidates or list(editable.values_list("unit_id", flat=True))
    given = Support.objects.given_between(round_.period_start, round_.period_end)
    by_unit = dict(
        given.filter(cooperative__unit_id__in=candidates)
        .order_by()
        .values_list("cooperative__unit_id")
        .annotate(n=Count("pk"))
    )
    reporting_unit = min(candidates, key=lambda pk: (-by_unit.get(pk, 0), pk))
    submission = Submission.objects.get(round=round_, unit_id=reporting_unit)
    counted_now = counted(submission.unit, round_.period_start, round_.period_end)
    urls = {
        "support list, page 1": supports,
        "support list, a unit and a year": f"{supports}?unit={unit.pk}&{a_year}",
        "support list xlsx, a unit": f"{reverse('followup:support_list_xlsx')}?unit={unit.pk}",
        "difficulty list": reverse("followup:difficulty_list"),
        "difficulty list, waiting and overdue": (
            f"{reverse('followup:difficulty_list')}?state=waiting&overdue=true"
        ),
        "support summary, a year": f"{reverse('followup:summary')}?{a_year}",
        "before/after comparison": reverse("followup:comparison"),
        "a cooperative's follow-up": reverse("followup:cooperative", args=[busiest[0]]),
        "submission page (counted figures)": submission.get_absolute_url(),
    }
    results = {name: timed(get(client, url)) for name, url in urls.items()}
    waiting = Difficulty.objects.still_open()
    staff = User.objects.get(username="bench_tinh")
    filters = SupportFilter(
        {"unit": unit.pk, "given_from": day_text(first), "given_to": day_text(last)},
        Support.objects.all(),
        user=staff,
    )
    FOLLOWUP_FACTS.update(
        {
            "supports": Support.objects.count(),
            "support events (batches)": Support.objects.exclude(batch=None)
            .values("batch")
            .distinct()
            .count(),
            "loans": Support.objects.filter(kind__counts_as=SupportKind.CountsAs.LOAN).count(),
            "difficulties": Difficulty.objects.count(),
            "difficulties waiting": waiting.count(),
            "difficulties waiting and overdue": waiting.overdue(timezone.localdate()).count(),
            "unit filtered": str(unit),
            "supports in the list of a unit and a year": filters.qs.count(),
            "supports in the xlsx of a unit": SupportFilter(
                {"unit": unit.pk}, Support.objects.all(), user=staff
            ).qs.count(),
            "summary year": FOLLOWUP_YEAR,
            "supports in the summary's year": Support.objects.given_between(first, last).count(),
            "timeline's cooperative: supports, difficulties": list(busiest[1:]),
            "submission: unit, state": [str(submission.unit), submission.state],
            "submission: supports of its period": by_unit.get(reporting_unit, 0),
            "submission: counted figures": counted_now,
        }
    )
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


# --- The public showcase (issue 16) ----------------------------------------------------------

# seed_synthetic publishes nothing: one in PUBLISHED_ONE_IN of the women-managed active
# cooperatives is published here, and at least PUBLISHED_AT_LEAST of them.
PUBLISHED_ONE_IN = 20
PUBLISHED_AT_LEAST = 50
FEATURED = 6
STORY = (
    "Hợp tác xã do chị em phụ nữ trong thôn cùng nhau thành lập, với sự hỗ trợ của Hội Liên hiệp "
    "Phụ nữ xã. Các thành viên trồng, thu hái và chế biến sản phẩm theo quy trình sạch, "
    "không dùng chất bảo quản, và bán cho khách du lịch cũng như qua các sàn thương mại "
    "điện tử.\n\n"
    "Mỗi năm hợp tác xã tạo việc làm ổn định cho hàng chục lao động nữ, phần lớn là người dân tộc "
    "thiểu số, và dành một phần lợi nhuận cho quỹ học bổng của con em thành viên.\n\n"
    "Khách có thể đến thăm vườn, xem cách làm và mua sản phẩm ngay tại nhà văn hóa thôn."
)


def publish_a_share(user) -> bool:
    """Publish a realistic share of the cooperatives, unless some are published already;
    return whether it did.

    Benchmark seeding, like seed_synthetic: the rows are written directly and in bulk, not
    through showcase.services (no history, no officer's proposal), since what is measured is
    what visitors read. One in 20 (at least 50) of the cooperatives that are active and
    women-managed today, HTX and THT alike (every n-th by id), with their contacts, address
    and a story of three paragraphs; the first six featured; their products shown publicly;
    a sales point for every third cooperative and every other product; their women managers'
    consents to be named. No photos (files): the pages' photo queries run all the same."""
    if Publication.objects.filter(state=Publication.State.PUBLISHED).exists():
        return False
    today = timezone.localdate()
    candidates = list(
        Cooperative.objects.filter(status=Cooperative.Status.ACTIVE, publication__isnull=True)
        .active_on(today)
        .women_managed_on(today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, min(PUBLISHED_ONE_IN, len(candidates) // PUBLISHED_AT_LEAST))
    chosen = candidates[::step]
    now = timezone.now()
    with transaction.atomic():
        OcopProduct.objects.filter(cooperative_id__in=chosen).update(shown_publicly=True)
        texts = search_texts(chosen)  # what the public search reads: names, shown products
        Publication.objects.bulk_create(
            [
                Publication(
                    cooperative_id=pk,
                    state=Publication.State.PUBLISHED,
                    story=STORY,
                    show_contacts=True,
                    phone=f"0912 {pk % 1000:03d} {pk % 997:03d}",
                    email=f"htx{pk}@example.vn",
                    website=f"https://htx{pk}.example.vn",
                    show_address=True,
                    featured=n < FEATURED,
                    published_at=now,
                    search_text=texts.get(pk, ""),
                )
                for n, pk in enumerate(chosen)
            ],
            batch_size=500,
        )
        shown = OcopProduct.objects.filter(cooperative_id__in=chosen).order_by("pk")
        points = [
            SalesPoint(
                cooperative_id=pk, kind=SalesPoint.Kind.ONLINE, label="Shopee",
                url=f"https://shopee.vn/htx{pk}",
            )
            for pk in chosen[::3]
        ] + [
            SalesPoint(
                cooperative_id=cooperative_id, product_id=pk, kind=SalesPoint.Kind.PLACE,
                label="Điểm bán sản phẩm OCOP", address="Nhà văn hóa thôn",
            )
            for pk, cooperative_id in list(shown.values_list("pk", "cooperative_id"))[::2]
        ]  # fmt: skip
        SalesPoint.objects.bulk_create(points, batch_size=500)
        leaders = (
            ManagementRole.objects.active_on(today)
            .filter(woman_manager_q(), cooperative_id__in=chosen)
            .values_list("person_id", flat=True)
            .distinct()
        )
        LeaderConsent.objects.bulk_create(
            [
                LeaderConsent(
                    person_id=pk, given_on=today, how="Phiếu đồng ý có chữ ký", recorded_by=user
                )
                for pk in leaders
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
    # As seed_synthetic does: without fresh statistics the planner takes the new rows for none.
    with connection.cursor() as cursor:
        for model in (OcopProduct, Publication, SalesPoint, LeaderConsent):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return True


def public_pages(user):
    """The public showcase for an anonymous visitor: (timings, facts)."""
    # Pages are throttled per address: the timing runs must not be answered with 429s.
    settings.PUBLIC_RATE = "100000/m"
    seeded = publish_a_share(user)
    client = Client(HTTP_HOST="localhost")  # not logged in
    shown = published.cooperatives().count()
    middle_page = (math.ceil(shown / PAGE_SIZE) + 1) // 2
    busiest_pk, busiest_name = (
        published.cooperatives()
        .annotate(n=Count("ocop_products", filter=Q(ocop_products__shown_publicly=True)))
        .order_by("-n", "pk")
        .values_list("pk", "name")
        .first()
    )
    product = published.products().filter(cooperative_id=busiest_pk).order_by("pk").first()
    # The commune with the most published cooperatives: [unit id, name, how many].
    commune_pk, _name, in_commune = published.figures().by_commune[0]
    places = published.places(timezone.localdate())
    province_pk = places.province_of(commune_pk)
    directory = reverse("showcase:directory")
    cooperative_url = reverse("showcase:cooperative", args=[busiest_pk, slug_of(busiest_name)])
    urls = {
        "home": reverse("showcase:home"),
        "directory, page 1": directory,
        "directory, middle page": f"{directory}?page={middle_page}",
        "directory, search “hop tac”": f"{directory}?q=hop+tac",
        "directory, a province": f"{directory}?province={province_pk}",
        "directory, a commune": f"{directory}?commune={commune_pk}",
        "cooperative page": cooperative_url,
        "product page": reverse("showcase:product", args=[product.pk, slug_of(product.name)]),
        "sitemap.xml (the index)": reverse("showcase:sitemap"),
        "sitemap, a page of 1,000": reverse("showcase:sitemap_section", args=["public"]),
        # Whole-table exports: every published cooperative, every shown product.
        "open data: products.json": reverse("showcase:open_data_file", args=["products", "json"]),
        "open data: cooperatives.csv": reverse(
            "showcase:open_data_file", args=["cooperatives", "csv"]
        ),
    }
    results = {name: timed(get(client, url)) for name, url in urls.items()}

    # The home page's figures, the directory's places and the sitemap are kept until a
    # showcase record changes (showcase/kept.py): their first view after a change.
    def changed(_run):
        caching.renew(SHOWCASE_VERSION)

    for name in (
        "home",
        "directory, page 1",
        "sitemap.xml (the index)",
        "sitemap, a page of 1,000",
    ):
        results[f"{name}, first view after a change"] = view_after(client, urls[name], changed)
    sizes = {
        f"{name} (bytes)": len(get(client, urls[name])().content)
        for name in (
            "cooperative page",
            "directory, page 1",
            "open data: products.json",
            "open data: cooperatives.csv",
        )
    }
    facts = {
        "published cooperatives": shown,
        "shown products": published.products().count(),
        "published by this run": seeded,
        "directory middle page": middle_page,
        "directory, search “hop tac”: found": published.directory(query="hop tac").count(),
        "directory, a commune: found": in_commune,
        "provinces in the directory's filter": len(places.provinces),
        "communes in the directory's filter (all provinces)": len(places.communes),
        "cooperative page's shown products": published.products()
        .filter(cooperative_id=busiest_pk)
        .count(),
        **sizes,
    }
    return results, facts


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
    counted_models = (Cooperative, User, Submission, Support, Difficulty)
    counts = {model.__name__: model.objects.count() for model in counted_models}
    results = {"rows": counts, "database": connection.vendor}
    if os.environ.get("BENCH_ONLY_PUBLIC", "0") != "1":
        results |= {"pages": pages(client, day), "engine": engine(day)}
        results["followup facts"] = FOLLOWUP_FACTS
        if os.environ.get("BENCH_IMPORT", "1") == "1":
            results["import"] = excel_import(user, unit_name)
    results["public"], results["public facts"] = public_pages(user)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
