"""The provincial report as an Excel workbook (openpyxl): indicators, units, raw figures."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from config.spreadsheets import COUNT, DATETIME, cell, figure_format, sheet
from training.models import TrainingEvent

from .forms import COURSE_PARTS
from .models import Submission
from .models.submissions import ENTRY_FIELDS
from .rollup import against_targets


def build_workbook(round_, summary) -> bytes:
    """Return the .xlsx bytes of the round's provincial report."""
    workbook = Workbook()
    workbook.remove(workbook.active)

    ws = sheet(
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
        cell(ws, row, 1, indicator.label)
        cell(ws, row, 2, indicator.code)
        cell(ws, row, 3, figure.actual, figure_format(indicator))
        cell(ws, row, 4, figure.numerator, COUNT)
        cell(ws, row, 5, figure.denominator, COUNT)
        cell(ws, row, 6, str(target) if target else "")
        cell(ws, row, 7, "" if met is None else met)

    codes = [item["indicator"] for item in against_targets(round_, summary)]
    ws = sheet(
        workbook,
        _("By unit"),
        [_("Unit"), _("State"), _("First submitted"), _("On time")] + [i.label for i in codes],
        [34, 16, 18, 10] + [14] * len(codes),
    )
    for row, board_row in enumerate(summary["rows"], start=2):
        submission = board_row.submission
        cell(ws, row, 1, str(board_row.unit))
        cell(ws, row, 2, submission.get_state_display() if submission else _("Not started"))
        first = submission.first_submitted_at if submission else None
        cell(ws, row, 3, first, DATETIME)
        on_time = board_row.on_time
        cell(ws, row, 4, "" if on_time is None else on_time)
        frozen = (submission.indicators or {}) if submission else {}
        for offset, indicator in enumerate(codes, start=5):
            value = frozen.get(indicator.code, {}).get("actual")
            cell(ws, row, offset, value, figure_format(indicator))

    fields = [Submission._meta.get_field(name) for name in ENTRY_FIELDS]
    course_columns = [
        (category, part, f"{label}: {part_label}")
        for category, label in TrainingEvent.Category.choices
        for part, part_label in COURSE_PARTS
    ]
    ws = sheet(
        workbook,
        _("Reported figures"),
        [_("Unit"), _("State")]
        + [str(field.verbose_name) for field in fields]
        + [str(title) for _c, _p, title in course_columns],
        [34, 16] + [16] * (len(fields) + len(course_columns)),
    )
    for row, submission in enumerate(summary["accepted"], start=2):
        cell(ws, row, 1, str(submission.unit))
        cell(ws, row, 2, submission.get_state_display())
        for offset, field in enumerate(fields, start=3):
            cell(ws, row, offset, getattr(submission, field.name), COUNT)
        for offset, (category, part, _title) in enumerate(course_columns, start=3 + len(fields)):
            value = submission.courses.get(category, {}).get(part, 0)
            cell(ws, row, offset, value, COUNT)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
