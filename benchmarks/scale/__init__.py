"""National-size data for benchmarks: `python -m benchmarks.scale --tier T0|T1|T2|T3`.

Rows are produced inside PostgreSQL (INSERT … SELECT over generate_series, values drawn from hashes
of the row number) so ten million members load in minutes and the same tier always yields the
same data.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    name: str
    members: int
    unions: int
    provinces: int


TIERS = {
    "T0": Tier("T0", 10_000, 1_000, 3),
    "T1": Tier("T1", 100_000, 13_000, 8),
    "T2": Tier("T2", 1_000_000, 130_000, 34),
    "T3": Tier("T3", 10_500_000, 130_000, 34),
}

FIRST_YEAR, LAST_YEAR = 2016, 2025  # ten finished years of history; registrations also for LAST_YEAR + 1
