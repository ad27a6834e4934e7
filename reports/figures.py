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
        read = _read(scope)
        if all((period.code, code) in read for code in codes):
            return {code: read[period.code, code] for code in codes}
        return rollups.values(scope, period, list(codes))
    found = _counted(scope, [(period, code) for code in codes])
    return {code: found[period.code, code] for code in codes}


def values_of_periods(scope, wanted):
    """{period code: {code: value}} for {period: codes}: the periods the table holds read from it, the others
    counted live in one pass (a period and the one before, five years of awards)."""
    stored = [p for p in wanted if rollups.covers(scope, p)]
    every = sorted({code for p in stored for code in wanted[p]})
    read = _read(scope)
    if all((p.code, code) in read for p in stored for code in every):
        result = {p.code: {code: read[p.code, code] for code in every} for p in stored}
    else:
        result = rollups.values_by_period(scope, stored, every) if stored else {}
    counted = [(p, code) for p in wanted if p not in stored for code in wanted[p]]
    found = _counted(scope, counted)
    for period, codes in wanted.items():
        if period.code not in result:
            result[period.code] = {code: found[period.code, code] for code in codes}
    return result


def count_ahead(scope, wanted, children=None):
    """Reads in one pass the figures a page will ask of `scope` ({period: codes}): the table's in one read, the
    others counted live together; the page's later asks find them on the scope object (the dashboard's parts
    ask separately). With `children` (period, codes), the per-child columns `by_child` will ask are counted in
    the same queries when the table does not hold them."""
    stored = [p for p in wanted if rollups.covers(scope, p)]
    if stored:
        every = sorted({code for p in stored for code in wanted[p]})
        read = _read(scope)
        for period_code, found in rollups.values_by_period(scope, stored, every).items():
            read.update({(period_code, code): value for code, value in found.items()})
    if children is not None and rollups.covers_children(scope, children[0]):
        children = None
    _counted(scope, [(p, code) for p, codes in wanted.items() if p not in stored for code in codes], children)


def _read(scope):
    """{(period code, code): value} read ahead from the table on this scope object."""
    return scope.__dict__.setdefault("_read_figures", {})


def _counted(scope, wanted, children=None):
    """{(period code, code): value} counted live, the ones counted ahead on this scope object reused."""
    known = scope.__dict__.setdefault("_counted_figures", {})
    missing = [(p, code) for p, code in wanted if (p.code, code) not in known]
    if missing:
        known.update(m.live_values(scope, missing, children))
    return known


def by_child(scope, period, codes):
    """{code: {child path: value}} for the children the scope had on the period's last day, by their path today
    (and rows owned by the scope itself)."""
    if rollups.covers_children(scope, period):
        per_child = rollups.children_values(scope, period, list(codes))
        return {code: {path: row.get(code, 0) for path, row in per_child.items()} for code in codes}
    return m.live_by_child(scope, period, list(codes))


def awards_by_type(scope, period):
    """[(code, name, lượt)] highest awards first, from the rows the totals by form and issuer read too
    (award_totals.received: the table's where it holds the scope and period, else one grouped count)."""
    from .award_totals import received

    counts: dict[str, int] = {}
    types = {}
    for award_type, _issuer, collective, individual in received(scope, period):
        counts[award_type.code] = counts.get(award_type.code, 0) + collective + individual
        types[award_type.code] = award_type
    order = sorted(types.values(), key=lambda t: (-t.rank, t.name))
    return [(t.code, t.name, counts[t.code]) for t in order if counts[t.code]]


def awards_by_year(scope, years):
    from . import periods

    codes = ["awards_individual", "awards_collective"]
    year_periods = [periods.year(y) for y in years]
    found = values_of_periods(scope, dict.fromkeys(year_periods, codes))
    return [(p.start.year, sum(found[p.code].values())) for p in year_periods]
