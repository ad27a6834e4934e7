"""The benchmark suite: `make bench TIER=T2` (see README, "Hiệu năng").

Loads the tier if the database does not hold it, serves the app with gunicorn on 127.0.0.1, times pages
end to end over HTTP next to their floor (a minimal Django view of the same rows, benchmarks/floor.py) and
the best SQL for the same answer, times the import, the exports, the year-end reports and the rollup rebuild,
measures other users' latency while exports run, runs the mixed loads with locust, writes JSON and Markdown
into benchmarks/results/ and judges the run by the issue's targets (benchmarks/report.py).
"""

import argparse
import datetime
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
os.environ.setdefault("DEBUG", "1")
django.setup()

import requests  # noqa: E402
from django.db import connection  # noqa: E402

from benchmarks import baselines, machine, report, serve  # noqa: E402
from benchmarks.scale import TIERS  # noqa: E402

PY = sys.executable


def ensure_data(tier, password):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM unions_member")
        members = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM auth_user WHERE username = 'bench-admin'")
        has_accounts = cursor.fetchone()[0]
    # Earlier runs' imports add members: the tier is there if its members are (and the accounts).
    if TIERS[tier].members <= members < TIERS[tier].members * 1.5 + 100_000 and has_accounts:
        subprocess.run(
            [PY, "manage.py", "shell", "-c", _SET_PASSWORDS.format(password=password)],
            cwd=ROOT,
            check=True,
            env=os.environ,
        )
        return None
    started = time.monotonic()
    subprocess.run(
        [PY, "-m", "benchmarks.scale", "--tier", tier, "--reset", "--password", password],
        cwd=ROOT,
        check=True,
        env=os.environ,
    )
    return time.monotonic() - started


_SET_PASSWORDS = (
    "from django.contrib.auth.hashers import make_password;"
    "from django.contrib.auth.models import User;"
    "User.objects.filter(username__startswith='bench-').update(password=make_password('{password}'))"
)


def timed(session, method, url, n, **kwargs):
    """Times n requests after two warm-ups; fails loudly on an error status."""
    for _ in range(2):
        getattr(session, method)(url, **kwargs)
    samples, status = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        response = getattr(session, method)(url, **kwargs)
        samples.append((time.perf_counter() - t0) * 1000)
        status = response.status_code
        if status >= 400:
            raise SystemExit(f"{url} answered {status}")
    return _summary(samples) | {"status": status, "bytes": len(response.content)}


def _summary(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(p95, 1),
        "mean_ms": round(statistics.fmean(samples), 1),
    }


def pages(base, sessions, targets, n):
    """[{name, group, app, floor, sql}] for every page of the suite: the page, its floor (the same rows from a
    minimal view, benchmarks/floor.py) with the same session and requests, and its baseline SQL."""
    s = sessions
    t = targets
    year = "year:2025"
    results = []
    time_sql = baselines.time_sql

    def add(name, group, request, sql, floor=None):
        """`request`: (session, method, path, extra keywords); `floor`: the floor's path for the same request."""
        session, method, path, kwargs = request
        row = {"name": name, "group": group, "app": timed(session, method, base + path, n, **kwargs), "sql": sql}
        if floor:
            row["floor"] = timed(session, method, base + floor, n, **kwargs)
        results.append(row)

    def post(who, data):
        headers = {"X-CSRFToken": s[who].cookies["csrftoken"], "Referer": base + "/members/"}
        return {"data": data, "headers": headers}

    dashboard = f"?org={{}}&period={year}"
    add(
        "Dashboard — district-size union (depth 3)",
        "dashboard",
        (s["staff"], "get", "/dashboard/" + dashboard.format(t["district"].pk), {}),
        time_sql(baselines.dashboard_live, t["district"], 2025),
        "/_floor/dashboard/live/" + dashboard.format(t["district"].pk),
    )
    add(
        "Dashboard — largest province",
        "dashboard",
        (s["leader"], "get", "/dashboard/" + dashboard.format(t["province"].pk), {}),
        time_sql(baselines.dashboard_rollup, t["province"], 2025),
        "/_floor/dashboard/rollup/" + dashboard.format(t["province"].pk),
    )
    add(
        "Dashboard — confederation",
        "dashboard",
        (s["national"], "get", "/dashboard/" + dashboard.format(t["root"].pk), {}),
        time_sql(baselines.dashboard_rollup, t["root"], 2025),
        "/_floor/dashboard/rollup/" + dashboard.format(t["root"].pk),
    )
    add(
        "Member list — largest union, first page",
        "members",
        (s["officer"], "get", "/members/", {}),
        time_sql(baselines.member_page, t["union"].path),
        "/_floor/members/",
    )
    add(
        "Member list — province, first page",
        "members",
        (s["leader"], "get", "/members/", {}),
        time_sql(baselines.member_page, t["province"].path),
        "/_floor/members/",
    )
    anchor = baselines.deep_anchor(t["province"].path, 10_000)
    add(
        "Member list — province, page after 10.000 rows (keyset)",
        "members",
        (s["leader"], "get", f"/members/?after={anchor}", {}),
        time_sql(baselines.member_page, t["province"].path, after=anchor),
        f"/_floor/members/?after={anchor}",
    )
    add(
        "Member search — name without diacritics, province",
        "members",
        (s["leader"], "post", "/members/search/", post("leader", {"q": t["name"]})),
        time_sql(baselines.member_search, t["province"].path, t["name"]),
        "/_floor/members/search/",
    )
    add(
        "Picker search — name without diacritics, province (20 shown, no count)",
        "pickers",
        (s["leader"], "post", "/pick/member/", post("leader", {"q": t["name"], "source": "campaigns.author"})),
        time_sql(baselines.member_pick, t["province"].path, t["name"]),
        "/_floor/pick/member/",
    )
    add(
        "Member search — CCCD, confederation",
        "members",
        (s["national"], "post", "/members/search/", post("national", {"q": t["cccd"]})),
        time_sql(baselines.member_cccd, t["root"].path, t["cccd"]),
        "/_floor/members/search/",
    )
    add(
        "Awards register — province, 2025, individual",
        "awards",
        (s["leader"], "get", "/awards/?year=2025&subject=individual", {}),
        time_sql(baselines.awards_page, t["province"].path, 2025),
        "/_floor/awards/?year=2025&subject=individual",
    )
    add(
        "Proposal page — 200 lines, the first 50 shown",
        "awards",
        (s["officer"], "get", f"/proposals/{t['proposal'].pk}/", {}),
        time_sql(baselines.proposal_page, t["union"].path, t["proposal"].pk),
        f"/_floor/proposals/{t['proposal'].pk}/",
    )
    # The API's lists beside the pages they mirror, with a personal token each; judged by their own SQL only.
    leader, officer = api_session(t["accounts"]["leader"]), api_session(t["accounts"]["officer"])
    add(
        "API member list — largest union, first page (50)",
        "api",
        (officer, "get", "/api/v1/members/", {}),
        time_sql(baselines.api_members, t["union"].path),
    )
    add(
        "API member list — province, first page (50)",
        "api",
        (leader, "get", "/api/v1/members/", {}),
        time_sql(baselines.api_members, t["province"].path),
    )
    add(
        "API awards — province, 2025 (50)",
        "api",
        (leader, "get", "/api/v1/awards/?year=2025", {}),
        time_sql(baselines.api_awards, t["province"].path, 2025),
    )
    return results


def api_session(username):
    """A requests session carrying a fresh read-only API token of the bench account."""
    from django.contrib.auth import get_user_model

    from api.services import token_create

    _, token = token_create(actor=get_user_model().objects.get(username=username), name="bench", days=1)
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    return session


def login(base, username, password):
    session = requests.Session()
    session.get(f"{base}/accounts/login/")
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"login of {username} failed: {response.status_code}")
    return session


def subprocess_job(args):
    """Runs a timed job in its own process; returns its JSON line (wall time, peak memory)."""
    out = subprocess.run(
        [PY, str(ROOT / "benchmarks" / "jobs.py"), *args],
        cwd=ROOT,
        env=os.environ,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tier", default="T0", choices=sorted(TIERS))
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--load-users", default="50,100", help="users of each mixed-load run, comma-separated")
    parser.add_argument("--load-seconds", type=int, default=300, help="steady seconds of each mixed load")
    parser.add_argument(
        "--impact-seconds",
        type=int,
        help="steady seconds of each of the two export-impact loads (default: 60, or --load-seconds if shorter)",
    )
    parser.add_argument("--impact-users", type=int, default=20, help="users of the export-impact loads")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    parser.add_argument("--generate-only", action="store_true", help="load the tier if needed, then stop")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("make bench needs PostgreSQL (DATABASE_URL).")
    password = secrets.token_urlsafe(16)
    generated = ensure_data(args.tier, password)
    if args.generate_only:
        print(f"tier {args.tier}: " + (f"generated in {generated:.0f} s" if generated else "already loaded"))
        return
    targets = baselines.targets()
    provinces = TIERS[args.tier].provinces
    workdir = Path(args.out) / ".work"
    workdir.mkdir(parents=True, exist_ok=True)
    result = {
        "tier": args.tier,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine.describe(),
        "data": baselines.counts(),
        "generate_seconds": generated,
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    with serve.gunicorn(workdir) as base:
        sessions = {kind: login(base, name, password) for kind, name in targets["accounts"].items()}
        result["pages"] = pages(base, sessions, targets, args.requests)
        result["import"] = serve.import_members(base, sessions["officer"], 10_000)
        result["export"] = serve.export_awards(base, sessions["leader"], 2025)
        result["export_impact"] = serve.export_impact(
            base,
            password,
            sessions["leader"],
            workdir,
            provinces,
            users=args.impact_users,
            seconds=args.impact_seconds or min(60, args.load_seconds),
        )
        result["mixed_loads"] = [
            serve.mixed_load(base, password, int(users), args.load_seconds, workdir, provinces)
            for users in args.load_users.split(",")
        ]
    result["jobs"] = {
        "report_province": subprocess_job(["report", str(targets["province"].pk), "2025"]),
        "report_country": subprocess_job(["report", str(targets["root"].pk), "2025"]),
        "rollup_rebuild": subprocess_job(["rollups"]),
    }
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    paths = report.write_results(result, Path(args.out))
    print("\n".join(str(p) for p in paths))
    missed = report.missed_targets(result)
    print("\n".join(["Targets missed:", *missed]) if missed else "Every target met.")
    if missed and args.tier != "T0":  # T0 is CI's smoke test: it must run, its timings judge nothing
        raise SystemExit(1)


if __name__ == "__main__":
    main()
