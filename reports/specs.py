"""Each metric of the registry, declared once: which rows count, how they vary with time, how periods add up.

The same declaration gives the live query (`live`, for the dashboard below the rollup depth, for custom
periods and for every check) and the rollup table's columns (reports/rollups.py), so the two cannot differ.

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
from typing import Any

from django.db.models import Count, Model, Q, Sum


@dataclass(frozen=True)
class Spec:
    model: type[Model]
    where: Q  # Q() for every row
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


def condition(spec: Spec, period: Any) -> Q:
    """The rows the spec counts in `period`, as one Q (the spec's rows and its time basis)."""
    found = spec.where
    if isinstance(spec, Flow | Distinct):
        found &= Q(**{f"{spec.date}__range": (period.start, period.end)})
    elif isinstance(spec, ByYear):
        found &= Q(**{f"{spec.year}__in": list(period.years)})
    elif isinstance(spec, Stock):
        # Alive on the period's last day: started by then (or always), not yet ended.
        if spec.start:
            found &= Q(**{f"{spec.start}__isnull": True}) | Q(**{f"{spec.start}__lte": period.end})
        if spec.end:
            found &= Q(**{f"{spec.end}__isnull": True}) | Q(**{f"{spec.end}__gt": period.end})
    return found


def aggregate(spec: Spec, only: Q | None = None) -> Count | Sum:
    """What the spec adds up over its rows; with `only`, over those rows alone (a filtered aggregate, so specs
    of one table share a query)."""
    if isinstance(spec, Distinct):
        return Count(spec.key, distinct=True, filter=only)
    return Sum(spec.total, filter=only) if spec.total else Count("id", filter=only)


def live(spec: Spec, period: Any) -> tuple[Any, str, Count | Sum]:
    """(queryset, owner path field, aggregate) of the rows the spec counts in `period`."""
    return spec.model._default_manager.filter(condition(spec, period)), spec.path, aggregate(spec)
