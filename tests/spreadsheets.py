"""Excel files: writing those a user uploads, reading those that pages serve as a leader would
open them."""

import io

from openpyxl import Workbook, load_workbook

from config.spreadsheets import CONTENT_TYPE

# The header rows of the import template's sheets of cooperatives and of managers.
COOPERATIVE_HEADERS = ["Loại hình*", "Tên*", "Mã số đăng ký", "Đơn vị hành chính*", "Lĩnh vực"]
ROLE_HEADERS = [
    "Họ và tên*",
    "Giới tính*",
    "Năm sinh",
    "Dân tộc",
    "Đơn vị hành chính*",
    "Mã số đăng ký HTX/THT*",
    "Chức danh*",
    "Ngày bắt đầu*",
]
# A woman director of the cooperative 5300123456 of Tả Van, as a role sheet's row.
DIRECTOR_ROW = [
    "Giàng Thị Mai",
    "Nữ",
    1985,
    "Mông",
    "Xã Tả Van",
    "5300123456",
    "Giám đốc",
    "01/03/2024",
]


def xlsx(sheets: dict) -> bytes:
    """An .xlsx with a sheet per {title: [header row, data rows…]}."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


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
