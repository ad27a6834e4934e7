import datetime

from django.db import transaction
from django.utils import timezone

from unions import access
from unions.models import Organization, OrgKind

from . import periods
from .models import ReportRun

FEDERATION_KINDS = [
    OrgKind.PROVINCIAL_FEDERATION,
    OrgKind.DISTRICT_FEDERATION,
    OrgKind.COMMUNE_UNION,
    OrgKind.ZONE_UNION,
    OrgKind.SECTOR_UNION,
]


@transaction.atomic
def report_request(*, actor, organization, period, kind=None, rebuild=False):
    """Ask for a report; one run per organisation and period. Rebuilding a finished one is explicit and logged."""
    if actor is not None:
        access.require(actor, access.READ, organization)
    kind = kind or (period.kind if period.kind in ReportRun.Kind.values else ReportRun.Kind.RANGE)
    run, created = ReportRun.objects.select_for_update().get_or_create(
        organization=organization,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        defaults={"requested_by": actor},
    )
    if not created and (rebuild or run.status == ReportRun.Status.FAILED):
        run.status, run.rebuilt_by = ReportRun.Status.PENDING, actor
        run.save(update_fields=["status", "rebuilt_by"])
    if run.status in (ReportRun.Status.PENDING, ReportRun.Status.FAILED):
        build_enqueue(run, actor)
    return run


BUILD_JOB = "reports.build"


def build_key(run):
    """One live build job per run and build generation: asking twice while it waits queues it once."""
    return f"{BUILD_JOB}:{run.pk}:{run.attempts}"


def build_enqueue(run, actor=None, send_after_commit=True):
    from jobs.services import job_enqueue

    return job_enqueue(
        kind=BUILD_JOB, args={"run_id": run.pk}, key=build_key(run), actor=actor, send_after_commit=send_after_commit
    )[0]


@transaction.atomic
def report_rebuild(*, actor, run):
    """Closed periods stay frozen until staff rebuild them; who did it is recorded."""
    access.require(actor, access.REPORT_BUILD, run.organization)
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    run.status, run.rebuilt_by = ReportRun.Status.PENDING, actor
    run.save(update_fields=["status", "rebuilt_by"])
    build_enqueue(run, actor)
    return run


@transaction.atomic
def report_texts_save(*, actor, run, situation, assessment, direction):
    """The written sections of the báo cáo (I, III, IV); a rebuild keeps them. No counted row changes."""
    access.require(actor, access.REPORT_BUILD, run.organization)
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    run.situation, run.assessment, run.direction = situation, assessment, direction
    run.save(update_fields=["situation", "assessment", "direction"])
    return run


def reports_schedule(kind, *, today=None):
    """Queue the report of the period that just ended (month) or is due (half, year) for every active
    federation; the ids of their runs. A period already built is built again (the figures may have moved)."""
    today = today or timezone.localdate()
    if kind == "month":
        end = today.replace(day=1) - datetime.timedelta(days=1)
        period, run_kind = periods.Period("range", end.replace(day=1), end), "month"
    elif kind == "half":
        period, run_kind = periods.half(today.year, 1), "half"
    else:
        period, run_kind = periods.year(today.year), "year"
    return [
        report_request(actor=None, organization=org, period=period, kind=run_kind, rebuild=True).pk
        for org in Organization.objects.active().filter(kind__in=FEDERATION_KINDS)
    ]


def report_run_fail(run_id, error):
    """The build job failed or gave up: the run says so instead of staying "being built"."""
    return (
        ReportRun.objects.filter(pk=run_id)
        .exclude(status=ReportRun.Status.DONE)
        .update(status=ReportRun.Status.FAILED, error=error[:2000])
    )
