"""What the bench looks at, and the best hand-written SQL for the same answers, timed directly on the database.

Each baseline is a function `baseline(sql, …)` that reads what its page shows (rows, counts, figures) by calling
`sql(statement, params)`, which runs the statement and returns its rows. It mirrors the product's own best query
for that answer: the same scope condition, the same index conditions (the folded name's words, the path prefix)
and the same choices the product makes from a capped count (core/paging.py: a small scope is sorted, a large one
read in index order), so the baseline is never slower than the product's SQL and app/SQL is the cost of Django,
templates, sessions and HTTP. `time_sql` times a baseline, `run` returns what it ran and read: the floor views
(benchmarks/floor.py) render those rows, and tests/test_bench_suite.py holds them equal to the pages' rows.
"""

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection

from awards.selectors.proposal_lines import LINES_PER_PAGE
from core.paging import COUNT_LIMIT
from reports import periods
from unions import name_search
from unions.models import Member, Organization

RUNS = 30
PAGE = 25  # the member list's page (unions/views/members.py)
PICKED = 20  # the picker's rows (unions/pickers.py LIMIT)
AWARDS_PAGE = 30  # the awards register's page (awards/views/register.py)
API_PAGE = 50  # the API's page (api/pagination.py)


class Runner:
    """Runs a baseline's statements on one cursor, keeping each statement and the rows it returned."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.statements: list[tuple[str, list]] = []
        self.results: list[list[tuple]] = []

    def __call__(self, statement: str, params=()) -> list[tuple]:
        self.cursor.execute(statement, params)
        rows = self.cursor.fetchall()
        self.statements.append((statement, list(params)))
        self.results.append(rows)
        return rows


Baseline = Callable[..., Any]


def run(baseline: Baseline, *args, **kwargs) -> Runner:
    """One run of the baseline: its statements and their rows."""
    with connection.cursor() as cursor:
        runner = Runner(cursor)
        baseline(runner, *args, **kwargs)
    return runner


def statements(baseline: Baseline, *args, **kwargs) -> list[tuple[str, list]]:
    return run(baseline, *args, **kwargs).statements


def time_sql(baseline: Baseline, *args, **kwargs):
    """Median and p95 (ms) of one run of the baseline's statements, over RUNS runs after two warm-ups."""
    samples = []
    with connection.cursor() as cursor:
        for i in range(RUNS + 2):
            runner = Runner(cursor)
            t0 = time.perf_counter()
            baseline(runner, *args, **kwargs)
            if i >= 2:
                samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "n": RUNS,
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[round(0.95 * (RUNS - 1))], 2),
        "statements": len(runner.statements),
    }


def targets():
    """The organisations, accounts and rows the pages are opened on."""
    User = get_user_model()

    def org_of(username):
        return User.objects.get(username=username).roles.get().organization

    union = org_of("bench-officer-001")
    province = org_of("bench-leader-01")
    district = org_of("bench-staff-01")
    root = Organization.objects.get(depth=1)
    sample = Member.objects.filter(org_path__startswith=province.path, national_id__isnull=False).order_by("id")
    person = sample[min(sample[:100_001].count() // 2, 50_000)] if sample.exists() else None
    return {
        "root": root,
        "province": province,
        "district": district,
        "union": union,
        "name": person.search_name if person else "nguyen van hung",
        "cccd": person.national_id if person else "000000000000",
        "proposal": _proposal(union),
        "accounts": {
            "officer": "bench-officer-001",
            "staff": "bench-staff-01",
            "leader": "bench-leader-01",
            "national": "bench-national",
        },
    }


def _proposal(union):
    """A submitted proposal of 200 lines from the largest union (made once)."""
    from awards.models import AwardType, Proposal, ProposalLine

    found = Proposal.objects.filter(title="Bench: 200 lines", from_org=union).first()
    if found:
        return found
    parent = Organization.objects.get_parent(union)
    proposal = Proposal.objects.create(
        title="Bench: 200 lines", from_org=union, to_org=parent, year=2025, status=Proposal.Status.SUBMITTED
    )
    ldtt = AwardType.objects.get(code="LDTT")
    members = list(Member.objects.filter(organization=union).order_by("id")[:200])
    ProposalLine.objects.bulk_create(
        ProposalLine(
            proposal=proposal, organization=union, member=m, award_type=ldtt, achievement="Hoàn thành xuất sắc nhiệm vụ"
        )
        for m in members
    )
    return proposal


def counts():
    with connection.cursor() as cursor:
        found = {}
        for table in (
            "unions_organization",
            "unions_member",
            "awards_award",
            "campaigns_initiative",
            "campaigns_registration",
            "awards_performancerating",
            "reports_metricrollup",
        ):
            cursor.execute(f"SELECT count(*) FROM {table}")
            found[table] = cursor.fetchone()[0]
    return found


def dashboard_rollup(sql, org, year):
    """Reads the rollup table (reports_metricrollup): the headline now and before, award types and five years of
    the scope, then the children and their columns. `org`: anything with pk, path and depth."""
    codes = [periods.year(y).code for y in range(year - 4, year + 1)]
    sql(
        "SELECT period, code, value FROM reports_metricrollup WHERE organization_id = %s AND period = ANY(%s)",
        [org.pk, codes],
    )
    sql(
        "SELECT id, name, path FROM unions_organization WHERE path LIKE %s AND depth = %s ORDER BY name",
        [org.path + "%", org.depth + 1],
    )
    sql(
        """SELECT r.organization_id, r.code, r.value FROM reports_metricrollup r WHERE r.period = %s
        AND r.organization_id IN (SELECT id FROM unions_organization WHERE path LIKE %s AND depth = %s)""",
        [periods.year(year).code, org.path + "%", org.depth + 1],
    )


def dashboard_live(sql, org, year):
    """Reads the rows of a small subtree (members, awards, initiatives, launches by their path prefix): the same
    figures counted, grouped by child in one pass per table."""
    like, cut = org.path + "%", len(org.path) + 4
    end, before = f"{year}-12-31", f"{year - 1}-12-31"
    sql(
        f"""SELECT substr(org_path, 1, {cut}),
            count(*) FILTER (WHERE (joined_on IS NULL OR joined_on <= %s) AND (left_on IS NULL OR left_on > %s)),
            count(*) FILTER (WHERE gender = 'female' AND (joined_on IS NULL OR joined_on <= %s)
                             AND (left_on IS NULL OR left_on > %s)),
            count(*) FILTER (WHERE (joined_on IS NULL OR joined_on <= %s) AND (left_on IS NULL OR left_on > %s))
         FROM unions_member WHERE org_path LIKE %s AND status <> 'transferred' GROUP BY 1""",
        [end, end, end, end, before, before, like],
    )
    sql(
        f"""SELECT substr(org_path, 1, {cut}), year, award_type_id, (member_id IS NULL), count(*), sum(bonus_amount)
         FROM awards_award WHERE org_path LIKE %s AND status = 'valid' AND year BETWEEN %s AND %s
         GROUP BY 1, 2, 3, 4""",
        [like, year - 4, year],
    )
    sql(
        f"""SELECT substr(org_path, 1, {cut}), scope, count(*), sum(estimated_benefit) FROM campaigns_initiative
         WHERE org_path LIKE %s AND status IN ('recognised', 'applied') AND recognised_on BETWEEN %s AND %s
         GROUP BY 1, 2""",
        [like, f"{year - 1}-01-01", end],
    )
    sql(
        f"""SELECT substr(o.path, 1, {cut}), count(DISTINCT o.id),
            count(DISTINCT l.organization_id) FILTER (WHERE l.launched_on BETWEEN %s AND %s)
         FROM unions_organization o LEFT JOIN campaigns_campaignlaunch l ON l.organization_id = o.id
         WHERE o.path LIKE %s AND o.kind = 'grassroots' GROUP BY 1""",
        [f"{year}-01-01", end, like],
    )


_MEMBER_COLUMNS = """m.id, m.full_name, m.member_code, m.gender, m.birth_date, o.name, o.short_name, m.joined_on,
                     m.status FROM unions_member m JOIN unions_organization o ON o.id = m.organization_id"""
# After the anchor row in (search_name, id) order, in the product's terms (core/paging.keyset_page): the anchor's
# name is read first by its id, then compared as a value, so the planner still reads the scope by its path index.
_AFTER = " AND m.search_name >= %s AND (m.search_name > %s OR (m.search_name = %s AND m.id > %s))"


def _name_order(count):
    """The product's order for a scope of `count` rows (core/paging.keyset_page): a scope of up to COUNT_LIMIT rows
    is read through its own index and sorted, a larger one walked in name order."""
    return "m.search_name" if count > COUNT_LIMIT else "(m.search_name || '')"


def _counted_page(sql, where, params, after=None):
    """The capped count (COUNT_LIMIT + 1 at most, core/paging.capped_count), then the page in the order the count
    chooses; no page query when nothing is counted, as the product."""
    count = sql(f"SELECT count(*) FROM (SELECT 1 FROM unions_member m WHERE {where} LIMIT {COUNT_LIMIT + 1}) x", params)
    found = count[0][0]
    if not found:
        return found
    page_where, page_params = where, list(params)
    anchor = sql("SELECT search_name FROM unions_member WHERE id = %s", [after]) if after else None
    if anchor:
        page_where += _AFTER
        page_params += [anchor[0][0], anchor[0][0], anchor[0][0], after]
    sql(
        f"SELECT {_MEMBER_COLUMNS} WHERE {page_where} ORDER BY {_name_order(found)}, m.id LIMIT {PAGE + 1}",
        page_params,
    )
    return found


def member_page(sql, prefix, after=None):
    """The member list (unions/views/members.py member_list): active members under the path prefix (the
    member_org_path index), capped count, then a page of 25 (+1 to know there is a next) by name and id."""
    _counted_page(sql, "m.org_path LIKE %s AND m.status = 'active'", [prefix + "%"], after)


def deep_anchor(prefix, offset):
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT id FROM unions_member WHERE org_path LIKE %s AND status = 'active'
                          ORDER BY search_name, id OFFSET %s LIMIT 1""",
            [prefix + "%", offset],
        )
        row = cursor.fetchone()
    return row[0] if row else ""


def _words_match(prefix, folded):
    """The product's name condition (unions/name_search.by_words): every word of the folded name, plus the
    province or district word of the scope, against the member_name_words GIN index built on VECTOR."""
    terms = " ".join(filter(None, [name_search.scope_word([prefix]), *name_search.words(folded)]))
    return f"{name_search.VECTOR.format(t='m.')} @@ plainto_tsquery('simple'::regconfig, %s)", terms


def member_search(sql, prefix, folded):
    """The header search by name (unions/views/members.py member_search, unions/filters.MemberFilter): members
    of every status whose folded name holds every word (the words index), capped count, a page by name; the text
    anywhere in the name (the trigram index) only when no whole words match."""
    words, terms = _words_match(prefix, folded)
    if not _counted_page(sql, f"m.org_path LIKE %s AND {words}", [prefix + "%", terms]):
        _counted_page(sql, "m.org_path LIKE %s AND m.search_name LIKE %s", [prefix + "%", f"%{folded}%"])


def member_pick(sql, prefix, folded):
    """The member picker (unions/pickers.find_members, source campaigns.author): active members by the words
    index, in name order, 20 shown and one more to say "type more"; no count. The text anywhere in the name only
    when no whole words match."""
    words, terms = _words_match(prefix, folded)
    rows = sql(
        f"""SELECT {_MEMBER_COLUMNS} WHERE m.org_path LIKE %s AND m.status = 'active' AND {words}
        ORDER BY m.search_name, m.id LIMIT {PICKED + 1}""",
        [prefix + "%", terms],
    )
    if not rows:
        sql(
            f"""SELECT {_MEMBER_COLUMNS} WHERE m.org_path LIKE %s AND m.status = 'active' AND m.search_name LIKE %s
            ORDER BY m.search_name, m.id LIMIT {PICKED + 1}""",
            [prefix + "%", f"%{folded}%"],
        )


def member_cccd(sql, prefix, cccd):
    """The header search by CCCD: the member by the unique national_id index, within the scope. The page also
    counts, but one row or none needs no count."""
    sql(f"SELECT {_MEMBER_COLUMNS} WHERE m.org_path LIKE %s AND m.national_id = %s", [prefix + "%", cccd])


def awards_page(sql, prefix, year):
    """The awards register (awards/views/register.py, awards/selectors/awards.py), individual awards of a year
    under the path prefix (the award_org_path index, which holds the bonus): the capped count, the bonus total
    only below the cap, then 30 rows newest first, sorted for a small scope and read by the (year, id) index for
    a large one, as award_page_order does."""
    where = "a.org_path LIKE %s AND a.year = %s AND a.member_id IS NOT NULL"
    params = [prefix + "%", year]
    found = sql(f"SELECT count(*) FROM (SELECT 1 FROM awards_award a WHERE {where} LIMIT {COUNT_LIMIT + 1}) x", params)
    small = found[0][0] <= COUNT_LIMIT
    if small:
        sql(f"SELECT sum(a.bonus_amount) FROM awards_award a WHERE {where}", params)
    order = "a.year + 0 DESC, a.id + 0 DESC" if small else "a.year DESC, a.id DESC"
    sql(
        f"""SELECT a.id, t.name, a.member_id, m.full_name, o.name, a.year, d.number, d.signed_on, a.bonus_amount,
         a.status FROM awards_award a JOIN awards_awardtype t ON t.id = a.award_type_id
         JOIN unions_member m ON m.id = a.member_id JOIN unions_organization o ON o.id = a.organization_id
         LEFT JOIN awards_decision d ON d.id = a.decision_id WHERE {where}
         ORDER BY {order} LIMIT {AWARDS_PAGE}""",
        params,
    )


def proposal_page(sql, prefix, pk):
    """The proposal page (awards/views/proposals.py proposal_detail): the proposal if its proposing organisation
    is in the scope (Proposal.visible_to), its lines counted by status and verdict, then the first page of them
    (awards/selectors/proposal_lines.py LINES_PER_PAGE) with member, unit and award type."""
    sql(
        """SELECT p.*, f.name, t.name FROM awards_proposal p JOIN unions_organization f ON f.id = p.from_org_id
        JOIN unions_organization t ON t.id = p.to_org_id WHERE p.id = %s AND f.path LIKE %s""",
        [pk, prefix + "%"],
    )
    sql(
        """SELECT status, award_type_id, eligibility_status, origin_id IS NOT NULL, count(*) FROM awards_proposalline
        WHERE proposal_id = %s GROUP BY 1, 2, 3, 4""",
        [pk],
    )
    sql(
        f"""SELECT l.id, l.member_id, l.achievement, l.status, l.eligibility_status, l.override_reason, l.votes_yes,
        l.votes_no, m.full_name, m.member_code, o.name, t.name FROM awards_proposalline l
        LEFT JOIN unions_member m ON m.id = l.member_id JOIN unions_organization o ON o.id = l.organization_id
        JOIN awards_awardtype t ON t.id = l.award_type_id WHERE l.proposal_id = %s ORDER BY l.id
        LIMIT {LINES_PER_PAGE}""",
        [pk],
    )


def api_members(sql, prefix):
    """The API's member list (api/views.py, a cursor on the id, newest first): members of every status under the
    prefix, 50 and one more; no count."""
    sql(
        f"SELECT {_MEMBER_COLUMNS} WHERE m.org_path LIKE %s ORDER BY m.id DESC LIMIT {API_PAGE + 1}",
        [prefix + "%"],
    )


def api_awards(sql, prefix, year):
    """The API's awards of a year (individual and collective), newest first by id, 50 and one more; no count."""
    sql(
        f"""SELECT a.id, t.name, m.full_name, o.name, a.year, d.number, d.signed_on, a.bonus_amount, a.status
         FROM awards_award a JOIN awards_awardtype t ON t.id = a.award_type_id
         LEFT JOIN unions_member m ON m.id = a.member_id JOIN unions_organization o ON o.id = a.organization_id
         LEFT JOIN awards_decision d ON d.id = a.decision_id WHERE a.org_path LIKE %s AND a.year = %s
         ORDER BY a.id DESC LIMIT {API_PAGE + 1}""",
        [prefix + "%", year],
    )
