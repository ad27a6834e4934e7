"""Writing .xlsx files that are safe to open in Excel."""

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
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


@dataclass(frozen=True)
class Table:
    """A list export: one sheet, a header row, one row per item. Written in openpyxl's write-only mode, so the
    memory used does not grow with the rows (an export of a province's 40.000 awards is a background job that
    writes to a file as it reads: jobs/exports.py)."""

    title: Any  # lazy strings: translated when written
    headers: Sequence[Any]
    row: Callable[[Any], list]
    widths: Sequence[int] = ()

    def write(self, out: IO[bytes], items: Iterable, progress: Callable[[int], None] | None = None) -> int:
        """Writes the workbook to `out`; calls `progress(rows written)` every 500 rows; returns the row count."""
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(str(self.title)[:31])
        for index, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        header = []
        for text in self.headers:
            cell = WriteOnlyCell(ws, value=safe(str(text)))
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            header.append(cell)
        ws.append(header)
        count = 0
        for item in items:
            ws.append([_cell(ws, value) for value in self.row(item)])
            count += 1
            if progress and count % 500 == 0:
                progress(count)
        wb.save(out)
        return count

    def to_bytes(self, items: Iterable) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer, items)
        return buffer.getvalue()


def _cell(ws, value):
    value = safe(value)
    if isinstance(value, datetime.date | datetime.datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    return value
