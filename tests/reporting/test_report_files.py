"""The provincial report as files: the Excel workbook (and the PDF)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting import rollup, services
from reporting.models import Unit
from reporting.workbook import build_workbook
from tests.reporting.test_rollup import round_with_reports  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_the_workbook_has_indicators_units_and_raw_figures(round_with_reports):  # noqa: F811
    content = build_workbook(round_with_reports, rollup.rollup(round_with_reports))
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Chỉ tiêu", "Theo đơn vị", "Số liệu báo cáo"]
    indicators = workbook["Chỉ tiêu"]
    assert [c.value for c in indicators[1]][:3] == ["Chỉ tiêu", "Mã", "Kết quả"]
    rows = {row[1].value: row for row in indicators.iter_rows(min_row=2)}
    assert rows["THT_FEMALE_JOBS"][2].value == 9
    assert rows["THT_FEMALE_JOBS"][2].number_format == "#,##0"
    assert rows["MEMBERS_VOCATIONAL_PCT"][2].value == 50.0
    assert rows["MEMBERS_VOCATIONAL_PCT"][2].number_format == '0.0"%"'
    assert rows["HTX_SUPPORTED"][5].value == "≥ 20" and rows["HTX_SUPPORTED"][6].value == "Không"
    units = workbook["Theo đơn vị"]
    assert units.max_row == 1 + 109
    raw = workbook["Số liệu báo cáo"]
    assert raw.max_row == 3  # the header and the two accepted reports
    assert sum(raw.cell(row=r, column=5).value for r in (2, 3)) == 5  # media reports


def test_text_that_looks_like_a_formula_stays_text(round_with_reports):  # noqa: F811
    Unit.objects.filter(code="03037", code_set="2025").update(name='=HYPERLINK("http://x")')
    content = build_workbook(round_with_reports, rollup.rollup(round_with_reports))
    sheet = load_workbook(io.BytesIO(content))["Số liệu báo cáo"]
    cell = next(
        sheet.cell(row=r, column=1)
        for r in (2, 3)
        if "HYPERLINK" in sheet.cell(row=r, column=1).value
    )
    assert cell.data_type == "s" and cell.value.startswith("=")


def test_leaders_download_the_workbook_unit_officers_may_not(client, leader, officer):
    round_ = services.create_round(year=2026)
    client.force_login(leader)
    response = client.get(reverse("reporting:report_xlsx", args=[round_.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    client.force_login(officer)
    assert client.get(reverse("reporting:report_xlsx", args=[round_.pk])).status_code == 403
