"""From a clerk's workbook to rows of named fields, with every choice it made written down as a warning.

The steps, in order:
1. every sheet is searched for its header row under any title rows (first 20 rows), a header merged over
   two rows is read as one (the lower cell names the column: "Họ và tên" over "Họ đệm" | "Tên");
2. each column is matched to a field through the spec's synonyms, folded; a choice the union made for a
   title before is used again; the rest (unknown title, two columns for one field) waits for the clerk;
3. the rows under the header are taken, blank rows and rows holding only a running number skipped;
4. anything not taken (a column, a sheet, a hidden row or column) becomes a warning shown before confirming.

The result is plain JSON (`ParsedFile.to_json`), stored with the upload, so the file is read once: the
preview, the mapping step and the import itself all start from it.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .reader import FileRejected, SheetData, column_letter, read_workbook
from .spec import ROW_NUMBER_TITLES, ImportSpec
from .values import cell_text, date_order_of, fold_header

HEADER_SEARCH_ROWS = 20
SKIP = ""  # the mapping value of "do not import this column"


@dataclass
class Column:
    index: int  # 0-based position in the sheet
    title: str  # as the clerk wrote it ("Họ và tên / Tên" for a two-row header)
    key: str  # mapping key: folded title, "#2" added to the second column of the same title
    field: str = SKIP
    status: str = "auto"  # auto | remembered | chosen | unknown | duplicate | row_number | empty
    hidden: bool = False
    has_data: bool = False
    samples: list[str] = dc_field(default_factory=list)  # first values under the title, to help the clerk choose

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Sheet:
    index: int
    name: str
    read: bool = False
    reason: str = ""  # why a sheet is not read
    header_row: int = 0
    first_data_row: int = 0
    columns: list[Column] = dc_field(default_factory=list)
    row_count: int = 0


@dataclass
class SourceRow:
    sheet: int
    number: int  # Excel row number
    cells: dict[str, Any]  # field -> cell value as read
    hidden: bool = False


@dataclass
class ParsedFile:
    sheets: list[Sheet]
    rows: list[SourceRow]
    warnings: list[str]
    needs_mapping: bool
    date_orders: dict[str, str] = dc_field(default_factory=dict)

    @property
    def mapped_fields(self) -> set[str]:
        return {c.field for s in self.sheets if s.read for c in s.columns if c.field}

    def columns_to_map(self) -> list[Column]:
        """One column per mapping key across the read sheets, those the clerk must decide first."""
        seen: dict[str, Column] = {}
        for sheet in self.sheets:
            if not sheet.read:
                continue
            for column in sheet.columns:
                if column.status not in ("row_number", "empty"):
                    seen.setdefault(column.key, column)
        return sorted(seen.values(), key=lambda c: (c.status not in ("unknown", "duplicate"), c.index))

    def to_json(self) -> dict:
        return {
            "sheets": [asdict(s) for s in self.sheets],
            "rows": [[r.sheet, r.number, int(r.hidden), {k: encode(v) for k, v in r.cells.items()}] for r in self.rows],
            "warnings": self.warnings,
            "needs_mapping": self.needs_mapping,
            "date_orders": self.date_orders,
        }

    @classmethod
    def from_json(cls, data: dict) -> ParsedFile:
        sheets = [Sheet(**{**s, "columns": [Column(**c) for c in s["columns"]]}) for s in data["sheets"]]
        rows = [
            SourceRow(sheet=s, number=n, hidden=bool(h), cells={k: decode(v) for k, v in cells.items()})
            for s, n, h, cells in data["rows"]
        ]
        return cls(
            sheets=sheets,
            rows=rows,
            warnings=data["warnings"],
            needs_mapping=data["needs_mapping"],
            date_orders=data.get("date_orders", {}),
        )


def encode(value: Any) -> Any:
    """Cell value -> JSON: dates keep their type (a real Excel date is never re-read as text)."""
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"t": value.isoformat()}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.datetime.fromisoformat(value["dt"])
        if "d" in value:
            return datetime.date.fromisoformat(value["d"])
        if "t" in value:
            return datetime.time.fromisoformat(value["t"])
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# ---------------------------------------------------------------------------------------------- header


def _row_titles(sheet: SheetData, row: int) -> list[str]:
    width = max((len(r) for r in sheet.rows[: HEADER_SEARCH_ROWS + 2]), default=0)
    return [_text(sheet.value(row, c)) for c in range(width)]


_NOTE = re.compile(r"\([^)]*\)|\[[^]]*\]")


def _key(title: str, known: dict[str, str]) -> str:
    """Folded title; without its note in brackets when only that form is known ("Ngày sinh (dd/mm/yyyy)")."""
    folded = fold_header(title)
    if folded not in known:
        bare = fold_header(_NOTE.sub("", title))
        if bare in known:
            return bare
    return folded


def _score(titles: list[str], known: dict[str, str]) -> int:
    return len({known[_key(t, known)] for t in titles if t and _key(t, known) in known})


def _find_header(sheet: SheetData, known: dict[str, str]) -> int:
    """The row among the first ones that names the most fields (at least two); 0 when none does."""
    best_row, best = 0, 1
    for row in range(1, min(HEADER_SEARCH_ROWS, len(sheet.rows)) + 1):
        score = _score(_row_titles(sheet, row), known)
        if score > best:
            best_row, best = row, score
    # Sub-titles ("Họ đệm" | "Tên", "Nam" | "Nữ") may name more fields than the titles merged above them:
    # the header then starts on the row above.
    above = best_row - 1
    if (
        above >= 1
        and _score(_row_titles(sheet, above), known)
        and any(r0 == above and (r1 >= best_row or c1 > c0) for r0, c0, r1, c1 in sheet.merged)
    ):
        return above
    return best_row


def _two_row_titles(sheet: SheetData, row: int, known: dict[str, str]) -> list[tuple[str, str]] | None:
    """(top, sub) per column when the header goes on over the next row, else None.

    It does when a title cell is merged down into the next row, or a title merged across several
    columns has sub-titles under it ("Giới tính" over "Nam" | "Nữ").
    """
    spans_down = any(r0 == row and r1 >= row + 1 for r0, _c0, r1, _c1 in sheet.merged)
    spans_across = [(c0, c1) for r0, c0, r1, c1 in sheet.merged if r0 == row and r1 == row and c1 > c0]
    below = _row_titles(sheet, row + 1)
    has_subtitles = any(any(below[c - 1] for c in range(c0, c1 + 1) if c - 1 < len(below)) for c0, c1 in spans_across)
    if not (spans_down or has_subtitles):
        return None
    top = _row_titles(sheet, row)
    titles = []
    for c in range(max(len(top), len(below))):
        origin = sheet.merged_origin(row, c)
        upper = _text(sheet.value(*origin)) if origin and origin[0] == row else (top[c] if c < len(top) else "")
        covered = sheet.merged_origin(row + 1, c)
        lower = "" if covered and covered[0] == row else (below[c] if c < len(below) else "")
        titles.append((upper, lower))
    return titles


def _samples(sheet: SheetData, first_row: int, index: int, count: int = 3) -> list[str]:
    samples = []
    for r in range(first_row, len(sheet.rows) + 1):
        value = sheet.value(r, index)
        if not _blank(value):
            samples.append(cell_text(value)[:40])
            if len(samples) == count:
                break
    return samples


def _header_columns(sheet: SheetData, row: int, known: dict[str, str]) -> tuple[list[Column], int]:
    pairs = _two_row_titles(sheet, row, known)
    if pairs is None:
        pairs = [(t, "") for t in _row_titles(sheet, row)]
        first_data = row + 1
    else:
        first_data = row + 2
    columns, occurrences = [], Counter()
    for index, (upper, lower) in enumerate(pairs):
        # The lower cell names the column when it is known or the upper one is not ("Họ và tên" / "Tên").
        if lower and (_key(lower, known) in known or _key(upper, known) not in known):
            title, match = (f"{upper} / {lower}" if upper else lower), lower
        else:
            title, match = upper, upper
        samples = _samples(sheet, first_data, index)
        has_data = bool(samples)
        if not title and not has_data:
            continue
        folded = _key(match, known) or f"col{column_letter(index).lower()}"
        occurrences[folded] += 1
        key = folded if occurrences[folded] == 1 else f"{folded}#{occurrences[folded]}"
        columns.append(
            Column(
                index=index,
                title=title or _("(untitled column %(col)s)") % {"col": column_letter(index)},
                key=key,
                hidden=index in sheet.hidden_columns,
                has_data=has_data,
                samples=samples,
            )
        )
    return columns, first_data


def _assign(
    columns: list[Column], known: dict[str, str], choices: dict[str, str], remembered: dict[str, str], spec: ImportSpec
) -> None:
    """Give each column its field: the clerk's choice, then the union's earlier choice, then a synonym."""
    fields = {f.key for f in spec.fields}
    for column in columns:
        base = column.key.split("#")[0]
        if column.key in choices and (choices[column.key] in fields or choices[column.key] == SKIP):
            column.field, column.status = choices[column.key], "chosen"
        elif base in ROW_NUMBER_TITLES:
            column.field, column.status = SKIP, "row_number"
        elif not column.has_data:
            column.field, column.status = known.get(base, SKIP), "empty"
        elif column.key in remembered and (remembered[column.key] in fields or remembered[column.key] == SKIP):
            column.field, column.status = remembered[column.key], "remembered"
        elif base in known:
            column.field, column.status = known[base], "auto"
        else:
            column.field, column.status = SKIP, "unknown"
    # Two columns for one field: the clerk says which one holds it (unless they already did).
    by_field = Counter(c.field for c in columns if c.field and c.status != "empty")
    for column in columns:
        if column.field and by_field[column.field] > 1 and column.status in ("auto", "remembered"):
            column.status = "duplicate"


def parse_workbook(
    content: bytes,
    spec: ImportSpec,
    *,
    choices: dict[str, str] | None = None,
    remembered: dict[str, str] | None = None,
    sheets: list[int] | None = None,
) -> ParsedFile:
    """Read the whole file once. `choices`: the clerk's mapping (key -> field or ""); `remembered`: the
    union's earlier choices; `sheets`: indexes of the sheets the clerk keeps (None = all with a header)."""
    choices, remembered = choices or {}, remembered or {}
    known = spec.titles()
    known.update({k: v for k, v in remembered.items() if v and "#" not in k})
    workbook = read_workbook(content)
    parsed_sheets: list[Sheet] = []
    rows: list[SourceRow] = []
    warnings: list[str] = []
    for data in workbook:
        sheet = Sheet(index=data.index, name=data.name)
        parsed_sheets.append(sheet)
        header = _find_header(data, known)
        if not header:
            if any(any(not _blank(v) for v in r) for r in data.rows):
                sheet.reason = _("no column titles of a list were found")
            else:
                sheet.reason = _("the sheet is empty")
            continue
        sheet.header_row = header
        sheet.columns, sheet.first_data_row = _header_columns(data, header, known)
        _assign(sheet.columns, known, choices, remembered, spec)
        if data.hidden and sheets is None:
            sheet.reason = _("the sheet is hidden; tick it to read it")
            continue
        if sheets is not None and data.index not in sheets:
            sheet.reason = _("you chose not to read it")
            continue
        sheet.read = True
        taken = [c for c in sheet.columns if c.field and c.status not in ("duplicate",)]
        filled = _merged_down(data, sheet.first_data_row, taken)
        warnings.extend(
            _(
                'Sheet "%(sheet)s", column %(col)s "%(title)s": cells merged over several rows; their value is '
                "taken for each of those rows. Check them in the preview."
            )
            % {"sheet": sheet.name, "col": column.letter, "title": column.title}
            for column in taken
            if column.index in filled
        )
        for number in range(sheet.first_data_row, len(data.rows) + 1):
            cells = {c.field: filled.get(c.index, {}).get(number, data.value(number, c.index)) for c in taken}
            if all(_blank(v) for v in cells.values()):
                continue  # blank, or only a running number
            rows.append(SourceRow(sheet=data.index, number=number, cells=cells, hidden=number in data.hidden_rows))
            sheet.row_count += 1
    limit = settings.MEMBER_IMPORT_MAX_ROWS
    if len(rows) > limit:
        raise FileRejected(_("The file has more than %(limit)s rows. Split it into smaller files.") % {"limit": limit})
    read = [s for s in parsed_sheets if s.read]
    needs_mapping = any(c.status in ("unknown", "duplicate") for s in read for c in s.columns)
    if read:
        warnings.extend(_warnings(parsed_sheets, rows, spec, needs_mapping))
    return ParsedFile(
        sheets=parsed_sheets,
        rows=rows,
        warnings=warnings,
        needs_mapping=needs_mapping,
        date_orders=_date_orders(rows, spec),
    )


def _merged_down(sheet: SheetData, first_row: int, columns: list[Column]) -> dict[int, dict[int, Any]]:
    """{column: {row: value}} for data cells under a cell merged down over them ("Tổ 1" merged over its rows):
    Excel keeps the value in the top cell only, and the rows below would lose it without a word."""
    wanted = {c.index for c in columns}
    filled: dict[int, dict[int, Any]] = {}
    for min_row, min_col, max_row, max_col in sheet.merged:
        if max_row <= min_row or min_row < first_row:
            continue
        value = sheet.value(min_row, min_col - 1)
        for index in range(min_col - 1, max_col):
            if index in wanted:
                for row in range(min_row + 1, max_row + 1):
                    filled.setdefault(index, {})[row] = value
    return filled


def _warnings(sheets: list[Sheet], rows: list[SourceRow], spec: ImportSpec, needs_mapping: bool) -> list[str]:
    warnings = []
    for sheet in sheets:
        if not sheet.read:
            warnings.append(
                _('Sheet "%(sheet)s" is not read: %(reason)s.') % {"sheet": sheet.name, "reason": sheet.reason}
            )
            continue
        if sheet.header_row > 1:
            warnings.append(
                _('Sheet "%(sheet)s": the column titles are on row %(row)s; the rows above them are not imported.')
                % {"sheet": sheet.name, "row": sheet.header_row}
            )
        for column in sheet.columns:
            where = {"sheet": sheet.name, "col": column.letter, "title": column.title}
            if column.field == SKIP and column.has_data and column.status not in ("row_number", "unknown"):
                warnings.append(_('Sheet "%(sheet)s", column %(col)s "%(title)s" is not imported.') % where)
            if column.hidden and column.has_data:
                if column.field:
                    warnings.append(
                        _(
                            'Sheet "%(sheet)s", column %(col)s "%(title)s" is hidden in Excel; it is '
                            "imported. Check its values in the preview."
                        )
                        % where
                    )
                elif column.status != "unknown":
                    warnings.append(_('Sheet "%(sheet)s", hidden column %(col)s "%(title)s" is not imported.') % where)
    hidden_rows = [r for r in rows if r.hidden]
    if hidden_rows:
        names = {s.index: s.name for s in sheets}
        listed = ", ".join(f"{names[r.sheet]}!{r.number}" for r in hidden_rows[:10])
        warnings.append(
            _(
                "%(n)s row(s) hidden in Excel are imported like the others: %(rows)s. Delete them from "
                "the file if they should not be."
            )
            % {"n": len(hidden_rows), "rows": listed}
        )
    return warnings


def _date_orders(rows: list[SourceRow], spec: ImportSpec) -> dict[str, str]:
    return {f.key: date_order_of(r.cells.get(f.key) for r in rows) for f in spec.fields if f.date}
