"""The dashboard's lists as Excel files: the breakdown's rows and total, and the records
behind a figure, for the day and unit chosen."""

import pytest
from django.urls import reverse

from targets import live
from tests.factories import figures, make_data, supported, unit
from tests.queries import count_queries
from tests.spreadsheets import column, open_xlsx, table

pytestmark = pytest.mark.django_db


def test_the_breakdown_export_has_the_pages_rows_and_its_total(staff_client):
    supported(unit_=unit("02683"))
    supported(unit_=unit("03037"))
    supported(unit_=unit("03037"))
    url = reverse("targets:breakdown", args=["HTX_SUPPORTED"])
    page = staff_client.get(url, {"as_of": "2025-12-31"})
    export = staff_client.get(
        reverse("targets:breakdown_xlsx", args=["HTX_SUPPORTED"]), {"as_of": "2025-12-31"}
    )
    sheet = open_xlsx(export)
    units = column(sheet, "Đơn vị")
    shown = [str(r["unit"]) for r in page.context["rows"] if r["unit"]]
    assert units[: len(shown)] == shown
    assert units[-1] == "Toàn tỉnh"
    figures_ = dict(zip(units, column(sheet, "Kết quả"), strict=True))
    assert (figures_["Xã Tả Van"], figures_["Xã Bát Xát"], figures_["Toàn tỉnh"]) == (2, 1, 3)
    assert "31/12/2025" in sheet["A2"].value
    assert export["Content-Disposition"].startswith(
        'attachment; filename="chi-tieu-htx-supported-theo-don-vi-'
    )


def test_a_percentage_breakdown_exports_numerators_and_denominators(staff_client):
    figures(supported(), year=2025, members_total=20, members_trained_vocational=5)
    export = staff_client.get(
        reverse("targets:breakdown_xlsx", args=["MEMBERS_VOCATIONAL_PCT"]),
        {"as_of": "2025-12-31"},
    )
    headers, rows = table(open_xlsx(export))
    total = dict(zip(headers, rows[-1], strict=True))
    assert total["Kết quả"].value == 25.0 and total["Kết quả"].number_format == '0.0"%"'
    assert (total["Tử số"].value, total["Mẫu số"].value) == (5, 20)


def test_the_records_export_lists_what_the_figure_counts(staff_client):
    counted = supported(name="Hợp tác xã Được tính")
    figures(counted, year=2025, female_stable_jobs=4)
    supported(name="Hợp tác xã Chưa hỗ trợ").__class__.objects.filter(
        name="Hợp tác xã Chưa hỗ trợ"
    ).update(union_supported=False)
    export = staff_client.get(
        reverse("targets:records_xlsx", args=["HTX_FEMALE_JOBS"]), {"as_of": "2025-12-31"}
    )
    headers, rows = table(open_xlsx(export))
    assert [[c.value for c in row] for row in rows] == [
        ["Hợp tác xã Được tính", "Hợp tác xã (HTX)", "Xã Tả Van", 2025, 4]
    ]
    assert headers[-1] == "Được tính"


@pytest.mark.parametrize("code", ["MANAGERS_TRAINED_PCT", "HTX_FEMALE_JOBS", "STAFF_SKILLS_PCT"])
def test_records_export_query_count_does_not_grow_with_data(staff_client, code):
    url = reverse("targets:records_xlsx", args=[code]) + "?as_of=2025-12-31"
    make_data(3)
    live.renew()  # its own count: test_live.py
    small = count_queries(staff_client, url)
    make_data(40)
    live.renew()
    # 12: session, user, the indicator, the figure (4: whether the kept totals are current
    # (2), their sum, the shared managers), the records (in one query: units and counted
    # figures are joined or subqueries), the session's save (savepoint, update, release) and
    # the access log's row of the download (one insert).
    assert count_queries(staff_client, url) == small == 12
