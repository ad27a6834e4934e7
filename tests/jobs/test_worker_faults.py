"""Long jobs on real Celery workers that die or lose their broker half-way: each ends with exactly one result.

Every test runs its own redis-server (no persistence) and its own worker processes, and kills them itself.
"""

import os
import signal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.models import Job
from jobs.services import sweep_stale
from tests.checkpoints import Gate
from tests.jobs import helpers
from tests.waiting import wait_until
from tests.xlsx_files import member_file
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

FIRST = [
    ["Tạ Thị Hoa", "Nữ", "", "001186000501"],
    ["Tạ Văn Bình", "Nam", "", "001084000502"],
    ["Tạ Minh Khôi", "Nam", "", "001095000503"],
]
SECOND = [["Lò Thị Ánh", "Nữ", "", "001192000601"], ["Lò Văn Sơn", "Nam", "", "001088000602"]]
THIRD = [["Hứa Thị Mơ", "Nữ", "", "001193000701"]]


@pytest.fixture(autouse=True)
def _sweeper_settings(settings):
    settings.JOB_STALE_SECONDS = 3  # as in the workers' environment (helpers.child_env)


@pytest.fixture
def written(tmp_path):
    """Shut in the workers given its env: they hold the import after writing the rows, before committing."""
    return Gate("import.written", tmp_path)


@pytest.fixture
def redis_server():
    helpers.require_services()
    server = helpers.RedisServer()
    try:
        yield server.start()
    finally:
        server.close()


def upload(world, rows):
    batch = imports.batch_create(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        upload=SimpleUploadedFile("dv.xlsx", member_file(rows)),
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    return batch


def confirm(world, rows, batch=None):
    batch = batch or upload(world, rows)
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)  # sends the job after commit
    return batch, Job.objects.get(args__batch_id=batch.pk)


def job_status(job):
    job.refresh_from_db()
    return job.status if job.finished else None


def sweep_until_finished(job, timeout):
    """What beat does every minute, every half second here, until the job has finished."""

    def finished():
        if job_status(job):
            return True
        sweep_stale()
        return False

    wait_until(finished, timeout, f"job {job.pk} to finish", interval=0.5)


def assert_imported_once(batch, job, rows, attempts):
    batch.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == ("succeeded", attempts, {"status": "done", "created": len(rows)})
    assert (batch.status, batch.created_count) == ("done", len(rows))
    for name, *_rest in rows:
        assert Member.objects.filter(full_name=name).count() == 1
    assert Job.objects.filter(args__batch_id=batch.pk).count() == 1


def test_a_killed_pool_process_is_replaced_and_the_job_runs_again(world, redis_server, written):
    env = helpers.child_env(REDIS_URL=redis_server.url, **written.env())
    worker = None
    with helpers.celery_on(redis_server.url) as app:
        try:
            worker = helpers.start_worker("pool", env)
            helpers.wait_ready(app, "pool")
            batch, job = confirm(world, FIRST)
            child = written.wait_reached()
            assert helpers.inside_import_transaction()
            job.refresh_from_db()
            assert job.worker.endswith(f":{child}")
            assert child != worker.pid  # the pool process, not the worker's main process
            os.kill(child, signal.SIGKILL)
            wait_until(lambda: not helpers.inside_import_transaction(), 10, "the killed session to end")
            assert not Member.objects.filter(full_name=FIRST[0][0]).exists()
            assert job_status(job) is None
            written.open()  # the next attempt, in the pool process that replaced the killed one, goes through
            sweep_until_finished(job, 25)
            assert_imported_once(batch, job, FIRST, attempts=2)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{helpers.worker_log(worker)}") from None
        finally:
            helpers.stop(worker)


def beat_after(job, seconds):
    """The job's heartbeat once it is at least `seconds` after the job started."""
    job.refresh_from_db()
    return (job.heartbeat_at - job.started_at).total_seconds() >= seconds


def test_a_killed_worker_is_replaced_by_a_new_one_and_the_sweeper(world, redis_server, written):
    doomed = rescuer = None
    with helpers.celery_on(redis_server.url) as app:
        try:
            doomed = helpers.start_worker("doomed", helpers.child_env(REDIS_URL=redis_server.url, **written.env()))
            helpers.wait_ready(app, "doomed")
            batch, job = confirm(world, FIRST)
            written.wait_reached()
            # Alive, the worker keeps the job's heartbeat fresh (every 0.5 s in the workers' environment) while
            # the import waits, and the sweeper leaves the job alone.
            wait_until(lambda: beat_after(job, 1), 10, "the heartbeat to move on")
            assert sweep_stale() == {"requeued": [], "failed": []}
            os.killpg(doomed.pid, signal.SIGKILL)  # the main process and its pool, like a lost machine
            doomed.wait(timeout=10)
            wait_until(lambda: not helpers.inside_import_transaction(), 10, "the killed session to end")
            assert not Member.objects.filter(full_name=FIRST[0][0]).exists()
            assert job_status(job) is None
            # The new worker may also get the old message back from Redis (short visibility timeout):
            # whichever delivery comes first runs the job, the other finds it done.
            rescuer = helpers.start_worker(
                "rescuer", helpers.child_env(REDIS_URL=redis_server.url, CELERY_VISIBILITY_TIMEOUT=2)
            )
            helpers.wait_ready(app, "rescuer")
            sweep_until_finished(job, 25)
            assert_imported_once(batch, job, FIRST, attempts=2)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{helpers.worker_log(rescuer or doomed)}") from None
        finally:
            helpers.stop(doomed)
            helpers.stop(rescuer)


def test_redis_restarted_without_saving_loses_messages_not_jobs(world, redis_server, written):
    worker = None
    later = [upload(world, SECOND), upload(world, THIRD)]  # checked beforehand: confirming them is quick
    with helpers.celery_on(redis_server.url) as app:
        try:
            worker = helpers.start_worker("survivor", helpers.child_env(REDIS_URL=redis_server.url, **written.env()))
            helpers.wait_ready(app, "survivor")
            running, running_job = confirm(world, FIRST)
            written.wait_reached()
            # Two more imports wait behind it: the worker may hold one message in memory, the other stays in Redis.
            waiting = [confirm(world, rows, batch) for rows, batch in zip((SECOND, THIRD), later, strict=True)]
            assert Job.objects.get(pk=running_job.pk).status == "running"  # the restart comes mid-task
            redis_server.restart()  # no dump, no AOF: the messages in Redis are gone
            written.open()
            # The running import never needed Redis again: it commits, and its job says so.
            wait_until(lambda: job_status(running_job), 15, "the running job to finish")
            # Whatever message the worker still held has run by now; what is left waits in the table only.
            wait_until(
                lambda: helpers.worker_idle(app, "survivor") and not Job.objects.filter(status="running").exists(),
                20,
                "the worker to go idle",
            )
            lost = Job.objects.filter(status="queued", attempts=0)
            assert lost.exists()  # a job whose message Redis forgot: only the table remembers it
            # The sweeper sends the forgotten jobs again once their heartbeat is stale.
            for _batch, job in waiting:
                sweep_until_finished(job, 25)
            assert_imported_once(running, running_job, FIRST, attempts=1)
            for (batch, job), rows in zip(waiting, (SECOND, THIRD), strict=True):
                assert_imported_once(batch, job, rows, attempts=1)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- worker log ---\n{helpers.worker_log(worker)}") from None
        finally:
            helpers.stop(worker)
