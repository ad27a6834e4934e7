"""The app under gunicorn on 127.0.0.1, the import over HTTP, locust's numbers, and the results files."""

import contextlib
import csv
import io
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workdir):
    """Production settings (DEBUG off) over plain HTTP on loopback, with a Celery worker on REDIS_URL when set
    (the production path: imports and rollup refreshes run on the worker); without it tasks run in the request."""
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "emulation.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                # Its own server only: a control socket shared with another gunicorn of this user lets that one's
                # signals reach this one.
                "--no-control-socket",
                "--worker-class",
                "gthread",
                "--timeout",
                "300",
                # Longer than a simulated user's pause, so the server never closes a connection the client reuses.
                "--keep-alive",
                "75",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    ]
    if env.get("REDIS_URL"):
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "emulation",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(base + "/healthz", timeout=10).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start; see " + str(workdir / "gunicorn.log"))
        yield base
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        log.close()


def import_members(base, session, rows):
    """Upload a workbook of `rows` new members and confirm it: wall time from upload to commit."""
    from benchmarks.workbook import members_workbook

    content = members_workbook(rows)
    form = session.get(base + "/members/import/")
    org = re.search(r'<option value="(\d+)"[^>]*selected', form.text) or re.search(
        r'name="organization"[^>]*>\s*(?:<option[^>]*>[^<]*</option>\s*)*?<option value="(\d+)"', form.text
    )
    token = session.cookies["csrftoken"]
    headers = {"X-CSRFToken": token, "Referer": base + "/members/import/"}
    t0 = time.perf_counter()
    uploaded = session.post(
        base + "/members/import/",
        data={"organization": org.group(1)},
        files={"file": ("bench.xlsx", io.BytesIO(content))},
        headers=headers,
    )
    batch = re.search(r"/imports/(\d+)/", uploaded.url)
    if not batch:
        raise SystemExit("import upload was refused")
    t1 = time.perf_counter()
    confirmed = session.post(f"{base}/imports/{batch.group(1)}/confirm/", headers=headers)
    status = _wait_for_import(int(batch.group(1)))  # on the worker: done when its transaction commits
    t2 = time.perf_counter()
    return {
        "rows": rows,
        "bytes": len(content),
        "upload_check_s": round(t1 - t0, 2),
        "confirm_write_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "status": confirmed.status_code,
        "batch": status,
    }


def export_awards(base, session, year):
    """The award register of the session's scope for a year: time to answer the request, time until the file
    is ready (a job above EXPORT_INLINE_ROWS rows), rows, and the worker's peak memory."""
    from jobs.models import Job

    # The same request five times while the job runs (the same user and filters: the same job). The first is
    # also the first task a web worker sends, which opens its broker connection: reported apart, judged on p50.
    times = []
    t0 = time.perf_counter()
    for _ in range(5):
        started = time.perf_counter()
        response = session.get(f"{base}/awards/export/?year={year}", allow_redirects=False)
        times.append((time.perf_counter() - started) * 1000)
    t1 = time.perf_counter()
    found = re.search(r"/exports/(\d+)/", response.headers.get("Location", ""))
    request_ms = round(statistics.median(times))
    if not found:  # small enough to come back at once
        return {"request_ms": request_ms, "first_ms": round(times[0]), "ready_s": round(t1 - t0, 2), "job": False}
    job_id = int(found.group(1))
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=job_id)
        if job.finished:
            break
        time.sleep(0.1)
    t2 = time.perf_counter()
    file = session.get(f"{base}/exports/{job_id}/file/")
    result = job.result or {}
    return {
        "request_ms": request_ms,
        "first_ms": round(times[0]),
        "ready_s": round(t2 - t0, 2),
        "job": True,
        "status": job.status,
        "rows": result.get("rows"),
        "bytes": len(file.content),
        "worker_peak_mb": result.get("peak_mb"),
    }


def _wait_for_import(batch_id, timeout=300):
    from unions.models import ImportBatch

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = ImportBatch.objects.values_list("status", flat=True).get(pk=batch_id)
        if status in (ImportBatch.Status.DONE, ImportBatch.Status.FAILED, ImportBatch.Status.INVALID):
            return status
        time.sleep(0.05)
    return "timeout"


def read_locust(prefix):
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return {"error": "locust wrote no statistics"}
    rows = {row["Name"]: row for row in csv.DictReader(path.open())}
    per_page = {}
    for name, row in rows.items():
        if not int(row["Request Count"]):  # e.g. sign-ins, all made before the statistics restarted
            continue
        per_page[name] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "rps": round(_number(row["Requests/s"]), 1),
        }
    return {"aggregated": per_page.pop("Aggregated", {}), "pages": per_page}


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):  # locust writes N/A where it has no sample
        return 0.0


def _verdict(row):
    app, sql = row["app"]["p50_ms"], row["sql"]["p50_ms"]
    ratio = app / sql if sql else None
    gap = app - sql
    ok = gap <= 20 if sql < 5 else (ratio is not None and ratio <= 2)
    return round(ratio, 1) if ratio else None, round(gap, 1), ok


TARGETS = {
    "dashboard": "p50 ≤ 50, p95 ≤ 200",
    "members": "p95 ≤ 200",
    "awards": "p95 ≤ 300",
    "pickers": "p95 ≤ 150",
    "api": "p95 ≤ 300",
}
_P95 = {"members": 200, "awards": 300, "pickers": 150, "api": 300}


def _meets(row):
    p50, p95 = row["app"]["p50_ms"], row["app"]["p95_ms"]
    if row["group"] == "dashboard":
        return p50 <= 50 and p95 <= 200
    return p95 <= _P95[row["group"]]


def markdown(result):
    m = result["machine"]
    lines = [
        f"# Benchmark {result['tier']} — {result['date']}",
        "",
        f"Machine: {m['cpu']} ({m['cores']} cores), {m['memory_gb']} GB RAM; {m['postgres']}; "
        f"Python {m['python']}; commit {m['commit']}.",
        "",
        "Data: " + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in result["data"].items()),
        "",
    ]
    if result.get("generate_seconds"):
        lines += [f"Data generated in {result['generate_seconds']:.0f} s.", ""]
    lines += [
        "## Pages (sequential requests, one user; ms)",
        "",
        "| Page | app p50 | app p95 | best SQL p50 | app/SQL | gap | target | met |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in result["pages"]:
        ratio, gap, ok = _verdict(row)
        lines.append(
            f"| {row['name']} | {row['app']['p50_ms']} | {row['app']['p95_ms']} | {row['sql']['p50_ms']} | "
            f"{ratio if ratio is not None else '—'} | {gap} | {TARGETS[row['group']]} | "
            f"{'yes' if _meets(row) else 'NO'}{'' if ok else ' (over the SQL bound)'} |"
        )
    imp = result["import"]
    exp = result.get("export")
    if exp:
        lines += [
            "",
            f"- Export of the largest province's awards of 2025 ({exp.get('rows') or '—'} rows): request answered in "
            f"{exp['request_ms']} ms p50 of 5 (target ≤ 200; the first, which opens the web worker's broker "
            f"connection, {exp.get('first_ms', '—')} ms), file ready in {exp['ready_s']} s (target ≤ 30), worker peak "
            f"memory {exp.get('worker_peak_mb') or '—'} MB (target ≤ 200).",
        ]
    lines += [
        "",
        "## Import, reports, rollups",
        "",
        f"- Import of {imp['rows']:,} members ({imp['bytes'] // 1024} KiB): upload and check "
        f"{imp['upload_check_s']} s, confirm and write {imp['confirm_write_s']} s, total {imp['total_s']} s "
        f"(target ≤ 10 s).".replace(",", "."),
    ]
    for key, label, target in (
        ("report_province", "Year-end report, largest province", "≤ 30 s"),
        ("report_country", "Year-end report, whole country", "≤ 5 min, ≤ 1 GB"),
        ("rollup_rebuild", "Rollup full rebuild", "≤ 60 s"),
    ):
        job = result["jobs"][key]
        lines.append(f"- {label}: {job['seconds']} s, peak memory {job['peak_mb']} MB (target {target}).")
    for load in result.get("mixed_loads") or [result["mixed_load"]]:
        lines += _load_lines(load)
    missed = missed_targets(result)
    lines += ["", "## Targets", ""]
    lines += [f"- NOT MET: {m}" for m in missed] if missed else ["- Every target of the suite met."]
    return "\n".join(lines) + "\n"


# Mixed load: users -> (p95 of every request, p95 of sign-ins), ms; no errors.
LOAD_TARGETS = {50: (250, 500), 100: (600, None)}


def _load_lines(load):
    agg = load.get("aggregated", {})
    sign_in = load.get("sign_in", {})
    window = (
        "counted from the moment every user had signed in"
        if load.get("steady")
        else "NOT every user signed in: the figures include the ramp"
    )
    lines = [
        "",
        f"## Mixed load: {load.get('users')} users for {load.get('seconds')} s",
        "",
        f"Locust, 80% grassroots officers, 15% leaders, 5% exports; each user pauses 2–8 s between pages; {window}.",
        "",
    ]
    if sign_in.get("n"):
        lines += [f"Sign-ins: {sign_in['n']}, p50 {sign_in['p50_ms']} ms, p95 {sign_in['p95_ms']} ms.", ""]
    if not agg:
        return [*lines, str(load)]
    lines += [
        f"{agg['requests']:,} requests, {agg['failures']} errors, {agg['rps']} requests/s; "
        f"p50 {agg['p50_ms']:.0f} ms, p95 {agg['p95_ms']:.0f} ms.".replace(",", "."),
        "",
        "| Request | requests | errors | p50 | p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in sorted(load["pages"].items()):
        lines.append(f"| {name} | {row['requests']} | {row['failures']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} |")
    return lines


def missed_targets(result):
    """What the run did not meet, one line each (the suite's own targets; empty: all met)."""
    missed = [
        f"{row['name']}: p50 {row['app']['p50_ms']} ms, p95 {row['app']['p95_ms']} ms"
        for row in result["pages"]
        if not _meets(row)
    ]
    imp = result.get("import") or {}
    if imp.get("total_s", 0) > 10:
        missed.append(f"Import of 10.000 members: {imp['total_s']} s (target ≤ 10 s)")
    exp = result.get("export") or {}
    if exp and (exp["request_ms"] > 200 or exp["ready_s"] > 30 or (exp.get("worker_peak_mb") or 0) > 200):
        missed.append(
            f"Export of a province's awards: request {exp['request_ms']} ms, ready {exp['ready_s']} s, "
            f"worker peak {exp.get('worker_peak_mb')} MB (targets ≤ 200 ms, ≤ 30 s, ≤ 200 MB)"
        )
    rebuild = (result.get("jobs") or {}).get("rollup_rebuild") or {}
    if rebuild.get("seconds", 0) > 60:
        missed.append(f"Rollup full rebuild: {rebuild['seconds']} s (target ≤ 60 s)")
    for load in result.get("mixed_loads") or []:
        users, agg = load.get("users"), load.get("aggregated") or {}
        limit, sign_in_limit = LOAD_TARGETS.get(users, (None, None))
        if not load.get("steady"):
            missed.append(f"Mixed load, {users} users: not every user signed in")
        if agg.get("failures"):
            missed.append(f"Mixed load, {users} users: {agg['failures']} errors")
        if limit and agg.get("p95_ms", 0) > limit:
            missed.append(f"Mixed load, {users} users: p95 {agg['p95_ms']:.0f} ms (target ≤ {limit})")
        sign_in = load.get("sign_in") or {}
        if sign_in_limit and sign_in.get("p95_ms", 0) > sign_in_limit:
            missed.append(f"Mixed load, {users} users: sign-in p95 {sign_in['p95_ms']} ms (target ≤ {sign_in_limit})")
    return missed


def write_results(result, out):
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{result['tier']}-{result['date'][:16].replace(':', '')}"
    json_path, md_path = out / f"{stem}.json", out / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    md_path.write_text(markdown(result))
    return json_path, md_path
