"""Each kind of work has its Celery queue: a worker started for imports takes imports and nothing else, so a slow
province report waiting on the reports queue never delays a union's import."""

import os

import pytest
import redis
from django.conf import settings

from jobs.models import Job
from jobs.registry import _HANDLERS, handler, queue_for
from jobs.services import job_enqueue
from tests.jobs import helpers
from tests.waiting import wait_until

DONE = []


@handler("tests.queued_import", queue="imports")
def queued_import(value):
    DONE.append(value)
    return {"value": value}


@handler("tests.queued_report", queue="reports")
def queued_report():
    DONE.append("report")
    return {}


def test_every_job_kind_names_a_declared_queue():
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("tasks")
    assert {h.queue for h in _HANDLERS.values()} <= set(settings.TASK_QUEUE_NAMES)
    assert queue_for("members.import") == "imports"
    assert queue_for("jobs.export") == "reports"
    assert queue_for("reports.build") == "reports"
    assert queue_for("no.such.kind") == "default"


def test_a_worker_without_queues_named_takes_them_all():
    from emulation.celery import app

    assert set(app.amqp.queues) == set(settings.TASK_QUEUE_NAMES)


@pytest.mark.celery_worker
def test_an_import_worker_is_not_held_up_by_a_report(transactional_db):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("no Redis")
    from celery.contrib.testing.worker import start_worker

    DONE.clear()
    broker = redis.Redis.from_url(url)
    broker.delete("reports", "imports")
    with helpers.celery_on(url) as app:
        try:
            with start_worker(
                app, pool="solo", queues=["imports"], perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
            ):
                report, _ = job_enqueue(kind="tests.queued_report", args={})
                imported, _ = job_enqueue(kind="tests.queued_import", args={"value": 1})
                wait_until(
                    lambda: Job.objects.get(pk=imported.pk).status == Job.Status.SUCCEEDED, 30, "the import to run"
                )
                # The report's message waits on its own queue for a reports worker.
                assert Job.objects.get(pk=report.pk).status == Job.Status.QUEUED
                assert broker.llen("reports") == 1
                assert DONE == [1]
        finally:
            broker.delete("reports", "imports")
            # The worker narrowed the app's own queue selection to its -Q; later workers of this process take all.
            app.amqp.queues.select(settings.TASK_QUEUE_NAMES)
