"""The provincial report as an Excel workbook (openpyxl): indicators, units, raw figures.

The sheets are laid out as plain values (`report_tables`), then written; the file is kept under
the round's fingerprint (`reporting/kept.py`), so a national workbook is written once per change.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from config.spreadsheets import COUNT, DATETIME, figure_format, fill, header_row, new_sheet
from training.models import TrainingEvent

from .forms import COURSE_PARTS
from .frozen import frozen_actual
from .kept import fingerprint, kept
from .models import Submission
from .models.submissions import ENTRY_FIELDS
from .rollup import against_targets, rollup


@dataclass
class Table:
    """One sheet: its title, headers, column widths, and rows of (value, number format)."""

    title: str
    headers: list
    widths: list
    rows: list


def report_workbook(round_) -> bytes:
    """Return the .xlsx bytes of the round's provincial report, written only when what it
    shows has changed (its key: the round's fingerprint)."""

    def make():
        return write(report_tables(round_, rollup(round_)))

    return kept(round_, fingerprint(round_), "xlsx", make)


def write(tables) -> bytes:
    workbook = Workbook(write_only=True)
    for table in tables:
        ws = new_sheet(workbook, table.title, table.widths)
        ws.append(header_row(ws, table.headers))
        for row in table.rows:
            ws.append(
                [fill(WriteOnlyCell(ws), value, number_format) for value, number_format in row]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_tables(round_, summary) -> list[Table]:
    indicator_rows = against_targets(round_, summary)
    indicators = Table(
        _("Indicators"),
        [_("Indicator"), _("Code"), _("Figure"), _("Numerator"), _("Denominator"), _("Target"),
         _("Met")],
        [60, 26, 12, 12, 12, 12, 10],
        [
            [
                (item["indicator"].label, None),
                (item["indicator"].code, None),
                (item["figure"].actual, figure_format(item["indicator"])),
                (item["figure"].numerator, COUNT),
                (item["figure"].denominator, COUNT),
                (str(item["target"]) if item["target"] else "", None),
                ("" if item["met"] is None else item["met"], None),
            ]
            for item in indicator_rows
        ],
    )  # fmt: skip

    codes = [item["indicator"] for item in indicator_rows]
    states = {value: str(label) for value, label in Submission.State.choices}
    by_unit = Table(
        _("By unit"),
        [_("Unit"), _("State"), _("First submitted"), _("On time")] + [i.label for i in codes],
        [34, 16, 18, 10] + [14] * len(codes),
        [],
    )
    for board_row in summary["rows"]:
        submission, on_time = board_row.submission, board_row.on_time
        frozen = submission.indicators if submission else None
        by_unit.rows.append(
            [
                (str(board_row.unit), None),
                (states[submission.state] if submission else _("Not started"), None),
                (submission.first_submitted_at if submission else None, DATETIME),
                ("" if on_time is None else on_time, None),
            ]
            + [(frozen_actual(frozen, i.code), figure_format(i)) for i in codes]
        )

    fields = [Submission._meta.get_field(name) for name in ENTRY_FIELDS]
    course_columns = [
        (category, part, f"{label}: {part_label}")
        for category, label in TrainingEvent.Category.choices
        for part, part_label in COURSE_PARTS
    ]
    reported = Table(
        _("Reported figures"),
        [_("Unit"), _("State")]
        + [str(field.verbose_name) for field in fields]
        + [str(title) for _c, _p, title in course_columns],
        [34, 16] + [16] * (len(fields) + len(course_columns)),
        [
            [(str(submission.unit), None), (states[submission.state], None)]
            + [(getattr(submission, field.name), COUNT) for field in fields]
            + [
                (submission.courses.get(category, {}).get(part, 0), COUNT)
                for category, part, _title in course_columns
            ]
            for submission in summary["accepted"]
        ],
    )
    return [indicators, by_unit, reported]
