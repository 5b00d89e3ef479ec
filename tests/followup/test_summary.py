"""The support summary: every figure of its tables on hand-built data, each leading to exactly
the records it counts, the loans still running on the period's last day, scope, the Excel file,
and a number of queries that does not grow with the data."""

import datetime
import io
import re
import uuid

import pytest
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from followup import summary, summary_views
from followup.models import Support
from followup.summary import running_on
from org.models import Unit
from tests.factories import (
    CooperativeFactory,
    LoanFactory,
    SupportFactory,
    date,
    support_kind,
    unit,
)

pytestmark = pytest.mark.django_db

URL = reverse("followup:summary")
XLSX = reverse("followup:summary_xlsx")
PERIOD = {"given_from": "01/01/2026", "given_to": "31/03/2026"}
MILLION = 1_000_000


def batch_of(cooperatives, **fields):
    """One event entered for several cooperatives: a record each, sharing a batch."""
    batch = uuid.uuid4()
    return [SupportFactory(cooperative=c, batch=batch, **fields) for c in cooperatives]


def shown(table):
    """{label: (supports, cooperatives, events, amount)} of a table's rows, and its total."""
    rows = {r.label: (r.supports, r.cooperatives, r.events, r.amount) for r in table.rows}
    total = table.total
    return rows, (total.supports, total.cooperatives, total.events, total.amount)


def loans_shown(table):
    rows = {r.label: (r.loans, r.borrowers, r.loan_amount) for r in table.rows}
    total = table.total
    return rows, (total.loans, total.borrowers, total.loan_amount)


def listed(client, row):
    """The figures of the support list a row's figures lead to, counted as the row is."""
    response = client.get(row.url)
    assert response.status_code == 200
    records = response.context["filters"].qs
    figures = records.aggregate(
        supports=Count("pk"),
        cooperatives=Count("cooperative", distinct=True),
        batches=Count("batch", distinct=True),
        unbatched=Count("pk", filter=Q(batch__isnull=True)),
        amount=Sum("amount"),
        loan_amount=Sum("loan_amount"),
    )
    return records, figures


def assert_links_are_exact(client, found):
    """Every figure of every table leads to the support list of exactly its records."""
    for table in found.tables:
        for row in [*table.rows, table.total]:
            _records, figures = listed(client, row)
            assert figures["supports"] == row.supports, (table.code, row.label)
            assert figures["cooperatives"] == row.cooperatives, (table.code, row.label)
            assert figures["batches"] + figures["unbatched"] == row.events, (table.code, row)
            assert (figures["amount"] or 0) == row.amount, (table.code, row.label)
    for row in [*found.loans.rows, found.loans.total]:
        _records, figures = listed(client, row)
        assert figures["supports"] == row.loans, row.label
        assert figures["cooperatives"] == row.borrowers, row.label
        assert (figures["loan_amount"] or 0) == row.loan_amount, row.label


@pytest.fixture
def data(ta_van, bat_xat):
    """Three Tả Van cooperatives and one of Bát Xát, with support around 01/01–31/03/2026."""
    a, b, c = (CooperativeFactory(unit=ta_van, name=f"HTX Tả Van {n}") for n in "ABC")
    d = CooperativeFactory(unit=bat_xat, name="HTX Bát Xát D")
    advice, fair = support_kind(""), support_kind("trade_promotion")
    # A trade fair for three cooperatives on the period's first day: one event.
    batch_of(
        [a, b, c],
        kind=fair,
        given_on=date("2026-01-01"),
        funding_source="state_budget",
        amount=MILLION,
    )
    # Advice on the period's last day, without money.
    SupportFactory(cooperative=a, kind=advice, given_on=date("2026-03-31"))
    SupportFactory(
        cooperative=d,
        kind=advice,
        given_on=date("2026-02-15"),
        funding_source="mobilised",
        amount=500_000,
    )
    # The day before and the day after the period: not counted.
    SupportFactory(cooperative=a, kind=advice, given_on=date("2025-12-31"), amount=7)
    SupportFactory(cooperative=a, kind=advice, given_on=date("2026-04-01"), amount=7)
    LoanFactory(cooperative=b, given_on=date("2026-02-01"))
    return {"a": a, "b": b, "c": c, "d": d, "advice": advice, "fair": fair}


def test_every_figure_of_each_table(staff_client, data, ta_van, bat_xat):
    found = staff_client.get(URL, PERIOD).context["summary"]
    assert (found.first, found.last) == (date("2026-01-01"), date("2026-03-31"))
    advice, fair, loan = data["advice"].name, data["fair"].name, support_kind("loan").name
    by_kind, by_body, by_source, by_reporting = found.tables
    total = (6, 4, 4, 3_500_000)
    assert shown(by_kind) == (
        {
            advice: (2, 2, 2, 500_000),
            fair: (3, 3, 1, 3 * MILLION),  # a batch of three: one event, three cooperatives
            loan: (1, 1, 1, 0),
        },
        total,
    )
    # The catalogue's order.
    assert [row.label for row in by_kind.rows] == [advice, fair, loan]
    assert shown(by_body) == (
        {str(ta_van): (5, 3, 3, 3 * MILLION), str(bat_xat): (1, 1, 1, 500_000)},
        total,
    )
    sources = {row.filters.get("funding_source", "none"): row for row in by_source.rows}
    assert {key: shown_row(row) for key, row in sources.items()} == {
        "state_budget": (3, 3, 1, 3 * MILLION),
        "mobilised": (1, 1, 1, 500_000),
        "none": (2, 2, 2, 0),
    }
    assert shown(by_reporting) == (
        {str(ta_van): (5, 3, 3, 3 * MILLION), str(bat_xat): (1, 1, 1, 500_000)},
        total,
    )
    assert_links_are_exact(staff_client, found)


def shown_row(row):
    return (row.supports, row.cooperatives, row.events, row.amount)


def test_the_first_and_last_day_count_and_the_days_around_do_not(staff_client, data):
    for period, expected in [
        ({"given_from": "01/01/2026", "given_to": "01/01/2026"}, 3),
        ({"given_from": "31/03/2026", "given_to": "31/03/2026"}, 1),
        ({"given_from": "31/12/2025", "given_to": "31/12/2025"}, 1),
        ({"given_from": "02/01/2026", "given_to": "30/03/2026"}, 2),
    ]:
        found = staff_client.get(URL, period).context["summary"]
        assert found.total.supports == expected, period
    # A day earlier: the advice of 31/12/2025 counts, that of 01/04/2026 still does not.
    found = staff_client.get(URL, {"given_from": "31/12/2025", "given_to": "31/03/2026"})
    kinds = shown(found.context["summary"].tables[0])[0]
    assert kinds[data["advice"].name] == (3, 2, 3, 500_007)


def test_the_default_period_is_this_year_to_today(staff_client, data):
    response = staff_client.get(URL)
    found = response.context["summary"]
    today = datetime.date.today()
    assert (found.first, found.last) == (datetime.date(today.year, 1, 1), today)
    page = response.content.decode()
    # A quick link for each year since 2023, each a whole year (this one up to today).
    assert "given_from=01%2F01%2F2023&amp;given_to=31%2F12%2F2023" in page
    assert f"given_from=01%2F01%2F{today.year}&amp;given_to={today:%d}%2F{today:%m}" in page


def test_an_end_before_the_start_is_refused(staff_client, data):
    response = staff_client.get(URL, {"given_from": "01/02/2026", "given_to": "01/01/2026"})
    assert response.status_code == 200 and response.context["summary"] is None
    assert response.context["form"].errors["given_to"]
    assert staff_client.get(XLSX, {"given_from": "32/01/2026"}).status_code == 404


def test_a_unit_narrows_to_its_cooperatives(staff_client, data, bat_xat):
    found = staff_client.get(URL, {**PERIOD, "unit": bat_xat.pk}).context["summary"]
    assert found.total.supports == 1 and found.total.amount == 500_000
    assert all(row.filters["unit"] == bat_xat.pk for row in found.tables[0].rows)
    assert_links_are_exact(staff_client, found)


def test_units_before_the_reform_fold_into_their_reporting_unit(staff_client, ta_van, bat_xat):
    old = Unit.CodeSet.PRE_2025
    sa_pa, bat_xat_district = unit("088", old), unit("082", old)
    old_ta_van, old_hoang_lien, old_bat_xat = (
        unit("03040", old),
        unit("03019", old),
        unit("02683", old),
    )
    province = Unit.objects.get(kind=Unit.Kind.PROVINCE, code_set=Unit.CodeSet.FROM_2025)
    p1, p2, p3 = (CooperativeFactory(unit=u) for u in (old_ta_van, old_hoang_lien, old_bat_xat))
    p4, p5 = CooperativeFactory(unit=ta_van), CooperativeFactory(unit=province)
    fair = support_kind("trade_promotion")
    batch_of([p1, p2, p3], kind=fair, given_on=date("2024-05-01"), amount=10)
    SupportFactory(cooperative=p4, given_on=date("2024-06-01"), amount=1)
    SupportFactory(cooperative=p5, given_on=date("2024-06-02"), amount=2)

    # Before the reform: the districts report; a new commune through its old communes'.
    found = staff_client.get(URL, {"given_from": "01/01/2024", "given_to": "31/12/2024"})
    found = found.context["summary"]
    reporting = found.tables[3]
    rows, total = shown(reporting)
    assert rows == {
        str(sa_pa): (3, 3, 2, 21),
        str(bat_xat_district): (1, 1, 1, 10),
        reporting.rows[-1].label: (1, 1, 1, 2),
    }
    assert reporting.rows[-1].filters["row"] == 0  # the province itself reports through none
    assert total == (5, 5, 3, 33)
    assert_links_are_exact(staff_client, found)

    # The same records counted on a day after the reform: the new communes report.
    found = staff_client.get(URL, {"given_from": "01/01/2024", "given_to": "31/12/2025"})
    found = found.context["summary"]
    rows, total = shown(found.tables[3])
    assert rows[str(ta_van)] == (3, 3, 2, 21) and rows[str(bat_xat)] == (1, 1, 1, 10)
    assert total == (5, 5, 3, 33)
    assert_links_are_exact(staff_client, found)


def test_loans_running_on_the_last_day(staff_client, ta_van):
    a, b = CooperativeFactory(unit=ta_van), CooperativeFactory(unit=ta_van)
    # Runs to 31/03/2026, the period's last day: running.
    LoanFactory(cooperative=a, given_on=date("2023-03-31"), loan_term_months=36)
    # Ended 30/03/2026, the day before: not running.
    LoanFactory(cooperative=b, given_on=date("2023-03-30"), loan_term_months=36)
    # Given within the period: running.
    LoanFactory(cooperative=b, given_on=date("2026-02-01"), loan_amount=50 * MILLION)
    # 31/12/2025 + 3 months is 31/03/2026: running; 31/01/2026 + 1 month is 28/02: ended.
    LoanFactory(
        cooperative=a, given_on=date("2025-12-31"), loan_term_months=3, lender="credit_institution"
    )
    LoanFactory(cooperative=a, given_on=date("2026-01-31"), loan_term_months=1)
    # Given after the last day: not yet running.
    LoanFactory(cooperative=a, given_on=date("2026-04-01"))
    found = staff_client.get(URL, PERIOD).context["summary"]
    rows, total = loans_shown(found.loans)
    labels = {row.filters["lender"]: row.label for row in found.loans.rows}
    assert rows == {
        labels["social_policy_bank"]: (2, 2, 150 * MILLION),
        labels["credit_institution"]: (1, 1, 100 * MILLION),
    }
    assert total == (3, 2, 250 * MILLION)  # A borrowed from two lenders: one borrower
    assert_links_are_exact(staff_client, found)


@pytest.mark.parametrize(
    "day", ["2024-02-29", "2025-02-28", "2026-01-31", "2026-02-28", "2026-03-30", "2026-12-31"]
)
def test_running_in_the_database_is_the_models_due_day(ta_van, day):
    cooperative = CooperativeFactory(unit=ta_van)
    for given in ["2023-01-31", "2023-02-28", "2023-11-30", "2024-02-29", "2025-12-31"]:
        for term in [1, 2, 3, 11, 12, 13, 24, 25, 36]:
            LoanFactory(cooperative=cooperative, given_on=date(given), loan_term_months=term)
    day = date(day)
    expected = {
        loan.pk
        for loan in Support.objects.select_related("kind")
        if loan.given_on <= day <= loan.loan_ends_on
    }
    running = set(running_on(Support.objects.all(), day).values_list("pk", flat=True))
    assert running == expected and expected


def test_a_unit_officer_sees_only_their_scope(client, officer, data, ta_van, bat_xat):
    client.force_login(officer)
    response = client.get(URL, PERIOD)
    found = response.context["summary"]
    assert found.total.supports == 5 and found.total.amount == 3 * MILLION
    page = response.content.decode()
    assert data["d"].name not in page and str(bat_xat) not in page
    assert_links_are_exact(client, found)
    text = workbook_text(client.get(XLSX, PERIOD))
    assert str(ta_van) in text and str(bat_xat) not in text
    # Another unit's figures are a 404, in the page and in its export.
    for url in (URL, XLSX):
        assert client.get(url, {**PERIOD, "unit": bat_xat.pk}).status_code == 404
        assert client.get(url, {**PERIOD, "unit": ta_van.pk}).status_code == 200


def workbook_text(response):
    workbook = open_workbook(response)
    return "\n".join(
        str(cell.value) for ws in workbook for row in ws.iter_rows() for cell in row if cell.value
    )


def open_workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_the_export_holds_the_pages_figures(staff_client, data, ta_van, bat_xat):
    found = staff_client.get(URL, PERIOD).context["summary"]
    workbook = open_workbook(staff_client.get(XLSX, PERIOD))
    assert len(workbook.worksheets) == 5
    for ws, table in zip(workbook.worksheets, [*found.tables, found.loans], strict=True):
        rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=4)]
        expected = [
            [row.label, row.loans, row.borrowers, row.loan_amount]
            if table.loans
            else [row.label, row.supports, row.cooperatives, row.events, row.amount]
            for row in [*table.rows, table.total]
        ]
        assert rows == expected, table.code
        assert "01/01/2026" in ws["A2"].value or table.loans


def test_a_table_of_units_shows_those_with_most_supports_and_adds_up_the_others(
    staff_client, data, ta_van, bat_xat, monkeypatch
):
    """The tables by body and by reporting unit show their units with most supports (here one,
    SHOWN_ROWS elsewhere), the others in one line without a link, which adds up only the
    figures that count a record, or a cooperative, in one row; only the units shown are named;
    the province level keeps its row; the catalogues' tables are whole; the Excel file has
    every row."""
    monkeypatch.setattr(summary_views, "SHOWN_ROWS", 1)
    industry = unit("SCT", "agency")
    province = Unit.objects.get(kind=Unit.Kind.PROVINCE, code_set=Unit.CodeSet.FROM_2025)
    # D, of Bát Xát, is helped by two bodies: one cooperative, counted in two rows.
    SupportFactory(cooperative=data["d"], body=industry, given_on=date("2026-03-01"), amount=3)
    at_province = CooperativeFactory(unit=province)
    SupportFactory(cooperative=at_province, body=industry, given_on=date("2026-03-02"), amount=2)
    with CaptureQueriesContext(connection) as queries:
        response = staff_client.get(URL, PERIOD)
    queries = [query["sql"] for query in queries]  # before another request empties the log
    found = response.context["summary"]
    by_kind, by_body, by_source, by_reporting = found.tables
    assert by_kind.others is None and by_source.others is None and len(by_kind.rows) == 3

    # Bodies: Tả Van (5 supports) shown; Sở Công Thương (2) and Bát Xát (1) added up, but for
    # their cooperatives (D in both) and events.
    assert [row.label for row in by_body.rows] == [str(ta_van)]
    others = by_body.others
    assert others.label.startswith("2 ") and not others.filters
    assert shown_row(others) == (3, None, None, 500_005)
    assert by_body.lines[-1][0] is others
    # Reporting units: Tả Van shown, Bát Xát (D's two supports) added up, before the province
    # level's row: a cooperative counts in one row, but an event may count in several.
    rows = by_reporting.rows
    assert [row.label for row in rows[:-1]] == [str(ta_van)] and rows[-1].filters["row"] == 0
    assert shown_row(by_reporting.others) == (2, 1, None, 500_003)
    assert [row for row, _figures in by_reporting.lines] == [rows[0], by_reporting.others, rows[1]]
    assert_links_are_exact(staff_client, found)

    # Only the units shown are named: one query, for Tả Van alone.
    [names] = [sql for sql in queries if re.search(r'FROM "org_unit".* IN \(', sql)]
    assert re.findall(r"IN \(([^)]*)\)", names) == [str(ta_van.pk)]

    page = response.content.decode()
    lines = re.findall(r'<tr class="others">.*?</tr>', page, re.S)
    assert len(lines) == 2 and all("href" not in line for line in lines)
    assert lines[0].count("—") == 2 and lines[1].count("—") == 1
    # Notes say how many are shown, and that the Excel file has every row.
    assert by_body.cut_note in page and by_reporting.cut_note in page

    workbook = open_workbook(staff_client.get(XLSX, PERIOD))
    body_sheet, reporting_sheet = workbook.worksheets[1], workbook.worksheets[3]
    body_labels = [row[0].value for row in body_sheet.iter_rows(min_row=4)]
    assert body_labels[:-1] == sorted([str(ta_van), str(bat_xat), str(industry)])
    assert len(list(reporting_sheet.iter_rows(min_row=4))) == 4  # 3 rows and the total


def test_each_rows_link_is_built_once(staff_client, data, monkeypatch):
    """A row's four figures share its link: built once per row, the total's once for the four
    tables that share it."""
    built = []

    def counted(name, *args, **kwargs):
        built.append(name)
        return reverse(name, *args, **kwargs)

    monkeypatch.setattr(summary, "reverse", counted)
    found = staff_client.get(URL, PERIOD).context["summary"]
    rows = {id(row) for table in [*found.tables, found.loans] for row in [*table.rows, table.total]}
    assert len(built) == len(rows) == 3 + 2 + 3 + 2 + 1 + 1 + 1


def option(unit_, selected=False) -> str:
    """A unit's option in a picker."""
    return f'<option value="{unit_.pk}"{" selected" if selected else ""}>{unit_}</option>'


def test_the_unit_picker_is_kept_until_a_unit_changes_per_language(staff_client, ta_van):
    """Every unit of the user's area, former ones too (a past period's), from a kept list:
    renewed when a unit changes, and kept apart for each language."""
    old_commune = unit("03040", Unit.CodeSet.PRE_2025)
    assert option(old_commune) in staff_client.get(URL).content.decode()
    new = Unit.objects.create(
        code_set=Unit.CodeSet.FROM_2025,
        code="S0001",
        name="Xã Mới Lập",
        kind=Unit.Kind.COMMUNE,
        parent=ta_van.parent,
        valid_from=date("2026-01-01"),
    )
    page = staff_client.get(URL, {"unit": new.pk}).content.decode()
    assert option(new, selected=True) in page and option(old_commune) in page
    staff_client.post(reverse("set_language"), {"language": "en", "next": URL})
    page = staff_client.get(URL).content.decode()
    with translation.override("en"):
        assert option(old_commune) in page


def test_query_count_does_not_grow_with_the_data(
    staff_client, data, ta_van, bat_xat, django_assert_num_queries
):
    with_unit = {**PERIOD, "unit": ta_van.pk}
    staff_client.get(URL, PERIOD)  # the reporting map is kept from here on

    def count_all():
        with django_assert_num_queries(QUERIES):
            staff_client.get(URL, PERIOD)
        with django_assert_num_queries(QUERIES_WITH_UNIT):
            staff_client.get(URL, with_unit)
        with django_assert_num_queries(XLSX_QUERIES):
            staff_client.get(XLSX, PERIOD)

    count_all()
    old = Unit.CodeSet.PRE_2025
    units = [ta_van, bat_xat, unit("03040", old), unit("02683", old)]
    for n in range(30):
        cooperatives = [CooperativeFactory(unit=u) for u in units]
        batch_of(cooperatives, given_on=date("2026-02-10"), amount=n, funding_source="credit")
        LoanFactory(cooperative=cooperatives[n % 4], given_on=date("2025-06-01"))
        SupportFactory(cooperative=cooperatives[0], body=unit("082", old))
    count_all()


# Session and user (2), the tables (4) and their total (1), the reporting map as kept (2), the
# loans and their total (2), the names of the units shown (1), the unit picker's kept list
# (2: the units' version, then the list), the session's save (3). A unit chosen: read (1),
# its area (2, one per level of the tree) and the reporting map again (2). The export has no
# unit picker, and writes the access log's row of its download (1).
QUERIES = 17
QUERIES_WITH_UNIT = QUERIES + 5
XLSX_QUERIES = QUERIES - 2 + 1
