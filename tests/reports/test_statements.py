"""The live figures' SQL is compiled once per shape and reused for other unions and periods (core/statements.py):
a reused statement must count exactly what the ORM counts for the new union and dates."""

import datetime

import pytest

from core import statements
from reports import figures, periods, selectors
from reports import metrics as m
from tests.reports.test_tree_of_that_time import history  # noqa: F401  (fixture)
from unions.models import Member, Organization


@pytest.fixture(autouse=True)
def _empty_store():
    statements.clear()
    yield
    statements.clear()


def counted(scope_id, period):
    """The dashboard's pass on a new scope object, then its figures and child columns."""
    scope = Organization.objects.get(pk=scope_id)
    selectors.count_ahead(scope, period)
    return figures.values(scope, period, [*m.HEADLINE, "grassroots_launched"]), figures.by_child(
        scope, period, m.CHILD_COLUMNS
    )


def registry(scope_id, period):
    """The same from each metric's own ORM query."""
    scope = Organization.objects.get(pk=scope_id)
    values = {code: m.REGISTRY[code].value(scope, period) for code in [*m.HEADLINE, "grassroots_launched"]}
    columns = {
        code: {path: v for path, v in m.REGISTRY[code].by_child(scope, period).items() if v} for code in m.CHILD_COLUMNS
    }
    return values, columns


@pytest.mark.django_db
def test_another_district_and_year_reuse_the_sql_and_count_their_own_rows(history):  # noqa: F811
    w = history
    first = counted(w.district_a.pk, periods.year(2023))
    built = statements.stats["built"]
    assert built >= 4  # members, units, awards, initiatives, launches: one statement each

    reused_before = statements.stats["reused"]
    second = counted(w.district_b.pk, periods.year(2022))
    assert statements.stats["built"] == built, "the second district's pass compiled SQL again"
    assert statements.stats["reused"] - reused_before == built

    assert first == registry(w.district_a.pk, periods.year(2023))
    assert second == registry(w.district_b.pk, periods.year(2022))
    # The reuse ran with B's path and 2022's dates, not A's and 2023's.
    assert second[0]["awards_individual"] != first[0]["awards_individual"]
    assert set(second[1]["members"]) == {w.union_b1.path}


@pytest.mark.django_db
def test_half_years_share_their_own_statements(history):  # noqa: F811
    """A half-year's pass asks its five years, the half before and itself: another shape than a year's, the same
    for every first half (a second half's dates coincide with its year's otherwise)."""
    w = history
    first, second = periods.half(2021, 1), periods.half(2023, 1)
    assert counted(w.district_a.pk, first) == registry(w.district_a.pk, first)
    built = statements.stats["built"]
    assert counted(w.district_a.pk, second) == registry(w.district_a.pk, second)
    assert statements.stats["built"] == built
    # A second half ends with its year: equal dates may merge conditions, so its SQL is its own.
    assert counted(w.district_a.pk, periods.half(2022, 2)) == registry(w.district_a.pk, periods.half(2022, 2))
    assert statements.stats["built"] > built


@pytest.mark.django_db
def test_a_date_the_caller_did_not_name_is_never_stored(world):
    union = world.union_a1
    Member.objects.create(organization=union, full_name="Trần Thị Hoa", joined_on=datetime.date(2020, 1, 1))

    def build(day):
        ins = statements.stand_ins({"end": day})
        cutoff = ins["end"] - datetime.timedelta(days=1)  # computed from the stand-in: it has no name
        return lambda: Member.objects.filter(
            org_path__startswith=union.path, full_name="Trần Thị Hoa", joined_on__lte=cutoff
        ).values("id")

    built = statements.stats["built"]
    key = ("test", "unnamed date")
    day = datetime.date(2020, 1, 2)
    assert len(statements.fetch(key, Member, build(day), {"end": day}, union.path)) == 1
    day = datetime.date(2020, 1, 1)
    assert statements.fetch(key, Member, build(day), {"end": day}, union.path) == []
    assert statements.stats["built"] == built


@pytest.mark.django_db
def test_the_dashboards_breakdowns_reuse_their_sql_for_another_district(history):  # noqa: F811
    """Awards received by type and issuer, and proposals by state: one statement each, reused for district B."""
    from awards.models import Proposal
    from reports import award_totals, breakdowns

    w = history
    year = periods.year(2022)
    for district in (w.district_a, w.district_b):
        scope = Organization.objects.get(pk=district.pk)
        states = {s.status: s.count for s in breakdowns.proposals_by_state(scope, year)}
        sent = Proposal.objects.filter(from_org__path__startswith=scope.path, year=2022)
        assert states == {status: sent.filter(status=status).count() for status in {p.status for p in sent}}
        assert figures.awards_by_type(scope, year) == m.awards_by_type(scope, year)
        assert award_totals.award_totals(scope, year)  # the totals by form are drawn from the same rows
    assert statements.stats["built"] == 2 and statements.stats["reused"] == 2
