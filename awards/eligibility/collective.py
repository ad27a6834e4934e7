"""What the collective rules count: the members of a union with its divisions and groups on the reference date.

A union's members sit in the union itself and in its divisions (công đoàn bộ phận) and groups (tổ công đoàn):
the subtree under its materialised path. The rules count who was a member at the end of the year evaluated
(joined by then, and not left or transferred out before it), so a member who left in March does not lower the
share of the year and one who left in the following January still counts.

Queries: a fixed number per distinct depth of the unions evaluated (one depth on a page of grassroots unions),
whatever the number of unions or members, aggregated in the database by the unit prefix of the member's path.
"""

import datetime
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr

from unions.models import Member, MemberStatus

from ..models import Award, DisciplineRecord, PerformanceRating

AT_LEAST_HT = ["HTXS", "HTT", "HT"]


def reference_date(year):
    return datetime.date(year, 12, 31)


def roster(paths, year):
    """Members of the subtrees under `paths` (all of one length) on the reference date of `year`."""
    on = reference_date(year)
    under = reduce(or_, (Q(org_path__startswith=p) for p in paths))
    joined = Q(joined_on__isnull=True) | Q(joined_on__lte=on)
    still_there = Q(status=MemberStatus.ACTIVE) | Q(left_on__gt=on)
    return Member.objects.filter(under, joined, still_there)


def empty_stats():
    return {
        "members": 0,
        "at_least_ht": 0,
        "titles": defaultdict(int),
        "pending": defaultdict(int),
        "discipline_levels": [],
    }


def union_stats(unions, year, pending=None):
    """{union pk: stats}: members counted, members rated HT or better, members holding each title of the year,
    members proposed for a title in the same file who do not hold it yet, discipline levels decided in the year."""
    stats = {u.pk: empty_stats() for u in unions}
    by_length: defaultdict[int, dict[str, int]] = defaultdict(dict)
    for u in unions:
        by_length[len(u.path)][u.path] = u.pk
    for length, pk_of in by_length.items():
        _count(stats, pk_of, length, year, pending or {})
    return stats


def _count(stats, pk_of, length, year, pending):
    members = roster(list(pk_of), year).annotate(unit=Substr("org_path", 1, length))
    rated = PerformanceRating.objects.filter(member=OuterRef("pk"), year=year, rating__in=AT_LEAST_HT)
    codes = sorted(pending)
    # Per title proposed in the file: the members proposed for it who do not hold it yet (same query, so the
    # number of queries does not depend on what is proposed).
    held = {
        f"held_{i}": Exists(
            Award.objects.filter(member=OuterRef("pk"), year=year, status=Award.Status.VALID, award_type__code=code)
        )
        for i, code in enumerate(codes)
    }
    proposed = {
        f"proposed_{i}": Count("id", filter=Q(pk__in=pending[code], **{f"held_{i}": False}))
        for i, code in enumerate(codes)
    }
    rows = (
        members.annotate(rated=Exists(rated), **held)
        .order_by()
        .values("unit")
        .annotate(n=Count("id"), at_least_ht=Count("id", filter=Q(rated=True)), **proposed)
    )
    for row in rows:
        union = stats[pk_of[row["unit"]]]
        union["members"], union["at_least_ht"] = row["n"], row["at_least_ht"]
        for i, code in enumerate(codes):
            union["pending"][code] = row[f"proposed_{i}"]
    titles = (
        Award.objects.filter(year=year, status=Award.Status.VALID, member__in=members.values("pk"))
        .annotate(unit=Substr("member__org_path", 1, length))
        .order_by()
        .values("unit", "award_type__code")
        .annotate(n=Count("member_id", distinct=True))
    )
    for row in titles:
        stats[pk_of[row["unit"]]]["titles"][row["award_type__code"]] = row["n"]
    disciplined = (
        DisciplineRecord.objects.filter(member__in=members.values("pk"), decided_on__year=year)
        .annotate(unit=Substr("member__org_path", 1, length))
        .values_list("unit", "level")
    )
    for unit, level in disciplined:
        stats[pk_of[unit]]["discipline_levels"].append(level)
