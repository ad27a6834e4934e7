"""Members of the generated unions, with their ratings and registrations."""

import io

from . import FIRST_YEAR, LAST_YEAR
from .names import FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, folded

HASH_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.h(n bigint, salt int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT hashint8(n * 131 + salt) & 2147483647 $$
"""


def load_unions(cursor, unions):
    cursor.execute(HASH_FUNCTION)
    cursor.execute(
        "CREATE TEMP TABLE scale_unions (org_id bigint PRIMARY KEY, path varchar(255), first_no bigint, size int)"
    )
    lines, first = [], 1
    for org_id, path, size in unions:
        lines.append(f"{org_id}\t{path}\t{first}\t{size}\n")
        first += size
    cursor.copy_expert("COPY scale_unions FROM STDIN", io.StringIO("".join(lines)))


def members(cursor):
    """About half women, born 1965–2005, 5% who left; CCCD numbers unique by construction."""
    cursor.execute(
        """
        INSERT INTO unions_member (organization_id, org_path, member_code, full_name, search_name, gender,
            birth_date, national_id, card_number, joined_on, ethnicity, job_title, education, phone, email,
            status, left_on, created_at, updated_at)
        SELECT org_id, path, 'DV' || lpad(n::text, 8, '0'),
               fam[1 + h1 %% cardinality(fam)] || ' ' || (CASE WHEN female THEN midf[1 + h2 %% cardinality(midf)]
                   ELSE midm[1 + h2 %% cardinality(midm)] END) || ' ' ||
                   (CASE WHEN female THEN givf[1 + h3 %% cardinality(givf)]
                    ELSE givm[1 + h3 %% cardinality(givm)] END),
               sfam[1 + h1 %% cardinality(fam)] || ' ' || (CASE WHEN female THEN smidf[1 + h2 %% cardinality(midf)]
                   ELSE smidm[1 + h2 %% cardinality(midm)] END) || ' ' ||
                   (CASE WHEN female THEN sgivf[1 + h3 %% cardinality(givf)]
                    ELSE sgivm[1 + h3 %% cardinality(givm)] END),
               CASE WHEN female THEN 'female' ELSE 'male' END,
               born, lpad(((n * 7919 + 12345678901) %% 1000000000000)::text, 12, '0'), '',
               joined, CASE WHEN h4 %% 100 < 94 THEN 'Kinh' WHEN h4 %% 100 < 96 THEN 'Tày' ELSE 'Mường' END,
               '', (ARRAY['upper_secondary','vocational','college','university','university','master'])[1 + h4 %% 6],
               '', '', CASE WHEN h5 %% 100 < 5 THEN 'left' ELSE 'active' END,
               CASE WHEN h5 %% 100 < 5 THEN LEAST(joined + 200 + (h5 %% 3000), DATE '2026-10-31') END,
               now(), now()
        FROM scale_unions u
        CROSS JOIN generate_series(u.first_no, u.first_no + u.size - 1) AS n
        CROSS JOIN LATERAL (SELECT pg_temp.h(n, 1) AS h1, pg_temp.h(n, 2) AS h2, pg_temp.h(n, 3) AS h3,
                                   pg_temp.h(n, 4) AS h4, pg_temp.h(n, 5) AS h5, pg_temp.h(n, 6) %% 100 < 52 AS female,
                                   DATE '1965-01-01' + pg_temp.h(n, 7) %% 14600 AS born) r
        CROSS JOIN LATERAL (SELECT GREATEST(born + 6600, DATE '2003-01-01' + pg_temp.h(n, 8) %% 8300) AS joined) j
        CROSS JOIN (SELECT %(fam)s::text[] AS fam, %(sfam)s::text[] AS sfam, %(midm)s::text[] AS midm,
                           %(smidm)s::text[] AS smidm, %(midf)s::text[] AS midf, %(smidf)s::text[] AS smidf,
                           %(givm)s::text[] AS givm, %(sgivm)s::text[] AS sgivm, %(givf)s::text[] AS givf,
                           %(sgivf)s::text[] AS sgivf) names
        ORDER BY n
    """,
        {
            "fam": FAMILY,
            "sfam": folded(FAMILY),
            "midm": MIDDLE_MALE,
            "smidm": folded(MIDDLE_MALE),
            "midf": MIDDLE_FEMALE,
            "smidf": folded(MIDDLE_FEMALE),
            "givm": GIVEN_MALE,
            "sgivm": folded(GIVEN_MALE),
            "givf": GIVEN_FEMALE,
            "sgivf": folded(GIVEN_FEMALE),
        },
    )
    return cursor.rowcount


def ratings(cursor):
    """Year-end ratings of the last finished year for the members then in the union."""
    cursor.execute(
        """
        INSERT INTO awards_performancerating (organization_id, member_id, year, rating, months_worked,
            absent_days, created_at)
        SELECT m.organization_id, m.id, %(year)s,
               (ARRAY['HTXS','HTT','HTT','HTT','HTT','HT','HT','KHT'])[1 + pg_temp.h(m.id, 21) %% 8],
               12, pg_temp.h(m.id, 22) %% 9, now()
        FROM unions_member m
        WHERE m.joined_on <= make_date(%(year)s, 12, 31)
          AND (m.left_on IS NULL OR m.left_on > make_date(%(year)s, 12, 31))
    """,
        {"year": LAST_YEAR},
    )
    return cursor.rowcount


def registrations(cursor, campaigns):
    """A quarter of the members register for Lao động tiên tiến each year; last year's are judged."""
    total = 0
    for year in (LAST_YEAR, LAST_YEAR + 1):
        cursor.execute(
            """
            INSERT INTO campaigns_registration (campaign_id, year, organization_id, org_path, member_id, title,
                commitment, status, review, review_reason, created_at)
            SELECT %(campaign)s, %(year)s, m.organization_id, m.org_path, m.id, 'Lao động tiên tiến', '',
                   CASE WHEN %(year)s > %(last)s THEN 'registered'
                        WHEN pg_temp.h(m.id, 32) %% 10 < 8 THEN 'achieved' ELSE 'not_achieved' END, '', '', now()
            FROM unions_member m
            WHERE pg_temp.h(m.id, 30 + %(year)s) %% 4 = 0
              AND m.joined_on <= make_date(%(year)s, 1, 31)
              AND (m.left_on IS NULL OR m.left_on > make_date(%(year)s, 12, 31))
        """,
            {"campaign": campaigns[year], "year": year, "last": LAST_YEAR},
        )
        total += cursor.rowcount
    return total


YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
