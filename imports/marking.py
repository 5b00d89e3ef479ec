"""The user's own file given back with each bad cell marked and explained in a comment."""

import io

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from .cells import clean_text

BAD = PatternFill("solid", fgColor="FFC7CE")
AUTHOR = "Cổng Kế hoạch 294"


def mark_problems(data: bytes, problems: list[dict]) -> bytes:
    """Return `data` (an .xlsx already read safely) with `problems` (runner.Problem as
    JSON) marked: a red fill and a comment giving every reason for the cell."""
    workbook = load_workbook(io.BytesIO(data))
    reasons = {}
    for problem in problems:
        reasons.setdefault((problem["sheet"], problem["cell"]), []).append(problem["message"])
    sheets = {clean_text(sheet.title): sheet for sheet in workbook.worksheets}
    for (title, cell_ref), messages in reasons.items():
        sheet = sheets.get(title)
        if sheet is None:
            continue
        cell = sheet[cell_ref]
        for merged in sheet.merged_cells.ranges:
            if cell_ref in merged:  # a merged range keeps its value in its first cell
                cell = sheet.cell(merged.min_row, merged.min_col)
        cell.fill = BAD
        cell.comment = Comment("\n".join(messages), AUTHOR, width=320, height=120)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
