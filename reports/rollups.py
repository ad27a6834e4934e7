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
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection, transaction
from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import ExtractYear, Greatest, Substr
from django.db.models.lookups import Exact, StartsWith
from django.utils import timezone

from unions import placement
from unions.models import Organization

from . import metrics as m
from . import periods as p
from .models import MetricRollup, RollupState
from .specs import ByYear, Current, Distinct, Flow, Stock

STEP = Organization.steplen
# The codes the table holds; raise it when a release adds or changes codes (1: awards received by type,
# issuer and kind, "recv:…").
LAYOUT = 1


def max_depth():
    """Scopes down to this depth read the table; their children (one level deeper) keep the child columns."""
    return settings.ROLLUP_MAX_DEPTH


def _cut_length():
    return (max_depth() + 1) * STEP


# -- collecting -------------------------------------------------------------------------------------------
#
# Every standard period starts and ends on a half-year boundary, so rows are bucketed by half-year:
# bucket = year * 2 + (0 for January–June, 1 for July–December). Rows before the earliest period fall into
# its first bucket (stocks) or are left out (flows).


def _groups():
    """Specs read together, one query each: same model and owner path, and the same time field.

    A flow on the field a stock starts on (members who joined; members then) shares the stock's query."""
    groups = defaultdict(list)
    stock_starts = {}
    for code, metric in m.REGISTRY.items():
        spec = metric.rollup
        if isinstance(spec, Stock):
            key = ("stock", spec.model, spec.path, spec.start, spec.end)
            stock_starts[(spec.model, spec.path, spec.start)] = key
        elif isinstance(spec, Flow):
            key = ("flow", spec.model, spec.path, spec.date)
        elif isinstance(spec, ByYear):
            key = ("year", spec.model, spec.path, spec.year)
        elif isinstance(spec, Current):
            key = ("current", spec.model, spec.path)
        else:
            key = ("distinct", code)
        groups[key].append((code, spec))
    for key in [k for k in groups if k[0] == "flow"]:
        shared = stock_starts.get(key[1:])
        if shared:
            groups[shared] += groups.pop(key)
    return list(groups.values())


def _any_of(qs):
    qs = list(qs)
    if not qs or any(not q for q in qs):
        return Q()
    return reduce(or_, qs)


def _scope(path, prefixes, exact):
    """Rows under `prefixes` or owned exactly by `exact`; every row when prefixes is None."""
    if prefixes is None:
        return Q()
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(**{f"{path}__startswith": prefix})
    if exact:
        q |= Q(**{f"{path}__in": list(exact)})
    return q


def half_of(day):
    return day.year * 2 + (1 if day.month > 6 else 0)


def _half(field, floor):
    bucket = ExtractYear(field) * 2 + Case(When(**{f"{field}__month__gt": 6}, then=Value(1)), default=Value(0))
    return Greatest(bucket, Value(floor)) if floor is not None else bucket


def _aggregate(spec, extra=None):
    where = spec.where if spec.where else None
    if extra is not None:
        where = extra if where is None else where & extra
    return Sum(spec.total, filter=where) if spec.total else Count("pk", filter=where)


def _rows(members, scope, keys, extra=None, aggregates=None):
    first = members[0][1]
    qs = (
        first.model._default_manager.filter(scope & (extra or Q()) & _any_of(s.where for _c, s in members))
        .order_by()
        .annotate(t=Substr(first.path, 1, _cut_length()), **keys)
    )
    aggregates = aggregates or {f"v{i}": _aggregate(spec) for i, (_c, spec) in enumerate(members)}
    return qs.values("t", *keys).annotate(**aggregates)


def _series(members, scope, floor):
    """{code: {cut path: {bucket: value}}} for a group of specs."""
    out = {code: defaultdict(lambda: defaultdict(int)) for code, _spec in members}
    spec = members[0][1]
    if isinstance(spec, Stock):
        # One scan: rows grouped by start and end bucket; a flow on the start field rides along.
        # Rows whose end precedes their start exist on no day: the live count skips them too.
        alive = ~Q(**{f"{spec.end}__lt": F(spec.start)})
        ends = Case(When(**{f"{spec.end}__isnull": True}, then=Value(None)), default=_half(spec.end, floor))
        aggregates = {}
        for i, (_code, member) in enumerate(members):
            if isinstance(member, Flow):
                aggregates[f"v{i}"] = _aggregate(member, Q(**{f"{member.date}__gte": _floor_day(floor)}))
            else:
                aggregates[f"v{i}"] = _aggregate(member, alive)
        rows = _rows(members, scope, {"s": _half(spec.start, floor), "e": ends}, None, aggregates)
        for r in rows:
            for i, (code, member) in enumerate(members):
                value = r[f"v{i}"]
                if not value:
                    continue
                if isinstance(member, Flow):
                    out[code][r["t"]][r["s"]] += value
                else:
                    out[code][r["t"]][r["s"] if r["s"] is not None else floor] += value
                    if r["e"] is not None:
                        out[code][r["t"]][r["e"]] -= value
        return out
    if isinstance(spec, Flow):
        rows = _rows(members, scope, {"k": _half(spec.date, None)}, Q(**{f"{spec.date}__gte": _floor_day(floor)}))
    elif isinstance(spec, ByYear):
        rows = _rows(members, scope, {"k": F(spec.year)})
    elif isinstance(spec, Current):
        rows = _rows(members, scope, {})
    else:  # Distinct: the half-years in which each key appears, one row per key
        code = members[0][0]
        qs = (
            spec.model._default_manager.filter(scope & spec.where & Q(**{f"{spec.date}__gte": _floor_day(floor)}))
            .order_by()
            .annotate(t=Substr(spec.path, 1, _cut_length()), u=F(spec.key), h=_half(spec.date, None))
        )
        if connection.vendor == "postgresql":
            halves = qs.values("t", "u").annotate(halves=ArrayAgg("h", distinct=True)).values_list("t", "halves")
        else:
            found = defaultdict(set)
            for t, u, h in qs.values_list("t", "u", "h").distinct():
                found[(t, u)].add(h)
            halves = [(t, hs) for (t, _u), hs in found.items()]
        for t, hs in halves:
            out[code][t].setdefault("keys", []).append(hs)
        return out
    for r in rows:
        for i, (code, _spec) in enumerate(members):
            value = r[f"v{i}"]
            if value:
                out[code][r["t"]][r.get("k")] += value
    return out


def _floor_day(floor):
    return datetime.date(floor // 2, 7 if floor % 2 else 1, 1)


# Awards received, by type, by who issued them and by collective / individual: the totals a báo cáo states
# (reports/award_totals.py). Who issued an award is relative to the node that counts it (the node itself, a
# level above, a unit below...), so a row keeps enough of the issuer's place to be seen from any ancestor:
# "above<d>" keeps the issuer's depth and "other<k>" the number of path steps it shares with the node. From
# the node's parent (`reframe`), an issuer at the parent's depth becomes the parent itself, one sharing its
# steps becomes a unit below it, and the node's own awards become awards from below.
RECEIVED = "recv:"
OWN, BELOW, OUTSIDE, ABOVE, OTHER = "own", "below", "outside", "above", "other"


def _issuer_class(cut):
    """SQL: the issuer's class seen from the node `cut` (an expression of the node's path)."""
    issuer = F("decision__issuer__path")
    whens = [
        When(decision__issuer__path__isnull=True, then=Value(OUTSIDE)),
        When(Exact(issuer, cut), then=Value(OWN)),
        When(StartsWith(issuer, cut), then=Value(BELOW)),
    ]
    whens += [
        When(Q(StartsWith(cut, issuer), decision__issuer__depth=d), then=Value(f"{ABOVE}{d}"))
        for d in range(1, max_depth())
    ]
    whens += [
        When(Exact(Substr(issuer, 1, k * STEP), Substr(cut, 1, k * STEP)), then=Value(f"{OTHER}{k}"))
        for k in range(max_depth() - 1, 0, -1)
    ]
    return Case(*whens, default=Value(f"{OTHER}0"))


def reframe(issuer_class, from_depth, to_depth):
    """The class of an issuer seen from a node at `from_depth`, seen instead from its ancestor at `to_depth`."""
    if from_depth == to_depth or issuer_class in (BELOW, OUTSIDE):
        return issuer_class
    if issuer_class == OWN:
        return BELOW
    depth = int(issuer_class.lstrip(ABOVE + OTHER))
    if issuer_class.startswith(ABOVE):
        return issuer_class if depth < to_depth else OWN if depth == to_depth else BELOW
    return BELOW if depth >= to_depth else issuer_class


def received_code(type_code, issuer_class, individual):
    return f"{RECEIVED}{type_code}:{issuer_class}:{'i' if individual else 'c'}"


def _received(scope, floor):
    """{node path: {received code: {half-year: count}}} of the valid awards by the half-year of the decision date,
    each node being a path cut at the deepest full level (or a shallower owner), for the scopes that read the
    table."""
    from awards.models import Award

    cut = Substr("org_path", 1, max_depth() * STEP)
    out = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    rows = (
        Award.objects.filter(scope & Q(status=Award.Status.VALID, decided_on__gte=_floor_day(floor)))
        .order_by()
        .annotate(t=cut, k=_half("decided_on", None), c=_issuer_class(cut), i=Q(member__isnull=False))
        .values("t", "k", "award_type__code", "c", "i")
        .annotate(v=Count("pk"))
    )
    for r in rows:
        out[r["t"]][received_code(r["award_type__code"], r["c"], r["i"])][r["k"]] += r["v"]
    return out


def _as_parent(code, depth):
    """A code of a node at `depth` as its parent counts it: received awards change class, the rest is summed."""
    if not code.startswith(RECEIVED):
        return code
    type_code, issuer_class, kind = code[len(RECEIVED) :].split(":")
    return f"{RECEIVED}{type_code}:{reframe(issuer_class, depth, depth - 1)}:{kind}"


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
        return self.upto(high) - self.upto(low)


def _period_values(spec, series, periods):
    """{period code: value} for one cut path."""
    if isinstance(spec, Current):
        value = series.get(None, 0)
        return {period.code: value for period in periods}
    if isinstance(spec, Distinct):
        result = dict.fromkeys((period.code for period in periods), 0)
        spans = [(period.code, half_of(period.start), half_of(period.end)) for period in periods]
        for halves in series.get("keys", []):
            for code, low, high in spans:
                if any(low <= h <= high for h in halves):
                    result[code] += 1
        return result
    sums = _Sums(series)
    result = {}
    for period in periods:
        if isinstance(spec, ByYear):
            result[period.code] = sums.between(period.start.year - 1, period.end.year)
        elif isinstance(spec, Flow):
            result[period.code] = sums.between(half_of(period.start) - 1, half_of(period.end))
        else:  # Stock: alive on the period's last day
            result[period.code] = sums.upto(half_of(period.end))
    return result


def _compute(full, child, periods, prefixes=None, exact=()):
    """{(node path, period code, code): value} for the nodes given, from the rows under `prefixes`.

    `full` nodes get every code, `child` nodes the dashboard's child columns. With `exact`, rows owned by
    exactly those paths count for that path alone (an ancestor's own rows, its children being summed apart).
    """
    values = defaultdict(int)
    child_codes = set(m.CHILD_COLUMNS)

    def add(name, spec, per_cut):
        for cut, series in per_cut.items():
            if cut is None:
                continue
            per_period = None
            for length in (len(cut),) if exact else range(STEP, len(cut) + 1, STEP):
                node = cut[:length]
                if node in full or (node in child and name in child_codes):
                    per_period = per_period or _period_values(spec, series, periods)
                    for period_code, value in per_period.items():
                        if value:
                            values[(node, period_code, name)] += value

    floor = min(half_of(period.start) for period in periods)
    for members in _groups():
        spec = members[0][1]
        for code, per_cut in _series(members, _scope(spec.path, prefixes, exact), floor).items():
            add(code, dict(members)[code], per_cut)
    by_decision = Flow(None, Q(), "org_path", date="decided_on")
    for cut, per_code in _received(_scope("org_path", prefixes, exact), floor).items():
        depth = len(cut) // STEP
        for code, series in per_code.items():
            per_period = _period_values(by_decision, series, periods)
            for length in (len(cut),) if exact else range(STEP, len(cut) + 1, STEP):
                node = cut[:length]
                if node in full:
                    type_code, issuer_class, kind = code[len(RECEIVED) :].split(":")
                    name = f"{RECEIVED}{type_code}:{reframe(issuer_class, depth, length // STEP)}:{kind}"
                    for period_code, value in per_period.items():
                        if value:
                            values[(node, period_code, name)] += value
    return values


# -- storing ---------------------------------------------------------------------------------------------------


def _store(node_ids, values, period_codes):
    MetricRollup.objects.filter(organization_id__in=list(node_ids.values()), period__in=period_codes).delete()
    rows = [(node_ids[node], period_code, code, value) for (node, period_code, code), value in values.items() if value]
    if connection.vendor == "postgresql":
        buf = io.StringIO("".join(f"{o}\t{pc}\t{c}\t{v}\n" for o, pc, c, v in rows))
        with connection.cursor() as cursor:
            cursor.copy_expert("COPY reports_metricrollup (organization_id, period, code, value) FROM STDIN", buf)
    else:
        MetricRollup.objects.bulk_create(
            [MetricRollup(organization_id=o, period=pc, code=c, value=v) for o, pc, c, v in rows], batch_size=2000
        )
    return len(rows)


def _nodes(prefixes=None):
    """({path: id} of the nodes that get every code, {path: id} of those that get the child columns)."""
    qs = Organization.objects.filter(depth__lte=max_depth() + 1)
    if prefixes is not None:
        q = Q(pk__in=[])
        for prefix in prefixes:
            q |= Q(path__startswith=prefix)
        qs = qs.filter(q)
    full, child = {}, {}
    for path, pk, depth in qs.values_list("path", "id", "depth"):
        (full if depth <= max_depth() else child)[path] = pk
    return full, child


def rebuild():
    """Recompute the whole table; returns the number of rows stored."""
    started = time.monotonic()
    periods = p.standard(timezone.localdate())
    codes = [period.code for period in periods]
    with transaction.atomic():
        state = _state(lock=True)
        full, child = _nodes()
        values = _compute(full, child, periods)
        MetricRollup.objects.all().delete()
        stored = _store({**full, **child}, values, codes)
        state.periods, state.max_depth, state.layout = codes, max_depth(), LAYOUT
        state.rebuilt_at = state.refreshed_at = timezone.now()
        state.rebuild_seconds = time.monotonic() - started
        state.save()
    return stored


def refresh(paths):
    """Recompute what rows owned under `paths` feed; a no-op until a first rebuild.

    A path at or below the deepest full level refreshes that branch (a province's subtree: a thirty-fourth
    of the country); the nodes above it add their own rows to the sum of their children.
    """
    with transaction.atomic():
        state = _state(lock=True, create=False)
        if state is None or not state.periods or (state.layout, state.max_depth) != (LAYOUT, max_depth()):
            return 0  # nothing to keep fresh until a rebuild in today's layout
        periods = [p.parse(code, timezone.localdate()) for code in state.periods]
        depth_cut = max_depth() * STEP
        branches = sorted({path[:depth_cut] for path in paths if len(path) >= depth_cut})
        owners = {path for path in paths if path and len(path) < depth_cut}
        above = {path[:length] for path in [*branches, *owners] for length in range(STEP, len(path), STEP)}
        summed = sorted(owners | above)
        full, child = _nodes(branches) if branches else ({}, {})
        values = _compute(full, child, periods, branches) if branches else defaultdict(int)
        summed_ids = dict(Organization.objects.filter(path__in=summed).values_list("path", "id"))
        own = _compute(summed_ids, {}, periods, [], exact=summed) if summed else {}
        _add_children(values, own, summed, set(full), state.periods)
        stored = _store({**full, **child, **summed_ids}, values, state.periods)
        state.refreshed_at = timezone.now()
        state.save(update_fields=["refreshed_at"])
    return stored


def _add_children(values, own, summed, fresh, period_codes):
    """Each node in `summed` = its own rows + the sum of its children, deepest first; a child is either just
    recomputed (`fresh`) or read back from the table."""
    fresh = set(fresh)
    for node in sorted(summed, key=len, reverse=True):
        for key, value in own.items():
            if key[0] == node:
                values[key] += value
        children = dict(
            Organization.objects.filter(path__startswith=node, depth=len(node) // STEP + 1).values_list("path", "id")
        )
        kept = [pk for path, pk in children.items() if path not in fresh]
        stored = MetricRollup.objects.filter(organization_id__in=kept, period__in=period_codes).values_list(
            "period", "code", "value"
        )
        depth = len(node) // STEP + 1
        for period_code, code, value in stored:
            values[(node, period_code, _as_parent(code, depth))] += value
        for (path, period_code, code), value in list(values.items()):
            if path in fresh and path in children:
                values[(node, period_code, _as_parent(code, depth))] += value
        fresh.add(node)


def _state(lock=False, create=True):
    qs = RollupState.objects.select_for_update() if lock else RollupState.objects
    state = qs.order_by("pk").first()
    if state is None and create:
        state = RollupState.objects.create()
    return state


# -- reading ----------------------------------------------------------------------------------------------------


def covers(scope, period):
    """Whether the table holds this scope and period (else the caller counts live).

    The table sums today's subtrees; a period counts the subtree of its last day (unions/placement.py). They
    differ only when a unit changed parent since into or out of the scope: then the figures are counted live.
    A move inside the scope (a reform within a province) leaves the scope's figures on the table.
    The table's state is read once per scope object: a page asks many times while it is drawn.
    """
    if scope.depth > max_depth():
        return False
    held = getattr(scope, "_rollup_periods", None)
    if held is None:
        state = RollupState.objects.order_by("pk").values("periods", "max_depth", "layout").first()
        current = state is not None and (state["max_depth"], state["layout"]) == (max_depth(), LAYOUT)
        held = set(state["periods"]) if state is not None and current else set()
        scope._rollup_periods = held
    return period.code in held and not placement.as_of(scope, period.end).moved


def covers_children(scope, period):
    """Whether the table holds the figures of each child of this scope for the period: the scope's own are
    there and no unit changed parent since from one of its children to another."""
    return covers(scope, period) and not placement.as_of(scope, period.end).regrouped


def values_by_period(scope, period_list, codes):
    """{period code: {code: value}} of several periods in one read."""
    found = defaultdict(dict)
    rows = MetricRollup.objects.filter(organization=scope, period__in=[p.code for p in period_list], code__in=codes)
    for period_code, code, value in rows.values_list("period", "code", "value"):
        found[period_code][code] = value
    return {p.code: {code: found[p.code].get(code, 0) for code in codes} for p in period_list}


def values(scope, period, codes=None):
    qs = MetricRollup.objects.filter(organization=scope, period=period.code)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    found = dict(qs.values_list("code", "value"))
    return {code: found.get(code, 0) for code in (codes or m.REGISTRY)}


def children_values(scope, period, codes):
    """{child path: {code: value}} for the children of a scope above the deepest rolled-up level."""
    children = dict(
        Organization.objects.filter(path__startswith=scope.path, depth=scope.depth + 1).values_list("id", "path")
    )
    rows = MetricRollup.objects.filter(
        organization_id__in=list(children), period=period.code, code__in=codes
    ).values_list("organization_id", "code", "value")
    out = defaultdict(dict)
    for org_id, code, value in rows:
        out[children[org_id]][code] = value
    return out


def awards_received(scope, period):
    """[(award type code, issuer class, collective, individual)] of the scope and period: the classes of
    reports/award_totals.py (own, above, below, outside, other)."""
    counts: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    rows = MetricRollup.objects.filter(organization=scope, period=period.code, code__startswith=RECEIVED)
    for code, value in rows.values_list("code", "value"):
        type_code, issuer_class, kind = code[len(RECEIVED) :].split(":")
        issuer_class = issuer_class.rstrip("0123456789")
        counts[(type_code, issuer_class)][kind == "i"] += value
    return [(type_code, issuer_class, c, i) for (type_code, issuer_class), (c, i) in counts.items()]


def awards_by_type(scope, period, received=None):
    """[(code, name, lượt)] highest awards first; `received`: the rows of awards_received when already read."""
    from awards.models import AwardType

    counts: defaultdict[str, int] = defaultdict(int)
    rows = received if received is not None else awards_received(scope, period)
    for type_code, _issuer_class, collective, individual in rows:
        counts[type_code] += collective + individual
    types = AwardType.objects.filter(code__in=counts).order_by("-rank", "name").values_list("code", "name")
    return [(code, name, counts[code]) for code, name in types]


# -- keeping it fresh ---------------------------------------------------------------------------------------

_pending = threading.local()


def touch(*paths):
    """Note that rows owned under these paths changed: refreshed once the transaction commits (at once outside a
    transaction, which is how the change signal calls it: after the commit, once per transaction)."""
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
