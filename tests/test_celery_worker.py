"""The member import runs as a job on a real Celery worker through the Redis broker."""

import pytest
from celery.signals import task_postrun
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.models import Job
from jobs.tasks import run_job
from tests.waiting import wait_until
from tests.xlsx_files import member_file
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member

pytestmark = pytest.mark.celery_worker


def confirmed(world, row):
    upload = SimpleUploadedFile("a.xlsx", member_file([row]))
    batch = imports.batch_create(actor=world.officer_union_a1, organization=world.union_a1, upload=upload)
    assert batch.status == ImportBatch.Status.PREVIEWED
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)  # as the view does: sent after commit, by id
    return batch, Job.objects.get(kind=imports.IMPORT_JOB, args__batch_id=batch.pk)


def finished(job):
    job.refresh_from_db()
    return job.finished


def test_confirmed_import_runs_on_the_worker(world, celery_worker):
    batch, job = confirmed(world, ["Vương Thị Hồng", "Nữ", "02/02/1990", "001190000222"])
    wait_until(lambda: finished(job), 20, "the worker to run the import job")
    assert (job.status, job.attempts, job.result) == ("succeeded", 1, {"status": "done", "created": 1})
    assert job.worker  # claimed by the worker process, not run here
    batch.refresh_from_db()
    assert (batch.status, batch.created_count) == (ImportBatch.Status.DONE, 1)
    assert Member.objects.filter(national_id="001190000222", organization=world.union_a1).count() == 1


def test_redelivered_job_does_not_import_twice(world, celery_worker):
    batch, job = confirmed(world, ["Vương Văn Hải", "Nam", "", "001090000333"])
    wait_until(lambda: finished(job), 20, "the worker to run the import job")
    # The broker delivers the job's message again (as after a lost ack): the worker finds the job finished.
    ran = []

    def record(sender=None, task_id=None, retval=None, **_kwargs):
        ran.append((task_id, retval))

    task_postrun.connect(record, weak=False)
    try:
        again = run_job.delay(job.pk)
        retval = wait_until(lambda: dict(ran).get(again.id), 20, "the worker to take the second delivery")
    finally:
        task_postrun.disconnect(record)
    assert retval == "succeeded"
    job.refresh_from_db()
    batch.refresh_from_db()
    assert (job.status, job.attempts, batch.created_count) == ("succeeded", 1, 1)
    assert Member.objects.filter(national_id="001090000333").count() == 1
