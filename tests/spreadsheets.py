"""Reading the Excel files that pages serve, as a leader would open them."""

import io

from openpyxl import load_workbook

from config.spreadsheets import CONTENT_TYPE


def open_xlsx(response):
    """Return the only sheet of an .xlsx download, checking that it is one."""
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 1
    return workbook.active


def table(sheet):
    """Return (header values, data rows as lists of cells) of a list export: row 1 is the
    title, row 2 says when and with which filters, row 3 holds the headers."""
    rows = list(sheet.iter_rows(min_row=3))
    return [c.value for c in rows[0]], rows[1:]


def column(sheet, header):
    """Return the values of the column headed `header`."""
    headers, rows = table(sheet)
    index = headers.index(header)
    return [row[index].value for row in rows]
