"""The app under gunicorn on 127.0.0.1, the import and exports over HTTP, and the mixed loads with locust."""

import contextlib
import csv
import io
import itertools
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
NICE = ["nice", "-n", "10"]


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
        # The product's settings plus the floor's URLs (benchmarks/urls.py), for this server only.
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
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
        # The workers of docker-compose.yml: imports and notifications at normal priority, the file-building queues
        # (exports, reports, documents) at nice 10, so an export gives way to the web processes.
        for node, queues, nice in (("work", "default,imports,notifications", []), ("files", "reports,documents", NICE)):
            processes.append(
                subprocess.Popen(
                    [
                        *nice,
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "emulation",
                        "worker",
                        "-n",
                        f"bench-{node}@%h",
                        "-Q",
                        queues,
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
    job = _wait_for_job(job_id)
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


def _wait_for_job(job_id, timeout=600):
    from jobs.models import Job

    deadline = time.monotonic() + timeout
    while True:
        job = Job.objects.get(pk=job_id)
        if job.finished or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def mixed_load(base, password, users, seconds, workdir, provinces, *, label=None, exports=True):
    """A locust run of `users`, counted for `seconds` from the moment every user had signed in. Without
    `exports`, the locust users export nothing themselves (BENCH_NO_EXPORTS, read by locustfile.py)."""
    label = label or str(users)
    prefix = workdir / f"locust-{label}"
    mark = workdir / f"steady-{label}"
    sign_ins = workdir / f"sign-ins-{label}.json"
    for stale in (mark, sign_ins):
        stale.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_PASSWORD": password,
        "BENCH_PROVINCES": str(provinces),
        "BENCH_USERS": str(users),
        "BENCH_STEADY_SECONDS": str(seconds),
        "BENCH_STEADY_MARK": str(mark),
        "BENCH_SIGN_INS": str(sign_ins),
        "BENCH_NO_EXPORTS": "" if exports else "1",
    }
    # Users arrive two a second and sign in; the statistics restart when the last has signed in (the
    # locustfile counts sign-ins) and the run stops `seconds` later: the figures are steady load only. The
    # time limit is a safety net for a run where some user never signs in (then the ramp is counted: said).
    ramp = max(1, users // 2) * 3 + 60
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            "2",
            "-t",
            f"{seconds + ramp}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    times = sorted(json.loads(sign_ins.read_text())) if sign_ins.exists() else []
    sign_in = {"n": len(times)}
    if times:
        sign_in.update(p50_ms=round(statistics.median(times)), p95_ms=round(times[round(0.95 * (len(times) - 1))]))
    return {
        "users": users,
        "seconds": seconds,
        "steady": mark.exists(),
        "sign_in": sign_in,
        **read_locust(prefix),
    }


# The exports run during the load: the province's awards of a year, then of a year and one kind of subject, so
# that each is a new job (a running job is shared by the same user and filters: jobs/exports.py); when the list
# is done it starts again (its first jobs have long finished).
_EXPORT_FILTERS = [f"year={y}" for y in range(2025, 2015, -1)] + [
    f"year={y}&subject={kind}" for kind in ("individual", "collective") for y in range(2025, 2015, -1)
]


def _exports_until(stop, base, session, done):
    """Award exports of the session's province one after another, each requested when the last one's file is
    ready, until `stop` is set (the one running then is waited for: the next step starts on an idle worker)."""
    from django.db import connection

    try:
        for query in itertools.cycle(_EXPORT_FILTERS):
            if stop.is_set():
                break
            started = time.perf_counter()
            response = session.get(f"{base}/awards/export/?{query}", allow_redirects=False)
            found = re.search(r"/exports/(\d+)/", response.headers.get("Location", ""))
            entry = {"filter": query, "job": bool(found), "status": response.status_code}
            if found:
                job = _wait_for_job(int(found.group(1)))
                entry.update(status=job.status, rows=(job.result or {}).get("rows"))
            else:  # small enough to be answered at once (T0): no work on the worker, so not in a tight loop
                stop.wait(1)
            entry["seconds"] = round(time.perf_counter() - started, 1)
            done.append(entry)
    finally:
        connection.close()  # this thread's own connection


def export_impact(base, password, session, workdir, provinces, *, users=20, seconds=60):
    """Other users' p95 with and without award exports running on the worker: a load of `users` who export
    nothing themselves, counted for `seconds` after every user signed in, once alone and once while `session`
    (a province leader) exports the province's awards one after another for the whole run."""
    without = mixed_load(base, password, users, seconds, workdir, provinces, label="impact-without", exports=False)
    stop = threading.Event()
    done: list[dict] = []
    exporter = threading.Thread(target=_exports_until, args=(stop, base, session, done))
    exporter.start()
    try:
        during = mixed_load(base, password, users, seconds, workdir, provinces, label="impact-during", exports=False)
    finally:
        stop.set()
        exporter.join()
    p95_without = (without.get("aggregated") or {}).get("p95_ms") or 0.0
    p95_during = (during.get("aggregated") or {}).get("p95_ms") or 0.0
    return {
        "without": without,
        "during": during,
        "exports": done,
        "p95_without_ms": p95_without,
        "p95_during_ms": p95_during,
        "ratio": round(p95_during / p95_without, 2) if p95_without else None,
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
