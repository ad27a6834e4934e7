"""Reading an uploaded workbook as a clerk made it: every sheet, merged cells, hidden rows and columns.

The upload is refused before any XML is parsed when it is not a real .xlsx or
would unpack into far more data than a list holds (zip bombs). Then the whole
workbook is loaded once (not read-only: merged ranges and hidden columns only
exist in the full model) and turned into plain `SheetData`, which is all the
rest of the pipeline sees.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

XLSX_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# Entries this small are never a bomb, whatever their ratio (a styled empty sheet compresses very well).
RATIO_FLOOR_BYTES = 1024 * 1024


class FileRejected(Exception):
    """The upload cannot be read as a list; nothing was checked. str() is the message for the clerk."""


@dataclass
class SheetData:
    index: int
    name: str
    hidden: bool
    rows: list[list[Any]]  # cell values, row 1 first; merged ranges hold their value in the top-left cell only
    hidden_rows: set[int] = field(default_factory=set)  # 1-based row numbers
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column positions
    # (min_row, min_col, max_row, max_col), 1-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def value(self, row: int, column: int) -> Any:
        """Value at 1-based row and 0-based column, None outside the used range."""
        if row < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column] if column < len(cells) else None

    def merged_origin(self, row: int, column: int) -> tuple[int, int] | None:
        """The (row, 0-based column) holding the value of the merged range covering a cell, if any."""
        for min_row, min_col, max_row, max_col in self.merged:
            if min_row <= row <= max_row and min_col - 1 <= column <= max_col - 1:
                return min_row, min_col - 1
        return None


def column_letter(index: int) -> str:
    return get_column_letter(index + 1)


def check_xlsx(content: bytes) -> None:
    """Refuse an upload before any XML is parsed: size, real .xlsx container, zip bomb.

    Only the zip central directory is read (no entry is decompressed). The sizes
    it declares bound what is later inflated: zipfile stops at the declared size
    and fails the CRC check when an entry lies about it.
    """
    max_bytes = settings.MEMBER_IMPORT_MAX_BYTES
    if len(content) > max_bytes:
        raise FileRejected(
            _("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": max_bytes // (1024 * 1024)}
        )
    not_xlsx = _("This is not an Excel .xlsx file. Save it as .xlsx and upload again.")
    if not content.startswith(b"PK\x03\x04"):
        raise FileRejected(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileRejected(_("The Excel file cannot be read. Save it as .xlsx and upload again.")) from None
    names = {entry.filename for entry in entries}
    if not all(part in names for part in XLSX_REQUIRED_PARTS):
        raise FileRejected(not_xlsx)
    too_big = _(
        "The Excel file unpacks to far more data than a member list holds; it is refused. "
        "Save the list again as a normal .xlsx file."
    )
    if len(entries) > settings.UPLOAD_MAX_ZIP_ENTRIES:
        raise FileRejected(too_big)
    if sum(entry.file_size for entry in entries) > settings.UPLOAD_MAX_UNCOMPRESSED_BYTES:
        raise FileRejected(too_big)
    ratio = settings.UPLOAD_MAX_COMPRESSION_RATIO
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > ratio * max(entry.compress_size, 1):
            raise FileRejected(too_big)


_UNREADABLE = (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError, TypeError, IndexError, AttributeError)


def read_workbook(content: bytes) -> list[SheetData]:
    """Every worksheet of the file as plain data; raises FileRejected with a message for the clerk."""
    check_xlsx(content)
    unreadable = _("The Excel file cannot be read. Save it as .xlsx and upload again.")
    try:
        # data_only: a formula cell gives the value Excel computed and saved, never the formula text.
        wb = load_workbook(io.BytesIO(content), data_only=True)
    except _UNREADABLE:
        # ValueError covers defusedxml's refusals (entities, DTDs); SyntaxError covers XML parse errors.
        raise FileRejected(unreadable) from None
    limit = settings.MEMBER_IMPORT_MAX_ROWS
    sheets = []
    try:
        for index, ws in enumerate(wb.worksheets):
            # A bound on what is loaded; the rows under the header are counted against the limit later.
            if ws.max_row > 2 * limit + 100:
                raise FileRejected(
                    _('The sheet "%(sheet)s" has more than %(limit)s rows. Split it into smaller files.')
                    % {"sheet": ws.title, "limit": limit}
                )
            rows = [list(values) for values in ws.iter_rows(values_only=True)]
            while rows and all(_blank(v) for v in rows[-1]):
                rows.pop()
            hidden_columns = set()
            for letter, dimension in ws.column_dimensions.items():
                if dimension.hidden:
                    # A dimension may cover a span of columns (min..max).
                    first, last = dimension.min or 0, dimension.max or 0
                    if not first:
                        first = last = column_index_from_string(letter)
                    hidden_columns.update(range(first - 1, last))
            hidden_rows = {number for number, dimension in ws.row_dimensions.items() if dimension.hidden}
            merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
            sheets.append(
                SheetData(
                    index=index,
                    name=ws.title,
                    hidden=ws.sheet_state != "visible",
                    rows=rows,
                    hidden_rows=hidden_rows,
                    hidden_columns=hidden_columns,
                    merged=merged,
                )
            )
    except _UNREADABLE:
        raise FileRejected(unreadable) from None
    finally:
        wb.close()
    return sheets


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
