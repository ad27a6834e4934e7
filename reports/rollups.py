"""The rollup table: every metric of the registry per organisation subtree and standard period.

A live count is fine for a district but too slow for a province or the whole country (millions of rows),
so those scopes read `MetricRollup`. One grouped query per metric collects the rows by the owner's path
cut at ROLLUP_MAX_DEPTH and by month (or year); Python then turns those series into period values with
prefix sums and adds each cut path into its ancestors. Every metric is additive over disjoint subtrees,
which is what makes the sums exact: `tests/reports/test_rollups.py` compares both paths on every metric.

`rebuild()` recomputes everything (nightly, and after loading data); `refresh(prefixes)` recomputes the
branches under the given paths and the ancestors above them, after writes (see `touch`).
"""

import bisect
import datetime
import io
import threading
import time
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from unions.models import Organization

from . import metrics as m
from . import periods as p
from .models import MetricRollup, RollupState
from .specs import ByYear, Current, Distinct, Flow, Stock

STEP = Organization.steplen
TYPE_PREFIX = "awards_type:"


def max_depth():
    return settings.ROLLUP_MAX_DEPTH


def _specs():
    """(code, spec, split field) of every metric, plus the awards-by-type breakdown."""
    specs = [(code, metric.rollup, None) for code, metric in m.REGISTRY.items()]
    specs.append((TYPE_PREFIX, ByYear(m._valid_awards, "org_path", Count("id")), "award_type__code"))
    return specs


# -- collecting -------------------------------------------------------------------------------------------

def _grouped(spec, where, key_expr, split, extra=()):
    cut = Substr(spec.path, 1, max_depth() * STEP)
    qs = spec.base().filter(where).order_by().annotate(t=cut)
    names = ["t", *extra]
    if key_expr is not None:
        qs = qs.annotate(k=key_expr)
        names.append("k")
    if split:
        qs = qs.annotate(s=F(split))
        names.append("s")
    return qs.values(*names).annotate(v=spec.agg)


def _where(spec, prefixes, exact):
    if prefixes is None:
        return Q()
    q = Q()
    for prefix in prefixes:
        q |= Q(**{f"{spec.path}__startswith": prefix})
    if exact:
        q |= Q(**{f"{spec.path}__in": list(exact)})
    return q


def _series(spec, where, split):
    """{(cut path, split value): kind-specific series} for one spec."""
    out = defaultdict(lambda: defaultdict(int))
    if isinstance(spec, Flow):
        for r in _grouped(spec, where & Q(**{f"{spec.date}__isnull": False}), TruncMonth(spec.date), split):
            out[(r["t"], r.get("s"))][_month(r["k"])] += r["v"] or 0
    elif isinstance(spec, ByYear):
        for r in _grouped(spec, where, F(spec.year), split):
            out[(r["t"], r.get("s"))][r["k"]] += r["v"] or 0
    elif isinstance(spec, Stock):
        # Rows whose end precedes their start never exist on any day: the live count skips them too.
        alive = where & ~Q(**{f"{spec.end}__lt": F(spec.start)})
        for r in _grouped(spec, alive, TruncMonth(spec.start), split):
            key = _month(r["k"]) if r["k"] else datetime.date.min
            out[(r["t"], r.get("s"))][key] += r["v"] or 0
        ended = alive & Q(**{f"{spec.end}__isnull": False})
        for r in _grouped(spec, ended, TruncMonth(spec.end), split):
            out[(r["t"], r.get("s"))][_month(r["k"])] -= r["v"] or 0
    elif isinstance(spec, Current):
        for r in _grouped(spec, where, None, split):
            out[(r["t"], r.get("s"))][None] += r["v"] or 0
    elif isinstance(spec, Distinct):
        rows = (spec.base().filter(where & Q(**{f"{spec.date}__isnull": False})).order_by()
                .annotate(t=Substr(spec.path, 1, max_depth() * STEP), k=TruncMonth(spec.date), u=F(spec.key))
                .values_list("t", "u", "k").distinct())
        for t, key, month in rows:
            out[(t, None)].setdefault("months", defaultdict(set))[key].add(_month(month))
    return out


def _month(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.replace(day=1)


# -- turning series into period values ----------------------------------------------------------------------

class _Sums:
    """Prefix sums over a sorted series: the sum of keys in [low, high] in O(log n)."""

    def __init__(self, series):
        self.keys = sorted(k for k in series if k is not None)
        self.cum, total = [], 0
        for k in self.keys:
            total += series[k]
            self.cum.append(total)

    def upto(self, key):
        i = bisect.bisect_right(self.keys, key)
        return self.cum[i - 1] if i else 0

    def between(self, low, high):
        return self.upto(high) - (self.upto(low) if low is not None else 0)


def _period_values(spec, series, periods):
    """{period code: value} for one cut path."""
    if isinstance(spec, Current):
        value = series.get(None, 0)
        return {period.code: value for period in periods}
    if isinstance(spec, Distinct):
        result = dict.fromkeys((period.code for period in periods), 0)
        containing = {}
        for seen in series.get("months", {}).values():
            codes = set()
            for month in seen:
                if month not in containing:
                    containing[month] = {period.code for period in periods
                                         if period.start.replace(day=1) <= month <= period.end}
                codes |= containing[month]
            for code in codes:
                result[code] += 1
        return result
    sums = _Sums(series)
    result = {}
    for period in periods:
        if isinstance(spec, Flow):
            result[period.code] = sums.between(_month_before(period.start), period.end)
        elif isinstance(spec, ByYear):
            result[period.code] = sums.between(period.start.year - 1, period.end.year)
        else:  # Stock: alive on the period's last day
            result[period.code] = sums.upto(period.end)
    return result


def _month_before(day):
    first = day.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def _compute(nodes, periods, prefixes=None, exact=()):
    """{(node path, period code, code): value} for the node paths given, from the rows under `prefixes`.

    With `exact`, rows owned by exactly those paths count for that path alone (an ancestor's own rows).
    """
    wanted = set(nodes)
    values = defaultdict(int)
    for code, spec, split in _specs():
        where = _where(spec, prefixes, exact)
        for (cut, split_value), series in _series(spec, where, split).items():
            if cut is None:
                continue
            name = f"{code}{split_value}" if split else code
            per_period = _period_values(spec, series, periods)
            for length in ((len(cut),) if exact else range(STEP, len(cut) + 1, STEP)):
                node = cut[:length]
                if node in wanted:
                    for period_code, value in per_period.items():
                        if value:
                            values[(node, period_code, name)] += value
    return values


# -- storing ---------------------------------------------------------------------------------------------------

def _store(node_ids, values, period_codes):
    MetricRollup.objects.filter(organization_id__in=list(node_ids.values()), period__in=period_codes).delete()
    rows = [(node_ids[node], period_code, code, value)
            for (node, period_code, code), value in values.items() if value]
    if connection.vendor == "postgresql":
        buf = io.StringIO("".join(f"{o}\t{pc}\t{c}\t{v}\n" for o, pc, c, v in rows))
        with connection.cursor() as cursor:
            cursor.copy_expert("COPY reports_metricrollup (organization_id, period, code, value) FROM STDIN", buf)
    else:
        MetricRollup.objects.bulk_create(
            [MetricRollup(organization_id=o, period=pc, code=c, value=v) for o, pc, c, v in rows], batch_size=2000)
    return len(rows)


def _nodes(prefixes=None):
    qs = Organization.objects.filter(depth__lte=max_depth())
    if prefixes is not None:
        q = Q()
        for prefix in prefixes:
            q |= Q(path__startswith=prefix)
        qs = qs.filter(q)
    return dict(qs.values_list("path", "id"))


def rebuild():
    """Recompute the whole table; returns the number of rows stored."""
    started = time.monotonic()
    periods = p.standard(timezone.localdate())
    codes = [period.code for period in periods]
    with transaction.atomic():
        state = _state(lock=True)
        node_ids = _nodes()
        values = _compute(node_ids, periods)
        MetricRollup.objects.all().delete()
        stored = _store(node_ids, values, codes)
        state.periods, state.max_depth = codes, max_depth()
        state.rebuilt_at = state.refreshed_at = timezone.now()
        state.rebuild_seconds = time.monotonic() - started
        state.save()
    return stored


def refresh(prefixes):
    """Recompute the branches under `prefixes` and their ancestors; a no-op until a first rebuild."""
    with transaction.atomic():
        state = _state(lock=True, create=False)
        if state is None or not state.periods:
            return 0
        periods = [p.parse(code, timezone.localdate()) for code in state.periods]
        branches = sorted({prefix[: max_depth() * STEP] for prefix in prefixes if prefix})
        if not branches:
            return 0
        branch_nodes = _nodes(branches)
        ancestors = sorted({b[:length] for b in branches for length in range(STEP, len(b), STEP)} - set(branch_nodes))
        ancestor_ids = dict(Organization.objects.filter(path__in=ancestors).values_list("path", "id"))
        values = _compute(branch_nodes, periods, branches)
        own = _compute(ancestor_ids, periods, [], exact=ancestors) if ancestors else {}
        _add_children(values, own, ancestors, set(branch_nodes), state.periods)
        node_ids = {**branch_nodes, **ancestor_ids}
        stored = _store(node_ids, values, state.periods)
        state.refreshed_at = timezone.now()
        state.save(update_fields=["refreshed_at"])
    return stored


def _add_children(values, own, ancestors, fresh, period_codes):
    """Ancestors = their own rows + the sum of their children, deepest first; a child is either just
    recomputed (`fresh`) or read back from the table."""
    fresh = set(fresh)
    for ancestor in sorted(ancestors, key=len, reverse=True):
        for key, value in own.items():
            if key[0] == ancestor:
                values[key] += value
        children = dict(Organization.objects.filter(path__startswith=ancestor, depth=len(ancestor) // STEP + 1)
                        .values_list("path", "id"))
        kept = [pk for path, pk in children.items() if path not in fresh]
        stored = (MetricRollup.objects.filter(organization_id__in=kept, period__in=period_codes)
                  .values_list("period", "code", "value"))
        for period_code, code, value in stored:
            values[(ancestor, period_code, code)] += value
        for (path, period_code, code), value in list(values.items()):
            if path in fresh and path in children:
                values[(ancestor, period_code, code)] += value
        fresh.add(ancestor)


def _state(lock=False, create=True):
    qs = RollupState.objects.select_for_update() if lock else RollupState.objects
    state = qs.order_by("pk").first()
    if state is None and create:
        state = RollupState.objects.create()
    return state


# -- reading ----------------------------------------------------------------------------------------------------

def covers(scope, period):
    """Whether the table holds this scope and period (else the caller counts live)."""
    if scope.depth > max_depth():
        return False
    state = RollupState.objects.order_by("pk").values("periods", "max_depth").first()
    return bool(state) and state["max_depth"] == max_depth() and period.code in state["periods"]


def values(scope, period, codes=None):
    qs = MetricRollup.objects.filter(organization=scope, period=period.code)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    found = dict(qs.values_list("code", "value"))
    return {code: found.get(code, 0) for code in (codes or m.REGISTRY)}


def children_values(scope, period, codes):
    """{child path: {code: value}} for the children of a scope above the deepest rolled-up level."""
    rows = (MetricRollup.objects.filter(organization__path__startswith=scope.path,
                                        organization__depth=scope.depth + 1, period=period.code, code__in=codes)
            .values_list("organization__path", "code", "value"))
    out = defaultdict(dict)
    for path, code, value in rows:
        out[path][code] = value
    return out


def awards_by_type(scope, period):
    from awards.models import AwardType

    counts = {code[len(TYPE_PREFIX):]: value for code, value in
              MetricRollup.objects.filter(organization=scope, period=period.code, code__startswith=TYPE_PREFIX)
              .values_list("code", "value")}
    types = AwardType.objects.filter(code__in=counts).order_by("-rank", "name").values_list("code", "name")
    return [(code, name, counts[code]) for code, name in types]


# -- keeping it fresh ---------------------------------------------------------------------------------------

_pending = threading.local()


def touch(*paths):
    """Note that rows under these paths changed: their branches are refreshed once the transaction commits."""
    cut = {path[: max_depth() * STEP] for path in paths if path}
    if not cut:
        return
    if getattr(_pending, "paths", None) is None:
        _pending.paths = set()
    _pending.paths |= cut
    # One callback per touch; the first to run takes every pending path, the others find none.
    transaction.on_commit(_flush)


def _flush():
    paths, _pending.paths = getattr(_pending, "paths", None), None
    if paths:
        from .tasks import refresh_rollups

        refresh_rollups.delay(sorted(paths))
