"""A timeline read from history rows (django-simple-history): one step per change of state or of a tracked
field, with who, when and why. Model-free: each app's selector fetches its object's rows in one query, oldest
first, with `history_user` joined, and says which field is the state and where a step's reason is."""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    when: datetime.datetime
    user: Any  # the account that acted (None: a system task or data loaded without one)
    state: str  # the state's code after the step
    label: str  # what the step was, for people
    reason: str
    changes: tuple[tuple[str, str, str], ...] = ()  # (field, old value, new value) of tracked fields


def _shown(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def steps(
    rows: Iterable[Any],
    *,
    state: str,
    labels: Mapping[str, object],
    tracked: Mapping[str, object] | None = None,
    reason: Callable[[Any], str] | None = None,
    first: str = "",
) -> list[Step]:
    """Steps from history rows, oldest first. `labels` names each state; `tracked` maps fields whose changes
    are steps too to their names; `reason(row)` gives a step's reason (default: the row's change reason);
    `first` names the creation step (default: the label of its state)."""
    tracked = tracked or {}
    out: list[Step] = []
    previous = None
    for row in rows:
        code = getattr(row, state)
        if previous is None:
            changes: tuple[tuple[str, str, str], ...] = ()
            moved = True
        else:
            changes = tuple(
                (str(name), _shown(getattr(previous, field)), _shown(getattr(row, field)))
                for field, name in tracked.items()
                if getattr(previous, field) != getattr(row, field)
            )
            moved = code != getattr(previous, state)
        if moved or changes:
            why = reason(row) if reason else row.history_change_reason
            label = first if previous is None and first else str(labels.get(code, code))
            out.append(Step(row.history_date, row.history_user, code, label, why or "", changes))
        previous = row
    return out
