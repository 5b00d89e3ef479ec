"""The import template: an instructions sheet, one sheet per kind of record with the
headers of `sheets.SHEETS`, and the lists a cell may name (units, sectors, ethnic groups, and
the values of each column that lists them: kinds of support, funding sources...)."""

import io

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cooperatives.models import Ethnicity, RoleKind, Sector
from followup.forms import bodies
from org.access import units_to_file_under
from org.models import Unit

from .marking import AUTHOR
from .sheets import REFERENCE_SHEETS, SHEETS

HEADER = Font(bold=True)
REQUIRED = PatternFill("solid", fgColor="FFF2CC")
OPTIONAL = PatternFill("solid", fgColor="EEF0F4")
WRAP = Alignment(wrap_text=True, vertical="top")

RULES = (
    "Mỗi trang tính là một loại bản ghi; giữ nguyên tên trang và dòng tiêu đề. Cột có dấu * "
    "là bắt buộc. Có thể bỏ các cột không bắt buộc và các trang không dùng.",
    "Nhập lại cùng một tệp không tạo bản ghi trùng: HTX/THT được nhận ra theo loại hình và mã "
    "số đăng ký (không có mã thì theo loại hình, đơn vị và tên); số liệu năm theo HTX và năm; "
    "người theo họ tên, năm sinh và đơn vị; chức danh theo người, HTX, chức danh và ngày bắt "
    "đầu; học viên theo lớp và người; hỗ trợ theo HTX, loại hỗ trợ, ngày hỗ trợ và sự kiện; "
    "khó khăn theo HTX, ngày nêu và nội dung. Mỗi dòng khác của trang “Hỗ trợ” và “Khó khăn” "
    "thêm một bản ghi mới.",
    "Số: viết dấu chấm ngăn cách hàng nghìn và dấu phẩy cho phần thập phân (1.234.500; "
    "1.234,5) hoặc nhập số thường. Số có thể hiểu hai cách (1,234 hoặc 1.5) bị coi là lỗi.",
    "Ngày: dd/mm/yyyy (ví dụ 06/07/2023) hoặc ô kiểu ngày của Excel. Không dùng công thức: "
    "dán giá trị (Paste Special → Values).",
    "Trước khi nhập, hệ thống cho xem trước số dòng thêm mới, thay đổi, giữ nguyên và từng "
    "dòng lỗi; có thể tải lại tệp của mình với các ô lỗi được tô đỏ và ghi chú lý do.",
)


def build_template(user) -> bytes:
    """Return the template .xlsx, with the units `user` may file records under."""
    with translation.override("vi"):
        workbook = Workbook()
        guide = workbook.active
        guide.title = REFERENCE_SHEETS[0]
        _write_guide(guide)
        for spec in SHEETS:
            _write_sheet(workbook.create_sheet(spec.title), spec)
        _write_lists(workbook.create_sheet(REFERENCE_SHEETS[1]), user)
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()


def _write_guide(sheet):
    sheet.append(["Mẫu nhập dữ liệu Kế hoạch 294 — hướng dẫn"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"Tải về ngày {timezone.localdate():%d/%m/%Y}"])
    sheet.append([])
    for rule in RULES:
        sheet.append([rule])
    for spec in SHEETS:
        sheet.append([])
        sheet.append([f"Trang “{spec.title}”"])
        sheet.cell(sheet.max_row, 1).font = HEADER
        if spec.note:
            sheet.append([spec.note])
        sheet.append(["Cột", "Bắt buộc", "Cách ghi"])
        for cell in sheet[sheet.max_row]:
            cell.font = HEADER
        for column in spec.columns:
            sheet.append([column.header, "Có" if column.required else "", _guide_note(column)])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 80
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = WRAP


def _guide_note(column) -> str:
    """How to fill in `column`: its note, then the values it accepts and its default."""
    parts = [column.note] if column.note else []
    if column.values is not None:
        parts.append("Ghi một trong: " + "; ".join(column.values()))
    if column.default:
        parts.append(f"Để trống là “{column.default}”")
    return ". ".join(parts)


def _header_note(column) -> str:
    """The comment on `column`'s header: its note; the values it accepts are in the lists."""
    parts = [column.note] if column.note else []
    if column.values is not None:
        parts.append(f"Giá trị: xem trang “{REFERENCE_SHEETS[1]}”, cột “{column.header}”")
    if column.default:
        parts.append(f"Để trống là “{column.default}”")
    return ". ".join(parts)


def _write_sheet(sheet, spec):
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(1, index, column.header + ("*" if column.required else ""))
        cell.font = HEADER
        cell.fill = REQUIRED if column.required else OPTIONAL
        cell.alignment = WRAP
        if note := _header_note(column):
            cell.comment = Comment(note, AUTHOR, width=300, height=100)
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
    sheet.freeze_panes = "A2"


def _write_lists(sheet, user):
    lists = {
        "Mã đơn vị": [],
        "Tên đơn vị": [],
        "Lĩnh vực": list(Sector.objects.values_list("name", flat=True)),
        "Dân tộc": list(Ethnicity.objects.values_list("name", flat=True)),
        "Chức danh": [str(label) for _code, label in RoleKind.choices],
    }
    for unit in units_to_file_under(user):
        lists["Mã đơn vị"].append(unit.code)
        lists["Tên đơn vị"].append(unit.name)
    # The bodies a support or a difficulty may name beyond the user's units (any commune too).
    agencies = bodies().filter(kind=Unit.Kind.DEPARTMENT)
    lists["Mã cơ quan cấp tỉnh"] = [unit.code for unit in agencies]
    lists["Tên cơ quan cấp tỉnh"] = [unit.name for unit in agencies]
    for spec in SHEETS:
        for column in spec.columns:
            if column.values is not None:
                lists.setdefault(column.header, column.values())
    for index, (title, values) in enumerate(lists.items(), start=1):
        sheet.cell(1, index, title).font = HEADER
        for row, value in enumerate(values, start=2):
            sheet.cell(row, index, value)
        sheet.column_dimensions[get_column_letter(index)].width = 32
