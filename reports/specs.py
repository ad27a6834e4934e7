"""How each metric of the registry is kept in the rollup table: what varies with time and how periods add up.

- Flow(date): rows happen on a date; a period sums its months.
- ByYear(year): rows belong to a year; a period sums its years.
- Stock(start, end): rows exist from `start` (empty: always) until before `end`; a period counts those alive
  on its last day.
- Distinct(date, key): like Flow, but counts distinct `key`s (a union that launched twice counts once).
- Current: the value now, whatever the period.
Each spec names the model, the rows that count (`where`, without the period), the owner's path field and
`total`, the field summed (empty: rows are counted). Specs of one model and time field are computed in one
grouped query with a filtered aggregate each.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    model: object
    where: object  # a Q; Q() for every row
    path: str
    total: str = ""


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
