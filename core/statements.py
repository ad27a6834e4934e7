"""SQL compiled once per shape of question and run again with each request's values.

Building a queryset of a dozen filtered aggregates costs the ORM more than PostgreSQL spends running it: the
district dashboard's five grouped reads took ~9 ms to build and ~5 ms to run. Another union or another period
asks the same shape of question: the same SQL with other dates and another path prefix. So the caller builds
the queryset with `stand_ins` for its dates (real dates that keep their name, so the builder computes with
them as usual), the compiled params are scanned once (a stand-in gives its place, the scope's LIKE prefix is
found by value) and later calls of the same key fill those places and run the stored SQL on the cursor,
converting rows the way the ORM does.

The key names what the SQL depends on besides the dates and the prefix; `fetch` refuses to store a statement
holding a date it cannot place (a date computed from a stand-in, a "today"), so such a builder simply runs
through the ORM each time. PostgreSQL only: other backends turn dates into strings before the params are seen.
"""

import datetime
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from django.db import connections, router

# Shapes kept per process: a dashboard uses a handful per scope depth and period kind.
SIZE = 256

_store: OrderedDict = OrderedDict()
_lock = threading.Lock()
stats = {"built": 0, "reused": 0}  # read by tests: a reuse must not build


class StandIn(datetime.date):
    """A date standing for the statement's input `name` (a date computed from it has no name)."""

    name: str | None

    def __new__(cls, year, month, day, name=None):
        made = super().__new__(cls, year, month, day)
        made.name = name
        return made


def stand_ins(days: Mapping[str, datetime.date]) -> dict[str, StandIn]:
    """{name: StandIn} for {name: date}."""
    return {name: StandIn(day.year, day.month, day.day, name) for name, day in days.items()}


def fetch(
    key: tuple,
    model: Any,
    build: Callable[[], Any],
    days: Mapping[str, datetime.date],
    prefix: str,
    reuse: bool = True,
) -> list[dict[str, Any]]:
    """[row dict] of the values() queryset of `model` that `build()` returns, its SQL compiled once per `key`.

    `days` is {name: date} of this call (the builder used `stand_ins` of them), `prefix` the path whose
    startswith pattern is a param. With `reuse` false (a shape the key does not say, such as a tree with units
    moved since), the ORM runs the builder's queryset."""
    alias = router.db_for_read(model)
    if not reuse or connections[alias].vendor != "postgresql":
        return list(build())
    key = (alias, key, _arrangement(days))
    stored = _get(key)
    if stored is None:
        queryset = build()
        connection = connections[queryset.db]
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        places = _places(params, connection.ops.prep_for_like_query(prefix) + "%")
        if places is None:
            return list(queryset)
        query = queryset.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        stored = (queryset.db, sql, places, names, compiler, converters)
        _put(key, stored)
    alias, sql, places, names, compiler, converters = stored
    connection = connections[alias]
    like = connection.ops.prep_for_like_query(prefix) + "%"
    params = [_fill(place, value, days, like) for place, value in places]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = compiler.apply_converters(rows, converters)
    return [dict(zip(names, row, strict=True)) for row in rows]


def _arrangement(days):
    """The names of the dates grouped by equal value, in the dates' order: a builder may merge equal conditions
    (a half-year ends with its year) or bound by the earliest and latest, so two calls share SQL only when their
    dates are arranged alike."""
    by_day: dict = {}
    for name, day in sorted(days.items(), key=lambda item: (item[1], item[0])):
        by_day.setdefault(day, []).append(name)
    return tuple(tuple(names) for names in by_day.values())


_DAY, _PREFIX, _CONSTANT = "day", "prefix", "constant"


def _places(params, like):
    """[(kind, value)] for each param, or None when one cannot be placed."""
    places: list[tuple[str, Any]] = []
    for param in params:
        if isinstance(param, StandIn) and param.name:
            places.append((_DAY, param.name))
        elif isinstance(param, datetime.date):
            return None  # a date the caller did not name: another call may need another one
        elif param == like:
            places.append((_PREFIX, None))
        elif isinstance(param, str) and like[:-1] in param:
            return None  # the prefix in another form
        else:
            places.append((_CONSTANT, param))
    return places


def _fill(place, value, days, like):
    if place == _DAY:
        day = days[value]
        return datetime.date(day.year, day.month, day.day)
    if place == _PREFIX:
        return like
    return value


def _get(key):
    with _lock:
        stored = _store.get(key)
        if stored is not None:
            _store.move_to_end(key)
            stats["reused"] += 1
        return stored


def _put(key, stored):
    with _lock:
        stats["built"] += 1
        _store[key] = stored
        while len(_store) > SIZE:
            _store.popitem(last=False)


def clear():
    """Forget every statement and the counts (tests)."""
    with _lock:
        _store.clear()
        stats.update(built=0, reused=0)
