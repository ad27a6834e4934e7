"""The job table on its own: keys, claims, heartbeats, retries and the sweeper."""

import datetime
import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from jobs import runner
from jobs.locks import job_lock
from jobs.models import Job
from jobs.registry import Failed, handler
from jobs.services import job_enqueue, sweep_stale
from tests.waiting import wait_until

CALLS = []
RELEASE = threading.Event()  # a job with hold=True runs until the test sets it


@handler("tests.echo")
def echo(value, hold=False, fail=None):
    CALLS.append(value)
    if hold:
        assert RELEASE.wait(10), "the test never let the job finish"
    if fail == "transient_once" and CALLS.count(value) == 1:
        raise OperationalError("server closed the connection unexpectedly")
    if fail == "bug":
        raise ValueError("a bug")
    if fail == "outcome":
        return Failed("no output", {"value": value})
    return {"value": value}


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    RELEASE.clear()


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted as their English msgids, whatever the catalogue says."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_key_holds_one_live_job(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as sent:
        first, created = job_enqueue(kind="tests.echo", args={"value": 1}, key="k")
        again, created_again = job_enqueue(kind="tests.echo", args={"value": 1}, key="k")
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert len(sent) == 1  # the duplicate is not sent
    Job.objects.filter(pk=first.pk).update(status=Job.Status.FAILED)
    retry, created = job_enqueue(kind="tests.echo", args={"value": 1}, key="k")
    assert created and retry.pk != first.pk


def test_enqueue_runs_after_commit_and_records_the_result(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = job_enqueue(kind="tests.echo", args={"value": 7})
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result, job.error) == ("succeeded", 1, {"value": 7}, "")
    assert job.started_at and job.finished_at and job.worker
    assert runner.execute(job.pk).status == "succeeded" and CALLS == [7]  # a second delivery does nothing


def test_an_outcome_failure_keeps_the_result_and_fails_the_job(db):
    job, _ = job_enqueue(kind="tests.echo", args={"value": 2, "fail": "outcome"}, key="x")
    job = runner.execute(job.pk, heartbeat=False)
    assert (job.status, job.error, job.result) == ("failed", "no output", {"value": 2})


def test_a_bug_fails_the_job_and_is_raised(db):
    job, _ = job_enqueue(kind="tests.echo", args={"value": 3, "fail": "bug"})
    with pytest.raises(ValueError):
        runner.execute(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "ValueError: a bug")


def test_a_transient_database_error_is_tried_again(db, django_capture_on_commit_callbacks):
    job, _ = job_enqueue(kind="tests.echo", args={"value": 4, "fail": "transient_once"})
    with django_capture_on_commit_callbacks(execute=True):
        runner.execute(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert (job.status, job.attempts, CALLS) == ("succeeded", 2, [4, 4])


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_beats_while_the_job_runs(settings):
    settings.JOB_HEARTBEAT_SECONDS = 0.2
    job = Job.objects.create(kind="tests.echo", args={"value": 5, "hold": True}, heartbeat_at=timezone.now())
    seen = set()

    def beats():
        beat = Job.objects.filter(pk=job.pk, status="running").values_list("heartbeat_at", flat=True).first()
        if beat:
            seen.add(beat)
        return len(seen) >= 3  # the claim's, then beats

    worker = threading.Thread(target=lambda: (runner.execute(job.pk), connection.close()))
    worker.start()
    try:
        wait_until(beats, 10, "the running job's heartbeat to move twice")
    finally:
        RELEASE.set()
        worker.join(timeout=10)
    assert Job.objects.get(pk=job.pk).status == "succeeded"


def _stale(**fields):
    old = timezone.now() - datetime.timedelta(seconds=settings.JOB_STALE_SECONDS + 5)
    return Job.objects.create(kind="tests.echo", args={"value": 9}, heartbeat_at=old, **fields)


def test_the_sweeper_sends_silent_jobs_again_and_gives_up_after_the_last_attempt(
    db, django_capture_on_commit_callbacks
):
    lost_message = _stale(status="queued")
    dead_worker = _stale(status="running", attempts=1)
    hopeless = _stale(status="running", attempts=settings.JOB_MAX_ATTEMPTS)
    fresh = Job.objects.create(
        kind="tests.echo", args={"value": 9}, status="running", attempts=1, heartbeat_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=False) as sent:
        outcome = sweep_stale()
    assert sorted(outcome["requeued"]) == sorted([lost_message.pk, dead_worker.pk])
    assert outcome["failed"] == [hopeless.pk]
    assert len(sent) == 2
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {lost_message.pk: "queued", dead_worker.pk: "queued", hopeless.pk: "failed", fresh.pk: "running"}
    assert Job.objects.get(pk=hopeless.pk).error.startswith("Gave up after 3 attempts")


@pytest.mark.django_db(transaction=True)
def test_the_sweeper_leaves_a_silent_job_whose_worker_still_holds_its_lock():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks need PostgreSQL")
    job = _stale(status="running", attempts=1)
    holding, release = threading.Event(), threading.Event()

    def hold():
        with job_lock(job.pk) as held:
            assert held
            holding.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        assert sweep_stale() == {"requeued": [], "failed": []}
        assert runner.execute(job.pk, heartbeat=False).attempts == 1  # a duplicate delivery stands aside
    finally:
        release.set()
        holder.join(10)
    assert sweep_stale()["requeued"] == [job.pk]


def test_the_sweeper_runs_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-stale-jobs"]
    assert (entry["task"], entry["schedule"]) == ("jobs.sweep_stale", 60.0)


def test_a_report_whose_job_gives_up_is_marked_failed(world, django_capture_on_commit_callbacks):
    from reports import periods, services
    from reports.models import ReportRun

    run = ReportRun.objects.create(
        organization=world.district_a,
        kind="year",
        period_start=periods.year(2024).start,
        period_end=periods.year(2024).end,
    )
    job = services.build_enqueue(run, send_after_commit=False)
    Job.objects.filter(pk=job.pk).update(
        status="running", attempts=settings.JOB_MAX_ATTEMPTS, heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert sweep_stale()["failed"] == [job.pk]
    run.refresh_from_db()
    assert run.status == "failed" and run.error.startswith("Gave up after 3 attempts")


def test_an_unknown_kind_fails_instead_of_hanging(db):
    job = Job.objects.create(kind="tests.nobody", args={}, heartbeat_at=timezone.now())
    with pytest.raises(KeyError):
        runner.execute(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert job.status == "failed" and "tests.nobody" in job.error
