"""One rule for the records that make up a unit's figures on a day (`figure_unit_ids`): every
interface that shows a unit's figures gives the same twelve.

The records that tell the rules apart: a new commune's cooperative, founded before the 2025
reform, counts under the district its old communes lay in (Mường Hum 02728 → Bát Xát 082);
an old commune's record after the reform counts under the new commune that took it over.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from org.models import Unit
from reporting import services
from targets import indicators
from targets.models import Indicator
from tests.factories import (
    ReportingRoundFactory,
    SubmissionFactory,
    figures,
    supported,
    unit,
)
from tests.pdfs import pdf_text
from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db

PRE = Unit.CodeSet.PRE_2025
YEAR_END_2024 = datetime.date(2024, 12, 31)


@pytest.fixture
def reform_records():
    """Bát Xát's own cooperative, and Mường Hum's founded in 2024 (filed under the new
    commune, which did not exist yet); an old commune of Mường Hum with 2025 figures."""
    bat_xat, muong_hum = unit("082", PRE), unit("02728")
    old_commune = Unit.objects.filter(successor=muong_hum, parent=bat_xat).first()
    own = supported(unit_=old_commune, founded_on=datetime.date(2019, 5, 1))
    figures(own, 2024, workers_total=130, workers_female=125, female_stable_jobs=120)
    new = supported(unit_=muong_hum, founded_on=datetime.date(2024, 1, 1))
    figures(new, 2024, workers_total=9, workers_female=8, female_stable_jobs=7)
    figures(own, 2025, workers_total=20, workers_female=15, female_stable_jobs=11)
    return {"bat_xat": bat_xat, "muong_hum": muong_hum}


def plain(value):
    """A figure as every interface can give it: a percentage to two decimals."""
    return round(value, 2) if isinstance(value, float) else value


def of(figures_by_code) -> dict:
    return {code: plain(figure.actual) for code, figure in figures_by_code.items()}


def command(*args) -> dict:
    out = io.StringIO()
    call_command("plan_report", *args, stdout=out)
    report = json.loads(out.getvalue())
    return {code: entry["actual"] for code, entry in report["indicators"].items()}


def dashboard(client, day, unit_) -> dict:
    response = client.get(
        reverse("targets:dashboard"), {"as_of": day.isoformat(), "unit": unit_.pk}
    )
    return {row["indicator"].code: plain(row["figure"].actual) for row in response.context["rows"]}


def breakdown_row(client, day, unit_, code):
    url = reverse("targets:breakdown", args=[code])
    response = client.get(url, {"as_of": day.isoformat(), "per_page": 100})
    (row,) = [row for row in response.context["rows"] if row["unit"] and row["unit"].pk == unit_.pk]
    return plain(row["figure"].actual)


def test_the_rule_counts_a_new_communes_pre_reform_record_under_its_district(reform_records):
    bat_xat, muong_hum = reform_records["bat_xat"], reform_records["muong_hum"]
    ids = Unit.objects.figure_unit_ids(bat_xat.pk, YEAR_END_2024)
    assert muong_hum.pk in ids and bat_xat.pk in ids
    figures_ = indicators.compute(YEAR_END_2024, ids)
    assert (figures_["HTX_SUPPORTED"].actual, figures_["HTX_FEMALE_JOBS"].actual) == (2, 127)
    # Its own area alone (what an officer of the district may open) would miss it.
    area = indicators.compute(YEAR_END_2024, Unit.objects.area_ids([bat_xat.pk]))
    assert (area["HTX_SUPPORTED"].actual, area["HTX_FEMALE_JOBS"].actual) == (1, 120)


@pytest.mark.parametrize(
    ("unit_key", "code", "day"),
    [
        ("bat_xat", "pre2025:082", YEAR_END_2024),
        ("muong_hum", "02728", datetime.date(2025, 12, 31)),
    ],
    ids=["new-communes-record-before-the-reform", "old-communes-record-after-it"],
)
def test_every_interface_gives_a_unit_the_same_twelve_figures(
    staff_client, reform_records, unit_key, code, day
):
    unit_ = reform_records[unit_key]
    expected = of(indicators.compute(day, Unit.objects.figure_unit_ids(unit_.pk, day)))
    assert expected["HTX_SUPPORTED"] >= 1  # the records in question are counted

    # The command, live.
    assert command("--year", str(day.year), "--unit", code, "--live") == expected
    # The dashboard for the unit, and its row of each indicator's breakdown (page and file).
    assert dashboard(staff_client, day, unit_) == expected
    reporting = Unit.objects.reporting_mapping(day).get(unit_.pk) == unit_.pk
    for indicator in indicators.CODES:
        if reporting:
            assert breakdown_row(staff_client, day, unit_, indicator) == expected[indicator]
    # The records the supported count lists, on the page and in the file, by unit and by row.
    records = reverse("targets:records", args=["HTX_SUPPORTED"])
    query = {"as_of": day.isoformat(), "unit": unit_.pk}
    assert len(staff_client.get(records, query).context["rows"]) == expected["HTX_SUPPORTED"]
    if reporting:
        by_row = {"as_of": day.isoformat(), "row": unit_.pk}
        assert len(staff_client.get(records, by_row).context["rows"]) == expected["HTX_SUPPORTED"]
    sheet = open_xlsx(
        staff_client.get(reverse("targets:records_xlsx", args=["HTX_SUPPORTED"]), query)
    )
    assert len(table(sheet)[1]) == expected["HTX_SUPPORTED"]


def test_a_districts_frozen_report_and_the_command_agree_with_the_page(
    staff_client, province_staff, reform_records, tmp_path
):
    bat_xat = reform_records["bat_xat"]
    expected = of(
        indicators.compute(YEAR_END_2024, Unit.objects.figure_unit_ids(bat_xat.pk, YEAR_END_2024))
    )
    round_ = ReportingRoundFactory(year=2024)
    submission = SubmissionFactory(round=round_, unit=bat_xat)
    services.submit(submission=submission, by=province_staff)
    services.accept(submission=submission, by=province_staff)
    submission.refresh_from_db()
    frozen = {code: plain(figure["actual"]) for code, figure in submission.indicators.items()}
    assert frozen == expected
    assert (frozen["HTX_SUPPORTED"], frozen["HTX_FEMALE_JOBS"]) == (2, 127)
    assert command("--year", "2024", "--unit", "pre2025:082", "--live") == expected
    assert command("--year", "2024", "--unit", "pre2025:082") == expected
    assert dashboard(staff_client, YEAR_END_2024, bat_xat) == expected
    # The province's report file (`--format xlsx`, the same rows as its PDF): the district's
    # line holds its frozen figures.
    output = tmp_path / "report.xlsx"
    call_command("plan_report", "--year", "2024", "--format", "xlsx", "--output", str(output))
    sheet = load_workbook(output).worksheets[1]
    headers = [cell.value for cell in sheet[1]]
    (line,) = [
        row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == str(bat_xat)
    ]
    by_label = dict(zip(headers, line, strict=True))
    for indicator in Indicator.objects.filter(code__in=indicators.CODES):
        assert plain(by_label[indicator.label]) == expected[indicator.code], indicator.code
    # Its PDF: the district's line of the units' table (supported HTX and groups, women's
    # jobs in each, new HTX).
    output = tmp_path / "report.pdf"
    call_command("plan_report", "--year", "2024", "--format", "pdf", "--output", str(output))
    text, _fonts = pdf_text(output.read_bytes(), tmp_path)
    (line,) = [line for line in text.splitlines() if line.strip().startswith(str(bat_xat)[:14])]
    numbers = [int(token) for token in line.split() if token.isdigit()][:5]
    codes = ["HTX_SUPPORTED", "THT_SUPPORTED", "HTX_FEMALE_JOBS", "THT_FEMALE_JOBS", "NEW_HTX"]
    assert numbers == [expected[code] for code in codes]
