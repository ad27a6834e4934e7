"""How each metric of the registry is kept in the rollup table: what varies with time and how periods add up.

- Flow(date): rows happen on a date; a period sums its months.
- ByYear(year): rows belong to a year; a period sums its years.
- Stock(start, end): rows exist from `start` (empty: always) until before `end`; a period counts those alive
  on its last day.
- Distinct(date, key): like Flow, but counts distinct `key`s (a union that launched twice counts once).
- Current: the value now, whatever the period.
Each spec names the base queryset (without the period), the owner's path field and the aggregate.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    base: object  # () -> queryset
    path: str
    agg: object


@dataclass(frozen=True)
class Flow(Spec):
    date: str = ""


@dataclass(frozen=True)
class ByYear(Spec):
    year: str = "year"


@dataclass(frozen=True)
class Stock(Spec):
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Distinct(Spec):
    date: str = ""
    key: str = ""


@dataclass(frozen=True)
class Current(Spec):
    pass
