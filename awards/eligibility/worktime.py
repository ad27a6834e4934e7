"""Months worked in a year and the days absent that count against the 40-day rule, from dates and leave kinds.

The clerk used to work these out by hand; now the rules read them from the member's employment dates and the
year's leave records. Maternity leave is time worked for the titles (Nghị định 98/2023 and 152/2025: "thời gian
nghỉ thai sản theo quy định được tính để bình xét"), so it is not counted among the days absent.

A rating marked `time_override` keeps the numbers typed on it: unusual cases (a secondment, a transfer between
employers in the middle of the year) that dates alone do not describe.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from ..models import LeaveKind

# Kinds of leave that are time worked for the titles, so never among the days absent.
NOT_ABSENT = frozenset({LeaveKind.MATERNITY})


def months_employed(year, employed_from, employed_until):
    """Calendar months of `year` in which the member was employed for at least half the month's days.

    None when no employment date is known: the typed number stays the only source then.
    """
    if employed_from is None and employed_until is None:
        return None
    first = max(employed_from or datetime.date(year, 1, 1), datetime.date(year, 1, 1))
    last = min(employed_until or datetime.date(year, 12, 31), datetime.date(year, 12, 31))
    months = 0
    for month in range(1, 13):
        length = calendar.monthrange(year, month)[1]
        start = max(first, datetime.date(year, month, 1))
        end = min(last, datetime.date(year, month, length))
        if end >= start and 2 * ((end - start).days + 1) >= length:
            months += 1
    return months


def counted_absence(leaves):
    """Days absent for the 40-day rule from (kind, days) pairs; None when there is no leave record at all."""
    leaves = list(leaves)
    if not leaves:
        return None
    return sum((Decimal(days) for kind, days in leaves if kind not in NOT_ABSENT), Decimal(0))


def days_text(days):
    """Days as a Vietnamese page writes them: 5, 2,5 (never 5.0)."""
    text = f"{Decimal(days):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass(frozen=True)
class WorkTime:
    """What the rules read: months worked and days absent, and whether each was computed or typed."""

    months: int | None
    absent: Decimal | None
    months_computed: bool
    absent_computed: bool


def work_time(year, member, rating, leaves):
    """The figures of `member` for `year`: the override of `rating` first, then the dates and leave records,
    then the numbers typed on the rating (a union that records neither dates nor leave)."""
    typed_months = rating.months_worked if rating else None
    typed_absent = rating.absent_days if rating else None
    if rating is not None and rating.time_override:
        return WorkTime(typed_months, typed_absent, False, False)
    months = months_employed(year, member.employed_from, member.employed_until)
    absent = counted_absence(leaves)
    return WorkTime(
        typed_months if months is None else months,
        typed_absent if absent is None else absent,
        months is not None,
        absent is not None,
    )
