"""The benchmark suite judges the pages against its baselines and floors: these must read what the pages show.

On tier T0 of the scale generator (10.000 members, the bench's own accounts), each baseline's statements run and
return the rows the page lists, in the page's order, for the same signed-in user; the floor views (served only
with benchmarks.urls) show those rows too; and the verdict names each missed condition.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from benchmarks import baselines, report
from benchmarks.scale import generate

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the bench runs on PostgreSQL")

MEMBER_LINK = re.compile(r'href="/members/(\d+)/"')


@pytest.fixture(scope="module")
def t0(django_db_setup, django_db_blocker):
    """Loads T0 once for the module and removes it afterwards."""
    from tests.conftest import load_catalogues

    with django_db_blocker.unblock():
        load_catalogues()
        with connection.cursor() as cursor:
            # The generator's temporary tables live as long as the connection, which other modules' generator runs
            # share (tests/test_explain.py): dropped before and after.
            cursor.execute("DISCARD TEMP")
        call_command(generate.Command(), tier="T0", password="bench-pass-1", verbosity=0)
        yield baselines.targets()
        with connection.cursor() as cursor:
            cursor.execute("DISCARD TEMP")
            cursor.execute("SET session_replication_role = replica")  # the audit log refuses TRUNCATE
            cursor.execute("TRUNCATE unions_organization, auth_user, reports_rollupstate RESTART IDENTITY CASCADE")
            cursor.execute("SET session_replication_role = DEFAULT")


def _signed_in(client, t0, who):
    client.force_login(get_user_model().objects.get(username=t0["accounts"][who]))
    return client


def _member_ids(html):
    return [int(pk) for pk in MEMBER_LINK.findall(html)]


def _post(client, url, data):
    return client.post(url, data).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who, scope", [("officer", "union"), ("leader", "province")])
def test_member_page_baseline_reads_the_pages_members_in_order(client, t0, who, scope):
    html = _signed_in(client, t0, who).get("/members/").content.decode()
    count, page = baselines.run(baselines.member_page, t0[scope].path).results
    shown = _member_ids(html)
    assert len(shown) == baselines.PAGE
    assert [row[0] for row in page[: baselines.PAGE]] == shown
    assert count[0][0] >= len(shown)


@pytest.mark.django_db
def test_keyset_baseline_reads_the_next_pages_members(client, t0):
    anchor = baselines.deep_anchor(t0["province"].path, 1000)
    html = _signed_in(client, t0, "leader").get(f"/members/?after={anchor}").content.decode()
    page = baselines.run(baselines.member_page, t0["province"].path, after=anchor).results[-1]
    assert [row[0] for row in page[: baselines.PAGE]] == _member_ids(html)
    assert anchor not in _member_ids(html)


@pytest.mark.django_db
def test_name_search_baseline_finds_the_pages_members_by_the_same_words(client, t0):
    html = _post(_signed_in(client, t0, "leader"), "/members/search/", {"q": t0["name"]})
    page = baselines.run(baselines.member_search, t0["province"].path, t0["name"]).results[-1]
    shown = _member_ids(html)
    assert shown, "the searched name is a member's"
    assert [row[0] for row in page[: baselines.PAGE]] == shown
    # The words index, as the product's search: not the text anywhere in the name (a slower, wider answer).
    sql = " ".join(statement for statement, _ in baselines.statements(baselines.member_search, "", t0["name"]))
    assert "to_tsvector" in sql and "LIKE %s AND m.search_name LIKE" not in sql


@pytest.mark.django_db
def test_picker_baseline_lists_the_pickers_members(client, t0):
    html = _post(_signed_in(client, t0, "leader"), "/pick/member/", {"q": t0["name"], "source": "campaigns.author"})
    rows = baselines.run(baselines.member_pick, t0["province"].path, t0["name"]).results[-1]
    picked = [int(pk) for pk in re.findall(r'data-pick="(\d+)"', html)]
    assert picked
    assert [row[0] for row in rows[: baselines.PICKED]] == picked


@pytest.mark.django_db
def test_cccd_baseline_finds_the_pages_member(client, t0):
    html = _post(_signed_in(client, t0, "national"), "/members/search/", {"q": t0["cccd"]})
    (rows,) = baselines.run(baselines.member_cccd, t0["root"].path, t0["cccd"]).results
    assert [row[0] for row in rows] == _member_ids(html)
    assert len(rows) == 1


@pytest.mark.django_db
def test_awards_baseline_reads_the_registers_count_and_rows(client, t0):
    html = _signed_in(client, t0, "leader").get("/awards/?year=2025&subject=individual").content.decode()
    count, *_total, page = baselines.run(baselines.awards_page, t0["province"].path, 2025).results
    assert f'data-count="{count[0][0]}"' in html
    assert [row[2] for row in page] == _member_ids(html)


@pytest.mark.django_db
def test_proposal_baseline_reads_the_proposals_lines(client, t0):
    pk = t0["proposal"].pk
    html = _signed_in(client, t0, "officer").get(f"/proposals/{pk}/").content.decode()
    header, counted, lines = baselines.run(baselines.proposal_page, t0["union"].path, pk).results
    assert len(header) == 1
    assert sum(row[-1] for row in counted) == t0["proposal"].lines.count()
    assert sorted(row[1] for row in lines) == sorted(set(_member_ids(html)))
    # Outside the scope the proposal is not read, as the page answers 404.
    assert baselines.run(baselines.proposal_page, "ZZZZ", pk).results[0] == []


@pytest.mark.django_db
@pytest.mark.urls("benchmarks.urls")
def test_floor_views_show_the_baselines_rows_to_the_signed_in_user_only(client, t0):
    assert client.get("/_floor/members/").status_code == 302  # signed out: to the sign-in page
    _signed_in(client, t0, "leader")
    html = client.get("/_floor/members/").content.decode()
    page = baselines.run(baselines.member_page, t0["province"].path).results[-1]
    assert [int(pk) for pk in re.findall(r"<tr><td>(\d+)</td>", html)][1:] == [row[0] for row in page]
    found = client.post("/_floor/members/search/", {"q": t0["name"]}).content.decode()
    searched = baselines.run(baselines.member_search, t0["province"].path, t0["name"]).results[-1]
    assert [int(pk) for pk in re.findall(r"<tr><td>(\d+)</td>", found)][1:] == [row[0] for row in searched]
    dashboard = client.get(f"/_floor/dashboard/rollup/?org={t0['province'].pk}&period=year:2025")
    assert dashboard.status_code == 200
    # An organisation outside the user's scope is not found, as on the dashboard.
    assert client.get(f"/_floor/dashboard/rollup/?org={t0['root'].pk}&period=year:2025").status_code == 404


def _row(p50, p95, floor, sql, group="members"):
    return {
        "name": "Member list",
        "group": group,
        "app": {"p50_ms": p50, "p95_ms": p95},
        "floor": {"p50_ms": floor},
        "sql": {"p50_ms": sql},
    }


@pytest.mark.parametrize(
    "row, misses",
    [
        (_row(26.0, 40.0, 12.0, 10.0), []),
        (_row(61.5, 90.0, 12.0, 30.0), ["p50 61.5 ms > floor 12.0 + 15"]),
        (_row(40.0, 90.0, 30.0, 10.0), ["p50 40.0 ms > 2 × SQL 10.0 + 15"]),
        (_row(30.0, 160.0, 20.0, 20.0, "pickers"), ["p95 160.0 ms > 150"]),
        (_row(60.0, 90.0, 50.0, 30.0, "dashboard"), ["p50 60.0 ms > 50"]),
    ],
    ids=["met", "over-floor", "over-sql", "picker-p95", "dashboard-p50"],
)
def test_a_page_is_judged_by_its_floor_sql_and_p95(row, misses):
    assert report.page_misses(row) == misses


def test_other_users_slowed_by_an_export_miss_the_target():
    load = {"steady": True, "aggregated": {"failures": 0}}
    impact = {"without": load, "during": load, "exports": [{"rows": 40_000}], "p95_without_ms": 100.0}
    assert (
        report.missed_targets({"pages": [], "export_impact": {**impact, "p95_during_ms": 118.0, "ratio": 1.18}}) == []
    )
    assert report.missed_targets({"pages": [], "export_impact": {**impact, "p95_during_ms": 130.0, "ratio": 1.3}}) == [
        "Other users during an export: p95 130 ms > 1.2 × 100 ms without one (ratio 1.3)"
    ]
