"""Reports on a real Redis broker and real Celery workers, including one killed mid-run: the build is a job."""

import os
import signal

import pytest

from jobs.models import Job
from jobs.services import sweep_stale
from reports import periods, services
from reports.models import MetricSnapshot, ReportRun
from reports.tasks import schedule_reports
from tests.awards import helpers as h
from tests.checkpoints import Gate
from tests.factories import MemberFactory
from tests.jobs import helpers
from tests.waiting import wait_until

Y = 2024


@pytest.fixture
def awards_2024(world, award_catalogue):
    for _ in range(4):
        h.award(MemberFactory(organization=world.union_a1), code="CNG_Q", year=Y)
    return world


def all_built(jobs):
    return (
        Job.objects.filter(kind=services.BUILD_JOB, status="succeeded").count() == jobs
        and not ReportRun.objects.exclude(status="done").exists()
    )


@pytest.mark.celery_worker
def test_scheduled_run_produces_its_files_once(awards_2024, celery_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ids = schedule_reports.delay("year").get(timeout=60)
    assert len(ids) == 3  # the city and its two districts, each built by a job on the worker
    wait_until(lambda: all_built(3), 60, "the three reports to be built")
    assert sorted(schedule_reports.delay("year").get(timeout=60)) == sorted(ids)  # rebuilt in place, not added
    wait_until(lambda: all_built(6), 60, "the three reports to be built again")
    assert ReportRun.objects.count() == 3
    files = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert files == sorted(f"bao-cao-{pk}.{ext}" for pk in ids for ext in ("pdf", "xlsx"))


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_no_half_report(awards_2024, settings, tmp_path):
    helpers.require_services()
    settings.JOB_STALE_SECONDS = 3  # as in the workers' environment (helpers.child_env)
    url = os.environ["REDIS_URL"]
    snapshots_written = Gate("report.snapshots_written", tmp_path / "gates")  # never opened: the worker dies there
    env = helpers.child_env(REDIS_URL=url, MEDIA_ROOT=tmp_path, CELERY_VISIBILITY_TIMEOUT=3)
    run = ReportRun.objects.create(
        organization=awards_2024.district_a,
        kind="year",
        period_start=periods.year(Y).start,
        period_end=periods.year(Y).end,
    )
    doomed = rescuer = None
    with helpers.celery_on(url) as app:
        try:
            doomed = helpers.start_worker("doomed", {**env, **snapshots_written.env()}, pool="solo")
            helpers.wait_ready(app, "doomed")
            job = services.build_enqueue(run)  # sent at once: this test runs outside a transaction
            snapshots_written.wait_reached()
            os.killpg(doomed.pid, signal.SIGKILL)
            doomed.wait(timeout=10)
            run.refresh_from_db()
            assert run.status == "pending" and not MetricSnapshot.objects.filter(run=run).exists()
            rescuer = helpers.start_worker("rescuer", env, pool="solo")
            helpers.wait_ready(app, "rescuer")

            def built():
                run.refresh_from_db()
                if run.status != "done":
                    sweep_stale()  # what beat does every minute; Redis may also deliver the message again
                return run.status == "done"

            wait_until(built, 60, "the rescuer to build the report", interval=0.5)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{helpers.worker_log(rescuer or doomed)}") from None
        finally:
            helpers.stop(doomed)
            helpers.stop(rescuer)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("succeeded", 2)
    assert run.attempts == 1  # the killed attempt rolled back, counter included
    assert MetricSnapshot.objects.get(run=run, code="awards_individual", child="").value == 4
    assert ReportRun.objects.count() == 1
    files = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert files == [f"bao-cao-{run.pk}.pdf", f"bao-cao-{run.pk}.xlsx"]
