"""What an import expects: its fields, the titles clerks give them, and which are required."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

from .values import fold_header

# "STT", "TT", "Số TT", "Số thứ tự": a running number, never data.
ROW_NUMBER_TITLES = frozenset({"stt", "tt", "sott", "sothutu", "no", "rowno"})


@dataclass(frozen=True)
class Field:
    key: str
    label: Any  # lazy translation: shown as the heading of the preview and in the mapping choices
    synonyms: tuple[str, ...] = ()
    required: bool = False
    # Required fields may instead be given by every field of one alternative (họ đệm + tên for the full name).
    alternatives: tuple[tuple[str, ...], ...] = ()
    date: bool = False  # the whole column is checked for month-first (US) dates
    mappable: bool = True  # offered in the mapping step


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def titles(self) -> dict[str, str]:
        """Folded title -> field key: the synonyms and the label in every UI language, with or without a star."""
        titles: dict[str, str] = {}
        for f in self.fields:
            for synonym in f.synonyms:
                titles.setdefault(fold_header(synonym), f.key)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for f in self.fields:
                    titles.setdefault(fold_header(str(f.label)), f.key)
        return titles

    def missing(self, mapped: Iterable[str]) -> list[Field]:
        """Required fields neither mapped nor given by one of their alternatives."""
        present = set(mapped)
        return [
            f
            for f in self.fields
            if f.required
            and f.key not in present
            and not any(all(k in present for k in alternative) for alternative in f.alternatives)
        ]
