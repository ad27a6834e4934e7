"""Where a figure comes from: the rollup table for large scopes and standard periods, a live count otherwise.

Both count a period on the tree of its last day (unions/placement.py): when a unit changed parent since, in a
way that changes the scope's figures, `rollups.covers` says no and the figure is counted live.

Dashboards, report snapshots and narratives read through here, so both paths give the same numbers
(tests/reports/test_rollups.py holds them to it).
"""

from . import metrics as m
from . import rollups


def values(scope, period, codes):
    """{code: value} of a scope for one period."""
    if rollups.covers(scope, period):
        return rollups.values(scope, period, list(codes))
    return {code: m.REGISTRY[code].value(scope, period) for code in codes}


def by_child(scope, period, codes):
    """{code: {child path: value}} for the children the scope had on the period's last day, by their path today
    (and rows owned by the scope itself)."""
    if rollups.covers_children(scope, period):
        per_child = rollups.children_values(scope, period, list(codes))
        return {code: {path: row.get(code, 0) for path, row in per_child.items()} for code in codes}
    return {code: m.REGISTRY[code].by_child(scope, period) for code in codes}


def awards_by_type(scope, period):
    if rollups.covers(scope, period):
        return rollups.awards_by_type(scope, period)
    return m.awards_by_type(scope, period)


def awards_by_year(scope, years):
    from . import periods

    codes = ["awards_individual", "awards_collective"]
    year_periods = [periods.year(y) for y in years]
    if all(rollups.covers(scope, p) for p in year_periods):
        stored = rollups.values_by_period(scope, year_periods, codes)
        return [(p.start.year, sum(stored[p.code].values())) for p in year_periods]
    result = []
    for p in year_periods:
        found = values(scope, p, codes)
        result.append((p.start.year, found["awards_individual"] + found["awards_collective"]))
    return result
