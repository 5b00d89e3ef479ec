"""The provincial report as an Excel workbook (openpyxl): indicators, units, raw figures.

The sheets are laid out as plain values (`report_tables`), then written; the file is kept under
the round's fingerprint (`reporting/kept.py`), so a national workbook is written once per change.

A national workbook has about 120,000 cells, and openpyxl spends 5-10 µs on each (a cell object,
its style, an XML element): more than a second. So openpyxl writes the package (styles, widths,
frozen header, the header rows) and the data rows are written here as the XML openpyxl would
write for them — inline strings, numbers, the same number formats — each value first put
through `config.spreadsheets.fill`, where the rules of every spreadsheet live.
"""

import html
import io
import zipfile
from dataclasses import dataclass
from types import SimpleNamespace

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

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
    """Return the .xlsx of `tables` (see the module docstring)."""
    workbook = Workbook(write_only=True)
    sheets = []
    for table in tables:
        ws = new_sheet(workbook, table.title, table.widths)
        ws.append(header_row(ws, table.headers))
        # Before saving: the rows' number formats must be in the styles openpyxl writes.
        sheets.append((ws, _rows_xml(ws, table.rows, first=2)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _with_rows(buffer.getvalue(), {ws.path.lstrip("/"): rows for ws, rows in sheets})


def _rows_xml(ws, rows, *, first: int) -> str:
    """The <row> elements of `rows` (of (value, number format)), numbered from `first`."""
    style_ids = {}  # number format → the index of its style in the workbook

    def style_of(number_format):
        if number_format not in style_ids:
            cell = WriteOnlyCell(ws)
            cell.number_format = number_format
            style_ids[number_format] = f' s="{cell.style_id}"'
        return style_ids[number_format]

    epoch = ws.parent.epoch
    letters = [get_column_letter(n) for n in range(1, max(map(len, rows), default=0) + 1)]
    parts = []
    for number, row in enumerate(rows, start=first):
        parts.append(f'<row r="{number}">')
        for letter, (value, number_format) in zip(letters, row, strict=False):
            if type(value) not in (int, float):  # `fill` leaves numbers as they are
                value = fill(SimpleNamespace(), value).value
            style = style_of(number_format) if number_format else ""
            ref = f"{letter}{number}"
            if value is None:
                if style:  # as openpyxl writes an empty cell that has a format
                    parts.append(f'<c r="{ref}"{style} t="n"></c>')
            elif value == "":
                parts.append(f'<c r="{ref}"{style} t="inlineStr"></c>')
            elif isinstance(value, str):
                space = ' xml:space="preserve"' if value != value.strip() else ""
                # A text node's markup (&, <, >), and a carriage return as openpyxl keeps it.
                text = html.escape(value, quote=False).replace("\r", "&#13;")
                parts.append(f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
            else:
                if not isinstance(value, int | float):  # a date-time, already local by `fill`
                    value = to_excel(value, epoch)
                parts.append(f'<c r="{ref}"{style} t="n"><v>{value:.16g}</v></c>')
        parts.append("</row>")
    return "".join(parts)


def _with_rows(package: bytes, rows: dict[str, str]) -> bytes:
    """Return the .xlsx `package` with `rows[path]` added to the end of each sheet's data."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename in rows:
                end = b"</sheetData>"
                content = content.replace(end, rows[item.filename].encode() + end, 1)
            target.writestr(item, content)
    return output.getvalue()


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
        + [str(title) for _c, _p, title in course_columns]
        + [_("Figures changed from those counted from the records, and why")],
        [34, 16] + [16] * (len(fields) + len(course_columns)) + [50],
        [
            [(str(submission.unit), None), (states[submission.state], None)]
            + [(getattr(submission, field.name), COUNT) for field in fields]
            + [
                (submission.courses.get(category, {}).get(part, 0), COUNT)
                for category, part, _title in course_columns
            ]
            + [(_corrections_said(submission.corrections), None)]
            for submission in summary["accepted"]
        ],
    )
    return [indicators, by_unit, reported]


def _corrections_said(corrections: dict) -> str:
    """The unit's changes of figures counted from the records: "figure: reason; …"."""
    return "; ".join(
        f"{capfirst(Submission._meta.get_field(name).verbose_name)}: {reason}"
        for name, reason in corrections.items()
    )
