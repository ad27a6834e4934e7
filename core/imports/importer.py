"""What every import provides to the shared upload → mapping → preview → confirm flow.

An importer only parses and checks: `check` turns source rows into `CheckedRow`s (values as they will be
stored, errors naming the column and the fix, new/update/unchanged), and `write` hands the valid rows to
the entity's services, which keep history, write the audit trail and announce the change. Importers
register by kind; the flow (unions/services/import_batches.py) never knows which entity it imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .pipeline import ParsedFile, SourceRow
from .spec import ImportSpec
from .values import CellError

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"


@dataclass
class CheckedRow:
    source: SourceRow
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    status: str = NEW
    diff: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (stored, from the file), as shown
    target: Any = None  # the existing object an update changes
    name: str = ""  # how the row is named in the error list

    @property
    def number(self) -> int:
        return self.source.number


class Importer:
    kind: ClassVar[str]
    spec: ClassVar[ImportSpec]
    # Headings of the preview: field keys of `values`, in order.
    preview_fields: ClassVar[tuple[str, ...]] = ()
    preview_headings: ClassVar[dict[str, Any]] = {}  # headings of preview keys that are not fields of the spec
    # Preview keys shown only when one of these fields has a column in the file (a key of the spec itself is
    # shown when its own column is there; other keys always).
    preview_sources: ClassVar[dict[str, tuple[str, ...]]] = {}
    # The permission (in the access module's vocabulary) needed on the organisation imported into.
    permission: ClassVar[str] = "member.write"

    def __init__(self, *, actor, organization, options: dict | None = None):
        self.actor = actor
        self.organization = organization
        self.options = options or {}
        self.warnings: list[str] = []  # file-wide remarks found while checking (names re-capitalised…)

    # -- to implement
    def check(self, parsed: ParsedFile) -> list[CheckedRow]:
        raise NotImplementedError

    def write(self, rows: list[CheckedRow]) -> tuple[int, int]:
        """Write every valid row inside the caller's transaction; (created, updated)."""
        raise NotImplementedError

    def display(self, key: str, value: Any) -> str:
        """A stored value as the preview shows it (dates dd/mm/yyyy, choices by label)."""
        if value is None:
            return ""
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return str(value)

    def label_of(self, key: str) -> str:
        fields = {f.key: f.label for f in self.spec.fields}
        return str(self.preview_headings.get(key) or fields.get(key, key))

    def headings(self) -> list[str]:
        return [self.label_of(key) for key in self.preview_fields]

    def shown_fields(self, parsed: ParsedFile) -> list[str]:
        """The preview keys worth a column for this file: no empty column for a field the file lacks."""
        mapped = parsed.mapped_fields
        spec_fields = {f.key for f in self.spec.fields}
        shown = []
        for key in self.preview_fields:
            sources = self.preview_sources.get(key, (key,) if key in spec_fields else ())
            if not sources or mapped & set(sources):
                shown.append(key)
        return shown

    def key_scope(self) -> str:
        """What besides the union and the file tells two imports apart (a campaign and year): the same file is
        imported once per union and scope."""
        return ""

    def done_url(self, batch) -> str:
        raise NotImplementedError

    def upload_url(self, batch) -> str:
        raise NotImplementedError

    # -- shared helpers
    def reader(self, row: CheckedRow, titles: dict[tuple[int, str], str]):
        """read(key, parse, default=None, **kwargs): the cell parsed, or `default` with the parser's message added
        to the row's errors, prefixed by the clerk's own column title ("Ngày sinh (C): …")."""
        cells, sheet = row.source.cells, row.source.sheet

        def read(key: str, parse, default=None, **kwargs):
            try:
                return parse(cells.get(key), **kwargs)
            except CellError as error:
                column = titles.get((sheet, key)) or self.label_of(key)
                row.errors.append(_("%(column)s: %(error)s") % {"column": column, "error": error})
                return default

        return read

    def column_titles(self, parsed: ParsedFile) -> dict[tuple[int, str], str]:
        """(sheet, field) -> "Title (C)" for messages that name the clerk's own column."""
        titles = {}
        for sheet in parsed.sheets:
            for column in sheet.columns:
                if column.field:
                    titles.setdefault((sheet.index, column.field), f"{column.title} ({column.letter})")
        return titles


_IMPORTERS: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _IMPORTERS[cls.kind] = cls
    return cls


def importer_for(kind: str) -> type[Importer]:
    if kind not in _IMPORTERS:
        autodiscover_modules("importers")
    return _IMPORTERS[kind]
