"""The provincial report as files: the Excel workbook (and the PDF)."""

import datetime
import io

import pytest
import weasyprint
from django.urls import reverse
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from config.spreadsheets import COUNT, DATETIME, PERCENT, fill, header_row, new_sheet
from org.models import Unit
from reporting import document, workbook
from reporting.models import AssignedTask
from reporting.workbook import report_workbook
from tests.factories import TYPED, ReportingRoundFactory, figures, supported
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def test_the_workbook_has_indicators_units_and_raw_figures(round_with_reports):
    content = report_workbook(round_with_reports)
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
    # Each unit typed its state budget figure instead of the count from the records: why.
    assert raw.cell(row=1, column=raw.max_column).value.startswith("Số liệu sửa so với")
    for r in (2, 3):
        assert raw.cell(row=r, column=raw.max_column).value.endswith(f": {TYPED}")


def test_text_that_looks_like_a_formula_stays_text(round_with_reports):
    Unit.objects.filter(code="03037", code_set="2025").update(name='=HYPERLINK("http://x")')
    content = report_workbook(round_with_reports)
    sheet = load_workbook(io.BytesIO(content))["Số liệu báo cáo"]
    cell = next(
        sheet.cell(row=r, column=1)
        for r in (2, 3)
        if "HYPERLINK" in sheet.cell(row=r, column=1).value
    )
    assert cell.data_type == "s" and cell.value.startswith("=")


def test_leaders_download_the_workbook_unit_officers_may_not(client, leader, officer):
    round_ = ReportingRoundFactory()
    client.force_login(leader)
    response = client.get(reverse("reporting:report_xlsx", args=[round_.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    client.force_login(officer)
    assert client.get(reverse("reporting:report_xlsx", args=[round_.pk])).status_code == 403


def test_the_pdf_has_the_official_header_a_title_and_the_figures(
    round_with_reports, pdf_dir, tmp_path
):
    text, fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "HỘI LHPN TỈNH LÀO CAI" in text and "/BC-HPN" in text
    assert "BÁO CÁO" in text and "Kết quả thực hiện Kế hoạch số 294/KH-UBND" in text
    assert "Lào Cai, ngày" in text and "Nơi nhận:" in text and "TM. BAN THƯỜNG VỤ" in text
    assert "Có 2/109 đơn vị đã báo cáo" in text
    assert "50,0% (10/20)" in text  # members trained in a vocation
    # Every character is drawn with the embedded faces of "Report Serif" (Liberation Serif 2,
    # Times-metric): a missing glyph would have pulled in a fallback font such as DejaVu.
    font_lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert font_lines and all("Report-Serif" in line for line in font_lines)
    assert all(" yes " in line for line in font_lines)  # embedded


def test_the_pdf_is_rendered_once_until_its_inputs_change(round_with_reports, pdf_dir, monkeypatch):
    first = document.render_pdf(round_with_reports)
    calls = []
    real = weasyprint.HTML
    monkeypatch.setattr(weasyprint, "HTML", lambda **kw: calls.append(1) or real(**kw))
    assert document.render_pdf(round_with_reports) == first and calls == []
    report = document.report_for(round_with_reports)
    report.signer_name = "Nguyễn Thị Hoa"
    report.save()
    document.render_pdf(round_with_reports)
    assert calls == [1]
    assert len(list(pdf_dir.glob("*.pdf"))) == 1  # the stale file is gone


def test_the_union_sections_start_from_the_units_words(round_with_reports, province_staff):
    submission = round_with_reports.submissions.get(unit__code="SCT")
    task = submission.narratives
    assert task == {}
    report = document.report_for(round_with_reports)
    assert report.results == ""  # the accepted reports said nothing yet


def test_leaders_download_the_pdf(client, leader, pdf_dir):
    round_ = ReportingRoundFactory()
    client.force_login(leader)
    response = client.get(reverse("reporting:report_pdf", args=[round_.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_report_page_and_pdf_show_each_accepted_units_figures(
    staff_client, round_with_reports, pdf_dir, tmp_path
):
    response = staff_client.get(
        reverse("reporting:provincial_report", args=[round_with_reports.pk])
    )
    bat_xat = next(r for r in response.context["rows"] if r.unit.code == "02683")
    assert bat_xat.figures == [0, 1, 0, 9, 0]
    text, _fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert "III. KẾT QUẢ THEO ĐƠN VỊ" in text and "Xã Bát Xát" in text and "Muộn" in text


def test_the_pdf_follows_a_unit_rename_and_the_round_title(round_with_reports, pdf_dir, tmp_path):
    document.render_pdf(round_with_reports)
    Unit.objects.filter(code="02683", code_set="2025").update(name="Xã Bát Xát Mới")
    text, _fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert "Xã Bát Xát Mới" in text


def test_submission_times_in_the_workbook_are_local(round_with_reports):
    content = report_workbook(round_with_reports)
    sheet = load_workbook(io.BytesIO(content))["Theo đơn vị"]
    times = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=3).value
        for r in range(2, sheet.max_row + 1)
    }
    assert times["Xã Tả Van"].strftime("%d/%m %H:%M") == "10/11 09:00"


def test_the_workbook_is_written_once_until_what_it_shows_changes(
    round_with_reports, pdf_dir, monkeypatch
):
    first = report_workbook(round_with_reports)
    calls = []
    real = workbook.write
    monkeypatch.setattr(workbook, "write", lambda tables: calls.append(1) or real(tables))
    assert report_workbook(round_with_reports) == first
    assert calls == []
    Unit.objects.filter(code="02683", code_set="2025").update(name="Xã Bát Xát Mới")
    content = report_workbook(round_with_reports)
    assert calls == [1]
    names = [c.value for c in load_workbook(io.BytesIO(content))["Theo đơn vị"]["A"]]
    assert "Xã Bát Xát Mới" in names
    assert len(list(pdf_dir.glob("*.xlsx"))) == 1  # the stale file is gone


def test_a_pdf_over_several_provinces_has_a_line_per_province(
    round_with_reports, report_from_another_province, pdf_dir, tmp_path
):
    report_from_another_province()
    text, _fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert "III. KẾT QUẢ THEO TỈNH" in text
    assert "2/99" in text and "1/1" in text  # Lào Cai and the other province: reported/expected
    assert "Xã Bát Xát" not in text  # each unit's figures are in the workbook


def test_the_union_draft_counts_the_units_beyond_the_quoting_limit(round_with_reports, monkeypatch):
    task = AssignedTask.objects.filter(agency_code="").first()
    words = {str(task.pk): {"results": "Đã tập huấn", "difficulties": "", "proposals": ""}}
    round_with_reports.submissions.filter(state="accepted").update(narratives=words)
    assert document.report_for(round_with_reports).results.count("Đã tập huấn") == 2
    monkeypatch.setattr(document, "PREFILL_UNITS", 1)
    results = document.report_for(round_with_reports).results
    assert "Đã tập huấn" not in results
    assert "2 đơn vị đã viết về nhiệm vụ này" in results


def test_the_pdf_is_signed_as_decree_30_lays_out(round_with_reports, pdf_dir, tmp_path):
    """The signing body and the signer's position, a space to sign, then the signer's name:
    each editable per report."""
    report = document.report_for(round_with_reports)
    report.signer_title, report.signer_name = "PHÓ CHỦ TỊCH", "Nguyễn Thị Hoa"
    report.save()
    text, _fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    body = next(n for n, line in enumerate(lines) if line.endswith("TM. BAN THƯỜNG VỤ"))
    position = next(n for n, line in enumerate(lines) if line.endswith("PHÓ CHỦ TỊCH"))
    name = next(n for n, line in enumerate(lines) if line.endswith("Nguyễn Thị Hoa"))
    assert body < position < name
    assert name - position >= 3  # room for the signature and the seal between them


def test_the_workbooks_rows_are_the_cells_openpyxl_would_write():
    """`workbook.write` writes the data rows' XML itself (speed): every kind of value reads
    back as openpyxl's own cells would, through `fill`'s rules."""
    hcm = datetime.timezone(datetime.timedelta(hours=7))
    rows = [
        [("Xã A", None), ('=HYPERLINK("x")', None), ("", None), (None, COUNT), (None, None),
         (True, None), (False, None)],
        [(" lead & <tail> ", None), (datetime.datetime(2026, 11, 10, 9, 5, tzinfo=hcm), DATETIME),
         (50.0, PERCENT), (100 / 3, PERCENT), (12, COUNT), (10**15, COUNT),
         (gettext_lazy("Not started"), None)],
        [("a\rb\nc\td\x01e", None), ("-1", None), ("+x", None), ("@x", None), (0, COUNT),
         (None, DATETIME)],
    ]  # fmt: skip
    tables = [workbook.Table("Bảng", list("ABCDEFG"), [10] * 7, rows)]

    expected = Workbook(write_only=True)
    ws = new_sheet(expected, "Bảng", [10] * 7)
    ws.append(header_row(ws, list("ABCDEFG")))
    for row in rows:
        ws.append([fill(WriteOnlyCell(ws), value, number_format) for value, number_format in row])
    buffer = io.BytesIO()
    expected.save(buffer)

    def cells(content):
        sheet = load_workbook(io.BytesIO(content))["Bảng"]
        return [
            (c.coordinate, c.value, c.data_type, c.number_format, c.font.b)
            for row in sheet.iter_rows()
            for c in row
        ]

    assert cells(workbook.write(tables)) == cells(buffer.getvalue())


def road_values(text, name):
    """The numbers on the road table's line that starts with `name` (its number and the
    start of its name): the kept days' values, then the targets."""
    line = next(line for line in text.splitlines() if line.lstrip().startswith(name))
    return [int(token) for token in line.split() if token.isdigit()]


def test_the_pdf_draws_the_road_to_2030_with_its_numbers(round_with_reports, pdf_dir, tmp_path):
    cooperative = supported(founded_on=datetime.date(2020, 1, 1))
    figures(cooperative, 2024, female_stable_jobs=7)
    text, fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert "Lộ trình đến năm 2030" in text and "Tốc độ từ khi bắt đầu Kế hoạch" in text
    # The kept days: the plan's start, each 31/12 since, today.
    assert "06/07/" in text and "31/12/" in text
    # Female jobs: none at the plan's start and at the end of 2023, 7 from the end of 2024.
    jobs = road_values(text, "3. Lao động nữ có việc làm ổn định")
    assert jobs[:4] == [0, 0, 7, 7]
    assert "Cần thêm" in text  # the pace in words
    # Each chart is drawn, in the document's own font (no other embedded).
    assert text.count("Hôm nay") >= 12
    font_lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert all("Report-Serif" in line for line in font_lines)
    # A save changes the figures, and the document is rendered anew with them.
    figures(cooperative, 2025, female_stable_jobs=8)
    text, _fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert road_values(text, "3. Lao động nữ có việc làm ổn định")[:4] == [0, 0, 7, 8]
