import datetime

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from unions.models import Organization, OrgKind

from . import builder, periods, services

FEDERATION_KINDS = [OrgKind.PROVINCIAL_FEDERATION, OrgKind.DISTRICT_FEDERATION, OrgKind.COMMUNE_UNION,
                    OrgKind.ZONE_UNION, OrgKind.SECTOR_UNION]


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def build_report(run_id):
    """Builds one report; redelivered after a crash, it starts the run again from scratch."""
    run = builder.build(run_id)
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
