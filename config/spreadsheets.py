"""Excel files (.xlsx, openpyxl) shared by every download: the provincial report's workbook
and the exports of the lists.

Every cell is written through `fill`, where the rules of all our spreadsheets live once:
- text that starts like a formula (= + - @) is stored as text, so nothing runs when a leader
  opens the file; characters that XML cannot hold are dropped;
- yes/no values are written as translated words, dates as real Excel dates and date-times in
  local time (Excel knows no time zones).

A list export is declared as a `ListExport` (file name, title, columns) next to its app's
views, and the list view serves it with the same queryset as its page.
"""

import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COUNT = "#,##0"
PERCENT = '0.0"%"'  # a figure already in percent: 50.0 shows as 50.0%
SHARE = "0.0%"  # a fraction: 0.5 shows as 50.0%
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
HEADER = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEF0F4")
TITLE = Font(bold=True, size=13)
FORMULA_STARTS = ("=", "+", "-", "@")
# Rows fetched at a time by a list export (prefetches run once per chunk).
CHUNK_SIZE = 1000


def fill(cell, value, number_format=None):
    """Put `value` into `cell` by the rules of the module docstring; return the cell."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, bool):
        value = _("Yes") if value else _("No")
    elif isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    elif isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def new_sheet(workbook, title, widths, *, frozen_rows=1):
    """Add a write-only sheet named `title` (made acceptable to Excel) with the given column
    widths and its first `frozen_rows` rows frozen."""
    ws = workbook.create_sheet(sheet_title(title))
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{frozen_rows + 1}"
    return ws


def header_row(ws, headers) -> list:
    """The cells of a bold, shaded, wrapped header row of the write-only sheet `ws`."""
    cells = []
    for header in headers:
        header_cell = fill(WriteOnlyCell(ws), header)
        header_cell.font, header_cell.fill = HEADER, HEADER_FILL
        header_cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(header_cell)
    return cells


def sheet_title(title) -> str:
    """Return `title` as Excel accepts a sheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31].strip() or "Sheet"


def figure_format(indicator) -> str:
    """Return the number format of an indicator's figures."""
    return PERCENT if indicator.kind == "percent" else COUNT


def field_header(model, name):
    """Return a model field's verbose name as a column header (translated where it is)."""
    return capfirst(model._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class Column:
    """A column of a list export: its header, the value of a row (a callable, or a path of
    attributes or dict keys such as "unit.name"), its number format and its width."""

    header: Any
    value: Callable | str
    number_format: str | None = None
    width: int = 16
    # A personal detail (phone, birth year, ethnicity: org.personal_data): left out of the
    # file unless the user asked for the details and said why.
    detail: bool = False

    def of(self, row):
        if callable(self.value):
            return self.value(row)
        for name in self.value.split("."):
            row = row[name] if isinstance(row, dict) else getattr(row, name)
        return row


@dataclass(frozen=True)
class ListExport:
    """The .xlsx export of one list: an ASCII file name stem, a title and the columns;
    `of_people` when each row is a person (the access log counts them)."""

    filename: str
    title: Any
    columns: list[Column]
    of_people: bool = False

    @property
    def has_details(self) -> bool:
        return any(column.detail for column in self.columns)

    def response(self, rows: Iterable, *, details: Iterable[str] = (), title=None, full=False):
        """Return the download of `rows` (a queryset is read in chunks) with a title row, a
        row saying when and with which filters, and a frozen header row; the personal detail
        columns only if `full`. The response's `people` is how many people it holds."""
        if isinstance(rows, QuerySet):
            rows = rows.iterator(chunk_size=CHUNK_SIZE)
        columns = [column for column in self.columns if full or not column.detail]
        said = list(details) or [_("No filter")]
        if self.has_details and not full:
            said.append(_("without phone, birth year and ethnicity"))
        written = 0

        def cells():
            nonlocal written
            for row in rows:
                written += 1
                yield [(column.of(row), column.number_format) for column in columns]

        workbook = Workbook(write_only=True)
        list_sheet(
            workbook,
            str(title or self.title),
            said,
            [column.header for column in columns],
            [column.width for column in columns],
            cells(),
        )
        response = workbook_download(workbook, self.filename)
        response.people = written if self.of_people else 0
        return response


def list_sheet(workbook, title, details: list, headers: list, widths: list, rows: Iterable):
    """Add a sheet in the lists' layout to the write-only `workbook`: a title row, a row
    saying when it was exported and what it holds (`details`), a frozen header row, then
    `rows` of (value, number format) cells."""
    ws = new_sheet(workbook, title, widths, frozen_rows=3)
    title_cell = fill(WriteOnlyCell(ws), title)
    title_cell.font = TITLE
    ws.append([title_cell])
    now = timezone.localtime()
    said = [_("Exported on %(when)s") % {"when": now.strftime("%d/%m/%Y %H:%M")}, *details]
    ws.append([fill(WriteOnlyCell(ws), " · ".join(said))])
    ws.append(header_row(ws, headers))
    for row in rows:
        ws.append([fill(WriteOnlyCell(ws), value, number_format) for value, number_format in row])


def workbook_download(workbook, stem: str) -> HttpResponse:
    """The write-only `workbook` as a download named `stem` and today's date (ASCII)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return download(buffer.getvalue(), f"{stem}-{timezone.localdate():%Y-%m-%d}.xlsx")


def download(content: bytes, filename: str) -> HttpResponse:
    """The .xlsx `content` as a download named `filename` (ASCII)."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def applied_filters(form) -> list[str]:
    """Return "label: value" for each field of a bound filter `form` that narrows the list
    (as django-filter applies them: fields with valid values only)."""
    if form is None or not form.is_bound:
        return []
    form.is_valid()  # fills cleaned_data with the valid fields
    said = []
    for name, value in form.cleaned_data.items():
        if value is None or value == "" or value == []:
            continue
        field = form.fields[name]
        if isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif isinstance(value, Model):
            shown = str(value)
        elif getattr(field, "choices", None):
            shown = dict(field.choices).get(value, value)
        else:
            shown = value
        said.append(f"{field.label}: {shown}")
    return said
