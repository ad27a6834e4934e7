"""The yearly ratings grid of one union: its active members with their rating, leave and work time."""

from collections import defaultdict
from dataclasses import dataclass

from unions import access
from unions.models import Member, MemberStatus

from ..eligibility.worktime import WorkTime, months_employed, work_time
from ..models import LeaveRecord, PerformanceRating


@dataclass
class GridRow:
    member: Member
    rating: PerformanceRating | None
    leaves: dict  # kind -> days
    time: WorkTime  # what the rules read now
    months_from_dates: int | None  # None when the member has no employment date


def ratings_grid_for(user, organization, year):
    """Rows of the grid, in name order; a fixed number of queries whatever the union's size."""
    members = list(
        access.restrict(Member.objects.all(), user, access.MEMBER_WRITE, "organization")
        .filter(organization__path__startswith=organization.path, status=MemberStatus.ACTIVE)
        .select_related("organization")
        .order_by("search_name", "pk")
    )
    ratings = {r.member_id: r for r in PerformanceRating.objects.filter(member__in=members, year=year)}
    leaves: defaultdict[int, dict] = defaultdict(dict)
    for member_id, kind, days in LeaveRecord.objects.filter(member__in=members, year=year).values_list(
        "member_id", "kind", "days"
    ):
        leaves[member_id][kind] = days
    return [
        GridRow(
            member=m,
            rating=ratings.get(m.pk),
            leaves=leaves[m.pk],
            time=work_time(year, m, ratings.get(m.pk), leaves[m.pk].items()),
            months_from_dates=months_employed(year, m.employed_from, m.employed_until),
        )
        for m in members
    ]


def union_rating_for(organization, year):
    return PerformanceRating.objects.filter(organization=organization, member=None, year=year).first()
