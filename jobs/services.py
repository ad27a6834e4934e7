"""Enqueueing jobs and sweeping the ones whose worker went silent."""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .locks import lock_is_held
from .models import Job
from .runner import _give_up, stale_before

log = logging.getLogger(__name__)
LIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def send(job_id, kind, countdown=None):
    """Put the job on its kind's queue. If the broker is down the job stays queued and the sweeper sends it later."""
    from .registry import queue_for
    from .tasks import run_job

    options = {"countdown": countdown, "queue": queue_for(kind)}
    if run_job.app.conf.task_always_eager:
        run_job.apply_async((job_id,), **options)  # in-process: let errors surface
        return
    try:
        run_job.apply_async((job_id,), **options)
    except Exception:
        log.exception("broker unavailable: job %s stays queued until the sweeper sends it", job_id)


def job_enqueue(*, kind, args, key="", actor=None, send_after_commit=True):
    """(job, created): a new queued job sent after commit, or the live job that already holds the key.
    A task that runs the job itself passes send_after_commit=False."""
    try:
        with transaction.atomic():
            job = Job.objects.create(kind=kind, args=args, key=key, created_by=actor, heartbeat_at=timezone.now())
    except IntegrityError:
        if not key:
            raise
        return Job.objects.exclude(status=Job.Status.FAILED).get(key=key), False
    if send_after_commit:
        transaction.on_commit(lambda: send(job.pk, kind))
    return job, True


def live_job(key):
    return Job.objects.exclude(status=Job.Status.FAILED).filter(key=key).first()


def sweep_stale(*, now=None):
    """Send again the jobs whose heartbeat stopped (worker killed, broker lost the message); give up after
    JOB_MAX_ATTEMPTS. A running job whose worker still holds its lock is left alone."""
    now = now or timezone.now()
    cutoff = stale_before(now)
    requeued, failed = [], []
    candidates = Job.objects.filter(status__in=LIVE, heartbeat_at__lt=cutoff).values_list("pk", flat=True)
    for pk in list(candidates[:500]):
        with transaction.atomic():
            job = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status__in=LIVE, heartbeat_at__lt=cutoff)
                .first()
            )
            if job is None or (job.status == Job.Status.RUNNING and lock_is_held(job.pk)):
                continue
            if job.attempts >= settings.JOB_MAX_ATTEMPTS:
                _give_up(
                    job, _("Gave up after %(n)s attempts: the worker stopped answering.") % {"n": job.attempts}, now
                )
                failed.append(job.pk)
                continue
            job.status, job.heartbeat_at = Job.Status.QUEUED, now
            job.save(update_fields=["status", "heartbeat_at"])
            transaction.on_commit(lambda pk=job.pk, kind=job.kind: send(pk, kind))
            requeued.append(job.pk)
    if requeued or failed:
        log.warning("sweeper: sent again %s, gave up %s", requeued, failed)
    return {"requeued": requeued, "failed": failed}


def export_request(*, actor, kind, params):
    """The job writing a list export for `actor` with the list's filters: a new one, or the one already running
    for the same user, list and filters (a second click, a reload). A finished one gives way to a new job,
    which reads the rows as they are now."""
    from . import exports

    args_params = {key: params.getlist(key) for key in params}
    key = exports.params_key(actor.pk, kind, args_params)
    Job.objects.filter(key=key, status=Job.Status.SUCCEEDED).update(key="")
    args = {"kind": kind, "user_id": actor.pk, "params": args_params, "token": secrets.token_hex(16)}
    job, _created = job_enqueue(kind=exports.KIND, args=args, key=key, actor=actor)
    return job


def exports_forget(*, now=None):
    """Delete export files older than EXPORT_KEEP_HOURS (they hold personal data); returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS)
    forgotten = 0
    old = Job.objects.filter(kind="jobs.export", status=Job.Status.SUCCEEDED, finished_at__lt=cutoff)
    for job in old.exclude(result__file="").iterator():
        result = dict(job.result or {})
        if result.get("file"):
            default_storage.delete(result["file"])
        Job.objects.filter(pk=job.pk).update(result={**result, "file": ""}, key="")
        forgotten += 1
    return forgotten
