"""Which units were in a subtree on a given day: the tree of that time.

Rows carry a copy of their owner's current path (ancestry.py), so a subtree is one prefix test. A figure of a
past period must count each unit under the parent it had then: after the reform of 7/2025, the term 2018–2023
of a dissolved district federation still holds the grassroots unions it had, now under a commune union.

`ParentChange` dates every change of parent (a move, a hand-over at a merger or dissolution). Only the units
whose parent changed after the day sit elsewhere on that day than today, and each takes its whole current
subtree with it. So the subtree of that day is the current prefix test corrected by one prefix term per such
unit, "rows under it count" or "do not count", the deepest term over a row deciding. Usually no unit changed
parent since the day: then it is the plain prefix test, for one indexed query per scope object (the date of
the latest change, remembered on the object while a page or a report is drawn, as `reports.rollups.covers`
remembers its answer).

A unit's parent on a day is the `old_parent` of its first change after that day, else its current parent.
Moves made in the admin (corrections, undated) record no change: the tree is read as if it had always been so.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Expression, Q, QuerySet, Value, When
from django.db.models.functions import Substr

from .models import Organization, ParentChange

STEP = Organization.steplen


def _latest_change(scope: Organization) -> datetime.date | None:
    """The date of the latest change of parent anywhere (None: none yet), read once per scope object: a day on
    or after it has today's tree, which is what nearly every figure asks for."""
    if not hasattr(scope, "_parent_changed_last"):
        latest = ParentChange.objects.order_by("-happened_on").values_list("happened_on", flat=True).first()
        setattr(scope, "_parent_changed_last", latest)  # noqa: B010 -- remembered on this object only
    found: datetime.date | None = getattr(scope, "_parent_changed_last")  # noqa: B009
    return found


def _changes_after(scope: Organization, day: datetime.date) -> dict[str, str | None]:
    """{current path of each unit whose parent changed after `day` and that matters to `scope`: current path of
    its parent on `day` (None: it was a root)}.

    Not every change of the country: those under the scope or out of it, then those the walks up the tree of
    that day pass through, and those out of units that were in the scope then, until nothing new turns up
    (a query or two). A unit that changed parent twice is loaded with all its changes (the first one counts).
    """
    latest = _latest_change(scope)
    if latest is None or latest <= day:
        return {}
    after = ParentChange.objects.filter(happened_on__gt=day)
    above = [scope.path[:length] for length in range(STEP, len(scope.path), STEP)]
    wanted = (
        Q(organization__path__startswith=scope.path)
        | Q(old_parent__path__startswith=scope.path)
        | Q(organization__path__in=above)
    )
    first: dict[str, str | None] = {}
    walked: set[str] = set()
    expanded: set[str] = set()
    next_wanted: Q | None = wanted
    while next_wanted is not None:
        wanted = next_wanted
        rows = (
            ParentChange.objects.filter(
                happened_on__gt=day, organization_id__in=after.filter(wanted).values("organization_id")
            )
            .exclude(organization__path__in=list(first))
            .order_by("happened_on", "created_at", "pk")
            .values_list("organization__path", "old_parent__path")
        )
        for path, old_parent in rows:
            first.setdefault(path, old_parent)
        # Units the walks pass through, not known yet to have changed parent or not.
        seen: set[str] = set()
        inside_elsewhere = [
            mover
            for mover in first
            if _then_child(mover, first, scope.path, seen) is not None and not mover.startswith(scope.path)
        ]
        unknown = {node for node in seen - walked if not node.startswith(scope.path) and node not in above}
        walked |= unknown
        # A unit of the scope then, elsewhere now, counts with its subtree of today: the units that left that
        # subtree since were in the scope then too, and those that came into it since were not.
        fresh = [mover for mover in inside_elsewhere if mover not in expanded]
        expanded.update(fresh)
        next_wanted = Q(organization__path__in=sorted(unknown)) if unknown else None
        for mover in fresh:
            around = Q(old_parent__path__startswith=mover) | Q(organization__path__startswith=mover)
            next_wanted = around if next_wanted is None else next_wanted | around
    return first


def _then_child(path: str, first: dict[str, str | None], scope_path: str, seen: set[str] | None = None) -> str | None:
    """The child of the scope the unit at `path` was under on the day (that child's current path; the unit
    itself when the scope was its parent), or None when it was outside the scope's subtree. `seen` collects the
    units passed through that are not known to have changed parent."""
    below: str | None = None
    node: str | None = path
    # Each step climbs one level or jumps through a change; a loop (inconsistent history) ends as "outside".
    for _step in range((len(first) + 1) * (len(path) // STEP + 2)):
        if node is None:
            return None
        if node == scope_path:
            return below
        below = node
        if node in first:
            node = first[node]
        else:
            if seen is not None:
                seen.add(node)
            node = node[:-STEP] or None
    return None


def _deepest(decided: dict[str, Any], path: str, default: Any = None) -> Any:
    """The entry of `decided` for the deepest strict prefix of `path`, else `default`."""
    for length in range(len(path) - STEP, 0, -STEP):
        if path[:length] in decided:
            return decided[path[:length]]
    return default


@dataclass
class Placement:
    """The subtree of `scope_path` on a day, as prefix terms over the current paths."""

    scope_path: str
    # (path, counts) shallow first, the scope itself included: the deepest term over a row decides.
    terms: list[tuple[str, bool]] = field(default_factory=list)
    # (path, child key or None) deepest first: the child of the scope rows under `path` count for
    # (None: the current child, cut from the row's own path).
    keys: list[tuple[str, str | None]] = field(default_factory=list)
    moved_in: list[str] = field(default_factory=list)  # current children of the scope that were elsewhere then
    moved_out: list[str] = field(default_factory=list)  # children of the scope then, elsewhere now

    @property
    def moved(self) -> bool:
        """Whether the units counted differ from today's subtree."""
        return len(self.terms) > 1

    @property
    def regrouped(self) -> bool:
        """Whether the units counted, or the child of the scope some of them count for, differ from today."""
        return self.moved or len(self.keys) > 1

    def q(self, path_field: str) -> Q:
        """The rows owned, through `path_field`, by a unit in the subtree on the day."""
        found: Q | None = None
        for path, counts in self.terms:
            under = Q(**{f"{path_field}__startswith": path})
            if counts:
                found = under if found is None else found | under
            elif found is not None:
                found &= ~under
        return found if found is not None else Q(pk__in=[])

    def child_key(self, path_field: str) -> Expression | Substr:
        """An expression giving each counted row the current path of the child of the scope it was under on
        the day (the scope's own path for the scope's own rows)."""
        current = Substr(path_field, 1, len(self.scope_path) + STEP)
        if len(self.keys) == 1:
            return current
        return Case(
            *[
                When(Q(**{f"{path_field}__startswith": path}), then=Value(key) if key else current)
                for path, key in self.keys
            ],
            default=current,
            output_field=CharField(),
        )


def _place(scope_path: str, first: dict[str, str | None]) -> Placement:
    child_length = len(scope_path) + STEP
    counts: dict[str, bool] = {scope_path: True}
    keys: dict[str, str | None] = {scope_path: None}
    terms: list[tuple[str, bool]] = [(scope_path, True)]
    key_terms: list[tuple[str, str | None]] = [(scope_path, None)]
    moved_in: list[str] = []
    moved_out: list[str] = []
    missing = object()
    for mover in sorted(first, key=lambda p: (len(p), p)):  # shallow first: what a mover inherits is known
        if mover == scope_path:
            continue  # the scope holds its own subtree wherever it stands
        child = _then_child(mover, first, scope_path)
        inside = child is not None
        if inside != _deepest(counts, mover, False):
            terms.append((mover, inside))
        counts[mover] = inside
        if inside:
            # The child its rows would count for without a term of its own: the nearest term above it says.
            above = _deepest(keys, mover, missing)
            inherited = mover[:child_length] if above is None else (None if above is missing else above)
            if inherited != child:
                key_terms.append((mover, child))
            keys[mover] = child
        child_now = len(mover) == child_length and mover.startswith(scope_path)
        if child_now and child != mover:
            moved_in.append(mover)
        elif not child_now and child == mover:
            moved_out.append(mover)
    terms.sort(key=lambda t: len(t[0]))
    key_terms.sort(key=lambda t: -len(t[0]))
    return Placement(scope_path, terms, key_terms, moved_in, moved_out)


def as_of(scope: Organization, day: datetime.date | None) -> Placement:
    """The Placement of `scope`'s subtree on `day` (None: today)."""
    if day is None:
        return Placement(scope.path, [(scope.path, True)], [(scope.path, None)])
    # Per scope object: a page asks for a day many times.
    cache: dict[datetime.date, Placement] = scope.__dict__.setdefault("_placements", {})
    if day not in cache:
        cache[day] = _place(scope.path, _changes_after(scope, day))
    return cache[day]


def subtree_q(scope: Organization, day: datetime.date | None, path_field: str) -> Q:
    """A Q on a row's owner-path column: owned by a unit that was in `scope`'s subtree on `day`."""
    return as_of(scope, day).q(path_field)


def child_key(scope: Organization, day: datetime.date | None, path_field: str) -> Expression | Substr:
    """The expression grouping rows by the child of `scope` they were under on `day` (see Placement)."""
    return as_of(scope, day).child_key(path_field)


def children_at(scope: Organization, day: datetime.date | None) -> QuerySet[Organization]:
    """The units that were children of `scope` on `day`: today's children that were not moved in since, and the
    units moved away since whose parent was then `scope`."""
    placed = as_of(scope, day)
    found = Q(path__startswith=scope.path, depth=scope.depth + 1)
    if placed.moved_in:
        found &= ~Q(path__in=placed.moved_in)
    if placed.moved_out:
        found |= Q(path__in=placed.moved_out)
    units: QuerySet[Organization] = Organization.objects.filter(found)
    return units
