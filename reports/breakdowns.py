"""Two more breakdowns a báo cáo states: awards by the level that has authority to confer them, and the
commendation proposals of the period by where they stand.

Both are read live (a handful of grouped rows, one query each), on the tree of the period's last day like every
figure of a period (unions/placement.py), and frozen in a run's snapshots like the totals by
form and issuer, so a report rebuilt later says what it said when it was built.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from awards.models import LEVEL_RANK, IssuingLevel, Proposal
from core import statements
from unions import placement


@dataclass(frozen=True)
class LevelTotal:
    level: str
    collective: int
    individual: int

    @property
    def label(self) -> str:
        return str(IssuingLevel(self.level).label)

    @property
    def total(self) -> int:
        return self.collective + self.individual


@dataclass(frozen=True)
class StateCount:
    status: str
    count: int

    @property
    def label(self) -> str:
        return str(Proposal.Status(self.status).label)


def _by_rank(levels: Iterable[LevelTotal]) -> list[LevelTotal]:
    return sorted(levels, key=lambda t: -LEVEL_RANK[t.level])


def awards_by_level(scope: Any, period: Any) -> list[LevelTotal]:
    """[LevelTotal] of the valid awards received in the scope and decided in the period, highest level first
    (from the same rows as the totals by form and issuer)."""
    from .award_totals import received

    levels: dict[str, tuple[int, int]] = {}
    for award_type, _issuer, collective_n, individual_n in received(scope, period):
        collective, individual = levels.get(award_type.issuing_level, (0, 0))
        levels[award_type.issuing_level] = (collective + collective_n, individual + individual_n)
    return _by_rank(LevelTotal(level, *counts) for level, counts in levels.items())


def proposals_by_state(scope: Any, period: Any) -> list[StateCount]:
    """[StateCount] of the proposals sent by units of the scope for the years of the period (counted by the
    proposal's year), by their state today, in the order of the workflow."""
    years = tuple(period.years)

    def build() -> Any:
        return (
            Proposal.objects.filter(placement.subtree_q(scope, period.end, "from_org__path"), year__in=years)
            .order_by()
            .values("status")
            .annotate(n=Count("id"))
        )

    moved = placement.as_of(scope, period.end).regrouped
    key = ("proposals_by_state", len(scope.path), years)
    rows = statements.fetch(key, Proposal, build, {}, scope.path, reuse=not moved)
    counts = {r["status"]: r["n"] for r in rows}
    return [StateCount(status, counts[status]) for status in Proposal.Status.values if counts.get(status)]


def snapshot_codes(levels: Iterable[LevelTotal], states: Iterable[StateCount]) -> dict[str, int]:
    codes = {}
    for t in levels:
        codes[f"level:{t.level}:collective"] = t.collective
        codes[f"level:{t.level}:individual"] = t.individual
    for s in states:
        codes[f"proposals:{s.status}"] = s.count
    return codes


def from_snapshots(snapshots: Iterable[Any]) -> tuple[list[LevelTotal], list[StateCount]]:
    """(levels, states) rebuilt from a run's snapshots, in the order the live functions give."""
    levels: dict[str, tuple[int, int]] = {}
    states: dict[str, int] = {}
    for s in snapshots:
        if s.child:
            continue
        if s.code.startswith("level:"):
            _prefix, level, kind = s.code.split(":")
            collective, individual = levels.get(level, (0, 0))
            levels[level] = (s.value, individual) if kind == "collective" else (collective, s.value)
        elif s.code.startswith("proposals:"):
            states[s.code.split(":", 1)[1]] = s.value
    level_list = _by_rank(LevelTotal(level, *values) for level, values in levels.items() if level in LEVEL_RANK)
    state_list = [StateCount(status, states[status]) for status in Proposal.Status.values if states.get(status)]
    return level_list, state_list
