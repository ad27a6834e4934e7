"""Every award figure counts by the decision date, to the day, for every kind of period, live and rolled up.

Awards decided on the edges of the halves of a year: 30 June counts in the first half only, 1 July and
December in the second only, a January decision for last year's achievements in the new year.
"""

import datetime

import pytest
from django.utils import timezone

from awards.models import AwardType
from awards.services.register import PastAward, awards_import
from reports import figures as fig
from reports import metrics as m
from reports import periods, rollups
from reports.award_totals import award_totals
from tests.factories import UserFactory, role

Y = timezone.localdate().year - 1  # last year: its halves are among the periods the rollup table keeps
D = datetime.date
# (decision date, year of the achievement, award type, member?, bonus)
AWARDS = [
    (D(Y - 1, 12, 31), Y - 1, "LDTT", True, 100_000),
    (D(Y, 1, 10), Y - 1, "CSTDCS", True, 200_000),
    (D(Y, 6, 30), Y, "BK_LDLD_TT", False, 400_000),
    (D(Y, 7, 1), Y, "BK_LDLD_CN", True, 800_000),
    (D(Y, 12, 20), Y, "CO_LDLD", False, 1_600_000),
    (D(Y, 12, 31), Y, "LDTT", True, 3_200_000),
    (D(Y + 1, 1, 2), Y, "TTLDTT", False, 6_400_000),
]
PERIODS = {
    "year": periods.year(Y),
    "half1": periods.half(Y, 1),
    "half2": periods.half(Y, 2),
    "term": periods.term(2023, 2028) if 2023 <= Y <= 2028 else periods.term(Y - 1, Y + 1),
    "range": periods.Period("range", D(Y - 1, 12, 31), D(Y, 6, 30)),
}


@pytest.fixture
def decided(world, award_catalogue):
    staff = UserFactory(username="staff_city")
    role(staff, world.city, "federation_staff")
    members = {}
    rows = []
    for i, (signed_on, year, code, individual, bonus) in enumerate(AWARDS):
        member = members.setdefault(code, world.member_a1) if individual else None
        rows.append(
            PastAward(
                award_type=AwardType.objects.get(code=code),
                year=year,
                organization=world.union_a1,
                member=member,
                number=f"{i + 1}/QĐ-LĐLĐ",
                signed_on=signed_on,
                issuer=world.city,
                issuer_name=world.city.name,
                bonus_amount=bonus,
            )
        )
    awards_import(actor=staff, organization=world.city, rows=rows)
    rollups.rebuild()
    return world


def _expected(period, metric):
    inside = [a for a in AWARDS if period.start <= a[0] <= period.end]
    if metric == "awards_individual":
        return sum(1 for a in inside if a[3])
    if metric == "awards_collective":
        return sum(1 for a in inside if not a[3])
    if metric == "bonuses":
        return sum(a[4] for a in inside)
    if metric == "by_type":
        return sorted(a[2] for a in inside)
    return sorted((a[2], a[3]) for a in inside)


def _read(scope, period, metric):
    """(the registry's live value, the value a page reads: the rollup table where it holds the period)."""
    if metric in m.REGISTRY:
        return m.REGISTRY[metric].value(scope, period), fig.values(scope, period, [metric])[metric]
    if metric == "by_type":
        return (
            [code for code, _name, n in m.awards_by_type(scope, period) for _i in range(n)],
            [code for code, _name, n in fig.awards_by_type(scope, period) for _i in range(n)],
        )
    found = award_totals(scope, period)
    return [
        (t.form, individual)
        for t in found
        for individual, n in ((False, t.collective), (True, t.individual))
        for _i in range(n)
    ], None


@pytest.mark.parametrize("kind", sorted(PERIODS))
@pytest.mark.parametrize("metric", ["awards_individual", "awards_collective", "bonuses", "by_type", "totals"])
def test_each_period_kind_counts_by_decision_date(decided, kind, metric):
    period = PERIODS[kind]
    scope = decided.city  # a scope the rollup table holds, so standard periods read it
    assert rollups.covers(scope, period) == (kind != "range")
    live, shown = _read(scope, period, metric)
    expected = _expected(period, metric)
    if metric == "by_type":
        live, shown = sorted(live), sorted(shown)
    if metric == "totals":
        forms = {"BK_LDLD_TT": "bang khen", "BK_LDLD_CN": "bang khen", "CO_LDLD": "co thi dua"}
        expected = sorted((forms.get(code, f"t-{code}"), individual) for code, individual in expected)
        live = sorted(live)
        shown = live
    assert live == expected
    assert shown == expected


def test_december_counts_only_in_the_second_half(decided):
    first, second = periods.half(Y, 1), periods.half(Y, 2)
    for code in ("awards_individual", "awards_collective", "bonuses"):
        assert (
            fig.values(decided.city, first, [code])[code] + fig.values(decided.city, second, [code])[code]
            == fig.values(decided.city, periods.year(Y), [code])[code]
        )
    december = [t for t in award_totals(decided.city, second) if t.form == "co thi dua"]
    assert [t.collective for t in december] == [1]
    assert not [t for t in award_totals(decided.city, first) if t.form == "co thi dua"]
