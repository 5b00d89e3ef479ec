"""Reading an uploaded workbook safely, before any of it reaches the database.

`read_workbook` refuses, with a message the user can act on, anything that is not a plain
.xlsx of reasonable size: another format, a file over the size limit, a zip bomb, too many
rows. What it returns is the text of each sheet, cleaned (NFC, single spaces, line breaks
kept for the widgets to keep or not), with the position of every cell so that a bad value can
be pointed at. Cells that hold a formula are reported as bad cells: the portal stores values,
not formulas.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .cells import clean_lines, clean_text

# What a real .xlsx must hold.
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format


class BadFile(Exception):
    """The file as a whole cannot be imported; the message says why."""


@dataclass
class Row:
    number: int  # the row's number in Excel
    values: dict  # header → value
    cells: dict  # header → cell reference ("C5")


@dataclass
class Sheet:
    title: str
    headers: list
    rows: list = field(default_factory=list)
    # (row number, header) → message, for cells that cannot be read at all (formulas).
    cell_errors: dict = field(default_factory=dict)


def _limit(value):
    return number_format(value, force_grouping=True)


def check_archive(data: bytes):
    """Refuse what is not an .xlsx, or would unpack to more than the allowed size."""
    if data[:4] == OLE_MAGIC:
        raise BadFile(_("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BadFile(_("This file is not an Excel workbook (.xlsx)."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        if not all(part in names for part in XLSX_PARTS):
            raise BadFile(_("This file is not an Excel workbook (.xlsx)."))
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES or len(names) > 1000:
            raise BadFile(
                _(
                    "This file unpacks to more than %(limit)s MB, far more than a list of "
                    "records needs. Copy only the data into the template and try again."
                )
                % {"limit": _limit(settings.IMPORT_MAX_UNPACKED_BYTES // 2**20)}
            )


def check_size(size: int):
    """Refuse a file over the size limit (before it is read, for an upload)."""
    if size > settings.IMPORT_MAX_BYTES:
        raise BadFile(
            _("The file is larger than %(limit)s MB.")
            % {"limit": _limit(settings.IMPORT_MAX_BYTES // 2**20)}
        )


def read_workbook(data: bytes) -> list[Sheet]:
    """Return the sheets of the .xlsx in `data`, each with its header row and data rows."""
    check_size(len(data))
    if not data:
        raise BadFile(_("The file is empty."))
    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise BadFile(_("This Excel file is damaged and cannot be read.")) from error
    try:
        return [_read_sheet(sheet) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _read_sheet(worksheet) -> Sheet:
    rows = worksheet.iter_rows()
    headers = []
    for header_cells in rows:
        headers = [clean_text(cell.value) for cell in header_cells]
        break
    while headers and not headers[-1]:
        headers.pop()
    sheet = Sheet(title=clean_text(worksheet.title), headers=headers)
    letters = [get_column_letter(column) for column in range(1, len(headers) + 1)]
    for cells in rows:
        cells = cells[: len(headers)]
        # Line breaks are kept for the columns of text that may hold several lines.
        values = [
            clean_lines(cell.value) if isinstance(cell.value, str) else cell.value for cell in cells
        ]
        if all(value is None or value == "" for value in values):
            continue
        if len(sheet.rows) >= settings.IMPORT_MAX_ROWS:
            raise BadFile(
                _(
                    "Sheet “%(sheet)s” has more than %(limit)s rows of data. Split it into "
                    "several files."
                )
                % {"sheet": sheet.title, "limit": _limit(settings.IMPORT_MAX_ROWS)}
            )
        number = next(cell.row for cell in cells if getattr(cell, "row", None))
        row = Row(number=number, values={}, cells={})
        for header, letter, cell, value in zip(headers, letters, cells, values, strict=False):
            if not header:
                continue
            row.cells[header] = f"{letter}{number}"
            if cell.data_type == "f":
                sheet.cell_errors[(number, header)] = _(
                    "This cell holds a formula (%(formula)s). Paste its value instead "
                    "(Paste Special → Values)."
                ) % {"formula": str(cell.value)[:40]}
                value = None
            row.values[header] = value
        sheet.rows.append(row)
    return sheet
