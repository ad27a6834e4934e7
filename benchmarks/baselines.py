"""What the bench looks at, and the best hand-written SQL for the same answers, timed directly on the database.

The SQL reads what the page shows (its rows, its counts and figures) with the same indexes, nothing more:
the ratio app/SQL is then the cost of Django, templates, sessions and HTTP.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection

from reports import periods
from unions.models import Member, Organization

RUNS = 30
PAGE = 25


def _time(statements):
    """Median and p95 (ms) of running all `statements` [(sql, params)] once, over RUNS runs after warm-up."""
    samples = []
    with connection.cursor() as cursor:
        for i in range(RUNS + 2):
            t0 = time.perf_counter()
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
            if i >= 2:
                samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "n": RUNS,
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[round(0.95 * (RUNS - 1))], 2),
        "statements": len(statements),
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


def dashboard_rollup(org, year):
    """Headline now and before, award types and five years of the scope, then the children's columns."""
    codes = [periods.year(y).code for y in range(year - 4, year + 1)]
    return _time(
        [
            (
                "SELECT period, code, value FROM reports_metricrollup WHERE organization_id = %s AND period = ANY(%s)",
                [org.pk, codes],
            ),
            (
                "SELECT id, name, path FROM unions_organization WHERE path LIKE %s AND depth = %s ORDER BY name",
                [org.path + "%", org.depth + 1],
            ),
            (
                """SELECT r.organization_id, r.code, r.value FROM reports_metricrollup r WHERE r.period = %s
            AND r.organization_id IN (SELECT id FROM unions_organization WHERE path LIKE %s AND depth = %s)""",
                [periods.year(year).code, org.path + "%", org.depth + 1],
            ),
        ]
    )


def dashboard_live(org, year):
    """The same figures counted from the rows of a small subtree, grouped by child in one pass per table."""
    like, cut = org.path + "%", len(org.path) + 4
    end, before = f"{year}-12-31", f"{year - 1}-12-31"
    return _time(
        [
            (
                f"""SELECT substr(org_path, 1, {cut}),
                count(*) FILTER (WHERE (joined_on IS NULL OR joined_on <= %s) AND (left_on IS NULL OR left_on > %s)),
                count(*) FILTER (WHERE gender = 'female' AND (joined_on IS NULL OR joined_on <= %s)
                                 AND (left_on IS NULL OR left_on > %s)),
                count(*) FILTER (WHERE (joined_on IS NULL OR joined_on <= %s) AND (left_on IS NULL OR left_on > %s))
             FROM unions_member WHERE org_path LIKE %s AND status <> 'transferred' GROUP BY 1""",
                [end, end, end, end, before, before, like],
            ),
            (
                f"""SELECT substr(org_path, 1, {cut}), year, award_type_id, (member_id IS NULL), count(*),
                    sum(bonus_amount)
             FROM awards_award WHERE org_path LIKE %s AND status = 'valid' AND year BETWEEN %s AND %s
             GROUP BY 1, 2, 3, 4""",
                [like, year - 4, year],
            ),
            (
                f"""SELECT substr(org_path, 1, {cut}), scope, count(*), sum(estimated_benefit) FROM campaigns_initiative
             WHERE org_path LIKE %s AND status IN ('recognised', 'applied') AND recognised_on BETWEEN %s AND %s
             GROUP BY 1, 2""",
                [like, f"{year - 1}-01-01", end],
            ),
            (
                f"""SELECT substr(o.path, 1, {cut}), count(DISTINCT o.id),
                count(DISTINCT l.organization_id) FILTER (WHERE l.launched_on BETWEEN %s AND %s)
             FROM unions_organization o LEFT JOIN campaigns_campaignlaunch l ON l.organization_id = o.id
             WHERE o.path LIKE %s AND o.kind = 'grassroots' GROUP BY 1""",
                [f"{year}-01-01", end, like],
            ),
        ]
    )


_MEMBER_COLUMNS = """m.id, m.full_name, m.member_code, m.gender, m.birth_date, o.name, o.short_name, m.joined_on,
                     m.status FROM unions_member m JOIN unions_organization o ON o.id = m.organization_id"""


def member_page(prefix, after=None):
    where, params = "m.org_path LIKE %s AND m.status = 'active'", [prefix + "%"]
    page_where, page_params = where, list(params)
    if after:
        page_where += " AND (m.search_name, m.id) > (SELECT search_name, id FROM unions_member WHERE id = %s)"
        page_params.append(after)
    return _time(
        [
            (f"SELECT {_MEMBER_COLUMNS} WHERE {page_where} ORDER BY m.search_name, m.id LIMIT {PAGE + 1}", page_params),
            (f"SELECT count(*) FROM (SELECT 1 FROM unions_member m WHERE {where} LIMIT 10001) x", params),
        ]
    )


def deep_anchor(prefix, offset):
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT id FROM unions_member WHERE org_path LIKE %s AND status = 'active'
                          ORDER BY search_name, id OFFSET %s LIMIT 1""",
            [prefix + "%", offset],
        )
        row = cursor.fetchone()
    return row[0] if row else ""


def member_search(prefix, name):
    where = "m.org_path LIKE %s AND m.search_name LIKE %s"
    params = [prefix + "%", f"%{name}%"]
    return _time(
        [
            (f"SELECT {_MEMBER_COLUMNS} WHERE {where} ORDER BY m.search_name, m.id LIMIT {PAGE + 1}", params),
            (f"SELECT count(*) FROM (SELECT 1 FROM unions_member m WHERE {where} LIMIT 10001) x", params),
        ]
    )


def member_cccd(prefix, cccd):
    return _time([(f"SELECT {_MEMBER_COLUMNS} WHERE m.org_path LIKE %s AND m.national_id = %s", [prefix + "%", cccd])])


def awards_page(prefix, year):
    where = "a.org_path LIKE %s AND a.year = %s AND a.member_id IS NOT NULL"
    params = [prefix + "%", year]
    return _time(
        [
            (
                f"""SELECT a.id, t.name, m.full_name, o.name, a.year, d.number, d.signed_on, a.bonus_amount, a.status
             FROM awards_award a JOIN awards_awardtype t ON t.id = a.award_type_id
             JOIN unions_member m ON m.id = a.member_id JOIN unions_organization o ON o.id = a.organization_id
             JOIN awards_decision d ON d.id = a.decision_id WHERE {where}
             ORDER BY a.year DESC, a.id DESC LIMIT 30""",
                params,
            ),
            (
                f"""SELECT count(*), sum(a.bonus_amount) FROM (SELECT a.bonus_amount FROM awards_award a WHERE {where}
             LIMIT 10001) a""",
                params,
            ),  # the page counts up to 10.001 rows, then sums only below that
        ]
    )


def proposal_page(pk):
    return _time(
        [
            (
                """SELECT p.*, f.name, t.name FROM awards_proposal p JOIN unions_organization f ON f.id = p.from_org_id
            JOIN unions_organization t ON t.id = p.to_org_id WHERE p.id = %s""",
                [pk],
            ),
            (
                """SELECT l.*, m.full_name, m.member_code, o.name, t.name FROM awards_proposalline l
            LEFT JOIN unions_member m ON m.id = l.member_id JOIN unions_organization o ON o.id = l.organization_id
            JOIN awards_awardtype t ON t.id = l.award_type_id WHERE l.proposal_id = %s ORDER BY l.id""",
                [pk],
            ),
        ]
    )
