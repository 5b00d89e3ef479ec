"""What units and users type is text in the provincial report's PDF and workbook too."""

import io

import pytest
import weasyprint
from django.urls import reverse
from openpyxl import load_workbook

from org.models import Unit
from reporting import document
from reporting.models import AssignedTask
from reporting.workbook import report_workbook
from tests.hostile_text import FORMULAS, XSS
from tests.pdfs import pdf_text
from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db


def test_a_narrative_with_markup_is_printed_as_text_in_the_pdf(
    round_with_reports, pdf_dir, tmp_path, monkeypatch
):
    task = AssignedTask.objects.filter(agency_code="").first()
    narratives = {str(task.pk): {"results": XSS, "difficulties": "", "proposals": ""}}
    round_with_reports.submissions.filter(unit__code="03037").update(narratives=narratives)
    html_given = []
    real = weasyprint.HTML
    monkeypatch.setattr(
        weasyprint, "HTML", lambda **kw: html_given.append(kw["string"]) or real(**kw)
    )
    text, _fonts = pdf_text(document.render_pdf(round_with_reports), tmp_path)
    assert "<script>" not in html_given[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_given[0]
    assert XSS in text  # drawn as the very characters typed


@pytest.mark.parametrize("name", [XSS, *FORMULAS])
def test_a_unit_name_that_looks_like_a_formula_stays_text_in_the_workbook(round_with_reports, name):
    Unit.objects.filter(code="03037", code_set="2025").update(name=name)
    content = report_workbook(round_with_reports)
    workbook = load_workbook(io.BytesIO(content))
    for sheet in (workbook["Theo đơn vị"], workbook["Số liệu báo cáo"]):
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == name)
        assert cell.data_type == "s", sheet.title


def test_a_unit_name_that_looks_like_a_formula_stays_text_on_the_board_export(
    client, leader, round_with_reports
):
    Unit.objects.filter(code="03037", code_set="2025").update(name="=1+1")
    client.force_login(leader)
    response = client.get(reverse("reporting:round_board_xlsx", args=[round_with_reports.pk]))
    headers, rows = table(open_xlsx(response))
    cell = next(row[0] for row in rows if row[0].value == "=1+1")
    assert cell.data_type == "s"
