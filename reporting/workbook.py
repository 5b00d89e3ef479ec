"""The provincial report as an Excel workbook (openpyxl): indicators, units, raw figures."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from training.models import TrainingEvent

from .forms import COURSE_PARTS
from .models import Submission
from .models.submissions import ENTRY_FIELDS
from .rollup import against_targets

COUNT = "#,##0"
PERCENT = '0.0"%"'
HEADER = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEF0F4")


def _cell(sheet, row, column, value, number_format=None):
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    # Text that starts like a formula is kept as text, so nothing runs when it is opened.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def _sheet(workbook, title, headers, widths):
    sheet = workbook.create_sheet(title)
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = _cell(sheet, 1, column, header)
        cell.font, cell.fill = HEADER, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _figure_format(indicator):
    return PERCENT if indicator.kind == "percent" else COUNT


def build_workbook(round_, summary) -> bytes:
    """Return the .xlsx bytes of the round's provincial report."""
    workbook = Workbook()
    workbook.remove(workbook.active)

    sheet = _sheet(
        workbook,
        _("Indicators"),
        [
            _("Indicator"),
            _("Code"),
            _("Figure"),
            _("Numerator"),
            _("Denominator"),
            _("Target"),
            _("Met"),
        ],
        [60, 26, 12, 12, 12, 12, 10],
    )
    for row, item in enumerate(against_targets(round_, summary), start=2):
        indicator, figure, target, met = (
            item["indicator"],
            item["figure"],
            item["target"],
            item["met"],
        )
        _cell(sheet, row, 1, indicator.label)
        _cell(sheet, row, 2, indicator.code)
        _cell(sheet, row, 3, figure.actual, _figure_format(indicator))
        _cell(sheet, row, 4, figure.numerator, COUNT)
        _cell(sheet, row, 5, figure.denominator, COUNT)
        _cell(sheet, row, 6, str(target) if target else "")
        _cell(sheet, row, 7, "" if met is None else (_("Yes") if met else _("No")))

    codes = [item["indicator"] for item in against_targets(round_, summary)]
    sheet = _sheet(
        workbook,
        _("By unit"),
        [_("Unit"), _("State"), _("First submitted"), _("On time")] + [i.label for i in codes],
        [34, 16, 18, 10] + [14] * len(codes),
    )
    for row, board_row in enumerate(summary["rows"], start=2):
        submission = board_row.submission
        _cell(sheet, row, 1, str(board_row.unit))
        _cell(sheet, row, 2, submission.get_state_display() if submission else _("Not started"))
        first = submission.first_submitted_at if submission else None
        local = timezone.localtime(first).replace(tzinfo=None) if first else None
        _cell(sheet, row, 3, local, "dd/mm/yyyy hh:mm")
        on_time = board_row.on_time
        _cell(sheet, row, 4, "" if on_time is None else (_("Yes") if on_time else _("No")))
        frozen = (submission.indicators or {}) if submission else {}
        for offset, indicator in enumerate(codes, start=5):
            value = frozen.get(indicator.code, {}).get("actual")
            _cell(sheet, row, offset, value, _figure_format(indicator))

    fields = [Submission._meta.get_field(name) for name in ENTRY_FIELDS]
    course_columns = [
        (category, part, f"{label}: {part_label}")
        for category, label in TrainingEvent.Category.choices
        for part, part_label in COURSE_PARTS
    ]
    sheet = _sheet(
        workbook,
        _("Reported figures"),
        [_("Unit"), _("State")]
        + [str(field.verbose_name) for field in fields]
        + [str(title) for _c, _p, title in course_columns],
        [34, 16] + [16] * (len(fields) + len(course_columns)),
    )
    for row, submission in enumerate(summary["accepted"], start=2):
        _cell(sheet, row, 1, str(submission.unit))
        _cell(sheet, row, 2, submission.get_state_display())
        for offset, field in enumerate(fields, start=3):
            _cell(sheet, row, offset, getattr(submission, field.name), COUNT)
        for offset, (category, part, _title) in enumerate(course_columns, start=3 + len(fields)):
            value = submission.courses.get(category, {}).get(part, 0)
            _cell(sheet, row, offset, value, COUNT)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
