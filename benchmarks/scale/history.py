"""Ten years of campaigns, launches, decisions, awards and initiatives for the generated members."""

import datetime

from awards.models import AwardType
from campaigns.models import Campaign, StandardCampaign
from unions.models import Organization

from . import FIRST_YEAR, LAST_YEAR
from .names import INITIATIVE_TITLES, folded

# (award type code, share of members or unions awarded per year in ‰). About 5% of members a year
# receive an award, as in Phú Thọ (7.900 conferrals a year for about 157.000 members).
INDIVIDUAL = [
    ("GK_CD_CN", 16),
    ("LDTT", 12),
    ("CSTDCS", 6),
    ("CNG_Q", 4),
    ("GVN_DVN", 3),
    ("BK_LDLD_CN", 5),
    ("CNG_TD", 1),
    ("BK_TLD_CN", 1),
    ("KNC_CD", 1),
    ("CSTD_TINH", 1),
]
COLLECTIVE = [("GK_CD_TT", 50), ("TTLDTT", 40), ("TTLDXS", 15), ("BK_LDLD_TT", 10), ("BK_TLD_TT", 3)]
PREFIX_BY_LEVEL = {"grassroots": 12, "upper": 12, "provincial": 8, "province_gov": 8, "confederation": 4, "state": 4}


def campaigns(root_id):
    """The annual Lao động giỏi, lao động sáng tạo campaign of each year, launched by the confederation."""
    standard = StandardCampaign.objects.get(code="LDG-LDST")
    root = Organization.objects.get(pk=root_id)
    by_year = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 2):
        campaign = Campaign.objects.create(
            code=f"LDG-{year}",
            name=f"{standard.name} năm {year}",
            kind=standard.kind,
            organizer=root,
            standard=standard,
            year=year,
            start_on=datetime.date(year, 1, 1),
            end_on=datetime.date(year, 12, 31),
            registration_deadline=datetime.date(year, 3, 31),
            titles=standard.titles,
            status=Campaign.Status.CLOSED if year <= LAST_YEAR else Campaign.Status.LAUNCHED,
            launched_on=datetime.date(year, 1, 10),
            launch_document=f"{year}/KH-TLĐ",
        )
        by_year[year] = campaign.pk
    return by_year


def launches(cursor, by_year):
    """Every upper union and four in five grassroots unions launch the campaign each year."""
    total = 0
    for year, campaign_id in by_year.items():
        cursor.execute(
            """
            INSERT INTO campaigns_campaignlaunch (campaign_id, organization_id, launched_on, document_number,
                participants, created_at)
            SELECT %(campaign)s, o.id, make_date(%(year)s, 1, 15) + pg_temp.h(o.id, %(year)s) %% 60,
                   'KH-' || %(year)s, pg_temp.h(o.id, 7) %% 500, now()
            FROM unions_organization o
            WHERE o.depth BETWEEN 2 AND 3 OR (o.depth = 4 AND pg_temp.h(o.id, %(year)s) %% 10 < 8)
        """,
            {"campaign": campaign_id, "year": year},
        )
        total += cursor.rowcount
    return total


def decisions(cursor):
    """One commendation decision per issuing union and year: upper unions, provinces, confederation."""
    cursor.execute(
        """
        INSERT INTO awards_decision (number, signed_on, issuer_id, issuer_name, signer_name, signer_title,
            legal_basis, external, file, created_at)
        SELECT y || '/QĐ-' || o.code, make_date(y, 12, 20 - o.depth), o.id, o.name, 'Nguyễn Văn Hùng', 'Chủ tịch',
               '', false, '', now()
        FROM unions_organization o CROSS JOIN generate_series(%(first)s, %(last)s) y
        WHERE o.depth <= 3
    """,
        {"first": FIRST_YEAR, "last": LAST_YEAR},
    )
    total = cursor.rowcount
    cursor.execute("""
        CREATE TEMP TABLE scale_decision AS
        SELECT o.path, extract(year FROM d.signed_on)::int AS year, d.id, d.signed_on
        FROM awards_decision d JOIN unions_organization o ON o.id = d.issuer_id
    """)
    cursor.execute("CREATE INDEX ON scale_decision (path, year)")
    return total


def _picks(cursor, table, shares):
    types = {t.code: t for t in AwardType.objects.filter(code__in=[c for c, _ in shares])}
    cursor.execute(f"CREATE TEMP TABLE {table} (bucket int PRIMARY KEY, type_id bigint, prefix int, coef numeric)")
    rows, bucket = [], 0
    for code, share in shares:
        t = types[code]
        for _ in range(share):
            rows.append((bucket, t.pk, PREFIX_BY_LEVEL[t.issuing_level], t.bonus_coefficient))
            bucket += 1
    cursor.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", rows)
    return bucket


AWARD_COLUMNS = """award_type_id, organization_id, org_path, member_id, year, decision_id, decided_on, achievement,
    certificate_number, gold_book_number, bonus_amount, initiative_id, external, status, created_at,
    verification_token, verification_views, reissue_count"""
# Verification codes of generated awards: unique from a sequence (hex digits are in the codes' alphabet), not
# random as the application's are; nothing in the benchmarks guesses them.
TOKEN = "upper(lpad(to_hex(nextval('scale_token')), 12, '0')), 0, 0"
BONUS = "(ceil(p.coef * CASE WHEN y < 2024 THEN 1800000 ELSE 2340000 END / 10000) * 10000)::bigint"


def awards(cursor):
    cursor.execute("CREATE TEMP SEQUENCE IF NOT EXISTS scale_token")
    cursor.execute("SELECT setval('scale_token', (SELECT count(*) + 1 FROM awards_award))")
    buckets = _picks(cursor, "scale_pick_individual", INDIVIDUAL)
    cursor.execute(
        f"""
        INSERT INTO awards_award ({AWARD_COLUMNS})
        SELECT p.type_id, m.organization_id, m.org_path, m.id, y, d.id, d.signed_on, '', '', '', {BONUS}, NULL, false,
               CASE WHEN pg_temp.h(m.id, 500 + y) %% 2000 = 0 THEN 'revoked' ELSE 'valid' END, now(), {TOKEN}
        FROM unions_member m
        CROSS JOIN generate_series(%(first)s, %(last)s) y
        CROSS JOIN LATERAL (SELECT pg_temp.h(m.id, 100 + y) %% 1000 AS b) r
        JOIN scale_pick_individual p ON p.bucket = r.b
        JOIN scale_decision d ON d.year = y AND d.path = substr(m.org_path, 1, p.prefix)
        WHERE r.b < %(buckets)s AND m.joined_on <= make_date(y, 12, 31)
          AND (m.left_on IS NULL OR m.left_on > make_date(y, 12, 31))
        ORDER BY y, pg_temp.h(m.id, 900 + y)  -- ids grow with time, provinces interleaved, as when entered
    """,
        {"first": FIRST_YEAR, "last": LAST_YEAR, "buckets": buckets},
    )
    total = cursor.rowcount
    buckets = _picks(cursor, "scale_pick_collective", COLLECTIVE)
    cursor.execute(
        f"""
        INSERT INTO awards_award ({AWARD_COLUMNS})
        SELECT p.type_id, o.id, o.path, NULL, y, d.id, d.signed_on, '', '', '', {BONUS}, NULL, false, 'valid', now(),
               {TOKEN}
        FROM unions_organization o
        CROSS JOIN generate_series(%(first)s, %(last)s) y
        CROSS JOIN LATERAL (SELECT pg_temp.h(o.id, 200 + y) %% 1000 AS b) r
        JOIN scale_pick_collective p ON p.bucket = r.b
        JOIN scale_decision d ON d.year = y AND d.path = substr(o.path, 1, p.prefix)
        WHERE o.depth = 4 AND r.b < %(buckets)s
    """,
        {"first": FIRST_YEAR, "last": LAST_YEAR, "buckets": buckets},
    )
    return total + cursor.rowcount


def initiatives(cursor):
    """About one initiative for every 20 members over the ten years, most recognised at grassroots level."""
    cursor.execute(
        """
        CREATE TEMP TABLE scale_init AS
        SELECT row_number() OVER (ORDER BY m.id) AS seq, m.id AS member_id, m.organization_id, m.org_path,
               %(first)s + pg_temp.h(m.id, 51) %% 10 AS year, pg_temp.h(m.id, 52) AS h
        FROM unions_member m WHERE pg_temp.h(m.id, 50) %% 20 = 0
    """,
        {"first": FIRST_YEAR},
    )
    cursor.execute("SELECT COALESCE(max(id), 0) FROM campaigns_initiative")
    base = cursor.fetchone()[0]
    cursor.execute(
        """
        INSERT INTO campaigns_initiative (id, title, search_title, kind, organization_id, org_path, campaign_id,
            year, description, applied_from, estimated_benefit, status, scope, recognised_by, recognition_decision,
            recognised_on, rejection_reason, verified_benefit, verified_by, verified_on, attachment, created_at)
        SELECT %(base)s + i.seq, titles[1 + i.h %% cardinality(titles)] || ' – ' || i.seq,
               stitles[1 + i.h %% cardinality(titles)] || ' – ' || i.seq,
               (ARRAY['technical','management','operational','tech_application','experience'])[1 + i.h %% 5],
               i.organization_id, i.org_path, NULL, i.year, '', NULL, (10 + i.h %% 490) * 1000000::bigint,
               st.status, CASE WHEN st.status IN ('recognised', 'applied') THEN
                   (CASE WHEN i.h %% 100 < 80 THEN 'grassroots' WHEN i.h %% 100 < 97 THEN 'provincial'
                         ELSE 'national' END) ELSE '' END,
               CASE WHEN st.status IN ('recognised', 'applied') THEN 'Hội đồng sáng kiến' ELSE '' END, '',
               CASE WHEN st.status IN ('recognised', 'applied') THEN
                   make_date(i.year, 1 + i.h %% 12, 1 + i.h %% 28) END, '',
               CASE WHEN st.status = 'applied' THEN (10 + i.h %% 490) * 800000::bigint END, '',
               CASE WHEN st.status = 'applied' THEN make_date(i.year, 1 + i.h %% 12, 1 + i.h %% 28) + 180 END,
               '', now()
        FROM scale_init i
        CROSS JOIN LATERAL (SELECT CASE WHEN i.h %% 20 = 0 THEN 'rejected'
                                        WHEN i.h %% 20 = 1 THEN 'under_evaluation'
                                        WHEN i.h %% 10 < 4 THEN 'applied' ELSE 'recognised' END AS status) st
        CROSS JOIN (SELECT %(titles)s::text[] AS titles, %(stitles)s::text[] AS stitles) t
    """,
        {"base": base, "titles": INITIATIVE_TITLES, "stitles": folded(INITIATIVE_TITLES)},
    )
    total = cursor.rowcount
    cursor.execute(
        """
        INSERT INTO campaigns_initiativeauthor (initiative_id, member_id, share)
        SELECT %(base)s + seq, member_id, 100 FROM scale_init
    """,
        {"base": base},
    )
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('campaigns_initiative', 'id'), "
        "(SELECT max(id) FROM campaigns_initiative))"
    )
    return total
