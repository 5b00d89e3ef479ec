"""The before/after comparison of a kind of support: its two groups' figures on hand-built data,
the cooperatives left out, a zero base, scope, the Excel file and its number of queries."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

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
        with django_assert_num_queries(QUERIES - 2):
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
