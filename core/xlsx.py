"""Writing .xlsx files that are safe to open in Excel."""

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.downloads import download

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def safe(value):
    """Neutralise text that a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def append_row(ws, values):
    """ws.append for free-text rows outside a table (guides, notes): every value goes through safe()."""
    ws.append([safe(v) for v in values])


def new_workbook(title):
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    return wb, ws


def write_table(ws, headers, rows, *, widths=None):
    ws.append([safe(str(h)) for h in headers])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for row in rows:
        ws.append([safe(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, (datetime.date, datetime.datetime)):
                cell.number_format = "DD/MM/YYYY"
    for index, width in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"


def to_bytes(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(content, filename):
    return download(content, filename)
