"""EXPLAIN guards at tier T1 (100.000 members, 13.000 unions): the hot queries use their indexes.

A plan that falls back to reading a whole large table is what turns 20 ms into seconds at national size,
and it happens silently when an index or a denormalised column stops being used.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from awards.models import Award
from benchmarks.scale import generate
from reports import periods
from reports.models import MetricRollup
from unions.models import Member, Organization

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="plans are PostgreSQL's")


@pytest.fixture(scope="module")
def t1(django_db_setup, django_db_blocker):
    """Loads T1 once for the module and removes it afterwards."""
    from tests.conftest import load_catalogues

    with django_db_blocker.unblock():
        load_catalogues()
        call_command(generate.Command(), tier="T1", verbosity=0)
        union = Organization.objects.filter(depth=4).order_by("path").first()
        commune = Organization.objects.filter(depth=3).order_by("path").first()
        member = Member.objects.filter(organization=union).first()
        yield {"union": union, "commune": commune, "member": member}
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")  # the audit log refuses TRUNCATE
            cursor.execute("TRUNCATE unions_organization, auth_user, reports_rollupstate RESTART IDENTITY CASCADE")
            cursor.execute("SET session_replication_role = DEFAULT")


def _plan(qs):
    return qs.explain()


def _uses_index(plan, table):
    lines = [line for line in plan.splitlines() if re.search(rf" on {table}\b", line)]
    assert lines, plan
    assert not any("Seq Scan" in line for line in lines), plan
    return plan


@pytest.mark.django_db
def test_member_list_of_a_union_reads_its_rows_by_index(t1):
    qs = Member.objects.filter(org_path__startswith=t1["union"].path, status="active").order_by("search_name", "pk")[
        :26
    ]
    _uses_index(_plan(qs), "unions_member")


@pytest.mark.django_db
def test_name_search_by_words_uses_the_words_index_within_a_province(t1):
    """The words index is built from the very expression the search filters on (unions/name_search.py and its
    migration): the planner uses it for a province's search, with the province as a word of the query."""
    from unions import name_search

    province = Organization.objects.get(path=t1["union"].path[: 2 * Organization.steplen])
    assert name_search.scope_word([province.path]) == "o" + province.path
    qs = name_search.by_words(Member.objects.all(), t1["member"].search_name, [province.path])
    plan = _plan(qs.order_by("search_name", "pk")[:26])
    assert "member_name_words" in plan, plan
    assert t1["member"] in qs


@pytest.mark.django_db
def test_name_search_uses_the_trigram_index(t1):
    folded = t1["member"].search_name
    plan = _plan(Member.objects.filter(search_name__contains=folded[:12]).order_by("search_name", "pk")[:26])
    assert "member_search_name_trgm" in plan or "Index" in plan, plan
    _uses_index(plan, "unions_member")


@pytest.mark.django_db
def test_cccd_lookup_uses_the_unique_index(t1):
    plan = _plan(Member.objects.filter(national_id=t1["member"].national_id))
    assert "national_id" in plan and "Index" in plan, plan


@pytest.mark.django_db
def test_awards_of_a_commune_read_by_the_path_index(t1):
    qs = Award.objects.filter(org_path__startswith=t1["commune"].path, year=2025, status="valid")
    _uses_index(_plan(qs.order_by().values("year").annotate(n=Count("id"))), "awards_award")


@pytest.mark.django_db
def test_award_figures_of_a_commune_by_decision_date_read_the_path_index(t1):
    """The award metrics count by the decision date copied on the row: no join, the path index."""
    from reports import metrics

    period = periods.half(2025, 2)
    qs, path, agg = metrics.REGISTRY["awards_individual"].source(period)
    plan = _uses_index(
        _plan(qs.filter(**{f"{path}__startswith": t1["commune"].path}).order_by().values("status").annotate(v=agg)),
        "awards_award",
    )
    assert "awards_decision" not in plan


@pytest.mark.django_db
def test_dashboard_figures_are_an_index_lookup(t1):
    root = Organization.objects.get(depth=1)
    qs = MetricRollup.objects.filter(organization=root, period=periods.year(2025).code)
    assert qs.count() > 0
    _uses_index(_plan(qs), "reports_metricrollup")


@pytest.mark.django_db
def test_the_countrys_awards_of_a_period_are_read_by_decision_date(t1):
    """The totals by form, issuer and level of the confederation: the path prefix covers the whole table, so the
    period's rows are found by their decision date, not by reading every award."""
    from reports import award_totals

    root = Organization.objects.get(depth=1)
    for period in (periods.year(2026), periods.half(2025, 2)):
        rows = Award.objects.filter(
            org_path__startswith=root.path, status="valid", decided_on__range=(period.start, period.end)
        )
        _uses_index(_plan(rows.order_by().values("award_type_id").annotate(n=Count("id"))), "awards_award")
    assert award_totals.award_totals(root, periods.year(2026)) == []


@pytest.mark.django_db
def test_the_pickers_name_search_over_a_province_uses_the_words_index(t1):
    """The picker's search (unions/pickers.py) as a provincial leader runs it: scoped to the province, active
    members, LIMIT 21, no count; its SQL is the words index's, not a walk over the province's members."""
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UserFactory, role
    from unions import pickers

    province = Organization.objects.get(path=t1["union"].path[: 2 * Organization.steplen])
    leader = UserFactory(username="picker-leader")
    role(leader, province, "leader")
    with CaptureQueriesContext(connection) as queries:
        rows = pickers.search(leader, "campaigns.author", pickers.MEMBER, t1["member"].search_name, "")
    assert rows is not None and t1["member"] in rows
    searches = [q["sql"] for q in queries.captured_queries if "to_tsvector" in q["sql"]]
    assert len(searches) == 1 and "LIMIT 21" in searches[0]
    assert "COUNT(" not in " ".join(q["sql"] for q in queries.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + searches[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "member_name_words" in plan, plan
