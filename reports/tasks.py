"""Celery entry points of reports: the report build is a job handler (user-visible, see jobs/registry.py);
the rest are thin maintenance tasks, each one call to a service."""

from celery import shared_task
from django.db import OperationalError

from jobs.registry import handler

from . import builder, services


def _build_failed(job):
    services.report_run_fail(job.args.get("run_id"), job.error)


@handler(services.BUILD_JOB, on_failure=_build_failed, queue="reports")
def run_build(run_id):
    return {"status": builder.build(run_id).status}


@shared_task
def schedule_reports(kind):
    """Beat entry point: the reports of the period that just ended (or is due) for every federation."""
    return services.reports_schedule(kind)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def refresh_rollups(paths):
    """After writes: recompute the rollups of the branches that changed."""
    from . import rollups

    return rollups.refresh(paths)


@shared_task(acks_late=True)
def rebuild_rollups():
    """Nightly: recompute the whole rollup table (also catches writes made outside the signals)."""
    from . import rollups

    return rollups.rebuild()
