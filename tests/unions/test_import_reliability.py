"""Member imports: one import per file and union, one winner when two copies are confirmed at once,
and nothing written when the importing process dies inside its transaction."""

import signal
import subprocess
import sys
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import translation

from jobs import runner
from jobs.models import Job
from tests.checkpoints import Gate
from tests.jobs import helpers
from tests.waiting import wait_until
from tests.xlsx_files import member_file
from unions.importers import member_files as imports
from unions.models import ImportBatch, Member

ROWS = [
    ["Đinh Thị Lan", "Nữ", "12/03/1985", "001185000111"],
    ["Đinh Văn Hùng", "Nam", "", "001083000222"],
    ["Mai Thị Thu", "Nữ", "01/01/1990", ""],
]
ALREADY_RUNNING = "This file is already being imported into this union: wait for that import to finish."


@pytest.fixture
def content():
    return member_file(ROWS)  # the same bytes for every upload of a test


@pytest.fixture
def english(settings):
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def quiet_broker():
    """Jobs go to an in-memory queue nobody reads, so the test decides when (and where) they run."""
    with helpers.celery_on("memory://") as app:
        yield app


def upload(world, content, user=None, org=None):
    return imports.batch_create(
        actor=user or world.officer_union_a1,
        organization=org or world.union_a1,
        upload=SimpleUploadedFile("doan-vien.xlsx", content),
    )


def test_the_same_file_twice_writes_nothing_new_and_says_so(world, content, english, quiet_broker):
    first = upload(world, content)
    imports.batch_confirm(actor=world.officer_union_a1, batch=first)
    job = Job.objects.get(key=imports.import_key(world.union_a1.pk, first.sha256))
    assert runner.execute(job.pk, heartbeat=False).status == Job.Status.SUCCEEDED
    count = Member.objects.count()

    again = upload(world, content)
    assert again.status == ImportBatch.Status.INVALID
    assert again.message.startswith("This file was already imported into this union on ")
    assert again.message.endswith(": nothing new to import.")
    assert Member.objects.count() == count
    # The same file into another union is another import (here it still fails on the CCCDs already used).
    other = upload(world, content, user=world.staff_district_a, org=world.union_a2)
    assert not other.message.startswith("This file was already imported")


def test_a_second_copy_previewed_before_the_first_ran_is_refused_at_confirmation(world, content, english, quiet_broker):
    first, second = upload(world, content), upload(world, content)
    assert first.status == second.status == ImportBatch.Status.PREVIEWED
    imports.batch_confirm(actor=world.officer_union_a1, batch=first)
    with pytest.raises(ValidationError) as refused:
        imports.batch_confirm(actor=world.officer_union_a1, batch=second)
    assert refused.value.messages == [ALREADY_RUNNING]
    second.refresh_from_db()
    assert second.status == ImportBatch.Status.PREVIEWED
    assert Job.objects.filter(kind=imports.IMPORT_JOB).count() == 1


def test_a_failed_import_frees_the_file_for_another_try(world, content, quiet_broker):
    batch = upload(world, content)
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    # Someone enters one of the members by hand before the import runs: the import fails whole.
    Member.objects.create(
        organization=world.union_a2,
        full_name="X",
        search_name="x",
        member_code="DV-X",
        gender="female",
        national_id="001185000111",
    )
    job = Job.objects.get(kind=imports.IMPORT_JOB)
    assert runner.execute(job.pk, heartbeat=False).status == Job.Status.FAILED
    assert Member.objects.filter(full_name__startswith="Đinh").count() == 0
    Member.objects.filter(member_code="DV-X").delete()
    retry = upload(world, content)
    assert retry.status == ImportBatch.Status.PREVIEWED
    imports.batch_confirm(actor=world.officer_union_a1, batch=retry)


def test_confirming_while_redis_is_down_keeps_the_job_for_the_sweeper(
    world, content, django_capture_on_commit_callbacks
):
    with helpers.celery_on("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        batch = upload(world, content)
        imports.batch_confirm(actor=world.officer_union_a1, batch=batch)  # the send fails, quietly
    batch.refresh_from_db()
    job = Job.objects.get(kind=imports.IMPORT_JOB)
    assert (batch.status, job.status, job.attempts) == ("queued", "queued", 0)
    # Later the sweeper sends it again (here the test runs it in place of the worker).
    assert runner.execute(job.pk, heartbeat=False).status == Job.Status.SUCCEEDED


@pytest.mark.django_db(transaction=True)
def test_two_copies_confirmed_at_once_import_once(world, content, english, quiet_broker):
    helpers.require_services(redis=False)
    batches = [upload(world, content), upload(world, content)]
    barrier, outcomes = threading.Barrier(2), []

    def confirm(batch):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):  # a thread starts in the default language
                imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
            outcomes.append("ok")
        except ValidationError as exc:
            with translation.override("en"):
                outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(b,)) for b in batches]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=30)
    assert sorted(outcomes) == [ALREADY_RUNNING, "ok"]
    job = Job.objects.get(kind=imports.IMPORT_JOB)
    assert runner.execute(job.pk, heartbeat=False).status == Job.Status.SUCCEEDED
    assert sorted(ImportBatch.objects.values_list("status", flat=True)) == ["done", "previewed"]
    assert Member.objects.filter(full_name__in=[r[0] for r in ROWS]).count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_process_killed_inside_the_import_writes_nothing(world, content, quiet_broker, tmp_path):
    helpers.require_services(redis=False)
    batch = upload(world, content)
    other = upload(world, member_file([["Kha Văn Tú", "Nam", "", "001080000999"]]))
    imports.batch_confirm(actor=world.officer_union_a1, batch=batch)
    job = Job.objects.get(kind=imports.IMPORT_JOB)
    before = Member.objects.count()
    written = Gate("import.written", tmp_path)  # never opened: the process dies there
    code = (
        "import django; django.setup(); from tests.checkpoints import install_from_environment; "
        f"install_from_environment(); from jobs.runner import execute; execute({job.pk})"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=helpers.ROOT,
        env=helpers.child_env(**written.env()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until(lambda: written.arrivals() or proc.poll() is not None, 20, "the import to write its rows")
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert helpers.inside_import_transaction()
        # The running import locks its own batch, not the union or the user: another confirmation goes through.
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # a regression fails here instead of waiting for ever
        try:
            imports.batch_confirm(actor=world.officer_union_a1, batch=other)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
        assert time.monotonic() - started < 2
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    # The rows were written but never committed; the job is left running, its heartbeat silent.
    assert Member.objects.count() == before
    batch.refresh_from_db()
    job.refresh_from_db()
    assert (batch.status, job.status, job.attempts) == ("queued", "running", 1)
    # PostgreSQL freed the dead session's lock, so the next attempt (the sweeper's) runs it whole.
    wait_until(lambda: not helpers.inside_import_transaction(), 10, "the dead session to go")
    assert runner.execute(job.pk, heartbeat=False).status == Job.Status.SUCCEEDED
    job.refresh_from_db()
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, job.attempts) == ("done", 3, 2)
    assert Member.objects.filter(full_name__in=[r[0] for r in ROWS]).count() == 3
