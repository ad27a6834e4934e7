"""Running one job: claim it, keep its heartbeat while the work runs, record the outcome.

The handler's writes and the job's final status commit together, so a job marked succeeded always has
its output, and a worker that dies half-way leaves neither (the sweeper runs the job again).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .locks import job_lock
from .models import Job

log = logging.getLogger(__name__)
TRANSIENT = (OperationalError, InterfaceError)


class Heartbeat(threading.Thread):
    """Touches the job's heartbeat on its own connection every JOB_HEARTBEAT_SECONDS."""

    def __init__(self, job_id, attempt):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id, self.attempt = job_id, attempt
        self.period = settings.JOB_HEARTBEAT_SECONDS
        self._done = threading.Event()

    def run(self):
        try:
            while not self._done.wait(self.period):
                Job.objects.filter(pk=self.job_id, attempts=self.attempt, status=Job.Status.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # a missed beat only makes the sweeper look closer
            log.exception("heartbeat of job %s stopped", self.job_id)
        finally:
            connection.close()

    def stop(self):
        if self.is_alive():
            self._done.set()
            self.join()


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(job_id):
    """The job, now running under this attempt; None when there is nothing left to do."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.finished:
            return None
        now = timezone.now()
        if job.attempts >= settings.JOB_MAX_ATTEMPTS:
            _give_up(job, _("Gave up after %(n)s attempts.") % {"n": job.attempts}, now)
            return None
        job.status, job.attempts, job.worker = Job.Status.RUNNING, job.attempts + 1, worker_name()
        job.started_at = job.heartbeat_at = now
        job.save(update_fields=["status", "attempts", "worker", "started_at", "heartbeat_at"])
        return job


def _give_up(job, error, now):
    job.status, job.error, job.finished_at = Job.Status.FAILED, error, now
    job.save(update_fields=["status", "error", "finished_at"])
    hook = registry.find(job.kind)
    if hook is not None and hook.on_failure is not None:
        hook.on_failure(job)


def execute(job_id, *, heartbeat=True):
    """Run the job if nobody else is running it; returns the job as it stands afterwards."""
    with job_lock(job_id) as held:
        if not held:
            return Job.objects.get(pk=job_id)  # a live worker has it: this delivery is a duplicate
        job = _claim(job_id)
        if job is None:
            return Job.objects.get(pk=job_id)
        beat = Heartbeat(job.pk, job.attempts) if heartbeat else None
        if beat:
            beat.start()
        try:
            with transaction.atomic():
                outcome = registry.get(job.kind).func(**job.args)
                if beat:
                    beat.stop()
                _record(job, outcome)
        except Exception as exc:
            if beat:
                beat.stop()
            _after_error(job, exc)
            if not isinstance(exc, TRANSIENT):
                raise
        job.refresh_from_db()
        return job


def _record(job, outcome):
    now = timezone.now()
    fields = {"finished_at": now, "heartbeat_at": now}
    if isinstance(outcome, registry.Failed):
        fields.update(status=Job.Status.FAILED, error=outcome.error, result=outcome.result)
    else:
        fields.update(status=Job.Status.SUCCEEDED, error="", result=outcome)
    if not Job.objects.filter(pk=job.pk, attempts=job.attempts).update(**fields):
        raise RuntimeError(f"job {job.pk} was taken over by another attempt")
    hook = registry.find(job.kind)
    if fields["status"] == Job.Status.FAILED and hook.on_failure:
        job.refresh_from_db()
        hook.on_failure(job)


def _after_error(job, exc):
    """A transient error goes back to the queue (until the attempts run out); any other fails the job."""
    from .services import send

    log.exception("job %s (%s) attempt %s failed", job.pk, job.kind, job.attempts)
    transient = isinstance(exc, TRANSIENT) and job.attempts < settings.JOB_MAX_ATTEMPTS
    try:
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()  # reconnect if the error broke the connection
        with transaction.atomic():
            current = Job.objects.select_for_update().get(pk=job.pk)
            if current.attempts != job.attempts or current.finished:
                return
            now = timezone.now()
            if transient:
                current.status, current.heartbeat_at = Job.Status.QUEUED, now
                current.error = f"{exc.__class__.__name__}: {exc}"[:2000]
                current.save(update_fields=["status", "heartbeat_at", "error"])
                delay = min(60, 2**current.attempts)
                transaction.on_commit(lambda: send(current.pk, current.kind, countdown=delay))
            else:
                _give_up(current, f"{exc.__class__.__name__}: {exc}"[:2000], now)
    except TRANSIENT:
        log.exception("could not record the failure of job %s; the sweeper will find it", job.pk)


def stale_before(now=None):
    return (now or timezone.now()) - timedelta(seconds=settings.JOB_STALE_SECONDS)
