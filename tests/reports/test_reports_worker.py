"""Reports on a real Redis broker and real Celery workers, including one killed mid-run."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from reports import periods
from reports.models import MetricSnapshot, ReportRun
from reports.tasks import build_report, schedule_reports
from tests.awards import helpers as h
from tests.factories import MemberFactory

ROOT = Path(__file__).resolve().parents[2]
Y = 2024


@pytest.fixture
def awards_2024(world, award_catalogue):
    for _ in range(4):
        h.award(MemberFactory(organization=world.union_a1), code="CNG_Q", year=Y)
    return world


@pytest.mark.celery_worker
def test_scheduled_run_produces_its_files_once(awards_2024, celery_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ids = schedule_reports.delay("year").get(timeout=60)
    assert len(ids) == 3
    for run_id in ids:
        assert build_report.delay(run_id).get(timeout=60) == "done"
    schedule_reports.delay("year").get(timeout=60)
    assert ReportRun.objects.count() == 3


def _worker(name, env):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "emulation", "worker", "-n", f"{name}@localhost", "--pool=solo",
         "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_ready(app, name, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(destination=[f"{name}@localhost"], timeout=0.5):
            return
    raise AssertionError(f"worker {name} did not start")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_no_half_report(awards_2024, settings, tmp_path):
    url = os.environ.get("REDIS_URL")
    if not url or connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("needs PostgreSQL and Redis")
        pytest.skip("needs PostgreSQL and Redis")
    from emulation.celery import app

    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "emulation.settings_test", "REDIS_URL": url,
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "MEDIA_ROOT": str(tmp_path), "CELERY_VISIBILITY_TIMEOUT": "3"}
    saved = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    run = ReportRun.objects.create(organization=awards_2024.district_a, kind="year",
                                   period_start=periods.year(Y).start, period_end=periods.year(Y).end)
    first = _worker("doomed", {**env, "REPORT_BUILD_PAUSE": "30"})
    second = None
    try:
        _wait_ready(app, "doomed")
        build_report.apply_async((run.pk,))
        time.sleep(4)  # the build is now paused inside its transaction
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        run.refresh_from_db()
        assert run.status == "pending" and not MetricSnapshot.objects.filter(run=run).exists()
        second = _worker("rescuer", {**env, "REPORT_BUILD_PAUSE": "0"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if run.status == "done":
                break
            time.sleep(0.5)
        assert run.status == "done", second.stderr.read1().decode() if second.poll() is not None else run.status
        assert run.attempts == 1  # the killed attempt rolled back, counter included
        assert MetricSnapshot.objects.get(run=run, code="awards_individual", child="").value == 4
        assert ReportRun.objects.count() == 1
        files = sorted(p.name for p in (tmp_path / "reports").iterdir())
        assert files == [f"bao-cao-{run.pk}.pdf", f"bao-cao-{run.pk}.xlsx"]
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=20)
        app.conf.update(saved)
