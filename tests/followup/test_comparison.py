"""The before/after comparison of a kind of support: its two groups' figures on hand-built data,
the cooperatives left out, a zero base, scope, the Excel file and its number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cooperatives.access import cooperatives_for
from cooperatives.models import Cooperative
from followup.comparison import compare, latest_figures_year, support_years
from tests.factories import (
    CooperativeFactory,
    SupportFactory,
    date,
    figures,
    support_kind,
)

pytestmark = pytest.mark.django_db

URL = reverse("followup:comparison")
XLSX = reverse("followup:comparison_xlsx")


def add_figures(cooperative, year, jobs, members):
    return figures(
        cooperative,
        year,
        members_total=members,
        members_female=0,
        workers_total=jobs,
        workers_female=jobs,
        female_stable_jobs=jobs,
    )


@pytest.fixture
def data(ta_van, bat_xat):
    """Kind "trade fair" in 2025, compared between 2024 and 2025 (the latest year with figures
    up to this year)."""
    fair, advice = support_kind("trade_promotion"), support_kind("")
    a, b, c, d, e = (CooperativeFactory(unit=ta_van, name=f"HTX Tả Van {n}") for n in "ABCDE")
    f = CooperativeFactory(unit=bat_xat, name="HTX Bát Xát F")
    # Received the fair in 2025 (B twice: once is enough), with figures for both years.
    SupportFactory(cooperative=a, kind=fair, given_on=date("2025-01-01"))
    SupportFactory(cooperative=b, kind=fair, given_on=date("2025-06-01"))
    SupportFactory(cooperative=b, kind=fair, given_on=date("2025-12-31"))
    SupportFactory(cooperative=f, kind=fair, given_on=date("2025-03-03"))
    add_figures(a, 2024, jobs=5, members=10)
    add_figures(a, 2025, jobs=8, members=12)
    add_figures(b, 2024, jobs=0, members=0)
    add_figures(b, 2025, jobs=3, members=4)
    add_figures(f, 2024, jobs=2, members=5)
    add_figures(f, 2025, jobs=2, members=5)
    # C: the fair in 2024 and advice in 2025, not the fair in 2025.
    SupportFactory(cooperative=c, kind=fair, given_on=date("2024-12-31"))
    SupportFactory(cooperative=c, kind=advice, given_on=date("2025-05-05"))
    add_figures(c, 2024, jobs=4, members=20)
    add_figures(c, 2025, jobs=4, members=18)
    # D received it, but has no figures for 2024: left out. E has none for 2025: left out.
    SupportFactory(cooperative=d, kind=fair, given_on=date("2025-04-04"))
    add_figures(d, 2025, jobs=50, members=50)
    add_figures(e, 2024, jobs=60, members=60)
    # Figures of a year still to come are no "latest year".
    add_figures(a, 2099, jobs=99, members=99)
    return {"fair": fair, "advice": advice, "a": a, "f": f}


def groups_of(found):
    """{received: (cooperatives, {measure: (before, after, change, change share)})}."""
    return {
        group.received: (
            group.cooperatives,
            [(m.before, m.after, m.change, m.change_share) for m in group.measures],
        )
        for group in found.groups
    }


def test_the_two_groups_figures(staff_client, data):
    response = staff_client.get(URL, {"kind": data["fair"].pk, "year": 2025})
    found = response.context["comparison"]
    assert (found.before_year, found.after_year) == (2024, 2025)
    assert found.visible == 6 and found.counted == 4
    assert groups_of(found) == {
        # A, B and F: jobs 5 + 0 + 2 → 8 + 3 + 2; members 10 + 0 + 5 → 12 + 4 + 5.
        True: (3, [(7, 13, 6, 6 / 7), (15, 21, 6, 6 / 15)]),
        # C: jobs 4 → 4, members 20 → 18.
        False: (1, [(4, 4, 0, 0.0), (20, 18, -2, -0.1)]),
    }
    page = response.content.decode()
    assert "<caption" in page and 'scope="row"' in page


def test_a_zero_base_is_no_data(staff_client, data, ta_van):
    # Advice in 2025: C, and a new cooperative that had nobody in 2024.
    b = CooperativeFactory(unit=ta_van, name="HTX mới")
    SupportFactory(cooperative=b, kind=data["advice"], given_on=date("2025-02-02"))
    add_figures(b, 2024, jobs=0, members=0)
    add_figures(b, 2025, jobs=6, members=9)
    found = staff_client.get(URL, {"kind": data["advice"].pk, "year": 2025})
    found = found.context["comparison"]
    received = groups_of(found)[True]
    # C's 4 → 4 jobs and the new one's 0 → 6: the group's base is not 0.
    assert received == (2, [(4, 10, 6, 1.5), (20, 27, 7, 0.35)])
    # A group whose base is 0: its change is "no data", never 0% or infinite.
    alone = CooperativeFactory(unit=ta_van)
    kind = support_kind("loan")
    SupportFactory(cooperative=alone, kind=kind, given_on=date("2025-02-02"))
    add_figures(alone, 2024, jobs=0, members=0)
    add_figures(alone, 2025, jobs=6, members=9)
    response = staff_client.get(URL, {"kind": kind.pk, "year": 2025})
    received = groups_of(response.context["comparison"])[True]
    assert received == (1, [(0, 6, 6, None), (0, 9, 9, None)])
    page = response.content.decode()
    assert page.count("chưa có số liệu") == 2  # "no data", in Vietnamese by default
    sheet = open_sheet(staff_client.get(XLSX, {"kind": kind.pk, "year": 2025}))
    shares = [row[6].value for row in sheet.iter_rows(min_row=4) if row[0].value]
    assert shares[:2] == ["chưa có số liệu", "chưa có số liệu"]


def test_the_default_is_the_first_kind_and_the_latest_year_with_supports(staff_client, data):
    found = staff_client.get(URL).context["comparison"]
    assert found.year == 2025 and found.kind == support_kind("")


def test_no_figures_after_the_year_before_says_so(staff_client, data):
    response = staff_client.get(URL, {"kind": data["fair"].pk, "year": 2026})
    found = response.context["comparison"]
    assert not found.possible and found.groups == []
    assert response.context["no_figures_after"] in response.content.decode()


def test_bad_input_is_a_form_error_or_a_404(staff_client, data):
    response = staff_client.get(URL, {"kind": "x", "year": 1900})
    assert response.status_code == 200 and response.context["form"].errors
    assert staff_client.get(XLSX, {"kind": "x"}).status_code == 404


def test_a_unit_officer_counts_only_their_cooperatives(client, officer, data):
    client.force_login(officer)
    query = {"kind": data["fair"].pk, "year": 2025}
    response = client.get(URL, query)
    found = response.context["comparison"]
    assert found.visible == 5 and found.counted == 3
    assert groups_of(found)[True] == (2, [(5, 11, 6, 1.2), (10, 16, 6, 0.6)])
    assert data["f"].name not in response.content.decode()
    sheet = open_sheet(client.get(XLSX, query))
    counts = {row[1].value for row in sheet.iter_rows(min_row=4) if row[0].value}
    assert counts == {2, 1}


def test_every_query_keeps_a_unit_officers_scope(officer, province_staff, data):
    # Another unit's cooperative F: the fair in 2023 and figures for 2026, which the officer
    # does not see (neither as the first year with supports nor as the latest with figures).
    f, fair = data["f"], data["fair"]
    SupportFactory(cooperative=f, kind=fair, given_on=date("2023-03-03"))
    add_figures(f, 2026, jobs=7, members=7)
    today = date("2026-06-30")
    everything, area = cooperatives_for(province_staff), cooperatives_for(officer)
    assert support_years(everything) == (2023, 2025)
    assert support_years(area) == (2024, 2025)
    assert latest_figures_year(everything, today) == 2026
    assert latest_figures_year(area, today) == 2025
    found = compare(area, fair, 2025, today)
    assert (found.after_year, found.visible, found.counted) == (2025, 5, 3)
    # A and B received it, C did not; F's figures are in no sum.
    assert groups_of(found) == {
        True: (2, [(5, 11, 6, 1.2), (10, 16, 6, 0.6)]),
        False: (1, [(4, 4, 0, 0.0), (20, 18, -2, -0.1)]),
    }
    # Staff compare 2024 with 2026: F alone has figures for both.
    assert groups_of(compare(everything, fair, 2025, today)) == {
        True: (1, [(2, 7, 5, 2.5), (5, 7, 2, 0.4)]),
        False: (0, [(0, 0, 0, None), (0, 0, 0, None)]),
    }


def test_any_set_of_cooperatives_is_its_own_scope(data):
    today = date("2025-12-31")
    a_and_c = Cooperative.objects.filter(name__in=["HTX Tả Van A", "HTX Tả Van C"])
    found = compare(a_and_c, data["fair"], 2025, today)
    assert (found.visible, found.counted) == (2, 2)
    assert groups_of(found) == {
        True: (1, [(5, 8, 3, 0.6), (10, 12, 2, 0.2)]),
        False: (1, [(4, 4, 0, 0.0), (20, 18, -2, -0.1)]),
    }
    nothing = compare(Cooperative.objects.none(), data["fair"], 2025, today)
    assert (nothing.visible, nothing.after_year, nothing.groups) == (0, None, [])
    assert support_years(Cooperative.objects.none()) == (None, None)


def test_seeing_every_unit_joins_no_cooperatives(province_staff, data):
    """For a user who sees every unit, the cooperatives are read only to be counted: the
    years, the latest year and the sums read supports and yearly figures alone (a national
    database has 110,000 cooperatives to join for nothing)."""
    cooperatives = cooperatives_for(province_staff)
    with CaptureQueriesContext(connection) as captured:
        support_years(cooperatives)
        found = compare(cooperatives, data["fair"], 2025, date("2025-12-31"))
    assert found.counted == 4
    joined = [q["sql"] for q in captured if "cooperatives_cooperative" in q["sql"]]
    assert len(captured) == 4 and len(joined) == 1 and "COUNT(*)" in joined[0]


def open_sheet(response):
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 1
    return workbook.active


def test_the_export_holds_the_pages_figures(staff_client, data):
    query = {"kind": data["fair"].pk, "year": 2025}
    found = staff_client.get(URL, query).context["comparison"]
    sheet = open_sheet(staff_client.get(XLSX, query))
    assert [c.value for c in sheet[3]][3:5] == ["2024", "2025"]
    rows = [[c.value for c in row][1:6] for row in sheet.iter_rows(min_row=4)]
    expected = [
        [group.cooperatives, m.label, m.before, m.after, m.change]
        for group in found.groups
        for m in group.measures
    ]
    assert rows == expected
    shares = [row[6].value for row in sheet.iter_rows(min_row=4)]
    assert shares == pytest.approx([6 / 7, 6 / 15, 0.0, -0.1])


def test_query_count_does_not_grow_with_the_data(
    staff_client, data, ta_van, bat_xat, django_assert_num_queries
):
    query = {"kind": data["fair"].pk, "year": 2025}

    def count_all():
        with django_assert_num_queries(QUERIES):
            staff_client.get(URL, query)
        # No kind picker (-2); the access log's row of the download (+1).
        with django_assert_num_queries(QUERIES - 2 + 1):
            staff_client.get(XLSX, query)
        with django_assert_num_queries(DEFAULT_QUERIES):
            staff_client.get(URL)

    count_all()
    for n in range(40):
        cooperative = CooperativeFactory(unit=ta_van if n % 2 else bat_xat)
        if n % 3:
            SupportFactory(cooperative=cooperative, kind=data["fair"], given_on=date("2025-07-07"))
        add_figures(cooperative, 2024, jobs=n, members=n + 1)
        add_figures(cooperative, 2025, jobs=n + 1, members=n + 2)
    count_all()


# Session and user (2), the years with supports (1), the kind asked for (1), the latest year
# with figures (1), the cooperatives seen (1), the groups' sums (1), the kind picker (2: its
# first choice, then all), the session's save (3). The export has no picker; by default the
# first kind is read instead of the kind asked for.
QUERIES = 12
DEFAULT_QUERIES = QUERIES
