import datetime

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from jobs import runner
from jobs.registry import handler
from unions.models import Organization, OrgKind

from . import builder, periods, services

FEDERATION_KINDS = [OrgKind.PROVINCIAL_FEDERATION, OrgKind.DISTRICT_FEDERATION, OrgKind.COMMUNE_UNION,
                    OrgKind.ZONE_UNION, OrgKind.SECTOR_UNION]


def _build_failed(job):
    """The job failed or gave up: the run says so instead of staying "being built"."""
    from .models import ReportRun

    (ReportRun.objects.filter(pk=job.args.get("run_id")).exclude(status=ReportRun.Status.DONE)
     .update(status=ReportRun.Status.FAILED, error=job.error[:2000]))


@handler(services.BUILD_JOB, on_failure=_build_failed)
def run_build(run_id):
    return {"status": builder.build(run_id).status}


@shared_task(bind=True, acks_late=True)
def build_report(self, run_id):
    """Builds one report through its job; redelivered after a crash, it starts the run again from scratch
    (transient database errors are retried by the job runner)."""
    from .models import ReportRun

    run = ReportRun.objects.get(pk=run_id)
    job = services.build_enqueue(run, send_after_commit=False) if run.status != ReportRun.Status.DONE else None
    if job is not None:
        runner.execute(job.pk, heartbeat=not self.request.is_eager)
    run.refresh_from_db()
    return run.status


@shared_task
def schedule_reports(kind):
    """Beat entry point: the period that just ended (or is due) for every federation."""
    today = timezone.localdate()
    if kind == "month":
        end = today.replace(day=1) - datetime.timedelta(days=1)
        period = periods.Period("range", end.replace(day=1), end)
        run_kind = "month"
    elif kind == "half":
        period, run_kind = periods.half(today.year, 1), "half"
    else:
        period, run_kind = periods.year(today.year), "year"
    ids = []
    for org in Organization.objects.active().filter(kind__in=FEDERATION_KINDS):
        ids.append(services.report_request(actor=None, organization=org, period=period, kind=run_kind,
                                           rebuild=True).pk)
    return ids


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
