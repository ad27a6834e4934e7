"""The organisation tree of a tier: confederation → provinces → commune/sector unions → grassroots."""

import io
import math
import random

from django.utils import timezone

from unions.models import Organization, OrgKind, Sector

from .names import COMMUNE_WORDS, EMPLOYERS, PROVINCES

GRASSROOTS_PER_UPPER = 40
# Rough shares of grassroots unions per sector: many schools and private firms, few cooperatives.
SECTOR_WEIGHTS = {
    Sector.ADMINISTRATIVE: 8,
    Sector.PUBLIC_SERVICE: 14,
    Sector.EDUCATION: 22,
    Sector.HEALTH: 9,
    Sector.STATE_ENTERPRISE: 6,
    Sector.PRIVATE_ENTERPRISE: 30,
    Sector.FDI_ENTERPRISE: 8,
    Sector.COOPERATIVE: 3,
}
SECTORS = [s.value for s in SECTOR_WEIGHTS]


def _copy_line(values):
    def cell(v):
        if v is None:
            return r"\N"
        return str(v).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")

    return "\t".join(cell(v) for v in values) + "\n"


def build(cursor, tier, rng: random.Random):
    """Insert the tree; return [(org_id, path, size)] of the grassroots unions, members shared by size."""
    now = timezone.now().isoformat()
    weights = [1 / (i + 1) ** 0.8 for i in range(tier.provinces)]
    uppers_total = max(tier.provinces, round(tier.unions / GRASSROOTS_PER_UPPER))
    grassroots_total = max(uppers_total, tier.unions - 1 - tier.provinces - uppers_total)

    rows, grassroots = [], []
    get_path = Organization._get_path

    def add(path, depth, numchild, code, name, short, kind, sector=""):
        founded = f"{rng.randint(1975, 2015)}-{rng.randint(1, 12):02d}-01"
        rows.append((path, depth, numchild, code, name, short, kind, sector, "", "", "", founded, None, None, now))

    provinces = (
        PROVINCES[: tier.provinces]
        if tier.provinces <= len(PROVINCES)
        else PROVINCES + [f"Tỉnh {i}" for i in range(len(PROVINCES), tier.provinces)]
    )
    # Communes and wards are spread fairly evenly (after 2025 a province has roughly 70 to 170), while the
    # enterprises, and so the grassroots unions, crowd into the large cities.
    upper_counts = _share(uppers_total, [w**0.3 for w in weights], minimum=1)
    root = get_path(None, 1, 1)
    add(root, 1, tier.provinces, "TLD", "Tổng Liên đoàn Lao động Việt Nam", "TLĐLĐVN", OrgKind.CONFEDERATION)
    upper_index = 0
    gr_counts = _share(
        grassroots_total,
        [weights[p] / upper_counts[p] for p in range(tier.provinces) for _ in range(upper_counts[p])],
        minimum=1,
    )
    for p, province in enumerate(provinces):
        ppath = get_path(root, 2, p + 1)
        add(
            ppath,
            2,
            upper_counts[p],
            f"P{p + 1:02d}",
            f"Liên đoàn Lao động {province}",
            f"LĐLĐ {province}",
            OrgKind.PROVINCIAL_FEDERATION,
        )
        for u in range(upper_counts[p]):
            n_gr = gr_counts[upper_index]
            upath = get_path(ppath, 3, u + 1)
            if u % 12 == 11:
                branch = rng.choice(["Giáo dục", "Y tế", "Công thương", "Xây dựng"])
                kind, name = OrgKind.SECTOR_UNION, f"Công đoàn ngành {branch} {province}"
            else:
                word = f"{rng.choice(COMMUNE_WORDS)} {rng.choice(COMMUNE_WORDS)}"
                kind, name = OrgKind.COMMUNE_UNION, f"Công đoàn xã {word} ({province})"
            add(upath, 3, n_gr, f"P{p + 1:02d}U{u + 1:04d}", f"{name} số {u + 1}", "", kind)
            for g in range(n_gr):
                gpath = get_path(upath, 4, g + 1)
                sector = rng.choices(SECTORS, list(SECTOR_WEIGHTS.values()))[0]
                add(
                    gpath,
                    4,
                    0,
                    f"P{p + 1:02d}U{u + 1:04d}G{g + 1:04d}",
                    f"Công đoàn cơ sở {rng.choice(EMPLOYERS)} {rng.choice(COMMUNE_WORDS)} {g + 1}",
                    "",
                    OrgKind.GRASSROOTS,
                    sector,
                )
                grassroots.append(gpath)
            upper_index += 1

    buf = io.StringIO("".join(_copy_line(r) for r in rows))
    cursor.copy_expert(
        "COPY unions_organization (path, depth, numchild, code, name, short_name, kind, sector, address, phone, "
        "email, founded_on, dissolved_on, successor_id, created_at) FROM STDIN",
        buf,
    )
    cursor.execute("SELECT path, id FROM unions_organization WHERE depth = 4")
    ids = dict(cursor.fetchall())
    # Skewed sizes: a few large enterprises, many small offices and schools.
    sizes = _share(tier.members, [math.exp(rng.gauss(0, 1.1)) for _ in grassroots], minimum=1)
    return [(ids[path], path, size) for path, size in zip(grassroots, sizes, strict=True)], len(rows)


def _share(total, weights, minimum=0):
    """Split `total` in proportion to `weights`, each part at least `minimum`, parts summing to `total`."""
    n = len(weights)
    base = total - minimum * n
    w = sum(weights)
    parts = [minimum + int(base * x / w) for x in weights]
    for i in range(total - sum(parts)):
        parts[i % n] += 1
    return parts
