"""Columns of a workbook a clerk downloads to fill in: the same header words the import then reads."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    required: bool = False
    width: int = 16


def header_text(column):
    """The column's heading; a required column is marked with *, as the template's guide explains."""
    return f"{column.label} *" if column.required else str(column.label)
